// Optional drawn signature: strokes on a canvas become a PNG data URI in the hidden field.
(function () {
  const pad = document.getElementById("sig-pad");
  const field = document.getElementById("id_signature");
  if (!pad || !field) return;
  const ctx = pad.getContext("2d");
  let drawing = false, drawn = false;
  function size() {
    const r = pad.getBoundingClientRect();
    pad.width = r.width; pad.height = r.height;
    ctx.lineWidth = 2.5; ctx.lineCap = "round"; ctx.strokeStyle = "#111";
  }
  function pos(e) { const r = pad.getBoundingClientRect(); return [e.clientX - r.left, e.clientY - r.top]; }
  size();
  pad.addEventListener("pointerdown", (e) => { drawing = true; ctx.beginPath(); ctx.moveTo(...pos(e)); pad.setPointerCapture(e.pointerId); });
  pad.addEventListener("pointermove", (e) => { if (!drawing) return; ctx.lineTo(...pos(e)); ctx.stroke(); drawn = true; });
  pad.addEventListener("pointerup", () => { drawing = false; if (drawn) field.value = pad.toDataURL("image/png"); });
  const clear = document.getElementById("sig-clear");
  if (clear) clear.addEventListener("click", () => { ctx.clearRect(0, 0, pad.width, pad.height); field.value = ""; drawn = false; });
})();
