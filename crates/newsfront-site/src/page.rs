//! One HTML pass per page: trunk's index.html becomes a deployable page — the route's head tags
//! and content (prerendered pages), the stylesheets inline, trunk's inline loader replaced by the
//! first stage (a hashed file that starts the app's hashed loader when the page needs it), the
//! Content-Security-Policy meta tag, and no inline script left.

use std::cell::RefCell;
use std::collections::HashMap;

use anyhow::{anyhow, bail, Result};
use lol_html::html_content::{ContentType, Element};
use lol_html::{element, rewrite_str, RewriteStrSettings};

use crate::prerender::{data_script, head_tags, Head, Rendered};

/// `trunk serve` injects an inline live-reload script that a policy would block: such builds get
/// no policy and may keep that script.
pub const DEV_RELOAD_MARKER: &str = "{{__TRUNK_ADDRESS__}}";

/// A stylesheet trunk linked, to be inlined.
pub struct Style {
    pub href: String,
    pub css: String,
}

/// What a route's page adds to index.html.
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

/// The scripts that replace trunk's inline loader.
pub struct Scripts<'a> {
    /// URL of the first stage.
    pub first_stage: &'a str,
    /// URL of the module that loads and starts the app.
    pub loader: &'a str,
}

/// Everything one page needs besides the template.
pub struct PageSpec<'a> {
    /// `None` for the app's plain shell (`app.html`).
    pub route: Option<Route<'a>>,
    pub scripts: &'a Scripts<'a>,
    pub start: Start,
    /// The policy for the meta tag; `None` for `trunk serve` builds.
    pub csp: Option<&'a str>,
    pub styles: &'a [Style],
}

/// The parts of trunk's index.html the pipeline reads before writing pages.
pub struct Template {
    pub html: String,
    /// The body of trunk's inline `<script type="module">` loader.
    pub loader: String,
    /// Hrefs of the `<link rel="stylesheet">` elements, in document order.
    pub stylesheets: Vec<String>,
    /// Whether `trunk serve` injected its live-reload script.
    pub dev_reload: bool,
}

impl Template {
    pub fn parse(html: String) -> Result<Template> {
        let loaders = RefCell::new(Vec::<String>::new());
        let mut stylesheets = Vec::new();
        rewrite_str(
            &html,
            RewriteStrSettings {
                element_content_handlers: vec![
                    element!("link[rel=stylesheet][href]", |el| {
                        stylesheets.push(el.get_attribute("href").unwrap_or_default());
                        Ok(())
                    }),
                    element!("script[type=module]:not([src])", |_el| {
                        loaders.borrow_mut().push(String::new());
                        Ok(())
                    }),
                    lol_html::text!("script[type=module]:not([src])", |t| {
                        if let Some(last) = loaders.borrow_mut().last_mut() {
                            last.push_str(t.as_str());
                        }
                        Ok(())
                    }),
                ],
                ..RewriteStrSettings::new()
            },
        )?;
        let mut loaders = loaders.into_inner();
        if loaders.len() != 1 {
            bail!(
                "index.html: expected trunk's one inline module loader, found {}",
                loaders.len()
            );
        }
        let loader = format!("{}\n", loaders.remove(0).trim());
        let dev_reload = html.contains(DEV_RELOAD_MARKER);
        Ok(Template {
            html,
            loader,
            stylesheets,
            dev_reload,
        })
    }
}

