/* Interactive charts: the page already shows every number (static bars and a table), with or without
   JavaScript. When a reader reaches for a chart, load the site's own plotly.js once and draw it. */
(function () {
  "use strict";
  var me = document.currentScript;
  var src = me && me.getAttribute("data-plotly");
  var integrity = me && me.getAttribute("data-plotly-integrity");  // the page's CSP runs plotly.js by this hash
  var boxes = Array.prototype.slice.call(document.querySelectorAll(".chart-live[data-spec]"));
  if (!src || !boxes.length) return;
  var loading = null;
  function loadPlotly() {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = src;
        if (integrity) s.integrity = integrity;
        s.async = true;
        s.onload = function () { resolve(window.Plotly); };
        s.onerror = reject;
        document.head.appendChild(s);
      });
    }
    return loading;
  }
  function draw(box) {
    if (box.getAttribute("data-drawn")) return;
    box.setAttribute("data-drawn", "1");
    var spec = JSON.parse(box.getAttribute("data-spec"));
    loadPlotly().then(function (Plotly) {
      box.hidden = false;
      box.setAttribute("aria-hidden", "true");
      return Plotly.newPlot(box, spec.data, spec.layout, { responsive: true, displayModeBar: false });
    }).then(function () {
      box.closest(".chart").classList.add("is-live");
    }).catch(function () {
      box.hidden = true;
    });
  }
  // plotly.js (about 360 KB gzipped) is fetched only when a reader reaches for a chart — a pointer or a
  // finger over it, or keyboard focus inside it — so reading a page never costs it.
  boxes.forEach(function (b) {
    var fig = b.closest(".chart");
    var go = function () { draw(b); };
    ["pointerenter", "touchstart", "focusin", "click"].forEach(function (ev) {
      fig.addEventListener(ev, go, { once: true, passive: true });
    });
  });
})();
