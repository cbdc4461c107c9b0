//! Validation of `site.json`.

use super::{at, index, Lines, ProblemCollector};
use crate::raw::{RawCommentSettings, RawSite};
use crate::{limits, Category, CommentSettings, ShareSettings, Site, WechatShare, Zone};

pub(crate) fn validate_site(raw: RawSite, p: &mut ProblemCollector) -> Option<Site> {
    let before = p.len();
    let name = p.text("name", raw.name, limits::SITE_NAME, Lines::One);
    let description = p.any_text(
        "description",
        raw.description,
        limits::SITE_DESCRIPTION,
        Lines::Many,
    );
    let base_url = p.http_url("base_url", raw.base_url).map(|mut u| {
        if !u.ends_with('/') {
            u.push('/');
        }
        u
    });
    let logo = raw.logo.and_then(|l| p.image_src("logo", l));
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
    p.at_most(
        "categories",
        raw.categories.len(),
        limits::MAX_CATEGORIES,
        "entries",
    );
    let mut categories = Vec::with_capacity(raw.categories.len());
    for (i, c) in raw.categories.into_iter().enumerate() {
        let path = index("categories", i);
        let slug = p.slug(&at(&path, "slug"), &c.slug);
        let name = p.text(
            &at(&path, "name"),
            c.name,
            limits::CATEGORY_NAME,
            Lines::One,
        );
        if let (Some(slug), Some(name)) = (slug, name) {
            if categories.iter().any(|c: &Category| c.slug == slug) {
                p.add(at(&path, "slug"), format!("{slug:?} is listed twice"));
            }
            categories.push(Category { slug, name });
        }
    }
    let comments = match raw.comments {
        RawCommentSettings::Off => Some(CommentSettings::Off),
        RawCommentSettings::Static => Some(CommentSettings::Static),
        RawCommentSettings::Waline { server } => p
            .http_url("comments.server", server)
            .map(|server| CommentSettings::Waline { server }),
    };
    let wechat = raw.share.wechat.map(|w| {
        let sign_url = p.http_url("share.wechat.sign_url", w.sign_url);
        let sdk_url = p.http_url("share.wechat.sdk_url", w.sdk_url);
        Some(WechatShare {
            sign_url: sign_url?,
            sdk_url: sdk_url?,
        })
    });
    if let Some(g) = &raw.generated_at {
        p.timestamp("generated_at", g);
    }
    if p.len() != before {
        return None;
    }
    Some(Site {
        name: name?,
        description: description?,
        base_url: base_url?,
        logo,
        zone: zone?,
        page_size: raw.page_size,
        categories,
        comments: comments?,
        share: ShareSettings {
            wechat: match wechat {
                None => None,
                Some(w) => Some(w?),
            },
        },
    })
}
