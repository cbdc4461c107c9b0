# Sourced by the other scripts: where the project's tools live and their pinned versions.
export NEWSFRONT_TOOLS="${NEWSFRONT_TOOLS:-$HOME/.local/share/newsfront-tools}"
export PATH="$HOME/.cargo/bin:$NEWSFRONT_TOOLS/node_modules/.bin:$PATH"
export TRUNK_VERSION_REQ='^0.21'
export BINARYEN_VERSION=132
# wasm-bindgen-cli must equal the wasm-bindgen in Cargo.lock exactly.
newsfront_wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, "", $0); print; exit }' "$(dirname "${BASH_SOURCE[0]}")/../Cargo.lock"
}
# Waline comment server for tests and `scripts/serve.sh --waline` (scripts/waline/install.sh).
export WALINE_VERSION=1.39.3
export WALINE_HOME="$NEWSFRONT_TOOLS/waline"
# The toolchain for the app's wasm (scripts/trunk.sh): nightly, for -Zbuild-std.
export NEWSFRONT_WASM_TOOLCHAIN="${NEWSFRONT_WASM_TOOLCHAIN:-nightly}"
# The parts of std it compiles for the MVP CPU (-Zbuild-std).
export NEWSFRONT_BUILD_STD=std,panic_abort
# What the shipped wasm must validate with (wabt): the features Chrome 86 and iOS 14.5 share.
export NEWSFRONT_WASM_VALIDATE_FLAGS="--disable-reference-types --disable-bulk-memory --disable-saturating-float-to-int --disable-simd"
