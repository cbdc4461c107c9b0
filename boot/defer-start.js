await new Promise((r) => document.readyState === 'complete' ? r() : addEventListener('load', () => r(), { once: true }));
await new Promise((r) => {
  setTimeout(r, 3000);
  const types = (window.PerformanceObserver && PerformanceObserver.supportedEntryTypes) || [];
  if (!types.includes('paint')) { requestAnimationFrame(() => setTimeout(r, 0)); return; }
  new PerformanceObserver((list, obs) => {
    if (list.getEntriesByName('first-contentful-paint').length) { obs.disconnect(); setTimeout(r, 0); }
  }).observe({ type: 'paint', buffered: true });
});
