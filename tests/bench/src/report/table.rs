//! A Markdown table with one column per variant, then Newsfront ÷ each other variant, then
//! target and verdict.

use crate::sites::Variant;
use crate::stats::{fmt_stat, ratio};

pub struct Table {
    variants: Vec<Variant>,
}

impl Table {
    /// Prints the header.
    pub fn new(first: &str, variants: Vec<Variant>) -> Table {
        let t = Table { variants };
        let mut head = format!("| {first} |");
        for v in &t.variants {
            head.push_str(&format!(" {} |", v.name()));
        }
        for v in t.others() {
            head.push_str(&format!(" Newsfront ÷ {} |", v.name()));
        }
        head.push_str(" target | |");
        println!("\n{head}");
        let n = t.variants.len() + t.others().count() + 3;
        println!("|{}", "---|".repeat(n));
        t
    }

    fn others(&self) -> impl Iterator<Item = &Variant> {
        self.variants.iter().filter(|v| **v != Variant::Newsfront)
    }

    /// One row: `data(v)` gives v's numbers per run; `scale` divides them for display.
    pub fn row(
        &self,
        name: &str,
        data: &dyn Fn(Variant) -> Vec<f64>,
        (scale, decimals): (f64, usize),
        with_ratios: bool,
        target: (&str, &str),
    ) {
        let mut line = format!("| {name} |");
        for v in &self.variants {
            line.push_str(&format!(" {} |", fmt_stat(&data(*v), scale, decimals)));
        }
        let ours = data(Variant::Newsfront);
        for v in self.others() {
            let r = if with_ratios {
                ratio(&ours, &data(*v))
            } else {
                String::new()
            };
            line.push_str(&format!(" {r} |"));
        }
        line.push_str(&format!(" {} | {} |", target.0, target.1));
        println!("{line}");
    }
}

pub const MS: (f64, usize) = (1.0, 0);
pub const KB: (f64, usize) = (1024.0, 1);
pub const NONE: (&str, &str) = ("", "");
