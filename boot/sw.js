// Newsfront's service worker: reading without a network, and deploys that never break an open tab.
//
// newsfront-site writes it into the dist as `sw.js` at the public URL (so its scope is the site,
// `/news/` included), with BUILD filled in: this build's hashed files, the feed format, and the
// site's `offline` settings from site.json. The first stage registers it once the page is idle,
// where the browser has service workers; without one the site works exactly as before.
// docs/offline.md explains every rule below and why.
//
// - Hashed files (the first stage, the app's modules and chunks, icons, the offline page) never
//   change: served from the cache when there, else fetched (and kept when they are this build's).
//   Installing takes the first stage (from the HTTP cache) and the app's files only where that
//   costs no download (other builds' caches, the HTTP cache); the rest is kept the first time
//   it is used. The offline page is fetched with the first page this worker serves, so a cold
//   load pays only for this script.
// - Pages and feed files: network first. A copy is kept of the home page, the categories and
//   the articles a reader opened, with their images, in a least-recently-used store bounded by
//   BUILD.articles and BUILD.maxBytes. Offline (or after WAIT_MS with no answer) the kept copy
//   is served, marked with the time it was saved; a page that was never kept gets the offline
//   page, a feed file a 503 the app shows as "offline".
// - A new build installs, takes over at once and keeps the previous build's cache, so a tab
//   still running the old app loads its own files; its pages are network first, so the next
//   page loaded is the new build's, never old HTML with new files.
"use strict";

const BUILD = "__NEWSFRONT_BUILD__";

const SCOPE = self.registration.scope;
const SCOPE_PATH = new URL(SCOPE).pathname;
const BUILD_CACHE = "nf-build-" + BUILD.version;
// Kept copies are in the feed's format: a build for another format starts afresh.
const SAVED_CACHE = "nf-saved-f" + BUILD.format;
const INDEX_URL = SCOPE + "__nf/saved-index";
/// With a kept copy at hand, a network this slow is as good as none.
const WAIT_MS = 6000;
/// A network fetch is given up a little after the app gives up on it (its 15 s timeout), so a
/// hung request does not hold its connection, and the browser's cache lock on its URL, after the
/// page moved on (a retry would wait behind it).
const GIVE_UP_MS = 16000;
const HASHED = /^[^/]+-[0-9a-f]{8,16}(_bg)?\.(js|wasm|css|png|html)$/;

const abs = (name) => new URL(name, SCOPE).href;
const noop = () => {};

