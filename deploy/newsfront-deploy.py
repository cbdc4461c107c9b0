#!/usr/bin/env python3
"""Deployment steps for a built Newsfront dist/: CSP, loader extraction, compression, nginx config.

Subcommands (Python 3 standard library only; `compress` also runs the system `brotli`):

  finalize DIST      run by the trunk post_build hook after the feed is built and the pages are
                     prerendered: in index.html and every prerendered page, moves trunk's inline
                     module loader into a hashed file, so no inline script is left, inlines the
                     stylesheets, and writes the Content-Security-Policy meta tag computed from
                     DIST/feed/site.json, the feed and the inlined styles' hashes
  compress DIST      writes DIST/x.gz and DIST/x.br beside every large text or wasm asset
  csp DIST           prints the policy of a finalized DIST (for a host's header configuration)
  nginx-conf ...     renders deploy/nginx/newsfront.conf.template for a DIST and a public URL
"""

import argparse
import base64
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "nginx" / "newsfront.conf.template"

# Files at least this large get .gz/.br companions; smaller ones gain little.
COMPRESS_MIN_BYTES = 1024
COMPRESS_SUFFIXES = (".wasm", ".js", ".css", ".html", ".json", ".svg", ".txt")

META_MARKER = 'http-equiv="Content-Security-Policy"'
INLINE_MODULE = re.compile(r"<script type=\"?module\"?>(?P<body>.*?)</script>", re.S)
DEV_RELOAD_MARKER = "{{__TRUNK_ADDRESS__}}"
DATA_SCRIPT = re.compile(r'<script type="application/json" id="nf-data">[^<]*</script>')
STYLESHEET = re.compile(r'<link rel="stylesheet" href="(?P<href>[^"]+\.css)"[^>]*>')
PRERENDERED_MARKER = "shell--prerendered"
WASM_PRELOAD = re.compile(r'<link rel="preload" href="[^"]*_bg\.wasm"[^>]*>')
LOADER_INIT = "const wasm = await init("
# A prerendered page is readable without the app: the app starts once the page has loaded and
# its first contentful paint has happened, so its wasm does not compete with the page's own
# bytes, and the page's text, not the app's copy of it, is the largest contentful paint
# (issue 7). Without the Paint Timing API: one frame after load. A hidden tab paints nothing:
# the app starts there after 3 s.
DEFER_START = (
    "await new Promise((r) => document.readyState === 'complete' ? r()"
    " : addEventListener('load', () => r(), { once: true }));\n"
    "await new Promise((r) => {\n"
    "  setTimeout(r, 3000);\n"
    "  const types = (window.PerformanceObserver && PerformanceObserver.supportedEntryTypes) || [];\n"
    "  if (!types.includes('paint')) { requestAnimationFrame(() => setTimeout(r, 0)); return; }\n"
    "  new PerformanceObserver((list, obs) => {\n"
    "    if (list.getEntriesByName('first-contentful-paint').length) { obs.disconnect(); setTimeout(r, 0); }\n"
    "  }).observe({ type: 'paint', buffered: true });\n"
    "});\n"
)
# Keys of feed values that are image sources (site logo, article images, list thumbnails).
IMAGE_KEYS = {"src", "logo"}
# The only script hosts a feed may name: newsfront_core::share::WECHAT_SDK_HOSTS (https only).
WECHAT_SDK_HOSTS = ("res.wx.qq.com", "res2.wx.qq.com")


def fail(message):
    print(f"newsfront-deploy: {message}", file=sys.stderr)
    sys.exit(2)


def origin(url):
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}"


def image_origins(feed):
    """Origins of absolute image sources anywhere in the feed (relative ones are 'self')."""
    found = set()

    def walk(value):
        if isinstance(value, dict):
            for key, item in value.items():
                if key in IMAGE_KEYS and isinstance(item, str) and origin(item):
                    found.add(origin(item))
                else:
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for path in sorted(feed.rglob("*.json")):
        try:
            walk(json.loads(path.read_text(encoding="utf-8-sig")))
        except (OSError, ValueError) as e:
            fail(f"cannot read {path}: {e}")
    return sorted(found)


