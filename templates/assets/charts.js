/* Interactive charts. The page already shows every chart, number and label (static bars and a table), with
   or without JavaScript. When a reader reaches for a bar or parts chart, load the site's own plotly.js once
   and lay Plotly's bars exactly over the static marks ([data-mark]): the chart looks the same and nothing
   moves (the Plotly box is absolutely positioned over the static chart, which keeps its place in the
   page); Plotly adds hover values and tap-to-highlight, and a tap shows under the chart what the static chart
   cannot: the figure's sentence in the article (its number marked), what its qualifier and role mean, its
   wording in the other language and the link to its paragraph. On a resize (a phone turned) the static chart
   reflows by itself and the bars are laid again from its new geometry. */
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
  // The static chart's marks in pixels of the chart body: x from its left, y from its top.
  function geometry(body) {
    var o = body.getBoundingClientRect();
    var marks = Array.prototype.slice.call(body.querySelectorAll(".chart-static [data-mark]"));
    return {
      w: Math.max(1, Math.round(o.width)), h: Math.max(1, Math.round(o.height)),
      bars: marks.map(function (m) {
        var r = m.getBoundingClientRect();
        return {base: r.left - o.left, x: r.width, y: r.top - o.top + r.height / 2, h: r.height};
      })
    };
  }
  function figure(spec, g, picked) {
    var t = Object.assign({}, spec.data[0], {
      base: g.bars.map(function (b) { return b.base; }),
      x: g.bars.map(function (b) { return b.x; }),
      y: g.bars.map(function (b) { return b.y; }),
      width: g.bars.map(function (b) { return b.h; })
    });
    var op = spec.data[0].marker.opacity;
    t.marker = Object.assign({}, spec.data[0].marker, {
      opacity: op.map(function (o, i) { return picked == null || picked === i ? o : o * 0.3; })
    });
    var layout = Object.assign({}, spec.layout, {width: g.w, height: g.h,
      xaxis: Object.assign({}, spec.layout.xaxis, {range: [0, g.w]}),
      yaxis: Object.assign({}, spec.layout.yaxis, {range: [g.h, 0]})});
    return {data: [t], layout: layout};
  }
  function draw(box) {
    if (box.getAttribute("data-drawn")) return;
    box.setAttribute("data-drawn", "1");
    var spec = JSON.parse(box.getAttribute("data-spec"));
    var body = box.parentNode;
    var chart = box.closest(".chart");
    var picked = null;
    var config = {responsive: false, displayModeBar: false, staticPlot: false, scrollZoom: false};
    function lay(Plotly) {
      var f = figure(spec, geometry(body), picked);
      return Plotly.react(box, f.data, f.layout, config);
    }
    function highlight(i) {  // a tap (or a click) picks one bar; the same tap again shows all
      picked = picked === i ? null : i;
      Array.prototype.forEach.call(body.querySelectorAll("[data-row]"), function (row) {
        row.classList.toggle("is-dim", picked !== null && String(picked) !== row.getAttribute("data-row"));
      });
      // what the chart cannot show: the picked figure's sentence, meaning, other language and source link
      Array.prototype.forEach.call(chart.querySelectorAll("[data-detail]"), function (d) {
        d.hidden = picked === null || String(picked) !== d.getAttribute("data-detail");
      });
      return lay(window.Plotly).then(function () {  // redrawing clears the hover: show the tapped value again
        if (picked !== null) window.Plotly.Fx.hover(box, [{curveNumber: 0, pointNumber: picked}]);
      });
    }
    loadPlotly().then(function (Plotly) {
      box.hidden = false;
      box.setAttribute("aria-hidden", "true");
      return lay(Plotly).then(function () {
        chart.classList.add("is-live");
        box.on("plotly_click", function (ev) { if (ev && ev.points && ev.points.length) highlight(ev.points[0].pointIndex); });
        var last = "";
        var redraw = function () {
          var g = body.getBoundingClientRect();
          // the window's width too: a breakpoint may move the marks inside a chart that keeps its size
          var key = Math.round(g.width) + "x" + Math.round(g.height) + "@" + window.innerWidth;
          if (key !== last) { last = key; lay(Plotly); }
        };
        if (window.ResizeObserver) new ResizeObserver(redraw).observe(body);
        window.addEventListener("resize", redraw);
      });
    }).catch(function () {
      box.hidden = true;
      chart.classList.remove("is-live");
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
