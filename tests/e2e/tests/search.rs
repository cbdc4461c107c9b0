//! Site search as a reader uses it, on the sample feed: from the header, deep links and reloads,
//! ranking and marking, 加载更多, no results, hostile queries, the page before the app runs,
//! and all of it under `/news/`.

use anyhow::{ensure, Context, Result};
use newsfront_e2e::scratch::{dangerous_dom, detected, install_detector};
use newsfront_e2e::selectors::{
    ARTICLE_TITLE, LIST_ITEM, LIST_LINK, LOAD_MORE, RESULT_TITLES, SEARCH_HITS, SEARCH_INPUT,
    SEARCH_LINK, SEARCH_STATUS,
};
use newsfront_e2e::{
    launch, launch_at, main_wasm_path, Browser, BrowserOptions, Fault, Rule, DEFAULT_WAIT,
};

const ENTER: &str = "\u{E007}";

/// The `data-state` of the search status once it has settled (not `loading`).
fn settled(b: &mut Browser) -> Result<String> {
    b.wait_until("the search to settle", DEFAULT_WAIT * 2, |b| {
        Ok(b.exists(SEARCH_STATUS)?
            && matches!(
                b.attr(SEARCH_STATUS, "data-state")?.as_deref(),
                Some("done" | "none" | "problem")
            ))
    })?;
    b.attr(SEARCH_STATUS, "data-state")?
        .context("no search status")
}

/// Each result's title, whether its title holds `needle`, and its time.
fn results(b: &Browser) -> Result<Vec<(String, String)>> {
    let v = b.eval_js(
        "return [...document.querySelectorAll('[data-search-results] .article-list__item')].map(li => \
           [li.querySelector('.article-list__title').textContent, li.querySelector('time').getAttribute('datetime')]);",
    )?;
    Ok(serde_json::from_value(v)?)
}

/// Titles that hold the query come first, newest first among them (the ranking's rule for a
/// one-term query), and every marked part is the query.
fn check_ranked_and_marked(b: &Browser, query: &str) -> Result<()> {
    let found = results(b)?;
    ensure!(!found.is_empty(), "no results for {query}");
    let in_title = found.iter().take_while(|(t, _)| t.contains(query)).count();
    ensure!(in_title > 0, "no title with {query} first: {found:?}");
    ensure!(
        found[in_title..].iter().all(|(t, _)| !t.contains(query)),
        "a title with {query} ranked below one without: {found:?}"
    );
    let times: Vec<&String> = found[..in_title].iter().map(|(_, at)| at).collect();
    ensure!(
        times.windows(2).all(|w| w[0] >= w[1]),
        "title matches not newest first: {found:?}"
    );
    let hits = b.texts_of(SEARCH_HITS)?;
    ensure!(hits.len() >= in_title, "marks {hits:?}");
    ensure!(
        hits.iter().all(|h| h == query),
        "marks {hits:?} for {query}"
    );
    // Marks are elements the app made, holding text only.
    let nested = b.count("mark.search-hit *")?;
    ensure!(nested == 0, "{nested} elements inside marks");
    Ok(())
}

#[test]
fn search_from_the_header_ranks_marks_and_loads_more() -> Result<()> {
    let (server, mut b) = launch(BrowserOptions::phone())?;
    b.goto("/")?;
    b.wait_quiet()?;
    // The search code is its own chunk: a reader who never searches never loads it.
    let chunk = "/newsfront_split_search-";
    ensure!(
        server.request_count_prefix(chunk) == 0,
        "the search chunk loaded on home"
    );
    b.click(SEARCH_LINK)?;
    b.wait_for(SEARCH_INPUT, DEFAULT_WAIT)?;
    ensure!(b.current_path()? == "/search", "{}", b.current_path()?);
    let focused =
        b.eval_js("return document.activeElement.matches('input.search-form__input');")?;
    ensure!(focused == true, "the search box has no focus");
    b.screenshot("search-empty-phone")?;

    b.type_text(SEARCH_INPUT, &format!("社火{ENTER}"))?;
    ensure!(settled(&mut b)? == "done", "{}", b.text_of(SEARCH_STATUS)?);
    ensure!(
        b.current_path()? == "/search?q=%E7%A4%BE%E7%81%AB",
        "{}",
        b.current_path()?
    );
    check_ranked_and_marked(&b, "社火")?;
    b.screenshot("search-results-phone")?;
    ensure!(
        server.request_count_prefix(chunk) == 1,
        "the search chunk, once"
    );

    // A query with more results than one page: 加载更多 adds the next ones.
    b.eval_js("document.querySelector('input.search-form__input').value = '';")?;
    b.type_text(SEARCH_INPUT, &format!("陇县{ENTER}"))?;
    b.wait_until("results for 陇县", DEFAULT_WAIT * 2, |b| {
        Ok(b.current_path()?.ends_with("%E9%99%87%E5%8E%BF")
            && b.attr(SEARCH_STATUS, "data-state")?.as_deref() == Some("done"))
    })?;
    let status = b.text_of(SEARCH_STATUS)?;
    let total: usize = status
        .chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .with_context(|| status.clone())?;
    ensure!(total > 10, "陇县 should match more than a page: {status}");
    let first = b.count(&format!("[data-search-results] {LIST_ITEM}"))?;
    ensure!(first == 10, "first page {first}");
    b.click(LOAD_MORE)?;
    b.wait_until("the next results", DEFAULT_WAIT, |b| {
        Ok(b.count(&format!("[data-search-results] {LIST_ITEM}"))? == total.min(20))
    })?;
    let titles = b.texts_of(RESULT_TITLES)?;
    let distinct: std::collections::BTreeSet<&String> = titles.iter().collect();
    ensure!(distinct.len() == titles.len(), "a result twice: {titles:?}");

    // A result opens its article in the app.
    let title = titles[0].clone();
    b.click(&format!("[data-search-results] {LIST_LINK}"))?;
    b.wait_for_text(ARTICLE_TITLE, &title, DEFAULT_WAIT)?;
    ensure!(
        b.current_path()?.starts_with("/a/"),
        "{}",
        b.current_path()?
    );
    // Fetches stay in the feed: the manifest once, then only the shards the queries needed.
    let manifests = server.request_count_prefix("/feed/search/index.json");
    ensure!(manifests == 1, "manifest fetched {manifests} times");
    Ok(())
}

