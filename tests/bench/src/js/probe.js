// Installed before any page script (Page.addScriptToEvaluateOnNewDocument): records long tasks
// from the start, and `watch(selector)` records when the first non-empty match that was not
// marked `data-bench-old` enters the DOM (`found`) and the frame after it was painted
// (`painted`: the second requestAnimationFrame runs once the first frame with it is out).
(() => {
  if (window.__bench) return;
  const B = window.__bench = { longtasks: [], found: null, painted: null, clickAt: null };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) B.longtasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) { B.longtaskError = String(e); }
  let mo = null;
  B.watch = (sel) => {
    B.found = null; B.painted = null;
    if (mo) mo.disconnect();
    const check = () => {
      if (B.found !== null) return;
      for (const p of document.querySelectorAll(sel)) {
        if (!p.hasAttribute('data-bench-old') && p.textContent.trim()) {
          B.found = performance.now();
          B.text = p.textContent.trim().slice(0, 40);
          mo.disconnect();
          requestAnimationFrame(() => requestAnimationFrame(() => { B.painted = performance.now(); }));
          return;
        }
      }
    };
    mo = new MutationObserver(check);
    mo.observe(document, { childList: true, subtree: true, characterData: true });
    check();
  };
  B.watch('.article__body p');
})();
