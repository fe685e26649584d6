// Actor network: a small force-directed layout drawn as SVG; nodes link to actor pages.
// Labels are set with textContent; nothing from the data becomes markup.
(function () {
  "use strict";
  var box = document.getElementById("network");
  if (!box) return;
  var data = JSON.parse(document.getElementById("network-data").textContent);
  var SVG = "http://www.w3.org/2000/svg";
  var W = box.clientWidth || 1000, H = box.clientHeight || 640;
  var nodes = data.nodes.map(function (n, i) {
    var a = 2 * Math.PI * i / data.nodes.length;
    return { id: n.id, name: n.name, events: n.events, x: W / 2 + W / 3 * Math.cos(a), y: H / 2 + H / 3 * Math.sin(a), vx: 0, vy: 0 };
  });
  var byId = {};
  nodes.forEach(function (n) { byId[n.id] = n; });
  var edges = data.edges.map(function (e) { return { s: byId[e.source], t: byId[e.target], n: e.events, g: e.goldstein }; });
  var maxN = Math.max.apply(null, edges.map(function (e) { return e.n; }).concat([1]));
  var maxW = Math.max.apply(null, nodes.map(function (n) { return n.events; }).concat([1]));

  function colour(g) {  // −10 red … 0 grey … +10 green
    if (g === null || g === undefined) return "#8a8f99";
    var t = Math.max(-1, Math.min(1, g / 10));
    var grey = [138, 143, 153], end = t < 0 ? [180, 35, 24] : [11, 122, 92], k = Math.abs(t);
    return "rgb(" + grey.map(function (c, i) { return Math.round(c + (end[i] - c) * k); }).join(",") + ")";
  }
  function radius(n) { return 5 + 14 * Math.sqrt(n.events / maxW); }

  // Layout: repulsion between all nodes, springs along edges, gentle pull to the centre.
  for (var step = 0; step < 400; step++) {
    var cool = 1 - step / 400;
    for (var i = 0; i < nodes.length; i++) {
      for (var j = i + 1; j < nodes.length; j++) {
        var a = nodes[i], b = nodes[j], dx = a.x - b.x, dy = a.y - b.y, d2 = dx * dx + dy * dy + 0.01;
        var f = 2200 / d2, d = Math.sqrt(d2);
        a.vx += f * dx / d; a.vy += f * dy / d; b.vx -= f * dx / d; b.vy -= f * dy / d;
      }
    }
    edges.forEach(function (e) {
      var dx = e.t.x - e.s.x, dy = e.t.y - e.s.y, d = Math.sqrt(dx * dx + dy * dy) + 0.01, f = (d - 110) * 0.02;
      e.s.vx += f * dx / d; e.s.vy += f * dy / d; e.t.vx -= f * dx / d; e.t.vy -= f * dy / d;
    });
    nodes.forEach(function (n) {
      n.vx += (W / 2 - n.x) * 0.004; n.vy += (H / 2 - n.y) * 0.004;
      n.x += Math.max(-20, Math.min(20, n.vx)) * cool; n.y += Math.max(-20, Math.min(20, n.vy)) * cool;
      n.x = Math.max(40, Math.min(W - 40, n.x)); n.y = Math.max(36, Math.min(H - 20, n.y));
      n.vx *= 0.5; n.vy *= 0.5;
    });
  }

  function make(tag, attrs, parent) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(node);
    return node;
  }
  var svg = make("svg", { viewBox: "0 0 " + W + " " + H, role: "group", "aria-label": "actors and their events" }, box);
  var defs = make("defs", {}, svg);
  var marker = make("marker", { id: "arrow", viewBox: "0 0 10 10", refX: "10", refY: "5", markerWidth: "9", markerHeight: "9", markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" }, defs);
  make("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: "#8a8f99" }, marker);
  var edgeLayer = make("g", {}, svg), nodeLayer = make("g", {}, svg);

  edges.forEach(function (e) {
    e.line = make("line", { stroke: colour(e.g), "stroke-width": (1 + 7 * e.n / maxN).toFixed(1), "stroke-opacity": "0.75", "marker-end": "url(#arrow)" }, edgeLayer);
    var title = make("title", {}, e.line);
    title.textContent = e.s.id + " → " + e.t.id + ": " + e.n + " events, mean Goldstein " + (e.g === null ? "–" : e.g);
  });
  nodes.forEach(function (n) {
    var link = make("a", { href: "/actors/" + encodeURIComponent(n.id), class: "node" }, nodeLayer);
    link.setAttribute("aria-label", n.name + " (" + n.id + "), " + n.events + " events");
    n.circle = make("circle", { r: radius(n).toFixed(1) }, link);
    n.label = make("text", { dy: "-" + (radius(n) + 4).toFixed(0), "text-anchor": "middle" }, link);
    n.label.textContent = n.id;
    var title = make("title", {}, link);
    title.textContent = n.name + " (" + n.id + "): " + n.events + " events";
    n.link = link;
  });

  function draw() {
    edges.forEach(function (e) {
      var dx = e.t.x - e.s.x, dy = e.t.y - e.s.y, d = Math.sqrt(dx * dx + dy * dy) || 1, r = radius(e.t) + 3;
      e.line.setAttribute("x1", e.s.x.toFixed(1)); e.line.setAttribute("y1", e.s.y.toFixed(1));
      e.line.setAttribute("x2", (e.t.x - dx / d * r).toFixed(1)); e.line.setAttribute("y2", (e.t.y - dy / d * r).toFixed(1));
    });
    nodes.forEach(function (n) {
      n.circle.setAttribute("cx", n.x.toFixed(1)); n.circle.setAttribute("cy", n.y.toFixed(1));
      n.label.setAttribute("x", n.x.toFixed(1)); n.label.setAttribute("y", n.y.toFixed(1));
    });
  }
  draw();

  // Drag to rearrange; a click without movement follows the link.
  var dragging = null, moved = false;
  function point(ev) {
    var p = svg.createSVGPoint(); p.x = ev.clientX; p.y = ev.clientY;
    return p.matrixTransform(svg.getScreenCTM().inverse());
  }
  nodes.forEach(function (n) {
    n.link.addEventListener("pointerdown", function (ev) { dragging = n; moved = false; ev.preventDefault(); });
    n.link.addEventListener("click", function (ev) { if (moved) ev.preventDefault(); });
  });
  svg.addEventListener("pointermove", function (ev) {
    if (!dragging) return;
    var p = point(ev);
    if (Math.abs(p.x - dragging.x) + Math.abs(p.y - dragging.y) > 2) moved = true;
    dragging.x = p.x; dragging.y = p.y; draw();
  });
  window.addEventListener("pointerup", function () { dragging = null; });
})();
