//! Validation of `site.json`. What the site cannot do without (name, base URL, time zone, page
//! size) fails the file; anything with a safe fallback (description, logo, a category, the
//! comment server, WeChat sharing) is left out with a note in `skipped`, so one bad entry does
//! not take the whole site down.

use super::{at, index, read_entry, Lines, ProblemCollector};
use crate::raw::{RawCategory, RawCommentSettings, RawOffline, RawSite, RawWechatShare};
use crate::share::wechat_sdk_origin;
use crate::{
    limits, Category, CommentSettings, OfflineSettings, Problem, ShareSettings, Site, Slug,
    WechatShare, Zone,
};

pub(crate) fn validate_site(raw: RawSite, p: &mut ProblemCollector) -> Option<Site> {
    let before = p.len();
    let name = p.text("name", raw.name, limits::SITE_NAME, Lines::One);
    let base_url = p.http_url("base_url", raw.base_url).map(|mut u| {
        if !u.ends_with('/') {
            u.push('/');
        }
        u
    });
    let zone = Zone::parse(&raw.timezone)
        .map_err(|e| p.add("timezone", e.to_string()))
        .ok();
    if raw.page_size == 0 || raw.page_size > limits::MAX_PAGE_SIZE {
        p.add(
            "page_size",
            format!(
                "is {}; must be 1..={}",
                raw.page_size,
                limits::MAX_PAGE_SIZE
            ),
        );
    }
    let mut skipped = Vec::new();
    let description = optional(&mut skipped, "the site has no description", |q| {
        q.any_text(
            "description",
            raw.description,
            limits::SITE_DESCRIPTION,
            Lines::Many,
        )
    })
    .unwrap_or_default();
    let logo = raw.logo.and_then(|l| {
        optional(&mut skipped, "the site has no logo", |q| {
            q.image_src("logo", l)
        })
    });
    let categories = categories(&raw.categories, &mut skipped);
    let comments = match raw.comments {
        RawCommentSettings::Off => CommentSettings::Off,
        RawCommentSettings::Static => CommentSettings::Static,
        RawCommentSettings::Waline { server } => optional(&mut skipped, "comments are off", |q| {
            q.http_url("comments.server", server)
        })
        .map_or(CommentSettings::Off, |server| CommentSettings::Waline {
            server,
        }),
    };
    let wechat = raw.share.wechat.and_then(|w| {
        optional(&mut skipped, "WeChat share cards are off", |q| {
            wechat_share(w, q)
        })
    });
    let offline = raw
        .offline
        .and_then(|json| optional(&mut skipped, "the defaults are used", |q| offline(&json, q)))
        .unwrap_or_default();
    if let Some(g) = raw.generated_at {
        optional(&mut skipped, "it is ignored", |q| {
            q.timestamp("generated_at", &g)
        });
    }
    if p.len() != before {
        // Refused anyway: list the lesser problems too, so one run reports everything.
        p.0.extend(skipped);
        return None;
    }
    Some(Site {
        name: name?,
        description,
        base_url: base_url?,
        logo,
        zone: zone?,
        page_size: raw.page_size,
        categories,
        comments,
        share: ShareSettings { wechat },
        offline,
        skipped,
    })
}

/// Runs a check of something the site can do without; its problems go to `skipped`, each with
/// what the app does instead (`effect`), and the value is then `None`.
fn optional<T>(
    skipped: &mut Vec<Problem>,
    effect: &str,
    check: impl FnOnce(&mut ProblemCollector) -> Option<T>,
) -> Option<T> {
    let mut q = ProblemCollector::default();
    let value = check(&mut q);
    if q.0.is_empty() {
        value
    } else {
        skipped.extend(q.0.into_iter().map(|p| with_effect(p, effect)));
        None
    }
}

/// `problem` with what the app does about it: "… (skipped: comments are off)".
fn with_effect(problem: Problem, effect: &str) -> Problem {
    let reason = format!("{} (skipped: {effect})", problem.reason);
    Problem::new(problem.path, reason)
}

/// The first [`limits::MAX_CATEGORIES`] good, distinct categories; the rest are noted.
fn categories(
    raw: &[Box<serde_json::value::RawValue>],
    skipped: &mut Vec<Problem>,
) -> Vec<Category> {
    let effect = "the category is left out of the navigation";
    let mut categories: Vec<Category> = Vec::new();
    for (i, json) in raw.iter().enumerate() {
        let path = index("categories", i);
        if categories.len() == limits::MAX_CATEGORIES {
            skipped.push(with_effect(
                Problem::new(
                    "categories",
                    format!(
                        "has {} entries; the first {} good ones are used",
                        raw.len(),
                        limits::MAX_CATEGORIES
                    ),
                ),
                "the others are left out of the navigation",
            ));
            break;
        }
        let c: RawCategory = match read_entry(json, &path) {
            Ok(c) => c,
            Err(problem) => {
                skipped.push(with_effect(problem, effect));
                continue;
            }
        };
        let mut q = ProblemCollector::default();
        let slug: Option<Slug> = q.slug(&at(&path, "slug"), &c.slug);
        let name = q.text(
            &at(&path, "name"),
            c.name,
            limits::CATEGORY_NAME,
            Lines::One,
        );
        if let Some(slug) = &slug {
            if categories.iter().any(|c| &c.slug == slug) {
                q.add(
                    at(&path, "slug"),
                    format!("{:?} is listed twice", slug.as_str()),
                );
            }
        }
        match (slug, name) {
            (Some(slug), Some(name)) if q.0.is_empty() => categories.push(Category { slug, name }),
            _ => skipped.extend(q.0.into_iter().map(|pr| with_effect(pr, effect))),
        }
    }
    categories
}

/// `offline`, read on its own so that a wrong type there costs only the settings.
fn offline(
    json: &serde_json::value::RawValue,
    q: &mut ProblemCollector,
) -> Option<OfflineSettings> {
    let raw: RawOffline = match read_entry(json, "offline") {
        Ok(raw) => raw,
        Err(problem) => {
            q.0.push(problem);
            return None;
        }
    };
    let defaults = OfflineSettings::DEFAULT;
    let articles = raw.articles.unwrap_or(defaults.articles);
    if articles > limits::OFFLINE_ARTICLES {
        q.add(
            "offline.articles",
            format!("is {articles}; must be 0..={}", limits::OFFLINE_ARTICLES),
        );
    }
    let max_bytes = raw.max_bytes.unwrap_or(defaults.max_bytes);
    if !(limits::OFFLINE_MIN_BYTES..=limits::OFFLINE_MAX_BYTES).contains(&max_bytes) {
        q.add(
            "offline.max_bytes",
            format!(
                "is {max_bytes}; must be {}..={}",
                limits::OFFLINE_MIN_BYTES,
                limits::OFFLINE_MAX_BYTES
            ),
        );
    }
    Some(OfflineSettings {
        articles,
        max_bytes,
    })
}

fn wechat_share(w: RawWechatShare, q: &mut ProblemCollector) -> Option<WechatShare> {
    let sign_url = q.http_url("share.wechat.sign_url", w.sign_url);
    let sdk_url = match wechat_sdk_origin(&w.sdk_url) {
        Ok(_) => Some(w.sdk_url),
        Err(reason) => {
            q.add("share.wechat.sdk_url", reason);
            None
        }
    };
    Some(WechatShare {
        sign_url: sign_url?,
        sdk_url: sdk_url?,
    })
}
