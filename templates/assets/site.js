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

  /* Where the menu scrolls sideways (narrow screens), bring the current page's item into view. */
  var menu = document.querySelector(".site-nav ul");
  var current = menu && menu.querySelector('[aria-current="page"]');
  if (current && menu.scrollWidth > menu.clientWidth) {
    menu.scrollLeft = current.offsetLeft - (menu.clientWidth - current.offsetWidth) / 2;
  }
})();
