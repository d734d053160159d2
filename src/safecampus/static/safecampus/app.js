// Small behaviours without inline script (the CSP allows scripts from this site only).
document.addEventListener("change", (event) => {
  const el = event.target;
  if (el.classList && el.classList.contains("js-autosubmit") && el.form) el.form.submit();
});
document.addEventListener("submit", (event) => {
  // One submit per form: a second tap while the first is on its way does nothing.
  const form = event.target;
  if (form.method && form.method.toLowerCase() === "post" && !form.hasAttribute("hx-post")) {
    if (form.dataset.submitted === "1") { event.preventDefault(); return; }
    form.dataset.submitted = "1";
  }
});
