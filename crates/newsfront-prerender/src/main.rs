//! `newsfront-prerender DIST`: glue around the library; errors print their chain and exit 2.

fn main() {
    let mut args = std::env::args_os().skip(1);
    let (Some(dist), None) = (args.next(), args.next()) else {
        eprintln!("usage: newsfront-prerender DIST");
        std::process::exit(2);
    };
    match newsfront_prerender::run(std::path::Path::new(&dist)) {
        Ok(count) => eprintln!("newsfront-prerender: {count} pages"),
        Err(e) => {
            eprintln!("newsfront-prerender: {e:#}");
            std::process::exit(2);
        }
    }
}
