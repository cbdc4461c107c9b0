// What a load left behind: the paragraph's times, FCP, every response (the document first) as
// [url, transferSize, encodedBodySize, startTime, responseEnd], and the long tasks.
const B = window.__bench;
const nav = performance.getEntriesByType('navigation')[0];
const fcp = performance.getEntriesByName('first-contentful-paint')[0];
const res = performance.getEntriesByType('resource')
  .map(r => [r.name, r.transferSize, r.encodedBodySize, r.startTime, r.responseEnd]);
res.unshift([location.href, nav.transferSize, nav.encodedBodySize, 0, nav.responseEnd]);
return { found: B.found, painted: B.painted, clickAt: B.clickAt, text: B.text,
         fcp: fcp ? fcp.startTime : null, res, longtasks: B.longtasks,
         longtaskError: B.longtaskError || null, tap: B.tap || null };
