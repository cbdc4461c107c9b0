// newsfront-bench: Pagefind's JS API (pagefind.js, not its UI) behind the contract the app's
// search route keeps: `ul[data-search-results]` with one `li > a[href]` per result,
// `[data-search-status]` with `data-state`, and `performance.mark('nf:search-painted')` in the
// frame after the results are in the DOM. Five results, with their titles (Pagefind's
// `data()`, one fragment each), as a results page shows them. `window.__nfSearch(q)` runs one
// query; what the policy blocked and what Pagefind warned is kept for the bench.
(function () {
  var status = document.querySelector('[data-search-status]');
  var list = document.querySelector('[data-search-results]');
  // This page is `{base}bench-pagefind/`: the site's base path is its parent.
  var here = document.currentScript.src;
  var base = new URL('..', here);
  var seen = (window.__nfSeen = { violations: [], console: [], workers: [] });
  document.addEventListener('securitypolicyviolation', function (e) {
    seen.violations.push(e.effectiveDirective + ' ' + e.blockedURI);
  });
  ['warn', 'error'].forEach(function (level) {
    var original = console[level];
    console[level] = function () {
      seen.console.push(level + ': ' + Array.prototype.join.call(arguments, ' '));
      return original.apply(console, arguments);
    };
  });
  // Pagefind's worker behind a wrapper (worker.js) that reports the worker's Resource Timing.
  var NativeWorker = window.Worker;
  var ports = [];
  window.Worker = function (url, options) {
    seen.workers.push(String(url));
    var wrapped = new URL('worker.js', here);
    wrapped.searchParams.set('src', new URL(url, location.href).href);
    var w = new NativeWorker(wrapped.href, options);
    var channel = new MessageChannel();
    // A worker that failed (blocked by the policy) fetched nothing: it has nothing to report.
    w.addEventListener('error', function (e) {
      seen.console.push('worker error: ' + e.message);
      ports.splice(ports.indexOf(channel.port1), 1);
    });
    w.postMessage({ __nfPort: channel.port2 }, [channel.port2]);
    ports.push(channel.port1);
    return w;
  };
  // Every worker's responses: [url, transferSize, wall-clock ms of the last byte].
  window.__nfWorkerTiming = function () {
    return Promise.all(ports.map(function (port) {
      return new Promise(function (resolve, reject) {
        port.onmessage = function (e) { resolve(e.data); };
        port.postMessage('timing');
        setTimeout(function () { reject(new Error('the worker did not report its timing')); }, 5000);
      });
    })).then(function (lists) { return [].concat.apply([], lists); });
  };
  var engine = null;
  function load() {
    if (engine) return Promise.resolve(engine);
    return import(base.href + 'pagefind/pagefind.js').then(function (pf) {
      // Result URLs are the indexed files' paths: under a sub-path they need the base.
      return pf.options({ baseUrl: base.pathname }).then(function () {
        engine = pf;
        return pf;
      });
    });
  }
  window.__nfSearch = function (q) {
    status.setAttribute('data-state', 'loading');
    status.textContent = '';
    list.textContent = '';
    load()
      .then(function (pf) { return pf.search(q); })
      .then(function (found) {
        return Promise.all(found.results.slice(0, 5).map(function (r) { return r.data(); }));
      })
      .then(function (top) {
        top.forEach(function (d) {
          var li = document.createElement('li');
          var a = document.createElement('a');
          a.href = d.url;
          a.textContent = (d.meta && d.meta.title) || d.url;
          li.appendChild(a);
          list.appendChild(li);
        });
        status.setAttribute('data-state', top.length ? 'done' : 'none');
        // As the app: the mark is for results painted, so a query with none has no mark.
        if (top.length) {
          requestAnimationFrame(function () { performance.mark('nf:search-painted'); });
        }
      })
      .catch(function (e) {
        status.setAttribute('data-state', 'problem');
        status.textContent = String((e && e.message) || e);
      });
  };
})();
