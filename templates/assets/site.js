/* Small helpers on every page: "copy link" buttons, the "show sources" switch, the active menu item
   in view. No third-party code. */
(function () {
  "use strict";
  function copy(text, button) {
    var done = function () {
      var label = button.textContent;
      button.textContent = button.getAttribute("data-done") || label;
      setTimeout(function () { button.textContent = label; }, 1600);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { window.prompt("", text); });
    } else {
      window.prompt("", text);
    }
  }
  Array.prototype.forEach.call(document.querySelectorAll(".copy-link[data-url]"), function (b) {
    b.hidden = false;
    b.addEventListener("click", function () { copy(b.getAttribute("data-url"), b); });
  });

  /* Paragraph and heading marks (¶, #, "source ¶p4-1") show on hover and focus; this one switch shows
     them all, and is remembered for the next page. Without storage (blocked in some in-app browsers)
     the switch still works on this page. */
  var KEY = "show-sources";
  var root = document.documentElement;
  var toggle = document.querySelector(".sources-toggle");
  function remembered() {
    try { return window.localStorage.getItem(KEY) === "1"; } catch (e) { return false; }
  }
  function remember(on) {
    try { window.localStorage.setItem(KEY, on ? "1" : "0"); } catch (e) { return; }
  }
  function show(on) {
    root.classList.toggle("show-sources", on);
    if (toggle) { toggle.setAttribute("aria-pressed", on ? "true" : "false"); }
  }
  if (toggle && document.querySelector(".para-link, .heading-anchor, .anchor, .tile-src, .chart-src, .src-link")) {
    toggle.hidden = false;
    show(remembered());
    toggle.addEventListener("click", function () {
      var on = !root.classList.contains("show-sources");
      show(on);
      remember(on);
    });
  }

  /* A link to a figure of a folded group of the overview opens that group (and printing opens them all). */
  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    var group = target && target.closest && target.closest("details");
    if (group) { group.open = true; target.scrollIntoView(); }
  }
  openTarget();
  window.addEventListener("hashchange", openTarget);
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details.fig-group, details.chart-table"), function (d) {
      d.open = true;
    });
  });

  /* The menu is a disclosure on a phone and always open wider; a browser that cannot show a closed <details>'
     content by CSS (::details-content) gets it opened here, and closed again when the screen narrows. */
  var details = document.querySelector(".nav-menu");
  var wide = window.matchMedia && window.matchMedia("(min-width: 48rem)");
  if (details && wide) {
    var sync = function () { if (wide.matches) { details.open = true; } };
    sync();
    if (wide.addEventListener) { wide.addEventListener("change", function (e) { details.open = e.matches; }); }
  }
})();
