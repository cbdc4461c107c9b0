// One look at the tapping page: where 分享 is (its centre, once it has a box) and what the tap
// probe has seen. Null while the new document has not started.
const B = window.__bench;
if (!B || !B.tap) return null;
let at = null;
if (arguments[0]) {
  const el = document.querySelector('.toolbar__share');
  if (el) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.height > 0) at = [r.left + r.width / 2, r.top + r.height / 2];
  }
}
const T = B.tap;
return { now: performance.now(), at, surfaceAt: T.surfaceAt, surfacePainted: T.surfacePainted,
         surfaceTap: T.surfaceTap, shown: B.surfaceShown() };
