// Hazard analytics charts. The numbers come from a json_script tag (no inline script under the CSP).
(function () {
  "use strict";
  function draw() {
    const source = document.getElementById("hazard-chart-data");
    if (!source || typeof Chart === "undefined") return;
    const d = JSON.parse(source.textContent);
    const red = "#b02a37", amber = "#b76e00", grey = "#6c757d", green = "#198754", blue = "#0d6efd";
    const common = { responsive: true, maintainAspectRatio: false, animation: false };
    const byLevel = document.getElementById("chart-open");
    if (byLevel) {
      new Chart(byLevel, {
        type: "bar",
        data: { labels: d.schools, datasets: [
          { label: d.labels.general, data: d.general, backgroundColor: grey },
          { label: d.labels.major, data: d.major, backgroundColor: red },
        ] },
        options: { ...common, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true,
          ticks: { precision: 0 } } } },
      });
    }
    const overdue = document.getElementById("chart-overdue");
    if (overdue) {
      new Chart(overdue, {
        type: "bar",
        data: { labels: d.schools, datasets: [
          { label: d.labels.overdue, data: d.overdue, backgroundColor: amber },
          { label: d.labels.mean_days, data: d.mean_days, backgroundColor: blue },
        ] },
        options: { ...common, scales: { y: { beginAtZero: true } } },
      });
    }
    const trend = document.getElementById("chart-trend");
    if (trend) {
      new Chart(trend, {
        type: "line",
        data: { labels: d.months, datasets: [
          { label: d.labels.reported, data: d.reported, borderColor: red, backgroundColor: red, tension: 0.2 },
          { label: d.labels.closed, data: d.closed, borderColor: green, backgroundColor: green, tension: 0.2 },
        ] },
        options: { ...common, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
      });
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
