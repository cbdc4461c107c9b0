//! Photos for phones: in Chromium at 375 and 1280 px the browser picks the copy that fits,
//! the lead photo loads first and the rest lazily, nothing shifts while photos arrive, the
//! lightbox shows the largest copy, list thumbnails use their own small copies, the
//! placeholder colour breaks no Content-Security-Policy, and a feed without copies still
//! renders its images.

use anyhow::{ensure, Context, Result};
use newsfront_e2e::{
    detected, dist, feed_json, launch, scratch::dangerous_dom, Browser, BrowserOptions, Fault,
    Rule, ScratchSite, Viewport, DEFAULT_WAIT,
};
use serde_json::Value;

/// The sample article whose lead photo is the 16 MB, 5640 × 3172 one.
const PHOTO: &str = "bj-20230325-xiang-huazhan";
/// A sample article with a lead photo and a second photo further down.
const TWO_PHOTOS: &str = "lx-20230320-qiangduiliu";
const LEAD: &str = ".article__body .figure__img";

/// A 375 px phone with a pixel ratio of 1 (older Android phones).
const PHONE_375_DPR1: Viewport = Viewport {
    name: "phone-375-dpr1",
    pixel_ratio: 1.0,
    ..Viewport::PHONE_375
};

/// The first body image of an article, as the feed has it.
fn first_body_image(id: &str) -> Result<Value> {
    let article = feed_json(&dist(), &format!("articles/{id}.json"))?;
    article["body"]
        .as_array()
        .context("body")?
        .iter()
        .find(|b| b["type"] == "image")
        .map(|b| b["image"].clone())
        .context("no body image")
}

