//! One HTML pass per page. The template is trunk's index.html (a build) or a page this step
//! wrote before, `app.html` (a refresh of the content); either becomes a deployable page: the
//! route's head tags and content (prerendered pages), the stylesheets inline, the first stage in
//! place of trunk's loader (it starts the app's hashed start module when the page needs it), the
//! Content-Security-Policy meta tag, the web app manifest and theme colour, and no inline script
//! left but the early-taps recorder, which the policy allows by its hash.

use std::cell::RefCell;
use std::collections::HashMap;

use anyhow::{anyhow, bail, Result};
use lol_html::html_content::{ContentType, Element};
use lol_html::{element, rewrite_str, text, RewriteStrSettings};

use crate::prerender::{data_script, head_tags, Head, Rendered};

/// `trunk serve` injects an inline live-reload script that a policy would block: such builds get
/// no policy and may keep that script.
pub const DEV_RELOAD_MARKER: &str = "{{__TRUNK_ADDRESS__}}";

/// Inlined before the first stage: it records the clicks made before the first stage runs, so a
/// tap on a control painted earlier is answered when it does (`honourEarlyTap` in
/// boot/first-stage.js). Inline because a file would arrive no sooner than the first stage.
const EARLY_TAPS: &str = include_str!("../../../boot/early-taps.js");

fn early_taps() -> &'static str {
    EARLY_TAPS.trim_end()
}

/// The policy source that allows the early-taps recorder, and no other inline script.
pub fn early_taps_source() -> String {
    crate::hash::csp_source(early_taps())
}

/// What a route's page adds to the template.
pub struct Route<'a> {
    pub head: &'a Head,
    pub rendered: &'a Rendered,
    /// Feed files the page carries (`#nf-data`), path → text as served.
    pub data: &'a [(String, String)],
}

/// When the first stage starts the app (boot/first-stage.js, `data-start`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Start {
    /// At once: the page shows nothing without the app (`app.html`).
    Now,
    /// Once the page has painted and is idle: a prerendered list the app takes over.
    Idle,
    /// Only for what needs it: a prerendered article (live comments, the WeChat share card).
    Demand,
}

impl Start {
    pub fn as_str(self) -> &'static str {
        match self {
            Start::Now => "now",
            Start::Idle => "idle",
            Start::Demand => "demand",
        }
    }
}

/// The scripts that replace trunk's loader, as URLs.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scripts {
    pub first_stage: String,
    /// The module that instantiates the app.
    pub start_module: String,
    /// What a page that starts the app at once preloads: modules, then the main wasm.
    pub preload_modules: Vec<String>,
    pub preload_wasm: Option<String>,
}

/// What makes the site installable, on every page: the manifest's URL and the browser's toolbar
/// colour (`--color-brand` of the tokens).
#[derive(Clone, Debug, PartialEq)]
pub struct Install {
    pub manifest: String,
    pub theme_color: String,
}

/// Everything one page needs besides the template.
pub struct PageSpec<'a> {
    /// `None` for the app's plain shell (`app.html`).
    pub route: Option<Route<'a>>,
    pub scripts: &'a Scripts,
    pub start: Start,
    /// The policy for the meta tag; `None` for `trunk serve` builds.
    pub csp: Option<&'a str>,
    /// The text of each linked stylesheet, by href.
    pub styles: &'a HashMap<String, String>,
    pub install: Option<&'a Install>,
}

/// The parts of a template the pipeline reads before writing pages.
pub struct Template {
    pub html: String,
    /// Hrefs of `<link rel="stylesheet">` elements (trunk's), to be inlined.
    pub linked_styles: Vec<String>,
    /// Texts of `<style>` elements (a page this step wrote), for the policy's hashes.
    pub inline_styles: Vec<String>,
    /// The scripts of a page this step wrote; `None` for trunk's index.html.
    pub scripts: Option<Scripts>,
    /// Whether `trunk serve` injected its live-reload script.
    pub dev_reload: bool,
}

