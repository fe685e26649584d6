// Sources page: named vs anonymous attributions by month (Plotly from the installed package).
(function () {
  "use strict";
  var rows = JSON.parse(document.getElementById("sources-data").textContent);
  var months = rows.map(function (r) { return r.month; });
  var share = rows.map(function (r) { var n = r.named + r.anonymous; return n ? r.named / n : null; });
  Plotly.newPlot("monthly", [
    { type: "bar", name: "named", x: months, y: rows.map(function (r) { return r.named; }), marker: { color: "#0b7a5c" } },
    { type: "bar", name: "anonymous", x: months, y: rows.map(function (r) { return r.anonymous; }), marker: { color: "#6b3fb5" } },
    { type: "scatter", mode: "lines", name: "named share", x: months, y: share, yaxis: "y2", line: { color: "#1f2430", width: 2 } },
  ], {
    barmode: "stack", margin: { t: 10, r: 50, b: 40, l: 50 }, legend: { orientation: "h", y: -0.2 },
    yaxis: { title: { text: "attributions" } },
    yaxis2: { overlaying: "y", side: "right", range: [0, 1], tickformat: ".0%", showgrid: false },
    font: { family: "system-ui, sans-serif", size: 12 },
  }, { displaylogo: false, responsive: true });
})();
