//! The shipped WebAssembly must run in the oldest engines we serve (WeChat's Chrome 86 XWeb,
//! iOS 14.5): every module is checked with wabt's `wasm-validate` and the features those engines
//! lack turned off (docs/reach.md).

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

/// Where scripts/env.sh puts the `wasm-validate` flags (the one place they are written).
pub const VALIDATE_FLAGS_VAR: &str = "NEWSFRONT_WASM_VALIDATE_FLAGS";

/// Validates every `.wasm` at the top of `dist`; returns how many.
pub fn validate_dist(dist: &Path) -> Result<usize> {
    let flags = std::env::var(VALIDATE_FLAGS_VAR).with_context(|| {
        format!(
            "${VALIDATE_FLAGS_VAR} is not set: build through scripts/trunk.sh or scripts/build.sh"
        )
    })?;
    let modules = modules(dist)?;
    for module in &modules {
        let out = Command::new("wasm-validate")
            .args(flags.split_whitespace())
            .arg(module)
            .output()
            .context("cannot run wasm-validate (Debian package wabt: scripts/setup.sh --nginx)")?;
        if !out.status.success() {
            bail!(
                "{} uses WebAssembly features that old WebViews lack:\n{}",
                module.display(),
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    Ok(modules.len())
}

fn modules(dist: &Path) -> Result<Vec<PathBuf>> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dist)
        .with_context(|| format!("reading {}", dist.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "wasm"))
        .collect();
    found.sort();
    Ok(found)
}
