//! The app's wasm, split into lazily loaded chunks. trunk 0.21 cannot split, so this step
//! starts again from cargo's output (linked with `--emit-relocs` by scripts/trunk.sh) and replaces
//! trunk's wasm-bindgen output: the split (`wasm_split_cli_support`, which Leptos's split points
//! are made for), wasm-bindgen on the main module, wasm-opt on every module (release), and
//! content-hashed names. docs/performance.md explains what goes in which chunk.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, ensure, Context, Result};

use crate::hash::short_hex;

/// The file name stem of the app's modules (the cargo binary's name).
const STEM: &str = "newsfront";
/// The split loader's name while its hash is unknown: as long as the final name, so the main
/// module's import of it can be rewritten in place.
const LOADER_PLACEHOLDER: &str = "newsfront_split-xxxxxxxxxxxxxxxx.js";
/// Where the split loader gets the running instance's exports: the start module puts
/// wasm-bindgen's `initSync` there before it instantiates the app (see [`start_module`]), so the
/// loader need not import the main module by a name that would depend on the loader's own.
const INIT_SYNC_GLOBAL: &str = "globalThis.__nfInitSync";
/// The binaryen features the shipped modules may use: MVP plus the mutable globals the chunks
/// share with the main module (Chrome 74, iOS 13.4).
const WASM_OPT_FEATURES: [&str; 2] = ["--mvp-features", "--enable-mutable-globals"];
/// First line of the app's JS modules (wasm-bindgen's glue, the split loader): V8 (Chrome 136)
/// then compiles the whole file when it loads, off the main thread, rather than each function
/// on its first call, which for much of the glue is the tap on the first in-app link. Other
/// engines read a comment.
const COMPILE_EAGERLY: &str = "//# allFunctionsCalledOnLoad\n";

/// The app's files as written into the dist.
#[derive(Debug)]
pub struct AppFiles {
    /// wasm-bindgen's JS for the main module.
    pub main_js: String,
    pub main_wasm: String,
    /// The split loader and the chunks (empty when the app has no split points).
    pub loader: Option<String>,
    pub chunks: Vec<String>,
}

/// Splits `cargo_wasm` and writes the app's modules into `dist` under content-hashed names;
/// removes trunk's unsplit `newsfront-*.js` / `newsfront-*_bg.wasm`.
pub fn split_app(cargo_wasm: &Path, dist: &Path, release: bool) -> Result<AppFiles> {
    let input = fs::read(cargo_wasm).with_context(|| {
        format!(
            "reading cargo's wasm {} (scripts/trunk.sh builds it)",
            cargo_wasm.display()
        )
    })?;
    let work = tempfile::Builder::new()
        .prefix("newsfront-split-")
        .tempdir()
        .context("creating a temporary folder")?;
    let work = work.path();
    let main_split = work.join("main.wasm");
    let link_name = format!("./{LOADER_PLACEHOLDER}");
    let split = wasm_split_cli_support::transform({
        let mut o = wasm_split_cli_support::Options::new(&input);
        o.output_dir = work;
        o.main_out_path = &main_split;
        o.link_name = &link_name;
        // Unused: the loader's import of the main module is rewritten below.
        o.main_module = "./main.js";
        o
    })
    .map_err(|e| anyhow::anyhow!("splitting {}: {e:#}", cargo_wasm.display()))?;

    // Chunks first: the loader names them, the main module names the loader. The splitter writes
    // post-MVP sections (DataCount, new segment encodings) even for MVP input: wasm-opt rewrites
    // every chunk for old engines, in debug builds too (without its size passes there).
    let mut chunks = Vec::new();
    let mut loader_text = None;
    let loader_path = work.join(LOADER_PLACEHOLDER);
    if loader_path.is_file() && !split.split_modules.is_empty() {
        wasm_opt_all(&split.split_modules, release)?;
        let mut text = fs::read_to_string(&loader_path)?;
        for module in &split.split_modules {
            let bytes = fs::read(module)?;
            let file = module
                .file_name()
                .and_then(|f| f.to_str())
                .context("a chunk without a file name")?;
            let stem = file.trim_end_matches(".wasm");
            let name = format!("{STEM}_{stem}-{}_bg.wasm", short_hex(&bytes));
            let quoted = format!("\"./{file}\"");
            ensure!(
                text.contains(&quoted),
                "the split loader does not fetch {file}"
            );
            text = text.replace(&quoted, &format!("\"./{name}\""));
            fs::write(dist.join(&name), &bytes)?;
            chunks.push(name);
        }
        let text = patch_loader(&text)?;
        loader_text = Some(text);
    }
    let loader = match &loader_text {
        Some(text) => {
            let name = format!("{STEM}_split-{}.js", short_hex(text.as_bytes()));
            ensure!(name.len() == LOADER_PLACEHOLDER.len(), "loader name length");
            fs::write(dist.join(&name), text)?;
            let main = fs::read(&main_split)?;
            fs::write(
                &main_split,
                replace_bytes(&main, LOADER_PLACEHOLDER, &name)?,
            )?;
            Some(name)
        }
        None => None,
    };

    // The main module: bound by wasm-bindgen (keeping the table export the chunks import).
    let bound = work.join("bound");
    let status = Command::new("wasm-bindgen")
        .args([
            "--target",
            "web",
            "--keep-lld-exports",
            "--no-typescript",
            "--out-name",
            STEM,
            "--out-dir",
        ])
        .arg(&bound)
        .arg(&main_split)
        .status()
        .context("cannot run wasm-bindgen (scripts/setup.sh installs it)")?;
    ensure!(
        status.success(),
        "wasm-bindgen failed on the split main module"
    );
    let bound_wasm = bound.join(format!("{STEM}_bg.wasm"));
    if release {
        wasm_opt_all(std::slice::from_ref(&bound_wasm), release)?;
    }
    let wasm = fs::read(&bound_wasm)?;
    let main_wasm = format!("{STEM}-{}_bg.wasm", short_hex(&wasm));
    let js = format!(
        "{COMPILE_EAGERLY}{}",
        fs::read_to_string(bound.join(format!("{STEM}.js")))?
    );
    let main_js = format!("{STEM}-{}.js", short_hex(js.as_bytes()));
    let snippets = bound.join("snippets");
    ensure!(
        !snippets.exists(),
        "wasm-bindgen wrote snippets/, which this step does not copy yet"
    );

    remove_trunk_outputs(dist)?;
    fs::write(dist.join(&main_wasm), &wasm)?;
    fs::write(dist.join(&main_js), &js)?;
    Ok(AppFiles {
        main_js,
        main_wasm,
        loader,
        chunks,
    })
}