#[test]
fn deep_links_survive_a_reload_and_fold_forms_and_mixed_text() -> Result<()> {
    let (_server, mut b) = launch(BrowserOptions::desktop())?;
    // (query, a title the first result must have)
    let cases = [
        ("宝鸡市陈仓区", "宝鸡市陈仓区"),
        ("3·15", "3·15"),
        ("３·１５", "3·15"),
        ("2023年", "2023年"),
        ("刘满仓", "刘满仓"),
    ];
    for (query, title) in cases {
        b.goto(&newsfront_core::routes::search_query(query))?;
        ensure!(
            settled(&mut b)? == "done",
            "{query}: {}",
            b.text_of(SEARCH_STATUS)?
        );
        let first = results(&b)?
            .first()
            .map(|(t, _)| t.clone())
            .unwrap_or_default();
        ensure!(first.contains(title), "{query}: first result {first:?}");
        ensure!(
            !b.texts_of(SEARCH_HITS)?.is_empty(),
            "{query}: nothing marked"
        );
        let value =
            b.eval_js("return document.querySelector('input.search-form__input').value;")?;
        ensure!(value == query, "{query}: the box shows {value}");
    }
    b.screenshot("search-results-desktop")?;
    b.reload()?;
    ensure!(
        settled(&mut b)? == "done",
        "after reload: {}",
        b.text_of(SEARCH_STATUS)?
    );
    let first = results(&b)?
        .first()
        .map(|(t, _)| t.clone())
        .unwrap_or_default();
    ensure!(first.contains("刘满仓"), "after reload: {first:?}");
    Ok(())
}

#[test]
fn no_results_say_so_and_offer_the_categories() -> Result<()> {
    let (_server, mut b) = launch(BrowserOptions::phone())?;
    b.goto(&newsfront_core::routes::search_query("火星移民局"))?;
    ensure!(settled(&mut b)? == "none", "{}", b.text_of(SEARCH_STATUS)?);
    let text = b.text_of(SEARCH_STATUS)?;
    ensure!(text.contains("“火星移民局”"), "{text}");
    let links = b.count(".search-none__links a")?;
    let categories = b.count("nav.cat-nav a")?;
    ensure!(
        links == categories && links > 1,
        "{links} links, {categories} in the nav"
    );
    b.screenshot("search-none-phone")?;
    b.click(".search-none__links a:nth-child(2)")?;
    b.wait_for(LIST_ITEM, DEFAULT_WAIT)?;
    ensure!(
        b.current_path()?.starts_with("/c/"),
        "{}",
        b.current_path()?
    );
    Ok(())
}

#[test]
fn hostile_queries_are_inert_and_answered() -> Result<()> {
    let (_server, mut b) = launch(BrowserOptions::phone())?;
    check_hostile_queries(&mut b)
}

