//! Instants with their UTC offset (RFC 3339) and site time zones, parsed by hand to stay wasm-lean.

use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Serialize};

/// Why a date, time or zone string was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateError {
    input: String,
    reason: String,
}

impl DateError {
    fn new(input: &str, reason: impl Into<String>) -> Self {
        DateError {
            // Enough to quote; a hostile date may be megabytes long.
            input: input.chars().take(100).collect(),
            reason: reason.into(),
        }
    }

    /// What was wrong, in plain words.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", crate::error::quote(&self.input), self.reason)
    }
}

impl std::error::Error for DateError {}

/// A fixed UTC offset, e.g. `+08:00` for China Standard Time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Zone(i32);

/// Largest offset we accept, in minutes (RFC 3339 allows up to 23:59; real zones stay within 14 h).
const MAX_OFFSET_MINUTES: i32 = 23 * 60 + 59;

impl Zone {
    /// UTC.
    pub const UTC: Zone = Zone(0);

    /// Parses `+HH:MM`, `-HH:MM` or `Z`.
    pub fn parse(s: &str) -> Result<Zone, DateError> {
        parse_offset(s.as_bytes())
            .map(Zone)
            .map_err(|reason| DateError::new(s, reason))
    }

    /// Builds a zone from minutes east of UTC; `None` beyond ±23:59.
    pub const fn from_offset_minutes(minutes: i32) -> Option<Zone> {
        if minutes.abs() <= MAX_OFFSET_MINUTES {
            Some(Zone(minutes))
        } else {
            None
        }
    }

    /// Minutes east of UTC (`+08:00` is 480).
    pub fn offset_minutes(&self) -> i32 {
        self.0
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { '-' } else { '+' };
        let m = self.0.abs();
        write!(f, "{sign}{:02}:{:02}", m / 60, m % 60)
    }
}

impl TryFrom<String> for Zone {
    type Error = DateError;
    fn try_from(s: String) -> Result<Zone, DateError> {
        Zone::parse(&s)
    }
}

impl From<Zone> for String {
    fn from(z: Zone) -> String {
        z.to_string()
    }
}

fn parse_offset(b: &[u8]) -> Result<i32, &'static str> {
    if b == b"Z" || b == b"z" {
        return Ok(0);
    }
    let sign = match b.first() {
        Some(b'+') => 1,
        Some(b'-') => -1,
        _ => return Err("is not a UTC offset like +08:00"),
    };
    if b.len() != 6 || b[3] != b':' {
        return Err("is not a UTC offset like +08:00");
    }
    let h = digits(&b[1..3]).ok_or("is not a UTC offset like +08:00")?;
    let m = digits(&b[4..6]).ok_or("is not a UTC offset like +08:00")?;
    if h > 23 || m > 59 {
        return Err("has a UTC offset out of range");
    }
    Ok(sign * (h as i32 * 60 + m as i32))
}

fn digits(b: &[u8]) -> Option<u32> {
    if b.is_empty() || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
}

/// An instant (unix seconds) together with the UTC offset it was written in.
///
/// Equality and order compare the instant first, then the offset, so that
/// sorting by time is sorting by instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Timestamp {
    unix: i64,
    offset_minutes: i32,
}

impl Ord for Timestamp {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.unix, self.offset_minutes).cmp(&(other.unix, other.offset_minutes))
    }
}

impl PartialOrd for Timestamp {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Timestamp {
    /// Parses RFC 3339 with an explicit offset: `2023-03-08T19:37:00+08:00`, `…Z`,
    /// optional fractional seconds (dropped). Years 0000–9999.
    pub fn parse(s: &str) -> Result<Timestamp, DateError> {
        parse_rfc3339(s).map_err(|reason| DateError::new(s, reason))
    }

    /// Builds a timestamp from unix seconds, remembering `zone` for display.
    pub fn from_unix(unix: i64, zone: Zone) -> Timestamp {
        Timestamp {
            unix,
            offset_minutes: zone.0,
        }
    }

    /// Seconds since 1970-01-01T00:00:00Z.
    pub fn unix(&self) -> i64 {
        self.unix
    }

    /// The calendar year in the offset it was written in.
    pub fn year(&self) -> i64 {
        Civil::at(self.unix, self.zone()).year
    }

    /// The offset the timestamp was written in.
    pub fn zone(&self) -> Zone {
        Zone(self.offset_minutes)
    }

