/* Interactive charts: the page already shows every number (static bars and tables). When a chart
   comes near the screen, load the site's own plotly.js once and draw the interactive version. */
(function () {
  "use strict";
  var me = document.currentScript;
  var src = me && me.getAttribute("data-plotly");
  var boxes = Array.prototype.slice.call(document.querySelectorAll(".chart-live[data-spec]"));
  if (!src || !boxes.length) return;
  var loading = null;
  function loadPlotly() {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = src;
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
  if (!("IntersectionObserver" in window)) { boxes.forEach(draw); return; }
  var io = new IntersectionObserver(function (entries) {
    entries.forEach(function (e) {
      if (e.isIntersecting) { io.unobserve(e.target.closest(".chart")); draw(e.target.closest(".chart").querySelector(".chart-live")); }
    });
  }, { rootMargin: "200px 0px" });
  boxes.forEach(function (b) { io.observe(b.closest(".chart")); });
})();