/// The narrowest WebP copy at least `needed` device pixels wide (or the widest one).
fn expected_webp(image: &Value, needed: f64) -> Result<String> {
    let mut webp: Vec<(u64, String)> = image["variants"]["scaled"]
        .as_array()
        .context("scaled copies")?
        .iter()
        .filter(|v| v["type"] == "image/webp")
        .map(|v| {
            (
                v["width"].as_u64().unwrap_or(0),
                v["src"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    webp.sort();
    let widest = webp.last().context("no WebP copies")?.1.clone();
    Ok(webp
        .into_iter()
        .find(|(w, _)| *w as f64 >= needed)
        .map_or(widest, |(_, src)| src))
}

/// Waits until the first `selector` image has loaded; returns its `currentSrc`.
fn loaded_src(b: &mut Browser, selector: &str) -> Result<String> {
    let script = format!(
        "const i = document.querySelector('{selector}'); \
         return i && i.complete && i.naturalWidth > 0 ? i.currentSrc : null;"
    );
    b.wait_until(&format!("{selector} to load"), DEFAULT_WAIT, |b| {
        Ok(b.eval_js(&script)?.is_string())
    })?;
    Ok(b.eval_js(&script)?.as_str().unwrap_or_default().to_string())
}

#[test]
fn the_browser_picks_the_copy_that_fits_at_375_and_1280() -> Result<()> {
    let image = first_body_image(PHOTO)?;
    for viewport in [PHONE_375_DPR1, Viewport::PHONE_375, Viewport::DESKTOP] {
        let (_server, mut b) = launch(BrowserOptions::new(viewport))?;
        b.goto(&format!("/a/{PHOTO}"))?;
        b.wait_for(LEAD, DEFAULT_WAIT)?;
        let current = loaded_src(&mut b, LEAD)?;
        let slot = b
            .eval_js(&format!(
                "return document.querySelector('{LEAD}').getBoundingClientRect().width;"
            ))?
            .as_f64()
            .context("slot width")?;
        let want = expected_webp(&image, slot * viewport.pixel_ratio)?;
        ensure!(
            current.ends_with(&want),
            "{}: a {slot} px slot at DPR {} loaded {current}, expected {want}",
            viewport.name,
            viewport.pixel_ratio
        );
        // Intrinsic size on the element: the box is reserved before any byte arrives.
        let (w, h) = (b.attr(LEAD, "width")?, b.attr(LEAD, "height")?);
        ensure!(
            w.as_deref() == image["width"].as_u64().map(|v| v.to_string()).as_deref()
                && h.as_deref() == image["height"].as_u64().map(|v| v.to_string()).as_deref(),
            "width/height attributes {w:?} × {h:?}"
        );
        println!("ok   {}: {slot} px slot → {current}", viewport.name);
        b.screenshot(&format!("images-{PHOTO}"))?;
    }
    Ok(())
}

#[test]
fn the_lead_photo_loads_first_and_the_next_one_lazily() -> Result<()> {
    // The static file first: what the browser sees before the app runs.
    let html = std::fs::read_to_string(dist().join(format!("a/{TWO_PHOTOS}/index.html")))?;
    let imgs: Vec<&str> = html
        .split("<img ")
        .skip(1)
        .map(|s| &s[..s.find('>').unwrap_or(s.len())])
        .filter(|tag| tag.contains("figure__img"))
        .collect();
    ensure!(imgs.len() == 2, "two body images in the page: {imgs:?}");
    ensure!(
        imgs[0].contains("loading=\"eager\"") && imgs[0].contains("fetchpriority=\"high\""),
        "lead: {}",
        imgs[0]
    );
    ensure!(
        imgs[1].contains("loading=\"lazy\"") && !imgs[1].contains("fetchpriority"),
        "second: {}",
        imgs[1]
    );
    for tag in &imgs {
        ensure!(
            tag.contains(" width=\"") && tag.contains(" height=\""),
            "no size: {tag}"
        );
    }
    ensure!(
        html.contains("<source type=\"image/webp\" srcset=\""),
        "no WebP source"
    );

    // In Chromium on a phone, once the app runs: the same attributes, and the lead photo is
    // requested before the one below (which Chromium fetches when it comes within its
    // lazy-loading distance, on a short article soon after).
    let (_server, mut b) = launch(BrowserOptions::phone())?;
    b.goto(&format!("/a/{TWO_PHOTOS}"))?;
    loaded_src(&mut b, LEAD)?;
    let live = b.eval_js(
        "return [...document.querySelectorAll('.figure__img')].map(i => \
            [i.getAttribute('loading'), i.getAttribute('fetchpriority')]);",
    )?;
    ensure!(
        live == serde_json::json!([["eager", "high"], ["lazy", null]]),
        "live attributes {live}"
    );
    b.set_scroll(100_000.0)?;
    let second = loaded_src(&mut b, ".figure:nth-of-type(2) .figure__img")?;
    let lead = b
        .eval_js(&format!(
            "return document.querySelector('{LEAD}').currentSrc;"
        ))?
        .as_str()
        .unwrap_or_default()
        .to_string();
    let starts = b.eval_js_with(
        "const t = u => (performance.getEntriesByName(u)[0] || {}).startTime; \
         return [t(arguments[0]), t(arguments[1])];",
        vec![lead.clone().into(), second.clone().into()],
    )?;
    let (lead_at, second_at) = (
        starts[0].as_f64().context("lead timing")?,
        starts[1].as_f64().context("second timing")?,
    );
    ensure!(
        lead_at <= second_at,
        "the lead photo was requested at {lead_at} ms, after the second at {second_at} ms"
    );
    println!("ok   lead photo requested at {lead_at:.0} ms, the one below at {second_at:.0} ms");
    Ok(())
}

#[test]
fn photos_arriving_late_shift_no_layout() -> Result<()> {
    for options in [BrowserOptions::phone(), BrowserOptions::desktop()] {
        let (server, mut b) = launch(options)?;
        b.record_layout_shifts()?;
        // Every image arrives a second after the text.
        server.add_rule(Rule::prefix("/feed/images/", Fault::delay_ms(1000)));
        b.goto(&format!("/a/{TWO_PHOTOS}"))?;
        loaded_src(&mut b, LEAD)?;
        b.set_scroll(100_000.0)?;
        b.wait_until("every body image to load", DEFAULT_WAIT, |b| {
            Ok(b.eval_js(
                "return [...document.querySelectorAll('.figure__img')].every(i => i.complete && i.naturalWidth > 0);",
            )? == true)
        })?;
        let cls = b.layout_shift()?;
        println!(
            "ok   {}: CLS {cls:.4} with photos a second late",
            b.options().viewport.name
        );
        ensure!(cls < 0.001, "layout shift {cls}: {}", b.layout_shifts()?);
    }
    Ok(())
}

#[test]
fn the_lightbox_shows_the_largest_copy() -> Result<()> {
    let image = first_body_image(PHOTO)?;
    let largest = expected_webp(&image, f64::MAX)?;
    let html = std::fs::read_to_string(dist().join(format!("a/{PHOTO}/index.html")))?;
    ensure!(
        html.contains(&format!("data-full=\"feed/{largest}\"")),
        "the prerendered figure names the largest copy for the first stage"
    );
    let (_server, mut b) = launch(BrowserOptions::phone())?;
    b.goto(&format!("/a/{PHOTO}"))?;
    b.click(".figure__button")?;
    b.wait_for(".lightbox__img", DEFAULT_WAIT)?;
    let shown = loaded_src(&mut b, ".lightbox__img")?;
    ensure!(
        shown.ends_with(&largest),
        "lightbox shows {shown}, not {largest}"
    );
    b.screenshot("images-lightbox")?;
    Ok(())
}

#[test]
fn list_thumbnails_use_their_own_copies_and_placeholders_break_no_policy() -> Result<()> {
    let site = ScratchSite::new(&dist())?;
    for viewport in [Viewport::PHONE_375, Viewport::DESKTOP] {
        let mut b = site.browser(BrowserOptions::new(viewport))?;
        b.goto("/c/bjzx")?;
        let thumb = ".article-list__thumb";
        b.wait_for(thumb, DEFAULT_WAIT)?;
        let src = loaded_src(&mut b, thumb)?;
        let want = if viewport.pixel_ratio >= 2.0 {
            ".t224x148.webp"
        } else {
            ".t112x74.webp"
        };
        ensure!(
            src.ends_with(want),
            "{}: thumbnail {src}, expected *{want}",
            viewport.name
        );
        let size = b.eval_js(&format!(
            "const r = document.querySelector('{thumb}').getBoundingClientRect(); return [r.width, r.height];"
        ))?;
        ensure!(size == serde_json::json!([112, 74]), "thumbnail box {size}");
        // The placeholder is an SVG fill attribute: no inline style for the policy to block.
        let list = site.feed_json("lists/c/bjzx/1.json")?;
        let colour = list["items"][0]["cover"]["placeholder"]
            .as_str()
            .context("placeholder")?;
        let fill = b.eval_js(
            "return document.querySelector('.article-list__cover .picture__ph rect').getAttribute('fill');",
        )?;
        ensure!(fill == colour, "placeholder fill {fill} != {colour}");
        b.goto(&format!("/a/{PHOTO}"))?;
        loaded_src(&mut b, LEAD)?;
        b.screenshot("images-list-and-photo")?;
        let seen = detected(&b)?;
        ensure!(seen.csp.is_empty(), "CSP violations: {:?}", seen.csp);
        let dom = dangerous_dom(&b)?;
        ensure!(dom.is_empty(), "unexpected elements: {dom:?}");
    }
    Ok(())
}

#[test]
fn the_share_image_is_the_small_jpeg() -> Result<()> {
    let article = feed_json(&dist(), &format!("articles/{PHOTO}.json"))?;
    let share = article["cover"]["variants"]["share"]["src"]
        .as_str()
        .context("share copy")?;
    let bytes = std::fs::metadata(dist().join("feed").join(share))?.len();
    ensure!(
        share.ends_with(".share.jpg") && bytes <= 200_000,
        "{share}: {bytes} B"
    );
    let html = std::fs::read_to_string(dist().join(format!("a/{PHOTO}/index.html")))?;
    let og = html
        .split("<meta property=\"og:image\" content=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .context("og:image")?;
    ensure!(
        og.starts_with("https://") && og.ends_with(&format!("/feed/{share}")),
        "og:image {og} is not the share copy {share}"
    );
    Ok(())
}

/// Removes `placeholder` and `variants` from every image in `value`, pointing `src` at `src`.
fn strip_copies(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if map.contains_key("width") && map.contains_key("src") && map.contains_key("alt") {
                map.remove("variants");
                map.remove("placeholder");
            }
            map.values_mut().for_each(strip_copies);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_copies),
        _ => {}
    }
}

#[test]
fn a_feed_without_copies_still_renders_its_images() -> Result<()> {
    let site = ScratchSite::new(&dist())?;
    for file in [
        format!("articles/{PHOTO}.json"),
        "lists/c/bjzx/1.json".to_string(),
    ] {
        let mut json = site.feed_json(&file)?;
        strip_copies(&mut json);
        site.write_feed_json(&file, &json)?;
    }
    let mut b = site.browser(BrowserOptions::phone())?;
    b.goto("/c/bjzx")?;
    let thumb = loaded_src(&mut b, ".article-list__thumb")?;
    ensure!(
        thumb.ends_with(".t224x148.jpg"),
        "list cover from src: {thumb}"
    );
    b.goto(&format!("/a/{PHOTO}"))?;
    let lead = loaded_src(&mut b, LEAD)?;
    ensure!(lead.ends_with(".w1600.jpg"), "body image from src: {lead}");
    ensure!(
        b.count(".article__body picture source")? == 0,
        "no sources without copies"
    );
    ensure!(b.count(".picture__ph")? == 0, "no placeholder without one");
    b.click(".figure__button")?;
    let shown = loaded_src(&mut b, ".lightbox__img")?;
    ensure!(
        shown.ends_with(".w1600.jpg"),
        "lightbox falls back to src: {shown}"
    );
    ensure!(detected(&b)?.is_clean(), "policy or script trouble");
    Ok(())
}
