// Newsfront's first stage: a few KB that make every control on the page work from the first
// paint, before (and without) the app's wasm, then start the app when it is needed.
//
// It owns the small page behaviours that the Rust components only render the markup for, so each
// has one implementation whether the page was prerendered or rendered by the app: 分享 (WeChat
// guide, system share sheet or share panel, copy link), reading settings (Aa), tap to enlarge,
// 评论 and Top. What needs the app (加载更多 on a prerendered list) is held here, shown as
// pressed, and handed to the app once it runs (window.__nf.queue). Where the browser has service
// workers it registers the site's (boot/sw.js) once the page is idle, shows how old a list is
// that the worker served from its saved copies, and after a deploy makes the next link a whole
// page load of the new build (docs/offline.md). docs/performance.md explains the design; texts
// come from the markup (src/strings.rs), never from here.
//
// ES5 on purpose: the no-WebAssembly notice must also show in engines too old for the app.
(function () {
  "use strict";
  var doc = document;
  var root = doc.documentElement;
  var me = doc.currentScript;
  var appUrl = me && me.getAttribute("data-app");
  // "now": nothing to show without the app (app.html); "idle": a prerendered list, the app
  // starts once the page is idle; "demand": a prerendered article, the app starts only for
  // what needs it (live comments, the WeChat share card); "static": a saved copy the service
  // worker served offline without the app at hand, started only by a tap that needs it.
  var mode = (me && me.getAttribute("data-start")) || "now";
  var nf = (window.__nf = window.__nf || { queue: [] });
  var GIVE_UP_MS = 30000;
  var TOP_AFTER = 400;
  var FONT_KEY = "nf.font";
  var THEME_KEY = "nf.theme";
  // The worker's updates are looked for at most this often (a tap on a link, a return to the tab).
  var UPDATE_EVERY_MS = 60000;

  function $(sel, from) {
    return (from || doc).querySelector(sel);
  }
  function $$(sel, from) {
    return Array.prototype.slice.call((from || doc).querySelectorAll(sel));
  }
  function closest(el, sel) {
    if (el && el.closest) return el.closest(sel);
    while (el && el.nodeType === 1) {
      if (el.matches ? el.matches(sel) : el.webkitMatchesSelector(sel)) return el;
      el = el.parentNode;
    }
    return null;
  }
  function whenReady(f) {
    if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", f);
    else f();
  }
  function store(key, value) {
    try {
      if (value === undefined) return localStorage.getItem(key);
      localStorage.setItem(key, value);
    } catch (e) {
      /* storage blocked: the choice lasts for this page */
    }
    return null;
  }
  var hasWasm = typeof WebAssembly === "object" && typeof WebAssembly.instantiate === "function";

  // ---- reading preferences: applied before anything else, remembered in localStorage ----
  function applyPrefs() {
    var font = store(FONT_KEY);
    var theme = store(THEME_KEY);
    if (font && $('[data-font-step="' + font + '"]')) root.setAttribute("data-font", font);
    if (theme && $('[data-theme-choice="' + theme + '"]')) root.setAttribute("data-theme", theme);
  }

  // ---- dialogs: one open at a time; focus moves in, Tab stays inside, Escape closes ----
  var open = null; // { el, backdrop, opener, onClose, anyTapCloses }
  function focusables(el) {
    return $$("a[href], button:not([disabled]), [tabindex]:not([tabindex='-1'])", el).filter(
      function (x) {
        return !closest(x, "[hidden]");
      }
    );
  }
  function openDialog(el, opener, backdrop, onClose) {
    if (!el) return false;
    closeDialog();
    el.hidden = false;
    if (backdrop) backdrop.hidden = false;
    open = {
      el: el,
      backdrop: backdrop,
      opener: opener,
      onClose: onClose,
      anyTapCloses: !backdrop
    };
    root.setAttribute("data-nf-busy", "");
    var first = el.getAttribute("tabindex") === "-1" ? el : focusables(el)[0];
    if (first) first.focus();
    return true;
  }
  function closeDialog() {
    if (!open) return;
    var o = open;
    open = null;
    o.el.hidden = true;
    if (o.backdrop) o.backdrop.hidden = true;
    if (o.onClose) o.onClose();
    root.removeAttribute("data-nf-busy");
    // The app waits for this before it takes over a prerendered page.
    doc.dispatchEvent(new Event("nf-idle"));
    if (o.opener && doc.contains(o.opener)) o.opener.focus();
  }
  nf.busy = function () {
    return open !== null;
  };

  function onKey(e) {
    if (!open) return;
    if (e.key === "Escape" || e.key === "Esc") {
      e.preventDefault();
      closeDialog();
    } else if (e.key === "Tab") {
      var items = focusables(open.el);
      if (!items.length) return;
      var first = items[0];
      var last = items[items.length - 1];
      var inside = open.el.contains(doc.activeElement);
      if (e.shiftKey && (doc.activeElement === first || !inside)) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && (doc.activeElement === last || !inside)) {
        e.preventDefault();
        first.focus();
      }
    }
  }

  // ---- toast ----
  var toastTimer = null;
  function toast(message) {
    var el = $(".toast");
    if (!el) {
      el = doc.createElement("div");
      el.className = "toast";
      el.setAttribute("role", "status");
      el.setAttribute("aria-live", "polite");
      doc.body.appendChild(el);
    }
    el.textContent = message;
    el.classList.add("toast--on");
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () {
      el.classList.remove("toast--on");
    }, 1800);
  }

  // ---- sharing ----
  function share(button) {
    var guide = $(".share-guide");
    if (/MicroMessenger/i.test(navigator.userAgent)) {
      // No page can open WeChat's own share sheet: point at its ··· menu.
      return openDialog(guide, button);
    }
    var panel = $(".share-panel");
    var showPanel = function () {
      button.setAttribute("aria-expanded", "true");
      openDialog(panel, button, $(".share-panel__backdrop"), function () {
        button.setAttribute("aria-expanded", "false");
      });
    };
    if (typeof navigator.share === "function") {
      var data = {
        title: button.getAttribute("data-title") || doc.title,
        text: button.getAttribute("data-text") || "",
        url: button.getAttribute("data-url") || location.href
      };
      var done;
      try {
        done = navigator.share(data);
      } catch (e) {
        return showPanel();
      }
      if (done && done.then) {
        done.then(null, function (e) {
          // The reader closed the sheet: nothing to show. Any other refusal: the panel.
          if (!e || e.name !== "AbortError") showPanel();
        });
      }
      return;
    }
    showPanel();
  }

  function copyLink(button) {
    var url = button.getAttribute("data-url") || location.href;
    var report = function (ok) {
      toast(button.getAttribute(ok ? "data-done" : "data-fail") || "");
      closeDialog();
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(url).then(
        function () {
          report(true);
        },
        function () {
          report(copyWithTextarea(url));
        }
      );
    } else {
      report(copyWithTextarea(url));
    }
  }
  function copyWithTextarea(text) {
    var area = doc.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "copy-buffer";
    doc.body.appendChild(area);
    area.select();
    var ok = false;
    try {
      ok = doc.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    doc.body.removeChild(area);
    return ok;
  }

  // ---- reading settings ----
  function settings(button) {
    var panel = doc.getElementById(button.getAttribute("aria-controls") || "settings-panel");
    if (open && open.el === panel) return closeDialog();
    syncChips();
    button.setAttribute("aria-expanded", "true");
    openDialog(panel, button, $(".settings__backdrop"), function () {
      button.setAttribute("aria-expanded", "false");
    });
  }
  function syncChips() {
    var font = root.getAttribute("data-font") || "m";
    var theme = root.getAttribute("data-theme") || "auto";
    $$("[data-font-step]").forEach(function (c) {
      c.setAttribute("aria-pressed", String(c.getAttribute("data-font-step") === font));
    });
    $$("[data-theme-choice]").forEach(function (c) {
      c.setAttribute("aria-pressed", String(c.getAttribute("data-theme-choice") === theme));
    });
  }
  function choose(chip) {
    var font = chip.getAttribute("data-font-step");
    var theme = chip.getAttribute("data-theme-choice");
    if (font) {
      root.setAttribute("data-font", font);
      store(FONT_KEY, font);
    }
    if (theme) {
      root.setAttribute("data-theme", theme);
      store(THEME_KEY, theme);
    }
    syncChips();
  }

  // ---- tap to enlarge ----
  function enlarge(button) {
    var box = $(".lightbox");
    var img = button.querySelector("img");
    if (!box || !img) return;
    var big = $(".lightbox__img", box);
    var caption = $(".lightbox__caption", box);
    big.src = button.getAttribute("data-full") || img.currentSrc || img.src;
    big.alt = img.alt;
    big.width = img.width;
    big.height = img.height;
    var figcaption = button.parentNode && $("figcaption", button.parentNode);
    caption.textContent = figcaption ? figcaption.textContent : "";
    caption.hidden = !figcaption;
    openDialog(box, button, null, function () {
      big.removeAttribute("src");
    });
  }

  // ---- 评论 and Top ----
  function toComments() {
    var section = doc.getElementById("comments");
    if (!section) return;
    try {
      section.scrollIntoView({ behavior: "smooth" });
    } catch (e) {
      section.scrollIntoView();
    }
  }
  var topShown = null;
  function updateTop() {
    var on = (window.pageYOffset || root.scrollTop) > TOP_AFTER;
    $$(".toolbar__top").forEach(function (b) {
      if (topShown === on && b.classList.contains("toolbar__top--on") === on) return;
      b.classList.toggle("toolbar__top--on", on);
      b.setAttribute("aria-hidden", String(!on));
      b.setAttribute("tabindex", on ? "0" : "-1");
    });
    topShown = on;
  }
  var topQueued = false;
  function onScroll() {
    if (topQueued) return;
    topQueued = true;
    requestAnimationFrame(function () {
      topQueued = false;
      updateTop();
    });
  }

  // ---- what needs the app: held, shown as pressed, handed over ----
  function hold(button, action) {
    if (button.getAttribute("aria-busy") === "true") return; // one tap is enough
    button.setAttribute("aria-busy", "true");
    button.classList.add("is-pending");
    var label = button.getAttribute("data-pending-label");
    if (label) button.textContent = label;
    nf.queue.push(action);
    startApp();
  }
  // The app calls this for each kind of action it can take over.
  nf.take = function (kind) {
    for (var i = 0; i < nf.queue.length; i++) {
      if (nf.queue[i].kind === kind) return nf.queue.splice(i, 1)[0];
    }
    return null;
  };

  function onClick(e) {
    if (e.defaultPrevented || e.button) return;
    var t = e.target;
    var el;
    if (closest(t, "[data-nf-ahead]")) return; // the app compiling its link handling, no reader
    if ((el = closest(t, "a[href]"))) followLink(el);
    if (open) {
      // A tap outside the open dialog (its backdrop) closes it; so does any tap on the
      // full-screen ones (WeChat guide, enlarged image).
      if (!open.el.contains(t) || open.anyTapCloses) return closeDialog();
      if ((el = closest(t, "[data-nf-copy]"))) return copyLink(el);
      if ((el = closest(t, "[data-nf-close]"))) return closeDialog();
      if ((el = closest(t, "[data-font-step],[data-theme-choice]"))) return choose(el);
      return; // links in a dialog (Weibo, QQ) open as links
    }
    if ((el = closest(t, "[data-nf-share]"))) return share(el);
    if ((el = closest(t, "[data-nf-settings]"))) return settings(el);
    if ((el = closest(t, "[data-nf-enlarge]"))) return enlarge(el);
    if ((el = closest(t, "[data-nf-comments]"))) return toComments();
    if ((el = closest(t, "[data-nf-top]"))) return window.scrollTo(0, 0);
    if ((el = closest(t, "[data-nf-reload]"))) return location.reload();
    // Before the app runs, a prerendered list's 加载更多 waits for it.
    if ((el = closest(t, "#shell [data-nf-more]"))) {
      e.preventDefault();
      return hold(el, { kind: "more", page: Number(el.getAttribute("data-nf-more")) });
    }
  }

  // A tap between a control's paint and this script's run found no listener. The page's inline
  // recorder (boot/early-taps.js, in every engine: WebKit does not focus a tapped button) kept
  // the clicks made until the listener below was added: the last one on a control is answered
  // now, once, through that listener; a link's was the browser's to follow. The share sheet
  // still accepts it: the tap's user activation lasts seconds.
  var EARLY_TAP =
    "[data-nf-share],[data-nf-settings],[data-nf-enlarge],[data-nf-comments],[data-nf-top]," +
    "[data-nf-more]";
  var earlyTaps = [];
  function takeEarlyTaps() {
    earlyTaps = window.__nfTaps || [];
    window.__nfTaps = null;
  }
  function honourEarlyTap() {
    var taps = earlyTaps;
    earlyTaps = [];
    for (var i = taps.length - 1; i >= 0; i--) {
      var el = closest(taps[i], EARLY_TAP);
      if (el && root.contains(el)) return el.click();
    }
  }

  // ---- offline reading and deploys: the service worker (boot/sw.js) ----
  var worker = null;
  var lastUpdate = 0;
  // A first visit costs the reader only sw.js: what the app needs to start offline is kept once
  // they read on (a link followed here, or a page the worker already served).
  var readingOn = false;
  var told = false;
  function registerWorker() {
    var sw = navigator.serviceWorker;
    if (!sw || !me || !me.src) return; // iOS WeChat and others: the site as it always was
    readingOn = !!sw.controller;
    // A newer build took over this page (not the first worker taking control): the app running
    // here is the old one, so links load whole pages of the new build from now on.
    var controlled = !!sw.controller;
    sw.addEventListener("controllerchange", function () {
      if (controlled) nf.stale = true;
      controlled = true;
    });
    // Beside this file: its scope is the site's public URL.
    sw.register(me.src.replace(/[^\/]*$/, "sw.js"), { updateViaCache: "none" }).then(
      function (reg) {
        worker = reg;
        lastUpdate = Date.now();
        if (running) tellWorker();
      },
      function () {
        /* refused (private mode, storage off): the site works without it */
      }
    );
  }
  function tellWorker() {
    if (told || !readingOn || !worker || root.getAttribute("data-nf-app") !== "full") return;
    told = true;
    navigator.serviceWorker.ready.then(function (reg) {
      if (reg.active) reg.active.postMessage({ type: "app-started" });
    });
  }
  // A tab open for hours learns of a deploy when the reader comes back or taps a link.
  function lookForUpdate() {
    if (!worker || Date.now() - lastUpdate < UPDATE_EVERY_MS) return;
    lastUpdate = Date.now();
    worker.update().then(null, function () {});
  }
  function followLink(a) {
    if (a.origin !== location.origin || a.target) return;
    readingOn = true;
    if (running) tellWorker();
    lookForUpdate();
    // The router leaves rel=external links to the browser: a whole page of the new build.
    if (nf.stale) a.setAttribute("rel", ((a.getAttribute("rel") || "") + " external").trim());
  }
  // A list the worker served from its saved copy: how old it is ("离线,显示 N 分钟前的内容").
  // The app's list view shows the same note from the same templates (src/strings.rs).
  function showSavedNote() {
    var at = Number(root.getAttribute("data-nf-saved"));
    if (!at) return;
    $$("[data-nf-saved-note]").forEach(function (el) {
      el.textContent = nf.savedText(el, at);
      el.hidden = false;
    });
  }
  nf.savedText = function (el, at) {
    var minutes = Math.max(1, Math.floor((Date.now() - at) / 60000));
    var n = minutes;
    var unit = "minutes";
    if (minutes >= 1440) {
      n = Math.floor(minutes / 1440);
      unit = "days";
    } else if (minutes >= 60) {
      n = Math.floor(minutes / 60);
      unit = "hours";
    }
    return (el.getAttribute("data-" + unit) || "").replace("{n}", n);
  };

  // ---- starting the app ----
  var started = false;
  var running = false;
  function notice(id) {
    var shell = doc.getElementById("shell");
    var el = doc.getElementById(id);
    if (running || !el) return;
    el.hidden = false;
    if (shell) {
      shell.removeAttribute("aria-busy");
      shell.classList.add("shell--failed");
    }
    $$(".is-pending").forEach(function (b) {
      b.classList.remove("is-pending");
      b.removeAttribute("aria-busy");
    });
  }
  function failed() {
    whenReady(function () {
      // Without WebAssembly the way out is this very page in the system browser.
      var open = doc.getElementById("no-wasm-open");
      if (open) open.href = location.href;
      notice(hasWasm ? "load-error" : "no-wasm");
    });
  }
  // The app calls this when a chunk it needs to start cannot be loaded.
  nf.failed = function () {
    running = false;
    failed();
  };
  function startApp() {
    if (started) return;
    started = true;
    // Only a saved list's 加载更多 starts the app on a saved copy: the app takes the list over.
    if (mode === "static") mode = "idle";
    if (!hasWasm || !appUrl) return failed();
    // An article page only mounts what needs the app into it; every other page is the app.
    root.setAttribute("data-nf-app", mode === "demand" ? "islands" : "full");
    setTimeout(function () {
      whenReady(function () {
        notice("load-error");
      });
    }, GIVE_UP_MS);
    // The loader module, and the wasm it fetches, are requested only now. A script element
    // rather than import(): this file must parse in engines that have neither.
    var loader = doc.createElement("script");
    loader.type = "module";
    loader.src = appUrl;
    loader.onerror = failed;
    doc.head.appendChild(loader);
  }
  nf.start = startApp;
  addEventListener("TrunkApplicationStarted", function () {
    running = true;
    root.setAttribute("data-nf-app-ready", "");
    var stale = doc.getElementById("load-error");
    if (stale) stale.hidden = true;
    tellWorker();
  });
  // Until the app runs, a failure to load or start it shows the reload notice: a script of the
  // app that fails to load (a 404 after a redeploy, offline) or an error while it starts.
  addEventListener(
    "error",
    function (e) {
      var t = e.target;
      if (!started || running) return;
      if (t === window || (t && (t.tagName === "SCRIPT" || t.tagName === "LINK"))) failed();
    },
    true
  );
  addEventListener("unhandledrejection", function () {
    if (started && !running) failed();
  });

  function afterPaint(f) {
    var go = function () {
      requestAnimationFrame(function () {
        setTimeout(f, 0);
      });
    };
    if (doc.readyState === "complete") go();
    else addEventListener("load", go);
  }
  // Once the browser reports the first contentful paint (at most 5 s on; at once where it
  // reports no paint timing). A frame's callbacks can run before its paint is presented, so
  // afterPaint alone does not order the app's requests after the text's paint.
  function afterText(f) {
    var perf = window.performance;
    var Observer = window.PerformanceObserver;
    var types = Observer && Observer.supportedEntryTypes;
    var painted = function () {
      return perf.getEntriesByName("first-contentful-paint").length > 0;
    };
    if (!types || types.indexOf("paint") < 0 || !perf || !perf.getEntriesByName || painted())
      return f();
    var done = false;
    var watch = null;
    var go = function () {
      if (done) return;
      done = true;
      if (watch) watch.disconnect();
      f();
    };
    try {
      watch = new Observer(function () {
        if (painted()) go();
      });
      watch.observe({ type: "paint", buffered: true });
    } catch (e) {
      return go();
    }
    setTimeout(go, 5000);
  }
  function whenIdle(f) {
    afterPaint(function () {
      if (window.requestIdleCallback) requestIdleCallback(f, { timeout: 2000 });
      else setTimeout(f, 200);
    });
  }
  // Live comments start the app when the reader is about to see them.
  function watchLiveComments() {
    var live = $("[data-nf-live]");
    if (!live) return;
    if (!window.IntersectionObserver) return whenIdle(startApp);
    var io = new IntersectionObserver(
      function (entries) {
        if (entries.some(function (x) { return x.isIntersecting; })) {
          io.disconnect();
          startApp();
        }
      },
      { rootMargin: "600px 0px" }
    );
    io.observe(live);
  }

  // WeChat on Android rescales pages by the reader's WeChat font setting; the site has its own
  // font-size switch, so pin WeChat's factor to 0 (its default) once its bridge is ready.
  function pinWechatFont() {
    var bridge = window.WeixinJSBridge;
    if (!bridge || typeof bridge.invoke !== "function") return;
    var pin = function () {
      bridge.invoke("setFontSizeCallback", { fontSize: 0 });
    };
    pin();
    // The reader may change the setting while the page is open.
    if (typeof bridge.on === "function") bridge.on("menu:setfont", pin);
  }

  applyPrefs();
  if (window.WeixinJSBridge) pinWechatFont();
  else doc.addEventListener("WeixinJSBridgeReady", pinWechatFont);
  takeEarlyTaps();
  doc.addEventListener("click", onClick);
  doc.addEventListener("keydown", onKey);
  addEventListener("scroll", onScroll, { passive: true });
  doc.addEventListener("visibilitychange", function () {
    if (doc.visibilityState === "visible") lookForUpdate();
  });
  whenReady(function () {
    applyPrefs();
    updateTop();
    showSavedNote();
    root.setAttribute("data-nf-ready", "");
    honourEarlyTap();
    // After the load, a frame, an idle moment and the first contentful paint: nothing of it
    // delays the text.
    whenIdle(function () {
      afterText(registerWorker);
    });
    if (mode === "now") startApp();
    else if (mode === "idle")
      whenIdle(function () {
        afterText(startApp);
      });
    else if (mode === "static") return;
    else {
      watchLiveComments();
      // The WeChat share card is set by the app; only WeChat readers need it.
      if ($("[data-nf-wechat-card]") && /MicroMessenger/i.test(navigator.userAgent)) {
        whenIdle(startApp);
      }
    }
  });
})();
