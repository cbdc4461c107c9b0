// Installed after probe.js in the browsers that tap 分享: records when the control first
// appears (in the DOM, then painted), the time of every tap the page has handled (the
// pointerdown's timeStamp: when the finger touched, however late the page got to it), and the
// first time a share surface is visible with the tap being answered. `rearm()` forgets a
// surface that came too late, so the next one is judged on its own.
(() => {
  const B = window.__bench;
  if (!B || B.tap) return;
  const T = B.tap = { ctrlFound: null, ctrlPainted: null, taps: [], surfaceAt: null,
                      surfacePainted: null, surfaceTap: null, surface: null,
                      systemShare: typeof navigator.share === 'function' };
  const CTRL = '.toolbar__share';
  const SURFACES = '.share-guide, .share-panel';
  let handled = null;
  const shown = (el) => {
    if (el.closest('[hidden]')) return false;
    const s = getComputedStyle(el);
    if (s.display === 'none' || s.visibility === 'hidden') return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const ctrl = new MutationObserver(() => {
    if (T.ctrlFound !== null || !document.querySelector(CTRL)) return;
    T.ctrlFound = performance.now();
    ctrl.disconnect();
    requestAnimationFrame(() => requestAnimationFrame(() => { T.ctrlPainted = performance.now(); }));
  });
  ctrl.observe(document, { childList: true, subtree: true });
  let mo = null;
  const check = () => {
    if (T.surfaceAt !== null) return;
    const el = Array.prototype.find.call(document.querySelectorAll(SURFACES), shown);
    if (!el) return;
    T.surfaceAt = performance.now();
    T.surface = el.classList.contains('share-guide') ? 'share-guide' : 'share-panel';
    T.surfaceTap = handled;
    mo.disconnect();
    mo = null;
    requestAnimationFrame(() => requestAnimationFrame(() => { T.surfacePainted = performance.now(); }));
  };
  addEventListener('pointerdown', (e) => {
    handled = e.timeStamp;
    T.taps.push(e.timeStamp);
    if (!mo && T.surfaceAt === null) {
      mo = new MutationObserver(check);
      mo.observe(document, { childList: true, subtree: true, attributes: true });
    }
  }, true);
  // A system share sheet is a share surface too; headless Chromium on Linux has none, so this
  // only matters if one appears.
  if (T.systemShare) {
    navigator.share = () => {
      if (T.surfaceAt === null) {
        T.surface = 'system share sheet';
        T.surfaceAt = T.surfacePainted = performance.now();
        T.surfaceTap = handled;
      }
      return Promise.resolve();
    };
  }
  B.rearm = () => { T.surfaceAt = T.surfacePainted = T.surfaceTap = null; };
  B.surfaceShown = () => Array.prototype.some.call(document.querySelectorAll(SURFACES), shown);
})();
