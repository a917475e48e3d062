/* The search page: queries this language's Pagefind index (loaded from this site only) and lists
   pages with their matching sections. ?q= in the address runs a search, so results can be linked.
   A portal's search page merges its further bundles (data-merge) and names each result's report (data-reports:
   each report's folder -> its name). */
(function () {
  "use strict";
  var box = document.getElementById("search");
  if (!box) return;
  // The page's CSP runs Pagefind's script by 'strict-dynamic', which trusts only what a script inserted
  // itself: an import() inherits its script's "parser-inserted" mark. So the <script> tag of the page
  // loads this file once more, inserted from here (allowed by its hash), and that copy does the search.
  var me = document.currentScript;
  if (me && me.hasAttribute("defer")) {
    var again = document.createElement("script");
    again.src = me.src;
    again.integrity = me.integrity;
    document.head.appendChild(again);
    return;
  }
  var form = box.querySelector("form"), input = box.querySelector("input"), status = box.querySelector(".search-status");
  var list = box.querySelector(".search-results");
  var reports = JSON.parse(box.getAttribute("data-reports") || "null");
  var indexUrl = new URL(box.getAttribute("data-index"), window.location.href);
  var top = new URL("../", indexUrl).pathname;  // the folder above the bundle: results' paths start there
  function reportOf(url) {
    if (!reports) return "";
    var path = new URL(url, window.location.href).pathname;
    var folder = path.indexOf(top) === 0 ? path.slice(top.length).split("/")[0] : "";
    return Object.prototype.hasOwnProperty.call(reports, folder) ? reports[folder] : "";
  }
  var pagefind = null;  // noWorker: the pages' CSP allows no worker script (Pagefind then searches in this thread)
  function load() {
    if (!pagefind) {
      var src = indexUrl.href;
      var merge = JSON.parse(box.getAttribute("data-merge") || "[]");  // a portal's further bundles
      pagefind = import(src).then(function (pf) {
        return pf.options({ excerptLength: 24, noWorker: true }).then(function () {
          return Promise.all(merge.map(function (p) {
            return pf.mergeIndex(new URL(p, window.location.href).pathname, { excerptLength: 24 });
          }));
        }).then(function () { return pf; });
      });
    }
    return pagefind;
  }
  // An excerpt starts where a sentence, a clause or a list item starts: the words before the first delimiter
  // that precedes the match are a fragment of the sentence before ("）、三级联动…" reads "三级联动…").
  function trimmed(excerpt) {
    var at = excerpt.indexOf("<mark>");
    if (at <= 0) return excerpt;
    var head = excerpt.slice(0, at);
    var cut = Math.max.apply(null, ["。", "！", "？", "；", "，", "、", "：", ". ", "; ", ", "].map(function (d) {
      var i = head.lastIndexOf(d); return i < 0 ? -1 : i + d.length; }));
    return cut > 0 ? excerpt.slice(cut).replace(/^[\s）)”’]+/, "") : excerpt;
  }
  function el(tag, cls, html) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (html !== undefined) e.innerHTML = html;  // Pagefind's excerpts: escaped text with <mark>
    return e;
  }
  function show(results) {
    list.textContent = "";
    status.textContent = results.length ? box.getAttribute("data-count").replace("{n}", results.length) : box.getAttribute("data-none");
    results.forEach(function (r) {
      var li = el("li", "search-result");
      var h = el("h2", "search-result-title");
      var a = el("a");
      a.href = r.url;
      a.textContent = r.meta.title || r.url;
      h.appendChild(a);
      var report = reportOf(r.url);
      if (report) li.appendChild(el("p", "search-report")).textContent = report;
      li.appendChild(h);
      var subs = (r.sub_results || []).filter(function (s) { return s.url !== r.url; }).slice(0, 3);
      if (!subs.length) li.appendChild(el("p", "search-excerpt", trimmed(r.excerpt)));
      if (subs.length) {
        var ul = el("ul", "search-subs");
        subs.forEach(function (s) {
          var sli = el("li");
          var sa = el("a");
          sa.href = s.url;
          sa.textContent = s.title;
          sli.appendChild(sa);
          sli.appendChild(el("p", "search-excerpt", trimmed(s.excerpt)));
          ul.appendChild(sli);
        });
        li.appendChild(ul);
      }
      list.appendChild(li);
    });
  }
  function run(q) {
    q = (q || "").trim();
    if (!q) { list.textContent = ""; status.textContent = ""; return; }
    status.textContent = box.getAttribute("data-loading");
    load().then(function (pf) { return pf.search(q); })
      .then(function (s) { return Promise.all(s.results.slice(0, 10).map(function (r) { return r.data(); })); })
      .then(show)
      .catch(function () { status.textContent = box.getAttribute("data-none"); });
  }
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var q = input.value;
    history.replaceState(null, "", "?q=" + encodeURIComponent(q));
    run(q);
  });
  var q0 = new URLSearchParams(window.location.search).get("q");
  if (q0) { input.value = q0; run(q0); }
})();