self.addEventListener("install", (event) => {
  event.waitUntil(install().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(activate().then(() => self.clients.claim()));
});

self.addEventListener("message", (event) => {
  // The app runs on this page: keep what it needs to start again offline.
  if (event.data && event.data.type === "app-started") event.waitUntil(keepAppShell());
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET") return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin || !url.pathname.startsWith(SCOPE_PATH)) return;
  const path = url.pathname.slice(SCOPE_PATH.length);
  let answer = null;
  if (req.mode === "navigate") {
    event.waitUntil(keepOfflinePage().catch(noop));
    answer = page(event, url, path);
  } else if (HASHED.test(path)) {
    answer = asset(event, url);
  } else if (path.startsWith("feed/")) {
    const what = feedFile(path);
    if (what) answer = what.image ? image(event, url) : feed(event, url, what);
  }
  // A fault of this worker (storage refused, a bug) must cost the reader nothing.
  if (answer) event.respondWith(answer.catch(() => fetch(req)));
});

// ---- this build's files ----

async function install() {
  const cache = await caches.open(BUILD_CACHE);
  // Every page needs these offline: fetched now if no cache has them.
  await Promise.all(
    BUILD.core.map(async (name) => {
      const url = abs(name);
      if (await cache.match(url)) return;
      const res = (await caches.match(url)) || (await fetch(url));
      if (!res.ok) throw new Error(name + ": HTTP " + res.status);
      await cache.put(url, res);
    })
  );
  await capture(cache);
}

/// The app's files at no download: from another build's cache (a hashed name is the same
/// bytes) or from the HTTP cache, where the page just loaded them.
async function capture(cache) {
  for (const name of BUILD.assets) {
    const url = abs(name);
    if (await cache.match(url)) continue;
    const res =
      (await caches.match(url)) ||
      (await fetch(url, { cache: "only-if-cached", mode: "same-origin" }).catch(noop));
    if (res && res.ok) await cache.put(url, res).catch(noop);
  }
}

async function activate() {
  if (self.registration.navigationPreload) {
    await self.registration.navigationPreload.enable().catch(noop);
  }
  const names = await caches.keys();
  // caches.keys() lists caches in the order they were made: the last other build is the
  // previous one, whose tabs may still be open.
  const builds = names.filter((n) => n.startsWith("nf-build-") && n !== BUILD_CACHE);
  const previous = builds[builds.length - 1];
  for (const n of names) {
    const oldBuild = n.startsWith("nf-build-") && n !== BUILD_CACHE && n !== previous;
    const oldFormat = n.startsWith("nf-saved-") && n !== SAVED_CACHE;
    if (oldBuild || oldFormat) await caches.delete(n);
  }
  // Kept pages of builds no cache holds any more would start without their files.
  const kept = [BUILD.version, previous && previous.slice("nf-build-".length)];
  await locked(async (ix, saved) => {
    for (const key of Object.keys(ix.entries)) {
      const e = ix.entries[key];
      if (e.page && kept.indexOf(e.pageBuild) < 0) {
        await forget(ix, saved, key, e.page);
        delete e.page;
      }
    }
  });
}

async function asset(event, url) {
  const hit = await caches.match(url.href);
  if (hit) return hit;
  const res = await fetch(event.request);
  const name = url.pathname.slice(SCOPE_PATH.length);
  if (res.ok && (BUILD.assets.indexOf(name) >= 0 || BUILD.core.indexOf(name) >= 0)) {
    const copy = res.clone();
    event.waitUntil(caches.open(BUILD_CACHE).then((c) => c.put(url.href, copy)).catch(noop));
  }
  return res;
}

/// The page shown for a page never kept, offline: fetched once, with the first page served.
async function keepOfflinePage() {
  const cache = await caches.open(BUILD_CACHE);
  const url = abs(BUILD.offline);
  if (await cache.match(url)) return;
  const res = (await caches.match(url)) || (await fetch(url));
  if (res.ok) await cache.put(url, res);
}

async function keepAppShell() {
  await keepOfflinePage().catch(noop);
  const cache = await caches.open(BUILD_CACHE);
  await capture(cache);
  const shell = abs(BUILD.shell);
  if (!(await cache.match(shell))) {
    const res = await fetch(shell, { cache: "no-cache" }).catch(noop);
    if (res && res.ok) await cache.put(shell, res);
  }
  const site = abs("feed/site.json");
  const saved = await caches.open(SAVED_CACHE);
  if (!(await saved.match(site))) {
    const res = await fetch(site).catch(noop);
    if (res && res.status === 200) await keep("site", "site", site, res);
  }
}

// ---- pages ----

/// The route a page path belongs to: an article, a list (home or a category), or none.
function routeOf(path) {
  const p = path.replace(/(^|\/)index\.html$/, "").replace(/\/$/, "");
  let m;
  if (p === "") return { kind: "list", key: "list:home", data: "feed/lists/home/1.json", path: "" };
  if ((m = /^c\/([a-z0-9-]+)$/.exec(p)))
    return { kind: "list", key: "list:c/" + m[1], data: "feed/lists/c/" + m[1] + "/1.json", path: p };
  if ((m = /^a\/([a-z0-9-]+)$/.exec(p)))
    return { kind: "article", key: "article:" + m[1], data: "feed/articles/" + m[1] + ".json", path: p };
  return null;
}

async function page(event, url, path) {
  const route = routeOf(path);
  const key = route ? abs(route.path) : null;
  // The request first, the look into the cache while it is out: a hit is only the fallback.
  const fetching = Promise.resolve(event.preloadResponse)
    .then((r) => r || fetch(event.request))
    .catch(noop);
  const saved = key ? await (await caches.open(SAVED_CACHE)).match(key) : null;
  if (route) {
    own(event.resultingClientId, route.key);
    event.waitUntil(
      fetching.then((res) => {
        const html = res && res.status === 200 && /^text\/html/.test(res.headers.get("content-type") || "");
        return html ? keep(route.key, route.kind, key, res.clone(), "page") : null;
      })
    );
  }
  const res = await within(fetching, saved ? WAIT_MS : 0);
  if (res) return res;
  if (saved) {
    touch(route.key);
    return savedPage(saved);
  }
  return (route && (await shellFor(route))) || offlinePage();
}

/// A kept page, marked with when it was saved (the first stage shows how old a list is), and
/// left static when the app it would start is not at hand.
async function savedPage(res) {
  let html = await res.text();
  html = html.replace("<html", '<html data-nf-saved="' + Number(res.headers.get("x-nf-saved")) + '"');
  const app = /data-app="([^"]+)"/.exec(html);
  if (app && !(await caches.match(new URL(app[1], SCOPE).href))) {
    html = html.replace(/data-start="(now|idle|demand)"/, 'data-start="static"');
  }
  return new Response(html, { headers: res.headers });
}

