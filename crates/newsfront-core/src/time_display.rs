//! How times read on screen: absolute, date-only and "N分钟前" relative forms in the site's zone.

use crate::time::{Civil, Timestamp, Zone};

/// `2023-03-08 19:37`, the wall clock in `zone`.
pub fn format_absolute(ts: &Timestamp, zone: Zone) -> String {
    let c = Civil::at(ts.unix(), zone);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        c.year, c.month, c.day, c.hour, c.minute
    )
}

/// `2023-03-08`, the calendar date in `zone`.
pub fn format_date(ts: &Timestamp, zone: Zone) -> String {
    let c = Civil::at(ts.unix(), zone);
    format!("{:04}-{:02}-{:02}", c.year, c.month, c.day)
}

/// Seconds a timestamp may lie in the future and still read "刚刚" (clock skew between
/// the newsroom and the reader's device).
const FUTURE_SKEW_SECS: i64 = 60;

/// For a time on the same calendar day (in `zone`) as `now_unix`: "刚刚" under a minute,
/// "N分钟前" under an hour, otherwise "N小时前". Other days read as [`format_date`];
/// times more than a minute in the future read as [`format_absolute`].
pub fn format_relative(ts: &Timestamp, now_unix: i64, zone: Zone) -> String {
    let ago = now_unix - ts.unix();
    if ago < -FUTURE_SKEW_SECS {
        return format_absolute(ts, zone);
    }
    let (then, now) = (Civil::at(ts.unix(), zone), Civil::at(now_unix, zone));
    if (then.year, then.month, then.day) != (now.year, now.month, now.day) && ago > 0 {
        return format_date(ts, zone);
    }
    match ago {
        ..60 => "刚刚".to_owned(),
        60..3600 => format!("{}分钟前", ago / 60),
        _ => format!("{}小时前", ago / 3600),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        Timestamp::parse(s).unwrap()
    }

    const CST: Zone = match Zone::from_offset_minutes(480) {
        Some(z) => z,
        None => Zone::UTC,
    };

    #[test]
    fn absolute_and_date_use_the_site_zone() {
        let t = ts("2023-03-08T11:37:00Z");
        assert_eq!(format_absolute(&t, CST), "2023-03-08 19:37");
        assert_eq!(format_date(&t, CST), "2023-03-08");
        assert_eq!(
            format_absolute(&ts("2023-03-08T19:00:00Z"), CST),
            "2023-03-09 03:00"
        );
    }

    #[test]
    fn relative_today() {
        let now = ts("2023-03-08T20:00:00+08:00").unix();
        let rel = |s: &str| format_relative(&ts(s), now, CST);
        assert_eq!(rel("2023-03-08T19:59:30+08:00"), "刚刚");
        assert_eq!(rel("2023-03-08T20:00:30+08:00"), "刚刚");
        assert_eq!(rel("2023-03-08T19:37:00+08:00"), "23分钟前");
        assert_eq!(rel("2023-03-08T00:00:00+08:00"), "20小时前");
        assert_eq!(rel("2023-03-07T23:59:00+08:00"), "2023-03-07");
        assert_eq!(rel("2023-03-08T21:00:00+08:00"), "2023-03-08 21:00");
        // same instant, written in another zone: still the site's calendar day
        assert_eq!(rel("2023-03-07T16:30:00Z"), "19小时前");
    }
}
