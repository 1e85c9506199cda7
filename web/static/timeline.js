/* Zoomable SVG timeline for /timeline, written for this project (no library, no network).
 * It reads the server-rendered list (#timeline-list li.event, data-* attributes), so the page works without
 * JavaScript; this only adds the picture. Zoom: the + / - buttons, the mouse wheel, or drag to pan.
 * The visible window is kept in the address (zfrom, zto), so a zoomed view is a permalink too.
 * Text from the archive is only ever set with textContent, never parsed as HTML. */
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var DAY = 86400000;
  var LANES = [
    { name: "Letters and reports", events: ["letter_sent", "report_published"] },
    { name: "Commitments made", events: ["commitment_made"] },
    { name: "Due", events: ["commitment_due"] },
    { name: "Progress, met, restated, overdue", events: ["in_progress", "met", "restated", "overdue"] }
  ];
  var WIDTH = 960, LANE_H = 34, TOP = 26, LEFT = 170, RIGHT = 16;

  function parseDay(s) {
    var m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(s || "");
    if (!m) { return null; }
    return Date.UTC(+m[1], m[2] ? +m[2] - 1 : 0, m[3] ? +m[3] : 1);
  }
  function isoDay(t) { return new Date(t).toISOString().slice(0, 10); }
  function el(name, attrs, text) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }
  function laneOf(event) {
    for (var i = 0; i < LANES.length; i++) { if (LANES[i].events.indexOf(event) >= 0) { return i; } }
    return 0;
  }

  function init() {
    var chart = document.getElementById("timeline-chart");
    var list = document.getElementById("timeline-list");
    if (!chart || !list) { return; }
    var items = [];
    list.querySelectorAll("li.event").forEach(function (li) {
      var t = parseDay(li.getAttribute("data-date"));
      if (t === null) { return; }
      var link = li.querySelector("a.doc");
      var when = li.querySelector("time");
      var label = li.querySelector(".event-label");
      items.push({
        t: t, event: li.getAttribute("data-event"), thread: li.getAttribute("data-thread"),
        status: li.getAttribute("data-status"),
        title: (when ? when.textContent : "") + " " + (label ? label.textContent : "") + ": " +
               (link ? link.textContent : li.textContent).trim(),
        docHref: link ? link.getAttribute("href") : null
      });
    });
    if (!items.length) { return; }
    var params = new URLSearchParams(window.location.search);
    var minT = Math.min.apply(null, items.map(function (d) { return d.t; }));
    var maxT = Math.max.apply(null, items.map(function (d) { return d.t; }));
    var pad = Math.max((maxT - minT) * 0.03, 15 * DAY);
    var full = [minT - pad, maxT + pad];
    var view = [parseDay(params.get("zfrom")) || full[0], parseDay(params.get("zto")) || full[1]];
    if (view[1] - view[0] < 7 * DAY) { view = full.slice(); }

    var controls = document.createElement("div");
    controls.className = "timeline-controls";
    [["zoom-in", "+", "Zoom in"], ["zoom-out", "\u2212", "Zoom out"], ["zoom-reset", "All", "Show everything"]]
      .forEach(function (b) {
        var button = document.createElement("button");
        button.type = "button"; button.id = b[0]; button.textContent = b[1]; button.title = b[2];
        controls.appendChild(button);
      });
    var windowLabel = document.createElement("span");
    windowLabel.id = "timeline-window";
    controls.appendChild(windowLabel);
    var height = TOP + LANES.length * LANE_H + 10;
    var svg = el("svg", { id: "timeline-svg", viewBox: "0 0 " + WIDTH + " " + height, width: "100%",
                          role: "img", "aria-label": "Timeline of the events listed below" });
    chart.appendChild(controls);
    chart.appendChild(svg);
    chart.hidden = false;

    function x(t) { return LEFT + (t - view[0]) / (view[1] - view[0]) * (WIDTH - LEFT - RIGHT); }
    function tFromX(px) { return view[0] + (px - LEFT) / (WIDTH - LEFT - RIGHT) * (view[1] - view[0]); }
    function ticks() {
      var span = view[1] - view[0], out = [], d = new Date(view[0]);
      var months = span > 8 * 365 * DAY ? 24 : span > 3 * 365 * DAY ? 12 : span > 365 * DAY ? 3 : 1;
      var cur = Date.UTC(d.getUTCFullYear(), 0, 1);
      while (cur < view[1]) {
        if (cur >= view[0]) { out.push(cur); }
        var c = new Date(cur);
        cur = Date.UTC(c.getUTCFullYear(), c.getUTCMonth() + months, 1);
      }
      return { at: out, monthly: months < 12 };
    }
    function draw() {
      while (svg.firstChild) { svg.removeChild(svg.firstChild); }
      LANES.forEach(function (lane, i) {
        var y = TOP + i * LANE_H;
        svg.appendChild(el("rect", { x: 0, y: y, width: WIDTH, height: LANE_H, "class": "lane lane-" + i }));
        svg.appendChild(el("text", { x: 6, y: y + LANE_H / 2 + 4, "class": "lane-label" }, lane.name));
      });
      var tk = ticks();
      tk.at.forEach(function (t) {
        var px = x(t);
        svg.appendChild(el("line", { x1: px, x2: px, y1: TOP - 6, y2: height - 10, "class": "tick" }));
        svg.appendChild(el("text", { x: px + 2, y: TOP - 10, "class": "tick-label" },
                           tk.monthly ? isoDay(t).slice(0, 7) : isoDay(t).slice(0, 4)));
      });
      items.forEach(function (d) {
        if (d.t < view[0] || d.t > view[1]) { return; }
        var lane = laneOf(d.event);
        var href = d.thread ? "/archive/thread?thread_id=" + encodeURIComponent(d.thread) : d.docHref;
        var a = el("a", { href: href || "#", "class": "dot-link" });
        var dot = el("circle", { cx: x(d.t), cy: TOP + lane * LANE_H + LANE_H / 2, r: 5,
                                 "class": "dot ev-" + d.event + (d.status ? " status-" + d.status : ""),
                                 "data-thread": d.thread || "", "data-date": isoDay(d.t) });
        dot.appendChild(el("title", {}, d.title + (d.thread ? " (thread " + d.thread + ")" : "")));
        a.appendChild(dot);
        svg.appendChild(a);
      });
      windowLabel.textContent = isoDay(view[0]) + " to " + isoDay(view[1]);
    }
    function remember() {
      var p = new URLSearchParams(window.location.search);
      var whole = view[0] <= full[0] && view[1] >= full[1];
      if (whole) { p.delete("zfrom"); p.delete("zto"); }
      else { p.set("zfrom", isoDay(view[0])); p.set("zto", isoDay(view[1])); }
      var qs = p.toString();
      window.history.replaceState(null, "", window.location.pathname + (qs ? "?" + qs : ""));
      var form = document.getElementById("timeline-filters");
      if (form) {
        ["zfrom", "zto"].forEach(function (name) {
          var input = form.querySelector("input[name=" + name + "]");
          if (whole) { if (input) { input.remove(); } return; }
          if (!input) { input = document.createElement("input"); input.type = "hidden"; input.name = name; form.appendChild(input); }
          input.value = p.get(name);
        });
      }
    }
    function zoom(factor, centre) {
      var c = centre === undefined ? (view[0] + view[1]) / 2 : centre;
      var span = Math.min(Math.max((view[1] - view[0]) * factor, 7 * DAY), (full[1] - full[0]) * 4);
      var left = (c - view[0]) / (view[1] - view[0]);
      view = [c - span * left, c + span * (1 - left)];
      draw(); remember();
    }
    document.getElementById("zoom-in").addEventListener("click", function () { zoom(0.5); });
    document.getElementById("zoom-out").addEventListener("click", function () { zoom(2); });
    document.getElementById("zoom-reset").addEventListener("click", function () { view = full.slice(); draw(); remember(); });
    function svgX(evt) {
      var r = svg.getBoundingClientRect();
      return (evt.clientX - r.left) / r.width * WIDTH;
    }
    svg.addEventListener("wheel", function (evt) {
      evt.preventDefault();
      zoom(evt.deltaY < 0 ? 0.8 : 1.25, tFromX(svgX(evt)));
    }, { passive: false });
    var drag = null;
    svg.addEventListener("mousedown", function (evt) { drag = { x: svgX(evt), view: view.slice(), moved: false }; });
    window.addEventListener("mousemove", function (evt) {
      if (!drag) { return; }
      var dx = svgX(evt) - drag.x;
      if (Math.abs(dx) > 3) { drag.moved = true; }
      if (!drag.moved) { return; }
      var dt = dx / (WIDTH - LEFT - RIGHT) * (drag.view[1] - drag.view[0]);
      view = [drag.view[0] - dt, drag.view[1] - dt];
      draw();
    });
    window.addEventListener("mouseup", function () { if (drag && drag.moved) { remember(); } drag = null; });
    svg.addEventListener("click", function (evt) { if (drag && drag.moved) { evt.preventDefault(); } }, true);
    draw();
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