/// The app's shell for a route whose data is kept but whose page is not (it was opened in the
/// app): the app then reads the kept feed files.
async function shellFor(route) {
  const saved = await caches.open(SAVED_CACHE);
  const [shell, data, site] = await Promise.all([
    caches.match(abs(BUILD.shell), { cacheName: BUILD_CACHE }),
    saved.match(abs(route.data)),
    saved.match(abs("feed/site.json")),
  ]);
  const start = await caches.match(abs(BUILD.start), { cacheName: BUILD_CACHE });
  return shell && data && site && start ? shell : null;
}

async function offlinePage() {
  const res = await caches.match(abs(BUILD.offline), { cacheName: BUILD_CACHE });
  if (!res) return Response.error();
  return new Response(res.body, { status: 503, headers: res.headers });
}

// ---- feed files ----

/// What a feed path is: a list page, an article, its comments, the site file or an image.
function feedFile(path) {
  let m;
  if (path === "feed/site.json") return { kind: "site", key: "site" };
  if ((m = /^feed\/lists\/home\/\d+\.json$/.exec(path))) return { kind: "list", key: "list:home", page: "" };
  if ((m = /^feed\/lists\/c\/([a-z0-9-]+)\/\d+\.json$/.exec(path)))
    return { kind: "list", key: "list:c/" + m[1], page: "c/" + m[1] };
  if ((m = /^feed\/(articles|comments)\/([a-z0-9-]+)\.json$/.exec(path)))
    return { kind: "article", key: "article:" + m[2], page: "a/" + m[2] };
  if (path.startsWith("feed/images/")) return { image: true };
  return null;
}

async function feed(event, url, what) {
  const key = url.origin + url.pathname;
  if (what.kind !== "site") own(event.clientId, what.key);
  const fetching = network(event.request).catch(noop);
  const saved = await (await caches.open(SAVED_CACHE)).match(key);
  event.waitUntil(
    fetching.then((res) => (res && res.status === 200 ? keep(what.key, what.kind, key, res.clone()) : null))
  );
  const res = await within(fetching, saved ? WAIT_MS : 0);
  if (res) {
    if (res.status === 404 && saved) event.waitUntil(locked((ix, c) => forget(ix, c, what.key, key)));
    return res;
  }
  if (saved) {
    touch(what.key);
    return saved;
  }
  // The app shows this as offline; "page": the page itself is kept, so loading it shows it.
  const page = what.page !== undefined && (await (await caches.open(SAVED_CACHE)).match(abs(what.page)));
  return new Response("offline", {
    status: 503,
    headers: { "content-type": "text/plain", "x-nf-offline": page ? "page" : "miss" },
  });
}