/// The module the first stage starts: it hands wasm-bindgen's `initSync` to the split loader,
/// instantiates the app, and tells the first stage it runs. Paths are relative to the module,
/// so the same file works under any public URL.
pub fn start_module(files: &AppFiles) -> String {
    format!(
        "import init, {{ initSync }} from './{js}';\n\
         {INIT_SYNC_GLOBAL} = initSync;\n\
         const wasm = await init({{ module_or_path: new URL('./{wasm}', import.meta.url) }});\n\
         dispatchEvent(new CustomEvent('TrunkApplicationStarted', {{ detail: {{ wasm }} }}));\n",
        js = files.main_js,
        wasm = files.main_wasm,
    )
}

/// The split loader as the splitter writes it, made to work here: it takes the running
/// instance's exports from [`INIT_SYNC_GLOBAL`] instead of importing the main module, and it
/// instantiates from an `ArrayBuffer` where `instantiateStreaming` is missing (iOS 14.5) or the
/// server sent the wrong type, with a clear error for a failed fetch.
fn patch_loader(text: &str) -> Result<String> {
    let import = "import { initSync } from \"./main.js\";\n";
    ensure!(
        text.matches(import).count() == 1,
        "the split loader's import of the main module changed"
    );
    let exports = "initSync(undefined, undefined)";
    ensure!(
        text.matches(exports).count() == 1,
        "the split loader's use of initSync changed"
    );
    let streaming = "WebAssembly.instantiateStreaming(src, imports)";
    let fetchers = text.matches("makeLoad(").count() - 1; // one is the definition
    ensure!(
        text.matches(streaming).count() == fetchers,
        "the split loader's chunk fetchers changed"
    );
    let text = text
        .replace(import, "")
        .replace(
            exports,
            &format!("{INIT_SYNC_GLOBAL}(undefined, undefined)"),
        )
        .replace(streaming, "nfInstantiate(src, imports)");
    Ok(format!(
        "{COMPILE_EAGERLY}{text}{}",
        include_str!("split_instantiate.js")
    ))
}

/// Replaces every occurrence of `from` in `bytes` by `to`, of the same length: the loader's name
/// is the import module of each chunk's load function in the main module.
fn replace_bytes(bytes: &[u8], from: &str, to: &str) -> Result<Vec<u8>> {
    ensure!(from.len() == to.len(), "{from} and {to} differ in length");
    let mut out = bytes.to_vec();
    let mut found = 0;
    let mut i = 0;
    while i + from.len() <= out.len() {
        if &out[i..i + from.len()] == from.as_bytes() {
            out[i..i + to.len()].copy_from_slice(to.as_bytes());
            found += 1;
            i += from.len();
        } else {
            i += 1;
        }
    }
    ensure!(found > 0, "the main module does not import {from}");
    Ok(out)
}

