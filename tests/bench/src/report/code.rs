//! The code each app ships, file by file: raw and the precompressed copies nginx sends.

use super::Context;

pub fn print(cx: &Context) {
    println!("\n| code shipped | raw KB | gzip KB | brotli KB |\n|---|---:|---:|---:|");
    let kb = |b: Option<u64>| {
        b.map_or("— (sent raw)".to_string(), |b| {
            format!("{:.1}", b as f64 / 1024.0)
        })
    };
    for f in cx.code {
        println!(
            "| Newsfront {} | {:.1} | {} | {} |",
            f.name,
            f.raw as f64 / 1024.0,
            kb(f.gzip),
            kb(f.brotli)
        );
    }
    // The service worker's cost: its script on a first visit (after the load event, so not
    // before the text), the offline page with the next page. Target: ≤ 5 KB on a cold load.
    for f in cx.worker {
        let when = if f.name.ends_with(".js") {
            "a cold load, after the load event"
        } else {
            "with the next page"
        };
        println!(
            "| service worker: {} ({when}) | {:.1} | {} | {} |",
            f.name,
            f.raw as f64 / 1024.0,
            kb(f.gzip),
            kb(f.brotli)
        );
    }
    let wasm: Vec<_> = cx.code.iter().filter(|f| f.is_wasm()).collect();
    if wasm.len() > 1 {
        println!(
            "| Newsfront: all {} wasm files | {:.1} | {:.1} | {:.1} |",
            wasm.len(),
            wasm.iter().map(|f| f.raw).sum::<u64>() as f64 / 1024.0,
            wasm.iter().filter_map(|f| f.gzip).sum::<u64>() as f64 / 1024.0,
            wasm.iter().filter_map(|f| f.brotli).sum::<u64>() as f64 / 1024.0,
        );
    }
    if let Some(p) = cx.peer {
        println!(
            "| peer {} (gzip -9, brotli q11 by build.mjs) | {:.1} | {:.1} | {:.1} |",
            p.file,
            p.raw as f64 / 1024.0,
            p.gzip as f64 / 1024.0,
            p.brotli as f64 / 1024.0
        );
    }
}
