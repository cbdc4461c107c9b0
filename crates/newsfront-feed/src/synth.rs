//! `newsfront-feed synth`: a synthetic content directory of N articles over the seven
//! sample categories, for scale tests and benchmarks.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use anyhow::Context;

const CATEGORIES: [(&str, &str); 7] = [
    ("lxzx", "陇县资讯"),
    ("lxjy", "陇县教育"),
    ("bjzx", "宝鸡资讯"),
    ("lxfc", "陇县房产"),
    ("lxqc", "陇县汽车"),
    ("lzsh", "陇州社火"),
    ("lzrw", "陇州人物"),
];

/// A small grey PNG, encoded by the image crate (the build decodes every image it is given).
fn placeholder_png() -> anyhow::Result<Vec<u8>> {
    let pixels = image::RgbImage::from_pixel(64, 48, image::Rgb([200, 200, 200]));
    let mut png = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(pixels).write_to(&mut png, image::ImageFormat::Png)?;
    Ok(png.into_inner())
}

/// Writes `site.toml`, `articles/synth-NNNNN.md`, a few comments files and one image.
pub fn synth(articles: usize, out: &Path) -> anyhow::Result<()> {
    for dir in ["articles", "comments", "images"] {
        fs::create_dir_all(out.join(dir))
            .with_context(|| format!("cannot create {}", out.join(dir).display()))?;
    }
    let mut site = String::from(
        "format_version = 1\nname = \"合成测试站\"\ndescription = \"newsfront-feed synth\"\n\
         base_url = \"https://synth.example/\"\ntimezone = \"+08:00\"\npage_size = 10\n",
    );
    for (slug, name) in CATEGORIES {
        write!(
            site,
            "\n[[category]]\nslug = \"{slug}\"\nname = \"{name}\"\n"
        )?;
    }
    site.push_str("\n[comments]\nmode = \"static\"\n");
    fs::write(out.join("site.toml"), site)?;
    fs::write(out.join("images/pixel.png"), placeholder_png()?)?;
    // One article an hour, going back from 2026-01-01T00:00:00+08:00.
    let start = 1_767_196_800i64;
    for i in 0..articles {
        let (slug, name) = CATEGORIES[i % CATEGORIES.len()];
        let ts = newsfront_core::Timestamp::from_unix(
            start - 3600 * i as i64,
            newsfront_core::Zone::parse("+08:00").expect("valid zone"),
        );
        let mut md = format!(
            "+++\ntitle = \"{name}第{i}号合成新闻:县域发展持续向好\"\ncategory = \"{slug}\"\n\
             source = \"网站编辑\"\npublished = {ts}\ntags = [\"合成\", \"{name}\"]\n"
        );
        if i % 5 == 0 {
            md.push_str("cover = \"images/pixel.png\"\ncover_alt = \"占位图\"\n");
        }
        if i > 0 && i % 3 == 0 {
            writeln!(md, "related = [\"synth-{:05}\"]", i - 1)?;
        }
        md.push_str("+++\n\n");
        for p in 0..4 {
            writeln!(
                md,
                "第{p}段:这是一篇用于规模测试的合成文章,包含**加粗**、*斜体*和[链接](https://synth.example/a/{i})。\
                 陇县各项事业稳步推进,群众获得感不断增强。\n"
            )?;
        }
        md.push_str("## 小标题\n\n> 引用一段话。\n\n- 要点一\n- 要点二\n\n");
        if i % 7 == 0 {
            md.push_str("![示意图](images/pixel.png)\n");
        }
        fs::write(out.join(format!("articles/synth-{i:05}.md")), md)?;
        if i % 10 == 0 {
            let comments = format!(
                "[[comment]]\nid = \"c1\"\nauthor = \"读者\"\ntime = {ts}\ntext = \"好消息!\"\n\n\
                 [[comment]]\nid = \"c2\"\nparent = \"c1\"\nauthor = \"编辑\"\ntime = {ts}\ntext = \"谢谢关注。\"\n"
            );
            fs::write(out.join(format!("comments/synth-{i:05}.toml")), comments)?;
        }
    }
    Ok(())
}
