/* The search page: Pagefind's UI over the index of this page's language; ?q= runs a search. */
(function () {
  "use strict";
  if (!window.PagefindUI || !document.getElementById("search")) return;
  var box0 = document.getElementById("search");
  // results link relative to the site root, so the site also works below a sub-path
  var base = new URL(box0.getAttribute("data-base") || "/", window.location.href).pathname;
  var ui = new window.PagefindUI({ element: "#search", showSubResults: true, showImages: false, resetStyles: false,
                                   baseUrl: base });
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) {
    ui.triggerSearch(q);
    var box = document.getElementById("site-search");
    if (box) box.value = q;
  }
})();
