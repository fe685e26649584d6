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

  // Indexes of the rows of a column-wise table whose column `key` equals `value`.
  function where(table, key, value) {
    var out = [];
    table[key].forEach(function (v, i) { if (v === value) out.push(i); });
    return out;
  }
  function pick(table, key, rows) { return rows.map(function (i) { return table[key][i]; }); }

  var bars = [1, 2, 3, 4].map(function (q) {
    var rows = where(data.daily, "quad_class", q);
    return { type: "bar", name: QUAD[q][0], x: pick(data.daily, "day", rows), y: pick(data.daily, "events", rows),
             marker: { color: QUAD[q][1] }, customdata: rows.map(function () { return q; }) };
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

  var P = data.points, D = data.deadlines;
  var traces = [1, 2, 3, 4].map(function (q) {
    var rows = where(P, "quad_class", q);
    return { type: "scatter", mode: "markers", name: QUAD[q][0], x: pick(P, "day", rows), y: pick(P, "goldstein", rows),
             marker: { color: QUAD[q][1], size: 8, opacity: 0.75 },
             text: rows.map(function (i) { return (P.source[i] || "?") + " → " + (P.target[i] || "?") + ": " + P.cameo_name[i] + " (" + P.modality[i] + ")"; }),
             hovertemplate: "%{x}<br>%{text}<br>Goldstein %{y}<extra></extra>",
             customdata: rows.map(function (i) { return articleUrl(P.article_id[i], P.id[i]); }) };
  }).filter(function (t) { return t.x.length; });
  if (D.id.length) {
    traces.push({ type: "scatter", mode: "markers", name: "Deadline", x: D.day, y: D.day.map(function () { return 11; }),
                  marker: { symbol: "diamond", size: 11, color: "#a3168a" },
                  text: D.text.map(function (t, i) { return t + " — " + D.about[i]; }),
                  hovertemplate: "%{x}<br>%{text}<extra>deadline</extra>",
                  customdata: D.id.map(function (ref, i) { return articleUrl(D.article_id[i], ref); }) });
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