    /// `2023-03-08T19:37:00+08:00` in the offset it was written in (`Z` for UTC).
    pub fn to_rfc3339(&self) -> String {
        let c = Civil::at(self.unix, self.zone());
        let zone = if self.offset_minutes == 0 {
            "Z".to_owned()
        } else {
            self.zone().to_string()
        };
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{zone}",
            c.year, c.month, c.day, c.hour, c.minute, c.second
        )
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

impl TryFrom<String> for Timestamp {
    type Error = DateError;
    fn try_from(s: String) -> Result<Timestamp, DateError> {
        Timestamp::parse(&s)
    }
}

impl From<Timestamp> for String {
    fn from(t: Timestamp) -> String {
        t.to_rfc3339()
    }
}

fn parse_rfc3339(s: &str) -> Result<Timestamp, String> {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>, what: &str| {
        b.get(r).and_then(digits).ok_or_else(|| {
            format!("is not an RFC 3339 time like 2023-03-08T19:37:00+08:00 (bad {what})")
        })
    };
    let sep = |i: usize, c: &[u8], what: &str| match b.get(i) {
        Some(x) if c.contains(x) => Ok(()),
        _ => Err(format!(
            "is not an RFC 3339 time like 2023-03-08T19:37:00+08:00 (expected {what})"
        )),
    };
    let year = num(0..4, "year")?;
    sep(4, b"-", "\"-\" after the year")?;
    let month = num(5..7, "month")?;
    sep(7, b"-", "\"-\" after the month")?;
    let day = num(8..10, "day")?;
    if b.len() == 10 {
        return Err("has no time of day and no UTC offset".to_owned());
    }
    sep(10, b"Tt ", "\"T\" between date and time")?;
    let hour = num(11..13, "hour")?;
    sep(13, b":", "\":\" after the hour")?;
    let minute = num(14..16, "minute")?;
    if b.len() == 16 {
        return Err("has no UTC offset (add +08:00 or Z)".to_owned());
    }
    if b[16] != b':' {
        return Err("has no seconds (write 19:37:00)".to_owned());
    }
    let second = num(17..19, "second")?;
    let mut i = 19;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return Err("has a \".\" without fractional seconds".to_owned());
        }
    }
    if i == b.len() {
        return Err("has no UTC offset (add +08:00 or Z)".to_owned());
    }
    let offset = parse_offset(&b[i..]).map_err(str::to_owned)?;
    if !(1..=12).contains(&month) {
        return Err("has a month out of range".to_owned());
    }
    if day == 0 || day > days_in_month(year as i64, month) {
        return Err("has a day out of range for its month".to_owned());
    }
    if hour > 23 || minute > 59 || second > 59 {
        return Err("has a time of day out of range".to_owned());
    }
    let local = days_from_civil(year as i64, month, day) * 86_400
        + i64::from(hour * 3600 + minute * 60 + second);
    Ok(Timestamp {
        unix: local - i64::from(offset) * 60,
        offset_minutes: offset,
    })
}

fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// A wall-clock reading of an instant in some zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Civil {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
}

impl Civil {
    pub(crate) fn at(unix: i64, zone: Zone) -> Civil {
        let local = unix + i64::from(zone.0) * 60;
        let days = local.div_euclid(86_400);
        let secs = local.rem_euclid(86_400) as u32;
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = yoe + era * 400 + i64::from(month <= 2);
        Civil {
            year,
            month,
            day,
            hour: secs / 3600,
            minute: secs / 60 % 60,
            second: secs % 60,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_offsets_and_utc() {
        let t = Timestamp::parse("2023-03-08T19:37:00+08:00").unwrap();
        assert_eq!(t.unix(), 1_678_275_420);
        assert_eq!(t.zone().offset_minutes(), 480);
        assert_eq!(t.to_rfc3339(), "2023-03-08T19:37:00+08:00");
        let z = Timestamp::parse("2023-03-08T11:37:00Z").unwrap();
        assert_eq!(z.unix(), t.unix());
        assert_eq!(z.to_rfc3339(), "2023-03-08T11:37:00Z");
        let f = Timestamp::parse("1969-12-31T23:59:59.999-00:30").unwrap();
        assert_eq!(f.unix(), 1799);
        assert_eq!(
            Timestamp::parse("2024-02-29T00:00:00Z").unwrap().unix(),
            1_709_164_800
        );
    }

    #[test]
    fn says_what_is_wrong() {
        let msg = |s: &str| Timestamp::parse(s).unwrap_err().to_string();
        assert_eq!(
            msg("2023-03-08 19:37"),
            "\"2023-03-08 19:37\" has no UTC offset (add +08:00 or Z)"
        );
        assert!(msg("2023-03-08").contains("no time of day"));
        assert!(msg("2023-03-08T19:37+08:00").contains("no seconds"));
        assert!(msg("2023-02-29T00:00:00Z").contains("day out of range"));
        assert!(msg("2023-13-01T00:00:00Z").contains("month out of range"));
        assert!(msg("2023-01-01T24:00:00Z").contains("time of day out of range"));
        assert!(msg("yesterday").contains("RFC 3339"));
        assert!(msg("2023-01-01T00:00:00+8").contains("UTC offset"));
    }

    #[test]
    fn zones() {
        assert_eq!(Zone::parse("+08:00").unwrap().offset_minutes(), 480);
        assert_eq!(Zone::parse("-05:30").unwrap().offset_minutes(), -330);
        assert_eq!(Zone::parse("Z").unwrap(), Zone::UTC);
        assert_eq!(Zone::parse("-05:30").unwrap().to_string(), "-05:30");
        assert!(Zone::parse("UTC+8").is_err());
        assert!(Zone::parse("+24:00").is_err());
    }

    #[test]
    fn civil_round_trip_around_epoch() {
        let c = Civil::at(-1, Zone::UTC);
        assert_eq!((c.year, c.month, c.day, c.hour), (1969, 12, 31, 23));
        for days in [-800_000i64, -1, 0, 1, 59, 365, 11_016, 2_932_896] {
            let c = Civil::at(days * 86_400, Zone::UTC);
            assert_eq!(days_from_civil(c.year, c.month, c.day), days);
        }
    }
}
