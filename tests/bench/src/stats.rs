//! Median [min–max] over runs, ignoring runs that produced no number, and the machine's load
//! the numbers depend on.

pub fn stats(xs: &[f64]) -> (f64, f64, f64) {
    let mut v: Vec<f64> = xs.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return (f64::NAN, f64::NAN, f64::NAN);
    }
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    let median = if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    };
    (median, v[0], v[n - 1])
}

pub fn median(xs: &[f64]) -> f64 {
    stats(xs).0
}

/// `median [min–max]` divided by `scale`, or `n/a`.
pub fn fmt_stat(xs: &[f64], scale: f64, decimals: usize) -> String {
    let (m, lo, hi) = stats(xs);
    if m.is_nan() {
        return "n/a".into();
    }
    format!(
        "{:.d$} [{:.d$}–{:.d$}]",
        m / scale,
        lo / scale,
        hi / scale,
        d = decimals
    )
}

/// The ratio of two medians, or empty when either is missing or the divisor is 0.
pub fn ratio(a: &[f64], b: &[f64]) -> String {
    let (a, b) = (median(a), median(b));
    if a.is_finite() && b.is_finite() && b != 0.0 {
        format!("{:.2}", a / b)
    } else {
        String::new()
    }
}

pub fn verdict(ok: bool) -> &'static str {
    if ok {
        "met"
    } else {
        "MISSED"
    }
}

/// The machine's 1-minute load average (shared machines differ); NaN where there is none.
pub fn load_average() -> f64 {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(f64::NAN)
}
