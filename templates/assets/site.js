/* Small helpers on every page: "copy link" buttons and copyable anchors. No third-party code. */
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
})();