impl Template {
    pub fn parse(html: String) -> Result<Template> {
        let inline_modules = RefCell::new(0usize);
        let styles = RefCell::new(Vec::<String>::new());
        let mut linked_styles = Vec::new();
        let mut scripts: Option<Scripts> = None;
        let mut preload_modules = Vec::new();
        let mut preload_wasm = None;
        rewrite_str(
            &html,
            RewriteStrSettings {
                element_content_handlers: vec![
                    element!("link[rel=stylesheet][href]", |el| {
                        linked_styles.push(el.get_attribute("href").unwrap_or_default());
                        Ok(())
                    }),
                    element!("style", |_el| {
                        styles.borrow_mut().push(String::new());
                        Ok(())
                    }),
                    text!("style", |t| {
                        if let Some(last) = styles.borrow_mut().last_mut() {
                            last.push_str(t.as_str());
                        }
                        Ok(())
                    }),
                    element!("script[type=module]:not([src])", |_el| {
                        *inline_modules.borrow_mut() += 1;
                        Ok(())
                    }),
                    element!("script[src][data-start]", |el| {
                        scripts = Some(Scripts {
                            first_stage: el.get_attribute("src").unwrap_or_default(),
                            start_module: el.get_attribute("data-app").unwrap_or_default(),
                            ..Scripts::default()
                        });
                        Ok(())
                    }),
                    element!("link[rel=modulepreload][href]", |el| {
                        preload_modules.push(el.get_attribute("href").unwrap_or_default());
                        Ok(())
                    }),
                    element!("link[rel=preload][href$='_bg.wasm']", |el| {
                        preload_wasm = el.get_attribute("href");
                        Ok(())
                    }),
                ],
                ..RewriteStrSettings::new()
            },
        )?;
        let inline_modules = inline_modules.into_inner();
        let scripts = scripts.map(|s| Scripts {
            preload_modules,
            preload_wasm,
            ..s
        });
        match (&scripts, inline_modules) {
            (None, 1) | (Some(_), 0) => {}
            (None, n) => bail!(
                "the template has no first stage and {n} inline module loaders (trunk writes one)"
            ),
            (Some(_), n) => bail!("the template has a first stage and {n} inline module loaders"),
        }
        let dev_reload = html.contains(DEV_RELOAD_MARKER);
        Ok(Template {
            html,
            linked_styles,
            inline_styles: styles.into_inner(),
            scripts,
            dev_reload,
        })
    }
}

/// Writes one page from the template in a single rewriting pass.
pub fn render(template: &Template, spec: &PageSpec) -> Result<String> {
    let mut shell = false;
    let mut handlers = vec![
        element!("meta[http-equiv=Content-Security-Policy]", |el| {
            el.remove();
            Ok(())
        }),
        element!("meta[charset]", |el| {
            if let Some(install) = spec.install {
                el.after(
                    &format!(
                        "\n  <link rel=\"manifest\" href=\"{}\">",
                        attr_escape(&install.manifest)
                    ),
                    ContentType::Html,
                );
            }
            if let Some(csp) = spec.csp {
                el.after(
                    &format!(
                        "\n  <meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
                        attr_escape(csp)
                    ),
                    ContentType::Html,
                );
            }
            Ok(())
        }),
        // Written again above, for this build.
        element!("link[rel=manifest]", |el| {
            el.remove();
            Ok(())
        }),
        element!("meta[name=theme-color]", |el| {
            if let Some(install) = spec.install {
                el.set_attribute("content", &install.theme_color)?;
            }
            Ok(())
        }),
        element!("link[rel=stylesheet][href]", |el| {
            let href = el.get_attribute("href").unwrap_or_default();
            let css = spec
                .styles
                .get(&href)
                .ok_or_else(|| anyhow!("stylesheet {href} was not read"))?;
            el.replace(&format!("<style>{css}</style>"), ContentType::Html);
            Ok(())
        }),
        // Written again, where the page starts the app at once, with the first stage.
        element!("link[rel=preload], link[rel=modulepreload]", |el| {
            el.remove();
            Ok(())
        }),
        element!("script", |el| script(el, spec, template.dev_reload)),
    ];
    if let Some(route) = &spec.route {
        handlers.push(element!("title", |el| {
            el.replace(&head_tags(route.head), ContentType::Html);
            Ok(())
        }));
        handlers.push(element!("#shell", |el| {
            shell = true;
            el.set_attribute("class", "shell shell--prerendered")?;
            el.remove_attribute("aria-busy");
            Ok(())
        }));
        handlers.push(element!("#shell > header", |el| {
            el.replace(&route.rendered.header, ContentType::Html);
            Ok(())
        }));
        handlers.push(element!("#shell > main", |el| {
            el.set_attribute("id", "main")?;
            el.append(&route.rendered.main, ContentType::Html);
            Ok(())
        }));
        handlers.push(element!("#shell > main > .skeleton", |el| {
            el.remove();
            Ok(())
        }));
        handlers.push(element!("body", |el| {
            el.append(&data_script(route.data), ContentType::Html);
            Ok(())
        }));
    }
    let out = rewrite_str(
        &template.html,
        RewriteStrSettings {
            element_content_handlers: handlers,
            ..RewriteStrSettings::new()
        },
    )?;
    if spec.route.is_some() && !shell {
        bail!("the template has no #shell for the prerendered content");
    }
    Ok(out)
}