/// Writes one page from the template in a single rewriting pass.
pub fn render(template: &Template, spec: &PageSpec) -> Result<String> {
    let styles: HashMap<&str, &str> = spec
        .styles
        .iter()
        .map(|s| (s.href.as_str(), s.css.as_str()))
        .collect();
    let prerendered = spec.route.is_some();
    let preload = spec.start == Start::Now;
    let mut preloads = 0usize;
    let mut shell = false;
    let mut handlers = vec![
        element!("meta[charset]", |el| {
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
        element!("link[rel=stylesheet][href]", |el| {
            let href = el.get_attribute("href").unwrap_or_default();
            let css = styles
                .get(href.as_str())
                .ok_or_else(|| anyhow!("stylesheet {href} was not read"))?;
            el.replace(&format!("<style>{css}</style>"), ContentType::Html);
            Ok(())
        }),
        element!(
            "link[rel=preload][href$='_bg.wasm'], link[rel=modulepreload]",
            |el| {
                // A prerendered page is readable without the app: the app's code is fetched when the
                // first stage starts it, not in competition with the page's own bytes.
                preloads += 1;
                if !preload {
                    el.remove();
                }
                Ok(())
            }
        ),
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
    if prerendered && !shell {
        bail!("index.html has no #shell for the prerendered content");
    }
    if preloads != 2 {
        bail!("index.html: expected trunk's two preload links (module and wasm), found {preloads}");
    }
    Ok(out)
}

/// trunk's inline loader becomes the first stage; any other inline script is an error, since the
/// policy would block it (a prerendered page's `#nf-data` is JSON and is added after this pass).
fn script(el: &mut Element, spec: &PageSpec, dev_reload: bool) -> lol_html::HandlerResult {
    if el.get_attribute("src").is_some() {
        return Ok(());
    }
    if el.get_attribute("type").as_deref() == Some("module") {
        el.replace(
            &format!(
                "<script defer src=\"{}\" data-app=\"{}\" data-start=\"{}\"></script>",
                attr_escape(spec.scripts.first_stage),
                attr_escape(spec.scripts.loader),
                spec.start.as_str()
            ),
            ContentType::Html,
        );
        return Ok(());
    }
    if dev_reload {
        return Ok(());
    }
    Err("an inline <script> is left; the Content-Security-Policy would block it".into())
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

    const SCRIPTS: Scripts = Scripts {
        first_stage: "/first-stage-bb.js",
        loader: "/newsfront-loader-aa.js",
    };

    fn template() -> Template {
        Template::parse(INDEX.to_string()).unwrap()
    }

    fn styles() -> Vec<Style> {
        vec![Style {
            href: "/app-0123456789abcdef.css".into(),
            css: "body{color:red}".into(),
        }]
    }

    #[test]
    fn template_parts_are_read() {
        let t = template();
        assert!(t.loader.starts_with("import init from"));
        assert!(t.loader.ends_with("_bg.wasm' });\n"));
        assert_eq!(t.stylesheets, vec!["/app-0123456789abcdef.css"]);
        assert!(!t.dev_reload);
    }

    #[test]
    fn the_plain_shell_keeps_its_preloads_and_loses_every_inline_script() {
        let styles = styles();
        let out = render(
            &template(),
            &PageSpec {
                route: None,
                scripts: &SCRIPTS,
                start: Start::Now,
                csp: Some("default-src 'none'"),
                styles: &styles,
            },
        )
        .unwrap();
        assert!(out.contains(
            "<meta charset=\"utf-8\">\n  <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\">"
        ));
        assert!(out.contains("<style>body{color:red}</style>"));
        assert!(!out.contains("rel=\"stylesheet\""));
        assert!(out.contains("_bg.wasm\" as=\"fetch\">"));
        assert!(out.contains("rel=\"modulepreload\""));
        assert!(out.contains(
            "<script defer src=\"/first-stage-bb.js\" data-app=\"/newsfront-loader-aa.js\" data-start=\"now\"></script>"
        ));
        assert!(!out.contains("import init"));
        assert!(out.contains("aria-busy=\"true\""));
    }

    #[test]
    fn a_route_gets_its_head_content_and_data() {
        let styles = styles();
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
            &template(),
            &PageSpec {
                route: Some(Route {
                    head: &head,
                    rendered: &rendered,
                    data: &data,
                }),
                scripts: &SCRIPTS,
                start: Start::Demand,
                csp: None,
                styles: &styles,
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
        assert!(!out.contains("_bg.wasm\" as=\"fetch\""));
        assert!(
            !out.contains("modulepreload"),
            "an article loads no app code by itself"
        );
        assert!(out.contains("data-start=\"demand\""));
        assert!(out.contains("id=\"nf-data\">{\"feed/site.json\":\"{}\"}</script>\n</body>"));
        assert!(!out.contains("Content-Security-Policy"));
    }

    #[test]
    fn an_unknown_inline_script_is_refused() {
        let html = INDEX.replace("<body>", "<body><script>alert(1)</script>");
        let styles = styles();
        let err = render(
            &Template::parse(html).unwrap(),
            &PageSpec {
                route: None,
                scripts: &SCRIPTS,
                start: Start::Now,
                csp: None,
                styles: &styles,
            },
        )
        .unwrap_err();
        assert!(err.to_string().contains("inline <script>"), "{err}");
    }
}
