//! `site.toml` → the validated [`Site`], via the same checks the app runs on `site.json`.

use serde::{Deserialize, Serialize};

use newsfront_core::{parse_site, FeedError, Site, FORMAT_VERSION};

use super::toml_problem;
use crate::report::FileProblem;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SiteToml {
    format_version: Option<u32>,
    name: String,
    #[serde(default)]
    description: String,
    base_url: String,
    logo: Option<String>,
    timezone: String,
    page_size: u32,
    #[serde(default)]
    category: Vec<CategoryToml>,
    comments: Option<CommentSettingsToml>,
    share: Option<ShareToml>,
    offline: Option<OfflineToml>,
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct CategoryToml {
    slug: String,
    name: String,
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct CommentSettingsToml {
    mode: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    server: Option<String>,
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct ShareToml {
    wechat: Option<WechatToml>,
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct WechatToml {
    sign_url: String,
    sdk_url: String,
}

/// `[offline]`: what readers' phones keep for reading without a network (docs/offline.md).
#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct OfflineToml {
    #[serde(skip_serializing_if = "Option::is_none")]
    articles: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_bytes: Option<u64>,
}

/// Parses `site.toml` (named `file` in messages) and validates it as `site.json` would be.
pub fn parse_site_toml(file: &str, src: &str) -> Result<Site, Vec<FileProblem>> {
    parse_site_toml_with(file, src, None)
}

/// [`parse_site_toml`], with comments from the Waline server at `waline_server` whatever the
/// file says (`newsfront-feed build --waline-server`: a demo or test server), validated alike.
pub fn parse_site_toml_with(
    file: &str,
    src: &str,
    waline_server: Option<&str>,
) -> Result<Site, Vec<FileProblem>> {
    let mut raw: SiteToml =
        toml::from_str(src).map_err(|e| vec![toml_problem(file, src, 1, &e)])?;
    if let Some(server) = waline_server {
        raw.comments = Some(CommentSettingsToml {
            mode: "waline".into(),
            server: Some(server.to_string()),
        });
    }
    if let Some(v) = raw.format_version.filter(|&v| v != FORMAT_VERSION) {
        return Err(vec![FileProblem::new(
            file,
            None,
            FeedError::UnsupportedVersion {
                found: v,
                supported: FORMAT_VERSION,
            }
            .to_string(),
        )]);
    }
    let mut json = serde_json::json!({
        "format_version": FORMAT_VERSION,
        "name": raw.name,
        "description": raw.description,
        "base_url": raw.base_url,
        "logo": raw.logo,
        "timezone": raw.timezone,
        "page_size": raw.page_size,
        "categories": raw.category,
        "comments": raw.comments.unwrap_or(CommentSettingsToml { mode: "off".into(), server: None }),
        "share": raw.share.unwrap_or(ShareToml { wechat: None }),
    });
    if let Some(offline) = raw.offline {
        json["offline"] = serde_json::to_value(offline).expect("plain numbers");
    }
    let as_file_problem = |p: newsfront_core::Problem| {
        let field = p.path.replace("categories", "category");
        FileProblem::new(file, None, format!("{field}: {}", p.reason))
    };
    let site = parse_site(&json.to_string()).map_err(|e| {
        e.problems()
            .into_iter()
            .map(as_file_problem)
            .collect::<Vec<_>>()
    })?;
    // The app would leave these out; the builder writes nothing that is not all valid.
    if !site.skipped.is_empty() {
        return Err(site.skipped.into_iter().map(as_file_problem).collect());
    }
    Ok(site)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SITE: &str = r#"
name = "陇县新闻网"
base_url = "https://news.example.cn"
timezone = "+08:00"
page_size = 10

[[category]]
slug = "lxzx"
name = "陇县资讯"

[comments]
mode = "static"
"#;

    #[test]
    fn a_waline_server_given_to_the_build_replaces_the_files_comments() {
        let site = parse_site_toml_with("site.toml", SITE, Some("http://127.0.0.1:8360")).unwrap();
        assert_eq!(
            site.comments,
            newsfront_core::CommentSettings::Waline {
                server: "http://127.0.0.1:8360".into()
            }
        );
        let err = parse_site_toml_with("site.toml", SITE, Some("javascript:alert(1)")).unwrap_err();
        assert!(err[0].to_string().contains("comments"), "{err:?}");
    }

    #[test]
    fn reads_a_site() {
        let site = parse_site_toml("site.toml", SITE).unwrap();
        assert_eq!(site.base_url, "https://news.example.cn/");
        assert_eq!(site.categories.len(), 1);
    }

    #[test]
    fn typo_names_the_line() {
        let src = SITE.replace("page_size", "page_sise");
        let err = parse_site_toml("site.toml", &src).unwrap_err();
        assert_eq!(err[0].line, Some(5), "{}", err[0]);
        assert!(
            err[0].message.contains("unknown field `page_sise`"),
            "{}",
            err[0]
        );
    }

    #[test]
    fn bad_values_are_all_reported() {
        let src = SITE.replace("+08:00", "CST").replace("\"lxzx\"", "\"LX\"");
        let err = parse_site_toml("site.toml", &src).unwrap_err();
        assert_eq!(err.len(), 2, "{err:?}");
        assert!(err[0].to_string().contains("timezone"));
        assert!(err[1].to_string().contains("category[0].slug"));
    }

    #[test]
    fn offline_settings_reach_the_site() {
        let src = format!("{SITE}\n[offline]\narticles = 5\nmax_bytes = 2_000_000\n");
        let site = parse_site_toml("site.toml", &src).unwrap();
        assert_eq!(
            (site.offline.articles, site.offline.max_bytes),
            (5, 2_000_000)
        );
        let without = parse_site_toml("site.toml", SITE).unwrap();
        assert!(without.offline.is_default());
    }

    #[test]
    fn bad_offline_settings_fail_the_build() {
        let src = format!("{SITE}\n[offline]\nmax_bytes = 10\n");
        let err = parse_site_toml("site.toml", &src).unwrap_err();
        assert_eq!(err.len(), 1, "{err:?}");
        assert!(
            err[0]
                .to_string()
                .contains("offline.max_bytes: is 10; must be 100000..=1000000000"),
            "{}",
            err[0]
        );
        let typo = format!("{SITE}\n[offline]\narticle = 5\n");
        let err = parse_site_toml("site.toml", &typo).unwrap_err();
        assert!(
            err[0].message.contains("unknown field `article`"),
            "{}",
            err[0]
        );
    }

    #[test]
    fn what_the_app_would_skip_fails_the_build() {
        let src = format!(
            "{SITE}\n[share.wechat]\nsign_url = \"https://s.example.cn/sign\"\nsdk_url = \"https://evil.example/sdk.js\"\n"
        );
        let err = parse_site_toml("site.toml", &src).unwrap_err();
        assert_eq!(err.len(), 1, "{err:?}");
        assert!(
            err[0].to_string().contains("share.wechat.sdk_url: \"https://evil.example/sdk.js\" is not on an official WeChat host"),
            "{}",
            err[0]
        );
    }
}