/// trunk's inline loader, or the first stage of a page written before, becomes this page's first
/// stage (with the early-taps recorder); any other inline script is an error, since the policy
/// would block it (a prerendered page's `#nf-data` is JSON and is added after this pass).
fn script(el: &mut Element, spec: &PageSpec, dev_reload: bool) -> lol_html::HandlerResult {
    if el.get_attribute("data-nf-early-taps").is_some() {
        el.remove(); // written again with the first stage
        return Ok(());
    }
    let ours = el.get_attribute("data-start").is_some();
    let trunks =
        el.get_attribute("src").is_none() && el.get_attribute("type").as_deref() == Some("module");
    if ours || trunks {
        el.replace(&first_stage(spec), ContentType::Html);
        return Ok(());
    }
    if el.get_attribute("src").is_some() || dev_reload {
        return Ok(());
    }
    Err("an inline <script> is left; the Content-Security-Policy would block it".into())
}

/// The first stage's tag, and on a page that starts the app at once, its preloads.
fn first_stage(spec: &PageSpec) -> String {
    let s = spec.scripts;
    let mut html = format!(
        "<script data-nf-early-taps>{}</script>\n\
         <script defer src=\"{}\" data-app=\"{}\" data-start=\"{}\"></script>",
        early_taps(),
        attr_escape(&s.first_stage),
        attr_escape(&s.start_module),
        spec.start.as_str()
    );
    if spec.start == Start::Now {
        for module in &s.preload_modules {
            html.push_str(&format!(
                "\n<link rel=\"modulepreload\" href=\"{}\">",
                attr_escape(module)
            ));
        }
        if let Some(wasm) = &s.preload_wasm {
            html.push_str(&format!(
                "\n<link rel=\"preload\" href=\"{}\" as=\"fetch\" type=\"application/wasm\" crossorigin=\"anonymous\">",
                attr_escape(wasm)
            ));
        }
    }
    html
}

/// Escapes a value for a double-quoted attribute.
pub fn attr_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    const INDEX: &str = r#"<!doctype html>
<html>
<head>
  <meta charset="utf-8">
  <meta name="theme-color">
  <title>Site</title>
  <link rel="stylesheet" href="/app-0123456789abcdef.css" integrity="sha384-x"/>
<link rel="modulepreload" href="/newsfront-0123456789abcdef.js">
<link rel="preload" href="/newsfront-0123456789abcdef_bg.wasm" as="fetch">
</head>
<body>
  <div id="shell" class="shell" aria-busy="true">
    <header class="site-header">x</header>
    <main class="page">
      <div class="skeleton skeleton--list"><div class="skeleton__row"></div></div>
      <div id="load-error" hidden>notice</div>
    </main>
  </div>
