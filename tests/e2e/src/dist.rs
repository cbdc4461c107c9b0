//! Where the built app lives: `$NEWSFRONT_DIST`, or a `trunk build` made once per test process.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, OnceLock};

use anyhow::{bail, ensure, Context, Result};

/// The workspace root (two levels above this crate).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("tests/e2e sits two levels below the workspace root")
        .to_path_buf()
}

/// The cargo target directory this test binary was built into.
pub fn target_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        return workspace_root().join(dir);
    }
    // A test binary lives at <target>/debug/deps/<name>-<hash>.
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.ancestors().nth(3).map(Path::to_path_buf))
        .filter(|dir| dir.join("debug").is_dir())
        .unwrap_or_else(|| workspace_root().join("target"))
}

/// The built app for the site root `/`: `$NEWSFRONT_DIST` if set, else built once into
/// `<target>/e2e-dist` with `trunk build --offline`. Panics with the reason on failure, so a
/// test never runs against nothing.
pub fn dist() -> PathBuf {
    if let Some(dir) = std::env::var_os("NEWSFRONT_DIST") {
        let dir = PathBuf::from(dir);
        assert!(
            dir.join("index.html").is_file(),
            "NEWSFRONT_DIST={} has no index.html; build it with `trunk build --offline --dist {0}`",
            dir.display()
        );
        return dir;
    }
    dist_for_public_url("/")
}

/// The app built with `trunk build --public-url {public_url}` (e.g. `/news/`), once per
/// process and URL, into `<target>/e2e-dist` (for `/`) or `<target>/e2e-dist-news` (for
/// `/news/`). `$NEWSFRONT_DIST` is not consulted: it holds a root build only.
pub fn dist_for_public_url(public_url: &str) -> PathBuf {
    // A failed build is remembered too, so the other tests fail at once with the same reason
    // instead of each running trunk again.
    static BUILT: OnceLock<Mutex<HashMap<String, Result<PathBuf, String>>>> = OnceLock::new();
    let builds = BUILT.get_or_init(Default::default);
    // Holding the lock while building keeps two tests from running trunk at once.
    let mut builds = builds.lock().unwrap_or_else(|e| e.into_inner());
    let built = builds
        .entry(public_url.to_string())
        .or_insert_with(|| build_once(public_url))
        .clone();
    drop(builds);
    built.unwrap_or_else(|reason| panic!("{reason}"))
}

fn build_once(public_url: &str) -> Result<PathBuf, String> {
    let slug = public_url.trim_matches('/').replace('/', "-");
    let name = if slug.is_empty() {
        "e2e-dist".to_string()
    } else {
        format!("e2e-dist-{slug}")
    };
    let out = target_dir().join(name);
    trunk_build(public_url, &out)
        .map(|()| out)
        .map_err(|e| format!("cannot build the app for the end-to-end tests: {e:#}"))
}

fn trunk_build(public_url: &str, out: &Path) -> Result<()> {
    let root = workspace_root();
    // scripts/env.sh knows where the project's tools are installed; source it when present.
    let script = r#"
        [ -f scripts/env.sh ] && . scripts/env.sh
        export PATH="$HOME/.cargo/bin:$PATH"
        for tool in trunk wasm-bindgen; do
          command -v "$tool" >/dev/null || { echo "missing tool: $tool (run scripts/setup.sh)" >&2; exit 127; }
        done
        exec scripts/trunk.sh build --offline --public-url "$1" --dist "$2"
    "#;
    eprintln!(
        "[e2e] building the app: trunk build --offline --public-url {public_url} --dist {}",
        out.display()
    );
    let output = Command::new("bash")
        .args(["-c", script, "trunk-build"])
        .arg(public_url)
        .arg(out)
        .current_dir(&root)
        .output()
        .context("cannot run bash to start trunk")?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let stdout = String::from_utf8_lossy(&output.stdout);
        if output.status.code() == Some(127) {
            bail!("{}", stderr.trim());
        }
        bail!(
            "`trunk build` failed in {} ({}):\n{}\n{}",
            root.display(),
            output.status,
            tail(&stdout, 40),
            tail(&stderr, 40)
        );
    }
    ensure!(
        out.join("index.html").is_file(),
        "trunk build succeeded but wrote no {}",
        out.join("index.html").display()
    );
    Ok(())
}

fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

/// Read and parse a JSON file of the built feed, e.g. `feed_json(&dist, "site.json")`.
pub fn feed_json(dist: &Path, relative: &str) -> Result<serde_json::Value> {
    let path = dist.join("feed").join(relative);
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("{} is not JSON", path.display()))
}

/// The parts of `feed/site.json` the tests compare the page against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteFacts {
    pub name: String,
    /// `(slug, name)` in nav order.
    pub categories: Vec<(String, String)>,
}

/// Read the site name and categories from `dist/feed/site.json`.
pub fn site_facts(dist: &Path) -> Result<SiteFacts> {
    let site = feed_json(dist, "site.json")?;
    let name = site["name"]
        .as_str()
        .context("site.json: `name` is not a string")?
        .to_string();
    let categories = site["categories"]
        .as_array()
        .context("site.json: `categories` is not an array")?
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let field = |key: &str| {
                c[key]
                    .as_str()
                    .map(str::to_string)
                    .with_context(|| format!("site.json: categories[{i}].{key} is not a string"))
            };
            Ok((field("slug")?, field("name")?))
        })
        .collect::<Result<_>>()?;
    Ok(SiteFacts { name, categories })
}

/// The article ids on a list page, e.g. `list_ids(&dist, "lists/home/1.json")`.
pub fn list_ids(dist: &Path, list: &str) -> Result<Vec<String>> {
    let page = feed_json(dist, list)?;
    page["items"]
        .as_array()
        .with_context(|| format!("{list}: `items` is not an array"))?
        .iter()
        .enumerate()
        .map(|(i, item)| {
            item["id"]
                .as_str()
                .map(str::to_string)
                .with_context(|| format!("{list}: items[{i}].id is not a string"))
        })
        .collect()
}

/// Copies a folder tree (a dist, a feed) into `to`, creating it as needed.
pub fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    copy_dir_where(from, to, &|_| true)
}

/// Like [`copy_dir`], copying only the files whose name `keep` accepts.
pub fn copy_dir_where(from: &Path, to: &Path, keep: &dyn Fn(&str) -> bool) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in
        std::fs::read_dir(from).with_context(|| format!("cannot read {}", from.display()))?
    {
        let entry = entry?;
        let name = entry.file_name();
        let target = to.join(&name);
        if entry.file_type()?.is_dir() {
            copy_dir_where(&entry.path(), &target, keep)?;
        } else if keep(&name.to_string_lossy()) {
            std::fs::copy(entry.path(), &target)
                .with_context(|| format!("cannot copy {}", entry.path().display()))?;
        }
    }
    Ok(())
}

/// The HTML pages of a dist: index.html, app.html and the prerendered `a/*/` and `c/*/` pages.
pub fn html_pages(root: &Path) -> Result<Vec<PathBuf>> {
    let mut pages = vec![root.join("index.html")];
    if root.join("app.html").is_file() {
        pages.push(root.join("app.html"));
    }
    for folder in ["a", "c"] {
        let Ok(entries) = std::fs::read_dir(root.join(folder)) else {
            continue;
        };
        for entry in entries {
            let page = entry?.path().join("index.html");
            if page.is_file() {
                pages.push(page);
            }
        }
    }
    Ok(pages)
}

const DATA_OPEN: &str = "<script type=\"application/json\" id=\"nf-data\">";

/// After a test rewrote feed files in a dist copy, brings its pages in line as a publish of that
/// feed would (`newsfront-site refresh`): every page rendered again with its policy, and a page
/// whose feed file is now broken removed, so the app serves that route and shows what is wrong.
/// With a broken site file no page can be rendered: all prerendered pages go.
pub fn refresh_pages(root: &Path) -> Result<()> {
    if newsfront_site::refresh(root, None, newsfront_site::Strict::No).is_err() {
        remove_prerendered(root)?;
    }
    Ok(())
}

