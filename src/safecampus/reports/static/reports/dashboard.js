// Dashboard charts. Data comes from the page's json_script block (the CSP forbids inline scripts).
(function () {
  function draw() {
    const el = document.getElementById("dash-data");
    if (!el || typeof Chart === "undefined") return;
    const data = JSON.parse(el.textContent);
    const palette = ["#0b5c7d", "#dc3545", "#198754", "#e0a100", "#6f42c1"];
    const status = document.getElementById("chart-status");
    if (status && data.status) {
      new Chart(status, { type: "doughnut", data: { labels: data.status.labels, datasets: [{ data: data.status.data,
        backgroundColor: ["#198754", "#ffc107", "#adb5bd", "#dc3545", "#7a1620"] }] },
        options: { maintainAspectRatio: false, plugins: { legend: { position: "bottom" } } } });
    }
    const hazards = document.getElementById("chart-hazards");
    if (hazards && data.hazards) {
      new Chart(hazards, { type: "bar", data: { labels: data.hazards.labels, datasets: [{ data: data.hazards.data,
        backgroundColor: data.hazards.keys.map((l) => (l === "major" ? "#dc3545" : "#e0a100")) }] },
        options: { maintainAspectRatio: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } } });
    }
    const trends = document.getElementById("chart-trends");
    if (trends && data.trends) {
      new Chart(trends, { type: "line", data: { labels: data.trends.labels, datasets: data.trends.series.map((s, i) => ({
        label: s.label, data: s.data, borderColor: palette[i % palette.length], backgroundColor: palette[i % palette.length], tension: 0 })) },
        options: { maintainAspectRatio: false, plugins: { legend: { position: "bottom" } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } } });
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw); else draw();
})();