async function image(event, url) {
  const key = url.origin + url.pathname;
  const hit = await (await caches.open(SAVED_CACHE)).match(key);
  if (hit) return hit;
  const res = await network(event.request);
  const owner = owners.get(event.clientId);
  if (owner && res.status === 200 && res.type === "basic") {
    event.waitUntil(keep(owner.key, owner.kind, key, res.clone()));
  }
  return res;
}

/// The network's answer to `req`, given up when the page gives up (its signal, where the
/// browser passes it on) or after GIVE_UP_MS.
function network(req) {
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), GIVE_UP_MS);
  if (req.signal) req.signal.addEventListener("abort", () => stop.abort());
  return fetch(new Request(req, { signal: stop.signal })).finally(() => clearTimeout(timer));
}

/// The response, or null when it failed or took longer than `ms` (0: as long as it takes; the
/// fetch goes on and its answer is still kept).
function within(fetching, ms) {
  if (!ms) return fetching.then((r) => r || null);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), ms);
    fetching.then((r) => {
      clearTimeout(timer);
      resolve(r || null);
    });
  });
}

// ---- the store of kept copies: which entry owns which URL, how big, when last used ----

/// Which entry a page (a client) is showing: its images belong to that entry.
const owners = new Map();
function own(clientId, key) {
  if (!clientId) return;
  owners.set(clientId, { key: key, kind: key.split(":")[0] });
}

let index = null;
let queue = Promise.resolve();

/// Runs `f(index, cache)` alone, then writes the index back.
function locked(f) {
  const run = queue.then(async () => {
    const saved = await caches.open(SAVED_CACHE);
    if (!index) {
      const res = await saved.match(INDEX_URL);
      index = (res && (await res.json().catch(noop))) || { entries: {} };
    }
    await f(index, saved);
    await saved.put(INDEX_URL, new Response(JSON.stringify(index)));
  });
  queue = run.catch(noop);
  return queue;
}

/// Keeps `res` as `url` of entry `key`, then evicts the least recently used entries until the
/// site's limits hold. `part` "page" records the page and the build it was written by.
async function keep(key, kind, url, res, part) {
  if (kind === "article" && BUILD.articles === 0) return;
  const body = await res.blob().catch(noop);
  if (!body) return;
  const headers = new Headers(res.headers);
  // The body is kept decoded.
  headers.delete("content-encoding");
  headers.delete("content-length");
  headers.set("x-nf-saved", String(Date.now()));
  await locked(async (ix, saved) => {
    await saved.put(url, new Response(body, { status: 200, headers: headers }));
    const e = ix.entries[key] || (ix.entries[key] = { kind: kind, urls: {} });
    e.urls[url] = body.size;
    e.used = Date.now();
    if (part === "page") {
      e.page = url;
      e.pageBuild = BUILD.version;
    }
    await evict(ix, saved);
  });
}

function touch(key) {
  return locked((ix) => {
    if (ix.entries[key]) ix.entries[key].used = Date.now();
  });
}

function size(e) {
  return Object.keys(e.urls).reduce((n, u) => n + e.urls[u], 0);
}

async function evict(ix, saved) {
  const lru = (kind) =>
    Object.keys(ix.entries)
      .filter((k) => ix.entries[k].kind !== "site" && (!kind || ix.entries[k].kind === kind))
      .sort((a, b) => ix.entries[a].used - ix.entries[b].used);
  const articles = lru("article");
  while (articles.length > BUILD.articles) await drop(ix, saved, articles.shift());
  const total = () => Object.keys(ix.entries).reduce((n, k) => n + size(ix.entries[k]), 0);
  const all = lru();
  while (total() > BUILD.maxBytes && all.length) await drop(ix, saved, all.shift());
}

async function drop(ix, saved, key) {
  for (const url of Object.keys(ix.entries[key].urls)) await forget(ix, saved, key, url);
  delete ix.entries[key];
}

/// Removes `url` from entry `key`, and from the cache unless another entry holds it too.
async function forget(ix, saved, key, url) {
  const e = ix.entries[key];
  if (e) delete e.urls[url];
  const shared = Object.keys(ix.entries).some((k) => k !== key && url in ix.entries[k].urls);
  if (!shared) await saved.delete(url);
}
