// eventwire pages: keyboard shortcut for search, and the article view's popovers and toggles.
// Everything read from the page is inserted with textContent, never as HTML.
(function () {
  "use strict";

  // "/" focuses the page's search field (unless typing somewhere already).
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "/" || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var t = ev.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable)) return;
    var field = document.querySelector("[data-shortcut='/']");
    if (field) { ev.preventDefault(); field.focus(); field.select(); }
  });

  var text = document.getElementById("article-text");
  var source = document.getElementById("details");
  var pop = document.getElementById("pop");
  if (!text || !source || !pop) return;
  var details = JSON.parse(source.textContent);
  var KIND = { actor: "Actor", time: "Time", quote: "Direct quote", claim: "Reported claim", event: "Event", deadline: "Deadline" };
  var pinned = null;

  function el(tag, cls, content) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (content !== undefined) node.textContent = content;
    return node;
  }

  function fill(refs) {
    pop.replaceChildren();
    refs.forEach(function (ref) {
      var d = details[ref];
      if (!d) return;
      var item = el("div", "item");
      item.appendChild(el("div", "kind", (KIND[d.kind] || d.kind) + " · " + ref));
      item.appendChild(el("div", "title", d.title));
      var dl = el("dl");
      d.rows.forEach(function (row) { dl.appendChild(el("dt", "", row[0])); dl.appendChild(el("dd", "", row[1])); });
      item.appendChild(dl);
      pop.appendChild(item);
    });
    return pop.childElementCount > 0;
  }

  function show(span) {
    var refs = (span.getAttribute("data-refs") || "").split(" ").filter(Boolean);
    // innermost annotations first: events and deadlines, then actors/times, then quotes
    var order = { event: 0, deadline: 1, actor: 2, time: 3, quote: 4, claim: 5 };
    refs.sort(function (a, b) { return (order[(details[a] || {}).kind] || 9) - (order[(details[b] || {}).kind] || 9); });
    if (!fill(refs)) return;
    pop.hidden = false;
    var r = span.getBoundingClientRect();
    var left = Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - pop.offsetWidth - 12);
    pop.style.left = Math.max(8, left) + "px";
    pop.style.top = (window.scrollY + r.bottom + 6) + "px";
  }

  function hide() { if (!pinned) pop.hidden = true; }

  function unpin() {
    if (pinned) pinned.classList.remove("active");
    pinned = null;
    pop.hidden = true;
  }

  text.addEventListener("mouseover", function (ev) {
    var span = ev.target.closest("[data-refs]");
    if (span && !pinned) show(span);
  });
  text.addEventListener("mouseout", function (ev) {
    if (ev.target.closest("[data-refs]")) hide();
  });
  text.addEventListener("click", function (ev) {
    var span = ev.target.closest("[data-refs]");
    if (!span) { unpin(); return; }
    unpin();
    pinned = span;
    span.classList.add("active");
    show(span);
  });
  text.addEventListener("focusin", function (ev) {
    var span = ev.target.closest("[data-refs]");
    if (span) { unpin(); show(span); }
  });
  text.addEventListener("focusout", function () { unpin(); });
  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape") unpin(); });

  // Side panel links: jump to the annotation and open its popover.
  function openRef(ref) {
    var anchor = document.getElementById("ann-" + ref);
    if (!anchor) return;
    var span = anchor.nextElementSibling;
    while (span && !span.hasAttribute("data-refs")) span = span.nextElementSibling;
    if (!span) return;
    span.scrollIntoView({ block: "center" });
    unpin();
    pinned = span;
    span.classList.add("active");
    show(span);
  }
  document.querySelectorAll("[data-ref]").forEach(function (link) {
    link.addEventListener("click", function (ev) {
      ev.preventDefault();
      history.replaceState(null, "", "#ann-" + link.getAttribute("data-ref"));
      openRef(link.getAttribute("data-ref"));
    });
  });

  // Highlight kind toggles.
  document.querySelectorAll("input[data-kind]").forEach(function (box) {
    box.addEventListener("change", function () {
      document.body.classList.toggle("hide-" + box.getAttribute("data-kind"), !box.checked);
    });
  });

  var focus = document.getElementById("focus");
  if (focus && location.hash === "#focus") focus.scrollIntoView({ block: "center" });
})();
