// Shows the static "could not load" notice in #shell when the app's code fails to load (a 404
// after a redeploy, a wrong MIME type, a broken network) instead of leaving a blank skeleton.
// A file of its own, so the Content-Security-Policy needs no inline script. Once the app has
// mounted it removes #shell, and this script has nothing left to do.
(function () {
  "use strict";
  // A slow connection that has not failed yet also gets the notice (with a reload button).
  var GIVE_UP_MS = 30000;
  var started = false;

  function show() {
    var shell = document.getElementById("shell");
    var notice = document.getElementById("load-error");
    if (started || !shell || !notice) return;
    notice.hidden = false;
    shell.removeAttribute("aria-busy");
    shell.classList.add("shell--failed");
  }

  function whenReady(f) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", f);
    } else {
      f();
    }
  }

  // Engines without WebAssembly (very old WebViews, wasm disabled by policy) can never run
  // the app: say so at once, with a way out to the system browser.
  if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") {
    whenReady(function () {
      var shell = document.getElementById("shell");
      var notice = document.getElementById("no-wasm");
      var open = document.getElementById("no-wasm-open");
      if (!shell || !notice) return;
      if (open) open.href = location.href;
      notice.hidden = false;
      shell.removeAttribute("aria-busy");
      shell.classList.add("shell--failed");
    });
    started = true; // the generic notice would only repeat it
  }

  addEventListener("TrunkApplicationStarted", function () {
    started = true;
  });
  // Capture phase: failed <script>/<link rel=preload> loads do not bubble. A failed feed image
  // is the app's business, not a failed load of the app.
  addEventListener(
    "error",
    function (e) {
      var t = e.target;
      if (t && t.tagName && t.tagName !== "SCRIPT" && t.tagName !== "LINK") return;
      whenReady(show);
    },
    true
  );
  addEventListener("unhandledrejection", function () {
    whenReady(show);
  });
  setTimeout(function () {
    whenReady(show);
  }, GIVE_UP_MS);
  whenReady(function () {
    var button = document.getElementById("load-error-reload");
    if (button) {
      button.addEventListener("click", function () {
        location.reload();
      });
    }
  });
})();
