// Timeline page: daily counts by quad class and individual events/deadlines (Plotly, served locally).
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("timeline-data").textContent);
  var QUAD = { 1: ["Verbal cooperation", "#0b7a5c"], 2: ["Material cooperation", "#1f5fa8"],
               3: ["Verbal conflict", "#b36b00"], 4: ["Material conflict", "#b42318"] };
  var layoutBase = { margin: { t: 10, r: 20, b: 40, l: 50 }, legend: { orientation: "h", y: -0.18 },
                     font: { family: "system-ui, sans-serif", size: 12 }, hovermode: "closest" };
  var config = { displaylogo: false, responsive: true };

  function articleUrl(articleId, ref) {
    return "/articles/" + encodeURIComponent(articleId) + "?focus=" + encodeURIComponent(ref) + "#focus";
  }

  var bars = [1, 2, 3, 4].map(function (q) {
    var rows = data.daily.filter(function (d) { return d.quad_class === q; });
    return { type: "bar", name: QUAD[q][0], x: rows.map(function (d) { return d.day; }),
             y: rows.map(function (d) { return d.events; }), marker: { color: QUAD[q][1] }, customdata: rows.map(function () { return q; }) };
  }).filter(function (t) { return t.x.length; });
  var daily = document.getElementById("daily");
  Plotly.newPlot(daily, bars, Object.assign({ barmode: "stack", yaxis: { title: { text: "events" } } }, layoutBase), config);
  daily.on("plotly_click", function (ev) {
    var p = ev.points[0];
    var params = new URLSearchParams(location.search);
    params.set("date_from", p.x.slice(0, 10));
    params.set("date_to", p.x.slice(0, 10));
    params.set("quad_class", p.customdata);
    params.delete("page");
    location.href = "/events?" + params.toString();
  });

  var traces = [1, 2, 3, 4].map(function (q) {
    var rows = data.points.filter(function (d) { return d.quad_class === q; });
    return { type: "scatter", mode: "markers", name: QUAD[q][0], x: rows.map(function (d) { return d.day; }),
             y: rows.map(function (d) { return d.goldstein; }), marker: { color: QUAD[q][1], size: 8, opacity: 0.75 },
             text: rows.map(function (d) { return (d.source || "?") + " → " + (d.target || "?") + ": " + d.cameo_name + " (" + d.modality + ")"; }),
             hovertemplate: "%{x}<br>%{text}<br>Goldstein %{y}<extra></extra>",
             customdata: rows.map(function (d) { return articleUrl(d.article_id, d.id); }) };
  }).filter(function (t) { return t.x.length; });
  if (data.deadlines.length) {
    traces.push({ type: "scatter", mode: "markers", name: "Deadline", x: data.deadlines.map(function (d) { return d.day; }),
                  y: data.deadlines.map(function () { return 11; }), marker: { symbol: "diamond", size: 11, color: "#a3168a" },
                  text: data.deadlines.map(function (d) { return d.text + " — " + d.about; }),
                  hovertemplate: "%{x}<br>%{text}<extra>deadline</extra>",
                  customdata: data.deadlines.map(function (d) { return articleUrl(d.article_id, d.id); }) });
  }
  var points = document.getElementById("points");
  Plotly.newPlot(points, traces, Object.assign({
    yaxis: { title: { text: "Goldstein score" }, range: [-11, 12], zeroline: true },
  }, layoutBase), config);
  points.on("plotly_click", function (ev) {
    var url = ev.points[0].customdata;
    if (typeof url === "string" && url.indexOf("/articles/") === 0) location.href = url;
  });
})();