<script type="module">
import init from '/newsfront-0123456789abcdef.js';
const wasm = await init({ module_or_path: '/newsfront-0123456789abcdef_bg.wasm' });
</script>
</body>
</html>"#;

    fn scripts() -> Scripts {
        Scripts {
            first_stage: "/first-stage-bb.js".into(),
            start_module: "/newsfront-loader-aa.js".into(),
            preload_modules: vec!["/newsfront-loader-aa.js".into(), "/newsfront-cc.js".into()],
            preload_wasm: Some("/newsfront-dd_bg.wasm".into()),
        }
    }

    fn styles() -> HashMap<String, String> {
        [(
            "/app-0123456789abcdef.css".to_string(),
            "body{color:red}".to_string(),
        )]
        .into()
    }

    fn install() -> Install {
        Install {
            manifest: "/news/manifest.webmanifest".into(),
            theme_color: "#b3121b".into(),
        }
    }

    fn shell_page(template: &Template, csp: Option<&str>) -> String {
        render(
            template,
            &PageSpec {
                route: None,
                scripts: &scripts(),
                start: Start::Now,
                csp,
                styles: &styles(),
                install: None,
            },
        )
        .unwrap()
    }

    #[test]
    fn trunks_template_is_read() {
        let t = Template::parse(INDEX.to_string()).unwrap();
        assert_eq!(t.linked_styles, vec!["/app-0123456789abcdef.css"]);
        assert!(t.scripts.is_none());
        assert!(!t.dev_reload);
    }

    #[test]
    fn the_plain_shell_starts_the_app_at_once_and_keeps_no_inline_script() {
        let out = shell_page(
            &Template::parse(INDEX.to_string()).unwrap(),
            Some("default-src 'none'"),
        );
        assert!(out.contains(
            "<meta charset=\"utf-8\">\n  <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\">"
        ));
        assert!(out.contains("<style>body{color:red}</style>"));
        assert!(!out.contains("rel=\"stylesheet\""));
        assert!(
            !out.contains("0123456789abcdef.js"),
            "trunk's preloads are gone"
        );
        assert!(out.contains(&format!(
            "<script data-nf-early-taps>{}</script>\n\
             <script defer src=\"/first-stage-bb.js\" data-app=\"/newsfront-loader-aa.js\" data-start=\"now\"></script>",
            early_taps()
        )));
        assert!(out.contains("<link rel=\"modulepreload\" href=\"/newsfront-cc.js\">"));
        assert!(out.contains("href=\"/newsfront-dd_bg.wasm\" as=\"fetch\""));
        assert!(!out.contains("import init"));
        assert!(out.contains("aria-busy=\"true\""));
    }

    #[test]
    fn a_page_written_before_is_a_template_with_the_same_scripts() {
        let shell = shell_page(&Template::parse(INDEX.to_string()).unwrap(), Some("old"));
        let t = Template::parse(shell).unwrap();
        assert_eq!(t.scripts, Some(scripts()));
        assert!(t.linked_styles.is_empty());
        assert_eq!(t.inline_styles, vec!["body{color:red}"]);
        // The page written again, as a refresh does: a new policy, the install links.
        let rewrite = |t: &Template| {
            let spec = PageSpec {
                route: None,
                scripts: &scripts(),
                start: Start::Now,
                csp: Some("new"),
                styles: &HashMap::new(),
                install: Some(&install()),
            };
            render(t, &spec).unwrap()
        };
        let again = rewrite(&t);
        assert_eq!(again.matches("Content-Security-Policy").count(), 1);
        assert!(again.contains("content=\"new\""));
        assert!(again.contains(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"new\">\n  <link rel=\"manifest\" href=\"/news/manifest.webmanifest\">"
        ));
        // Written again, the page still links one manifest.
        let twice = rewrite(&Template::parse(again.clone()).unwrap());
        assert_eq!(twice.matches("rel=\"manifest\"").count(), 1);
        assert!(twice.contains("<meta name=\"theme-color\" content=\"#b3121b\">"));
        assert_eq!(again.matches("rel=\"modulepreload\"").count(), 2);
        assert_eq!(again.matches("data-start").count(), 1);
        assert_eq!(twice.matches("<script data-nf-early-taps>").count(), 1);
    }

    #[test]
    fn a_route_gets_its_head_content_and_data() {
        let head = Head {
            kind: "article",
            site_name: "Site".into(),
            title: "T <b> - Site".into(),
            description: "D".into(),
            canonical: "https://example.com/a/x".into(),
            image: None,
        };
        let rendered = Rendered {
            header: "<header class=\"site-header\">H</header>".into(),
            main: "<article>A</article>".into(),
        };
        let data = vec![("feed/site.json".to_string(), "{}".to_string())];
        let out = render(
            &Template::parse(INDEX.to_string()).unwrap(),
            &PageSpec {
                route: Some(Route {
                    head: &head,
                    rendered: &rendered,
                    data: &data,
                }),
                scripts: &scripts(),
                start: Start::Demand,
                csp: None,
                styles: &styles(),
                install: None,
            },
        )
        .unwrap();
        assert!(out.contains("<title>T &lt;b&gt; - Site</title>"));
        assert!(out.contains("<div id=\"shell\" class=\"shell shell--prerendered\">"));
        assert!(out.contains("<header class=\"site-header\">H</header>"));
        assert!(!out.contains(">x</header>"));
        assert!(!out.contains("skeleton"));
        assert!(out.contains("<main class=\"page\" id=\"main\">"));
        let notice = out.find("id=\"load-error\"").unwrap();
        let article = out.find("<article>A</article>").unwrap();
        assert!(
            notice < article,
            "the load notices stay at the top of <main>"
        );
        assert!(
            !out.contains("preload"),
            "an article loads no app code by itself"
        );
        assert!(out.contains("data-start=\"demand\""));
        assert!(out.contains("id=\"nf-data\">{\"feed/site.json\":\"{}\"}</script>\n</body>"));
        assert!(!out.contains("Content-Security-Policy"));
    }

    #[test]
    fn an_unknown_inline_script_is_refused() {
        let html = INDEX.replace("<body>", "<body><script>alert(1)</script>");
        let err = render(
            &Template::parse(html).unwrap(),
            &PageSpec {
                route: None,
                scripts: &scripts(),
                start: Start::Now,
                csp: None,
                styles: &styles(),
                install: None,
            },
        )
        .unwrap_err();
        assert!(err.to_string().contains("inline <script>"), "{err}");
    }
}
