// newsfront-bench: Pagefind's own worker (the `src` in this script's query), loaded unchanged,
// plus one port through which the bench reads the worker's Resource Timing: what Pagefind
// fetches from its worker is not in the page's timeline. The port arrives before any message of
// Pagefind's and is kept from it.
self.addEventListener('message', function (e) {
  if (!e.data || !e.data.__nfPort) return;
  e.stopImmediatePropagation();
  var port = e.data.__nfPort;
  port.onmessage = function () {
    port.postMessage(performance.getEntriesByType('resource').map(function (r) {
      return [r.name, r.transferSize, performance.timeOrigin + r.responseEnd];
    }));
  };
});
importScripts(new URL(location.href).searchParams.get('src'));
