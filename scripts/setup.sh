#!/usr/bin/env bash
# Installs what Newsfront needs and is missing; safe to run again (each step checks first).
# Usage: scripts/setup.sh [--browser] [--nginx] [--waline]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
want_browser=0; want_nginx=0; want_waline=0
for a in "$@"; do case "$a" in --browser) want_browser=1 ;; --nginx) want_nginx=1 ;; --waline) want_waline=1 ;; esac; done
say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding rust target wasm32-unknown-unknown"; rustup target add wasm32-unknown-unknown
fi

# The app's wasm is built by nightly with std rebuilt for the MVP CPU (scripts/trunk.sh).
wasm_tc="$NEWSFRONT_WASM_TOOLCHAIN"
if ! rustup run "$wasm_tc" rustc --version >/dev/null 2>&1; then
  say "installing the $wasm_tc toolchain (for -Zbuild-std)"
  rustup toolchain install "$wasm_tc" --profile minimal
fi
if ! rustup component list --toolchain "$wasm_tc" --installed 2>/dev/null | grep -q '^rust-src'; then
  say "adding rust-src to $wasm_tc"; rustup component add rust-src --toolchain "$wasm_tc"
fi
if ! rustup target list --toolchain "$wasm_tc" --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding wasm32-unknown-unknown to $wasm_tc"; rustup target add wasm32-unknown-unknown --toolchain "$wasm_tc"
fi

if ! trunk --version 2>/dev/null | grep -q '^trunk 0\.21\.'; then
  say "installing trunk 0.21 (first time: several minutes)"
  cargo install trunk --version "$TRUNK_VERSION_REQ" --locked
fi

[ -f Cargo.lock ] || cargo generate-lockfile
wbg="$(newsfront_wasm_bindgen_version)"
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $wbg"; then
  say "installing wasm-bindgen-cli $wbg (first time: a few minutes)"
  # --locked fails for 0.2.130: one locked dependency version is gone from the registry.
  cargo install wasm-bindgen-cli --version "=$wbg" --force
fi

# Builds run offline (scripts/trunk.sh), so every crate they compile must be here first: the
# workspace's, and those of the std that -Zbuild-std compiles for wasm32 (a fresh machine has
# neither; nothing else fetches std's).
fetch() { RUSTUP_TOOLCHAIN="$wasm_tc" cargo fetch --locked "$@"; }
fetch_std() { CARGO_UNSTABLE_BUILD_STD="$NEWSFRONT_BUILD_STD" fetch --target wasm32-unknown-unknown "$@"; }
if ! { fetch --offline && fetch_std --offline; } >/dev/null 2>&1; then
  say "fetching the crates for offline builds (the workspace's, and std's for -Zbuild-std)"
  fetch --quiet && fetch_std --quiet
fi

if ! wasm-opt --version 2>/dev/null | grep -q "version_$BINARYEN_VERSION"; then
  say "installing wasm-opt (npm binaryen@$BINARYEN_VERSION) into $NEWSFRONT_TOOLS"
  mkdir -p "$NEWSFRONT_TOOLS"
  npm install --prefix "$NEWSFRONT_TOOLS" --no-audit --no-fund "binaryen@$BINARYEN_VERSION"
fi

apt_pkgs=()
# Every build checks its wasm for old WebViews (newsfront-site post-build: wasm-validate).
command -v wasm-validate >/dev/null || apt_pkgs+=(wabt)
if [ "$want_browser" = 1 ]; then
  command -v chromium >/dev/null || apt_pkgs+=(chromium)
  command -v chromedriver >/dev/null || apt_pkgs+=(chromium-driver)
  # A CJK font, so screenshots of Chinese pages are readable.
  fc-list 2>/dev/null | grep -qi "WenQuanYi Micro Hei" || apt_pkgs+=(fonts-wqy-microhei)
fi
if [ "$want_nginx" = 1 ]; then
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || apt_pkgs+=(nginx)
fi
[ "${#apt_pkgs[@]}" -gt 0 ] && mapfile -t apt_pkgs < <(printf '%s\n' "${apt_pkgs[@]}" | sort -u)
if [ "${#apt_pkgs[@]}" -gt 0 ]; then
  say "installing Debian packages: ${apt_pkgs[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${apt_pkgs[@]}"
fi
# The sample site's photos (Debian mate-backgrounds): every build of the sample needs them.
scripts/photos.sh
# The Waline comment server (npm @waline/vercel) for the comments tests and serve.sh --waline.
if [ "$want_waline" = 1 ]; then scripts/waline/install.sh; fi
say "tools ready: $(trunk --version), $(wasm-bindgen --version), $(wasm-opt --version | head -n1)"
