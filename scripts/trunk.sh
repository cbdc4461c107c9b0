#!/usr/bin/env bash
# Runs trunk with the wasm toolchain that reaches old WebViews (Chrome 86 in WeChat's Android
# XWeb, iOS 14.5 WKWebView): nightly with std rebuilt for the MVP CPU, so the module uses no
# reference types, bulk memory, non-trapping float-to-int or SIMD. See docs/reach.md.
# Every trunk build goes through here (serve, tests, release), so what is tested is what ships.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/env.sh"
export RUSTUP_TOOLCHAIN="$NEWSFRONT_WASM_TOOLCHAIN"
export CARGO_UNSTABLE_BUILD_STD="$NEWSFRONT_BUILD_STD"
# --emit-relocs: newsfront-site splits the module into lazily loaded chunks (docs/performance.md);
# --export-table: with the MVP CPU, the split main module would otherwise both import and define
# its function table, which wasm-bindgen refuses.
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Ctarget-cpu=mvp -Clink-args=--emit-relocs -Clink-arg=--export-table"
# Own target dir: nightly artifacts would otherwise evict stable ones (clippy, wasm tests).
export CARGO_TARGET_DIR="$root/target/mvp"
cd "$root"
exec trunk "$@"