/// wasm-opt in place on each module, on all cores: for the engines the site serves, and with
/// `-Oz` in release builds.
fn wasm_opt_all(modules: &[PathBuf], release: bool) -> Result<()> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers.min(modules.len()))
            .map(|_| {
                scope.spawn(|| -> Result<()> {
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(module) = modules.get(i) else {
                            return Ok(());
                        };
                        wasm_opt(module, release)?;
                    }
                })
            })
            .collect();
        handles.into_iter().try_for_each(|h| {
            h.join()
                .map_err(|_| anyhow::anyhow!("wasm-opt worker panicked"))?
        })
    })
}

fn wasm_opt(path: &Path, release: bool) -> Result<()> {
    let out = Command::new("wasm-opt")
        .args(release.then_some("-Oz"))
        .args(WASM_OPT_FEATURES)
        .arg(path)
        .arg("-o")
        .arg(path)
        .output()
        .context("cannot run wasm-opt (scripts/setup.sh installs it)")?;
    ensure!(
        out.status.success(),
        "wasm-opt failed on {}:\n{}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(())
}

/// trunk's unsplit wasm-bindgen output, replaced by this step.
fn remove_trunk_outputs(dist: &Path) -> Result<()> {
    let prefix = format!("{STEM}-");
    let trunk: Vec<PathBuf> = fs::read_dir(dist)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name().and_then(|f| f.to_str()).is_some_and(|f| {
                f.starts_with(&prefix) && (f.ends_with("_bg.wasm") || f.ends_with(".js"))
            })
        })
        .collect();
    if trunk.len() != 2 {
        bail!(
            "expected trunk's {STEM}-*.js and {STEM}-*_bg.wasm in {}, found {:?}",
            dist.display(),
            trunk
        );
    }
    for path in trunk {
        fs::remove_file(&path).with_context(|| format!("removing {}", path.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOADER: &str = r#"import { initSync } from "./main.js";

let sharedImports = undefined;
function getSharedImports() {
    if (sharedImports === undefined) {
        const { memory } = initSync(undefined, undefined);
    }
}
function makeLoad(fetcher, deps) { return fetcher; }
export const __wasm_split_load_a = wrapAsyncCb(makeLoad(() => {
    const src = fetch(new URL("./split_a.wasm", import.meta.url));
    src.catch(() => {});
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}, []));
"#;

    #[test]
    fn the_loader_takes_the_exports_from_the_start_module_and_can_instantiate_without_streaming() {
        let out = patch_loader(LOADER).unwrap();
        assert!(!out.contains("import {"));
        assert!(out.contains("globalThis.__nfInitSync(undefined, undefined)"));
        assert!(out.contains("nfInstantiate(src, imports)"));
        assert!(!out.contains("WebAssembly.instantiateStreaming(src"));
        assert!(out.contains("async function nfInstantiate("));
        assert!(out.starts_with(COMPILE_EAGERLY));
    }

    #[test]
    fn a_changed_loader_is_refused_rather_than_patched_halfway() {
        let changed = LOADER.replace("initSync(undefined, undefined)", "initSync()");
        assert!(patch_loader(&changed).is_err());
    }

    #[test]
    fn the_loader_name_is_replaced_in_place() {
        let bytes = b"\x00\x0a./newsfront_split-xxxxxxxxxxxxxxxx.js\x01./newsfront_split-xxxxxxxxxxxxxxxx.js";
        let out = replace_bytes(
            bytes,
            LOADER_PLACEHOLDER,
            "newsfront_split-0123456789abcdef.js",
        )
        .unwrap();
        assert_eq!(&out[..2], b"\x00\x0a");
        assert_eq!(out.windows(4).filter(|w| *w == b"cdef").count(), 2);
        assert_eq!(out.len(), bytes.len());
        assert!(replace_bytes(b"nothing", LOADER_PLACEHOLDER, LOADER_PLACEHOLDER).is_err());
    }

    #[test]
    fn the_start_module_is_relative_to_itself() {
        let files = AppFiles {
            main_js: "newsfront-aa.js".into(),
            main_wasm: "newsfront-bb_bg.wasm".into(),
            loader: None,
            chunks: vec![],
        };
        let js = start_module(&files);
        assert!(js.starts_with("import init, { initSync } from './newsfront-aa.js';"));
        assert!(js.contains("new URL('./newsfront-bb_bg.wasm', import.meta.url)"));
        assert!(js.contains("TrunkApplicationStarted"));
    }
}