def policy(dist, style_hashes):
    """The Content-Security-Policy for a dist: exactly what the app loads; inline only the
    stylesheets finalize inlined, by hash."""
    feed = dist / "feed"
    site_path = feed / "site.json"
    try:
        site = json.loads(site_path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as e:
        fail(f"cannot read {site_path} (the feed hook runs first): {e}")
    scripts, connects = [], []
    comments = site.get("comments") or {}
    if comments.get("mode") == "waline" and origin(comments.get("server", "")):
        connects.append(origin(comments["server"]))
    wechat = (site.get("share") or {}).get("wechat")
    if wechat:
        sdk = urlsplit(wechat.get("sdk_url", ""))
        if sdk.scheme != "https" or sdk.netloc.lower() not in WECHAT_SDK_HOSTS:
            fail(f"share.wechat.sdk_url {wechat.get('sdk_url')!r} is not the official WeChat JS-SDK "
                 "(https://res.wx.qq.com/… or https://res2.wx.qq.com/…); refusing to allow it in script-src")
        scripts.append(f"https://{sdk.netloc.lower()}")
        if origin(wechat.get("sign_url", "")):
            connects.append(origin(wechat["sign_url"]))
    images = image_origins(feed)

    def directive(name, *sources):
        unique = list(dict.fromkeys(s for s in sources if s))
        return " ".join([name, *unique])

    return "; ".join(
        [
            "default-src 'none'",
            directive("script-src", "'self'", "'wasm-unsafe-eval'", *scripts),
            directive("style-src", "'self'", *style_hashes),
            directive("img-src", "'self'", *images),
            directive("connect-src", "'self'", *connects),
            "font-src 'self'",
            "manifest-src 'self'",
            "base-uri 'self'",
            "form-action 'self'",
            "object-src 'none'",
        ]
    )


def pages(dist):
    """index.html, then the fallback and the pages newsfront-prerender wrote."""
    found = [dist / "index.html"]
    if (dist / "app.html").is_file():
        found.append(dist / "app.html")
    for pattern in ("a/*/index.html", "c/*/index.html"):
        found.extend(sorted(dist.glob(pattern)))
    return found


def finalize(dist):
    csp = None
    for page in pages(dist):
        csp = finalize_page(dist, page, csp)


def finalize_page(dist, index, csp):
    """Finalizes one HTML page; returns the policy (computed once, for the first page)."""
    html = index.read_text(encoding="utf-8")
    if META_MARKER in html:
        fail(f"{index} is already finalized")
    public_url = os.environ.get("TRUNK_PUBLIC_URL") or base_href(html)
    # 0. The stylesheets go inline: a first paint then waits for no request but the page's
    # own (issue 7: one round trip, ~150 ms at the benchmark's latency). The policy allows
    # exactly these styles by hash.
    html, style_hashes = inline_stylesheets(dist, index, html, public_url)
    # 1. Trunk's loader is an inline <script type="module">: give it a hashed file of its own.
    # Prerendered pages share one deferred loader (DEFER_START) and drop the wasm preload.
    loaders = list(INLINE_MODULE.finditer(html))
    if len(loaders) != 1:
        fail(f"{index}: expected trunk's one inline module loader, found {len(loaders)}")
    body = loaders[0].group("body").strip() + "\n"
    if PRERENDERED_MARKER in html:
        if LOADER_INIT not in body:
            fail(f"{index}: trunk's loader has no `{LOADER_INIT}` to defer")
        body = body.replace(LOADER_INIT, DEFER_START + LOADER_INIT, 1)
        html, count = WASM_PRELOAD.subn("", html)
        if count != 1:
            fail(f"{index}: expected one wasm preload link, found {count}")
    digest = hashlib.sha256(body.encode()).hexdigest()[:16]
    name = f"newsfront-loader-{digest}.js"
    (dist / name).write_text(body, encoding="utf-8")
    tag = f'<script type="module" src="{public_url}{name}"></script>'
    html = html[: loaders[0].start()] + tag + html[loaders[0].end() :]
    # 2. The policy as a meta tag, before anything it governs. `trunk serve` injects an inline
    # live-reload script; a policy would block it, so dev builds served by trunk get none.
    if DEV_RELOAD_MARKER in html:
        print(f"newsfront-deploy: trunk serve build, no CSP meta tag in {index}", file=sys.stderr)
    else:
        csp = csp or policy(dist, style_hashes)
        missing = [h for h in style_hashes if h not in csp]
        if missing:
            fail(f"{index}: its inline styles differ from the first page's ({missing})")
        meta = f'<meta {META_MARKER} content="{csp}">'
        html, count = re.subn(r"(<meta charset=[^>]*>)", r"\1\n  " + meta, html, count=1)
        if count != 1:
            fail(f"{index}: no <meta charset> to put the CSP after")
    # A prerendered page's feed data is JSON, which no browser executes: the policy allows it.
    rest = re.sub(r"<script[^>]*\bsrc=[^>]*>\s*</script>", "", html)
    rest = re.sub(DATA_SCRIPT, "", rest)
    if DEV_RELOAD_MARKER not in html and re.search(r"<script\b", rest):
        fail(f"{index}: an inline <script> is left; the CSP would block it")
    index.write_text(html, encoding="utf-8")
    return csp


def inline_stylesheets(dist, index, html, public_url):
    """Replaces each trunk stylesheet link with a <style> of the file; returns the page and the
    CSP sources ('sha256-…') of the styles."""
    hashes = []

    def inline(match):
        href = match.group("href")
        if not href.startswith(public_url):
            fail(f"{index}: stylesheet {href} is not under {public_url}")
        path = dist / href[len(public_url) :]
        try:
            css = path.read_text(encoding="utf-8")
        except OSError as e:
            fail(f"{index}: cannot inline {href}: {e}")
        if "</" in css:
            fail(f"{path} contains '</', which would end an inline <style>")
        digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
        hashes.append(f"'sha256-{digest}'")
        return f"<style>{css}</style>"

    return STYLESHEET.sub(inline, html), hashes


def base_href(html):
    match = re.search(r'<base href="([^"]*)"', html)
    return match.group(1) if match else "/"


def read_csp(dist):
    html = (dist / "index.html").read_text(encoding="utf-8")
    match = re.search(META_MARKER + r'\s+content="([^"]*)"', html)
    if not match:
        fail(f"{dist / 'index.html'} has no CSP meta tag: build with trunk build (not serve)")
    return match.group(1)


def compress(dist):
    brotli = shutil.which("brotli")
    if not brotli:
        fail("the `brotli` tool is missing: run scripts/setup.sh --nginx (Debian package brotli)")
    count = 0
    for path in sorted(dist.rglob("*")):
        if not path.is_file() or path.suffix not in COMPRESS_SUFFIXES:
            continue
        if path.stat().st_size < COMPRESS_MIN_BYTES:
            continue
        data = path.read_bytes()
        # mtime=0: the same input always gives the same bytes.
        Path(f"{path}.gz").write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
        subprocess.run([brotli, "-q", "11", "-f", "-k", "-o", f"{path}.br", str(path)], check=True)
        count += 1
    print(f"newsfront-deploy: wrote .gz and .br for {count} files in {dist}", file=sys.stderr)


def nginx_conf(docroot, public_url, listen, csp):
    if not (public_url.startswith("/") and public_url.endswith("/")):
        fail(f"--public-url must start and end with '/': {public_url!r}")
    text = TEMPLATE.read_text(encoding="utf-8")
    for key, value in {
        "@LISTEN@": listen,
        "@DOCROOT@": str(docroot),
        "@PUBLIC_URL@": public_url,
        "@PUBLIC_URL_RE@": re.escape(public_url),
        "@CSP@": csp,
    }.items():
        text = text.replace(key, value)
    return text


def main():
    parser = argparse.ArgumentParser(prog="newsfront-deploy", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("finalize", "compress", "csp"):
        sub.add_parser(name).add_argument("dist", type=Path)
    conf = sub.add_parser("nginx-conf", help="print the nginx server config")
    conf.add_argument("--docroot", type=Path, required=True,
                      help="folder that holds the app at PUBLIC_URL (DOCROOT/news/index.html)")
    conf.add_argument("--public-url", default="/")
    conf.add_argument("--listen", default="80")
    args = parser.parse_args()
    if args.command == "finalize":
        finalize(args.dist)
    elif args.command == "compress":
        compress(args.dist)
    elif args.command == "csp":
        print(read_csp(args.dist))
    else:
        dist = args.docroot / args.public_url.strip("/")
        print(nginx_conf(args.docroot.resolve(), args.public_url, args.listen, read_csp(dist)))


if __name__ == "__main__":
    main()