/// Removes every prerendered page of a dist copy: each route is then the app on the fallback
/// page (`index.html` becomes a copy of `app.html`).
pub fn remove_prerendered(root: &Path) -> Result<()> {
    for folder in ["a", "c"] {
        let dir = root.join(folder);
        if dir.is_dir() {
            std::fs::remove_dir_all(&dir)?;
        }
    }
    std::fs::copy(root.join("app.html"), root.join("index.html"))?;
    Ok(())
}

/// Drops `#nf-data` from every page of a dist copy: the app then fetches every feed file on
/// start, as it does on the SPA fallback (for tests of the fetch path).
pub fn strip_embedded(root: &Path) -> Result<()> {
    for page in html_pages(root)? {
        let html = std::fs::read_to_string(&page)?;
        let Some(start) = html.find(DATA_OPEN) else {
            continue;
        };
        let end = start
            + html[start..]
                .find("</script>")
                .context("unclosed #nf-data")?;
        let end = end + "</script>".len();
        std::fs::write(&page, format!("{}{}", &html[..start], &html[end..]))?;
    }
    Ok(())
}

/// A next build of the dist at `from`, written to `to`, without a second wasm build: every
/// hashed file of the app (scripts, wasm, styles) under a new hash, as a code change gives, the
/// pages and scripts pointing at the new names, the site renamed to `name` (so a page shows which
/// build it came from), and the pages, offline page and service worker written again for it
/// (`newsfront-site refresh`). The previous build's files are not in it.
pub fn next_build(from: &Path, to: &Path, name: &str) -> Result<()> {
    copy_dir(from, to)?;
    // A name a wasm module imports from is inside its bytes, which text edits cannot reach:
    // such files keep their names (a real build whose glue did not change keeps them too).
    let mut wasm = Vec::new();
    for entry in std::fs::read_dir(to)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "wasm") {
            wasm.push(std::fs::read(&path)?);
        }
    }
    let imported = |name: &str| {
        wasm.iter()
            .any(|w| w.windows(name.len()).any(|part| part == name.as_bytes()))
    };
    let mut renames = Vec::new();
    for entry in std::fs::read_dir(to)? {
        let file = entry?.file_name().to_string_lossy().to_string();
        let is_app = [".js", ".wasm", ".css"].iter().any(|e| file.ends_with(e));
        if !is_app || !newsfront_site::retain::is_build_file(&file) || imported(&file) {
            continue;
        }
        let stem = file.rsplit_once('.').map_or(&*file, |(s, _)| s);
        let stem = stem.strip_suffix("_bg").unwrap_or(stem);
        let Some((_, hash)) = stem.rsplit_once('-') else {
            continue;
        };
        // Each hex digit one up: the same length, another name.
        let next: String = hash
            .chars()
            .map(|c| std::char::from_digit((c.to_digit(16).unwrap_or(0) + 1) % 16, 16).unwrap_or(c))
            .collect();
        let renamed = file.replace(&format!("-{hash}"), &format!("-{next}"));
        std::fs::rename(to.join(&file), to.join(&renamed))?;
        renames.push((format!("-{hash}"), format!("-{next}")));
    }
    ensure!(
        !renames.is_empty(),
        "{} has no hashed files",
        from.display()
    );
    let mut texts = html_pages(to)?;
    for entry in std::fs::read_dir(to)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "js") {
            texts.push(path);
        }
    }
    for path in texts {
        let mut text = std::fs::read_to_string(&path)?;
        for (old, new) in &renames {
            text = text.replace(old, new);
        }
        std::fs::write(&path, text)?;
    }
    let site_path = to.join("feed").join("site.json");
    let mut site: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&site_path)?)?;
    site["name"] = serde_json::Value::String(name.to_string());
    std::fs::write(&site_path, serde_json::to_vec(&site)?)?;
    newsfront_site::refresh(to, None, newsfront_site::Strict::Yes)
        .map(drop)
        .with_context(|| format!("refreshing the next build in {}", to.display()))
}

/// The main wasm module's URL path in [`dist`] (a test blocks or delays it to see the page
/// without the app).
pub fn main_wasm_path() -> anyhow::Result<String> {
    let name = std::fs::read_dir(dist())?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with("newsfront-") && n.ends_with("_bg.wasm"))
        .ok_or_else(|| anyhow::anyhow!("no main wasm in {}", dist().display()))?;
    Ok(format!("/{name}"))
}