/// Hostile queries, in the box and in the URL: each gets its message or its results, nothing of
/// it runs or becomes markup, nothing panics.
fn check_hostile_queries(b: &mut Browser) -> Result<()> {
    install_detector(b)?;
    // 10 000 characters typed (pasted) into the box: too long for a server's request line
    // (nginx answers 414 over 8 KB), so it travels only in the app's own navigation.
    b.goto(newsfront_core::routes::search())?;
    b.eval_js(&format!(
        "document.querySelector('input.search-form__input').value = '{}';",
        "搜".repeat(10_000)
    ))?;
    b.click("button.search-form__submit")?;
    ensure!(settled(b)? == "problem", "10 000 characters");
    let shown = b.text_of(SEARCH_STATUS)?;
    ensure!(shown.contains("10000"), "{shown}");
    // (raw query string after `?q=`, the state it must settle in)
    let cases: Vec<(String, &str)> = vec![
        ("".into(), "problem"),
        ("%20%E3%80%80%09".into(), "problem"),
        ("%00".into(), "problem"),
        ("%ED%A0%80".into(), "problem"),
        ("%F0%9F%98%80%F0%9F%98%80".into(), "problem"),
        ("%E5%8E%BF".into(), "problem"),
        (
            newsfront_core::encode_uri_component(".*(a|b)+[^]\\d{1,}$"),
            "none",
        ),
        (
            newsfront_core::encode_uri_component(
                "<script>__pwn(1)</script><img src=x onerror=__pwn(2)>",
            ),
            "none",
        ),
        (newsfront_core::encode_uri_component("社火😀<>《》"), "done"),
    ];
    for (raw, state) in &cases {
        b.goto(&format!("/search?q={raw}"))?;
        let got = settled(b)?;
        let shown = b.text_of(SEARCH_STATUS)?;
        ensure!(
            got == *state,
            "q={}: {got} ({shown})",
            &raw[..raw.len().min(40)]
        );
        ensure!(!shown.trim().is_empty(), "q={raw}: no message");
        let bad = dangerous_dom(b)?;
        ensure!(bad.is_empty(), "q={raw}: {bad:?}");
    }
    let d = detected(b)?;
    ensure!(d.is_clean(), "{d:?}");
    let errors = b.console_errors()?;
    ensure!(
        !errors.iter().any(|e| e.contains("panicked")),
        "panics: {errors:?}"
    );
    Ok(())
}

#[test]
fn the_search_page_without_the_app_says_it_needs_it() -> Result<()> {
    let (server, mut b) = launch(BrowserOptions::phone())?;
    server.add_rule(Rule::exact(&main_wasm_path()?, Fault::status(404)));
    b.goto_static("/search?q=%E7%A4%BE%E7%81%AB")?;
    b.wait_shown("#load-error", DEFAULT_WAIT)?;
    let note = b.text_of(SEARCH_STATUS)?;
    ensure!(note.contains("搜索需要"), "{note}");
    ensure!(b.exists(SEARCH_INPUT)?, "no search box");
    ensure!(b.attr("form.search-form", "action")?.as_deref() == Some("/search"));
    ensure!(b.count("nav.cat-nav a")? > 1, "no categories to browse");
    b.screenshot("search-shell-no-script")?;
    Ok(())
}

#[test]
fn search_under_a_sub_path() -> Result<()> {
    const PREFIX: &str = "/news/";
    let (server, mut b) = launch_at(PREFIX, BrowserOptions::phone())?;
    b.goto("/")?;
    ensure!(
        b.attr(SEARCH_LINK, "href")?.as_deref() == Some("/news/search"),
        "{:?}",
        b.attr(SEARCH_LINK, "href")?
    );
    b.click(SEARCH_LINK)?;
    b.type_text(SEARCH_INPUT, &format!("社火{ENTER}"))?;
    ensure!(settled(&mut b)? == "done", "{}", b.text_of(SEARCH_STATUS)?);
    ensure!(
        b.current_path()?.starts_with("/news/search?q="),
        "{}",
        b.current_path()?
    );
    check_ranked_and_marked(&b, "社火")?;
    b.reload()?;
    ensure!(settled(&mut b)? == "done", "after reload");
    check_ranked_and_marked(&b, "社火")?;
    let title = b.texts_of(RESULT_TITLES)?[0].clone();
    b.click(&format!("[data-search-results] {LIST_LINK}"))?;
    b.wait_for_text(ARTICLE_TITLE, &title, DEFAULT_WAIT)?;
    ensure!(
        b.current_path()?.starts_with("/news/a/"),
        "{}",
        b.current_path()?
    );
    b.goto(&newsfront_core::routes::search_query("火星移民局"))?;
    ensure!(settled(&mut b)? == "none", "no results under the prefix");
    let outside = server.requests_outside_prefix();
    ensure!(outside.is_empty(), "requests outside {PREFIX}: {outside:?}");
    ensure!(
        server.request_count_prefix("/feed/search/") >= 2,
        "the index fetched under the prefix: {:?}",
        server.requests()
    );
    check_hostile_queries(&mut b)?;
    let outside = server.requests_outside_prefix();
    ensure!(
        outside.is_empty(),
        "hostile queries: requests outside {PREFIX}: {outside:?}"
    );
    Ok(())
}
