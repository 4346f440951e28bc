//! Dates that keep their precision: a year, a month, a day, or an instant.
//!
//! `2017-05` means "sometime in May 2017" and must never be shown as May 1st.

use std::cmp::Ordering;
use std::fmt;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, SecondsFormat, Timelike};

/// A date at one of the four precisions of the briefing format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Date {
    Year(i32),
    Month(i32, u32),
    Day(NaiveDate),
    /// An RFC 3339 date and time; the offset it was written with is kept.
    Instant(DateTime<FixedOffset>),
}

/// How fine a date is; coarser sorts first at equal instants.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Year,
    Month,
    Day,
    Instant,
}

/// Why a text is not a date, in words a briefing author can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateError(pub String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const EXPECTED: &str = "expected a year (2017), a month (2017-05), a day (2017-12-19) or a date and time (2017-12-19T15:30:00-05:00)";

impl Date {
    /// Parses the format's notation: `2017`, `2017-05`, `2017-12-19` or RFC 3339.
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let t = text.trim();
        // The text as a message quotes it: cleaned, and cut when it is very long.
        let shown = || crate::text::quoted(t);
        let bad = || DateError(format!("`{}` is not a date; {EXPECTED}", shown()));
        let is_digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        let year = |s: &str| -> Result<i32, DateError> {
            if !is_digits(s, 4) {
                return Err(bad());
            }
            let y: i32 = s.parse().map_err(|_| bad())?;
            if y == 0 {
                return Err(DateError(format!("`{}`: there is no year 0", shown())));
            }
            Ok(y)
        };
        let month = |s: &str| -> Result<u32, DateError> {
            if !is_digits(s, 2) {
                return Err(bad());
            }
            let m: u32 = s.parse().map_err(|_| bad())?;
            if !(1..=12).contains(&m) {
                return Err(DateError(format!(
                    "`{}`: month {m} does not exist (1 to 12)",
                    shown()
                )));
            }
            Ok(m)
        };
        if t.len() > 10 {
            if !t.is_char_boundary(10) {
                return Err(bad());
            }
            let (day_part, _) = t.split_at(10);
            // Check the calendar day first, so `2017-02-30T..` says what is wrong;
            // when the start is no day at all, show all that was written.
            Date::parse(day_part).map_err(|e| if e.0.ends_with(EXPECTED) { bad() } else { e })?;
            return Date::instant(t, &shown);
        }
        let parts: Vec<&str> = t.split('-').collect();
        match parts.as_slice() {
            [y] => Ok(Date::Year(year(y)?)),
            [y, m] => Ok(Date::Month(year(y)?, month(m)?)),
            [y, m, d] => {
                let (y, m) = (year(y)?, month(m)?);
                if !is_digits(d, 2) {
                    return Err(bad());
                }
                let dn: u32 = d.parse().map_err(|_| bad())?;
                NaiveDate::from_ymd_opt(y, m, dn)
                    .map(Date::Day)
                    .ok_or_else(|| {
                        DateError(format!(
                            "`{}`: {} {y} has no day {dn}",
                            shown(),
                            MONTH_NAMES[(m - 1) as usize]
                        ))
                    })
            }
            _ => Err(bad()),
        }
    }

    /// A date and time, RFC 3339 as the format writes it (`t` starts with a valid day).
    ///
    /// A `T` (or `t`) stands between the date and the time: RFC 3339 lets applications
    /// choose a space instead, and this format does not. At most nine digits follow
    /// the seconds' decimal point, so none is dropped. A leap second (second 60) is
    /// kept, and only where one can be, the last second of a day in UTC. The instant,
    /// in UTC, lies in the years 1 to 9999, like every other date.
    fn instant(t: &str, shown: &dyn Fn() -> String) -> Result<Date, DateError> {
        let err = |why: &str| DateError(format!("`{}`: {why}", shown()));
        if t.as_bytes().get(10) == Some(&b' ') {
            return Err(err(
                "write a `T` between the date and the time, as in 2017-12-19T15:30:00-05:00 (RFC 3339 with a T, as the briefing format asks)",
            ));
        }
        if matches!(t.as_bytes().get(10), Some(b'T' | b't'))
            && let Some(time) = t.get(11..)
            && let Some(dot) = time.find('.')
        {
            let digits = time[dot + 1..]
                .bytes()
                .take_while(u8::is_ascii_digit)
                .count();
            if digits > 9 {
                return Err(err(&format!(
                    "{digits} digits after the seconds' decimal point; write at most 9 (to the nanosecond), none is dropped without a word"
                )));
            }
        }
        let dt = DateTime::parse_from_rfc3339(t).map_err(|_| {
            DateError(format!(
                "`{}` is not a valid date and time; write it as RFC 3339, e.g. 2017-12-19T15:30:00-05:00 or 2017-12-19T20:30:00Z",
                shown()
            ))
        })?;
        let utc = dt.naive_utc();
        if dt.nanosecond() >= 1_000_000_000 && (utc.hour(), utc.minute()) != (23, 59) {
            return Err(err(
                "second 60 is a leap second, which can only be the last second of a day in UTC (23:59:60Z, or the same moment with an offset)",
            ));
        }
        if !(1..=9999).contains(&utc.year()) {
            return Err(err(&format!(
                "with its offset this is in the year {} in UTC; dates must fall in the years 1 to 9999",
                utc.year()
            )));
        }
        Ok(Date::Instant(dt))
    }

    pub fn precision(&self) -> Precision {
        match self {
            Date::Year(_) => Precision::Year,
            Date::Month(..) => Precision::Month,
            Date::Day(_) => Precision::Day,
            Date::Instant(_) => Precision::Instant,
        }
    }

    /// The first instant of the period, in UTC; periods without an offset are read as UTC.
    pub fn start(&self) -> NaiveDateTime {
        let midnight = |d: NaiveDate| d.and_hms_opt(0, 0, 0).unwrap_or_default();
        let ymd = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
        match *self {
            Date::Year(y) => midnight(ymd(y, 1, 1)),
            Date::Month(y, m) => midnight(ymd(y, m, 1)),
            Date::Day(d) => midnight(d),
            Date::Instant(dt) => dt.naive_utc(),
        }
    }

    /// The year the date falls in (for instants, in the offset they were written with).
    pub fn year(&self) -> i32 {
        match *self {
            Date::Year(y) | Date::Month(y, _) => y,
            Date::Day(d) => d.year(),
            Date::Instant(dt) => dt.year(),
        }
    }

    /// The date as a reader shows it: `2017`, `May 2017`, `19 Dec 2017`,
    /// `19 Dec 2017 15:30 -05:00`.
    pub fn human(&self) -> String {
        match *self {
            Date::Year(y) => format!("{y}"),
            Date::Month(y, m) => format!("{} {y}", MONTHS[(m - 1) as usize]),
            Date::Day(d) => format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year()),
            Date::Instant(dt) => {
                // A leap second is second 59 with more than a second of nanoseconds.
                let second = dt.second() + u32::from(dt.nanosecond() >= 1_000_000_000);
                let secs = if second != 0 {
                    format!(":{second:02}")
                } else {
                    String::new()
                };
                let off = dt.offset().local_minus_utc();
                let zone = if off == 0 {
                    "UTC".to_string()
                } else {
                    let sign = if off < 0 { '-' } else { '+' };
                    let a = off.abs();
                    format!("{sign}{:02}:{:02}", a / 3600, (a % 3600) / 60)
                };
                format!(
                    "{} {} {} {:02}:{:02}{secs} {zone}",
                    dt.day(),
                    MONTHS[dt.month0() as usize],
                    dt.year(),
                    dt.hour(),
                    dt.minute()
                )
            }
        }
    }
}

impl Date {
    /// The date in a list's date column: as [`Date::human`], but an instant without its
    /// offset (the detail view gives it), so a time of day widens the column little.
    pub fn short(&self) -> String {
        match *self {
            Date::Instant(dt) => format!(
                "{} {} {} {:02}:{:02}",
                dt.day(),
                MONTHS[dt.month0() as usize],
                dt.year(),
                dt.hour(),
                dt.minute()
            ),
            _ => self.human(),
        }
    }

    /// The date in a narrow date column: an instant as its day alone.
    pub fn day_only(&self) -> String {
        match *self {
            Date::Instant(dt) => {
                format!(
                    "{} {} {}",
                    dt.day(),
                    MONTHS[dt.month0() as usize],
                    dt.year()
                )
            }
            _ => self.human(),
        }
    }
}

/// The format's own notation, precision kept: `2017`, `2017-05`, `2017-12-19`, RFC 3339.
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Every item's fingerprint writes its dates: the calendar ones (all of the
        // format's years) are put together by hand, not by the formatting machinery.
        let calendar = match *self {
            Date::Year(y) => calendar(y, &[]),
            Date::Month(y, m) => calendar(y, &[m]),
            Date::Day(d) => calendar(d.year(), &[d.month(), d.day()]),
            Date::Instant(_) => None,
        };
        if let Some((bytes, len)) = calendar {
            // Only ASCII digits and dashes were written.
            return f.write_str(std::str::from_utf8(&bytes[..len]).map_err(|_| fmt::Error)?);
        }
        match self {
            Date::Year(y) => write!(f, "{y:04}"),
            Date::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            Date::Day(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            Date::Instant(dt) => f.write_str(&dt.to_rfc3339_opts(SecondsFormat::AutoSi, true)),
        }
    }
}

/// `YYYY`, then `-MM` or `-MM-DD`, for a year from 0 to 9999 and parts under 100.
fn calendar(year: i32, parts: &[u32]) -> Option<([u8; 10], usize)> {
    let year = u32::try_from(year).ok().filter(|y| *y <= 9999)?;
    let mut out = [0u8; 10];
    let digit = |n: u32| b'0' + (n % 10) as u8;
    out[..4].copy_from_slice(&[
        digit(year / 1000),
        digit(year / 100),
        digit(year / 10),
        digit(year),
    ]);
    let mut len = 4;
    for &part in parts {
        if part > 99 {
            return None;
        }
        out[len..len + 3].copy_from_slice(&[b'-', digit(part / 10), digit(part)]);
        len += 3;
    }
    Some((out, len))
}

impl Ord for Date {
    /// By the first instant of the period; at equal instants the coarser first.
    fn cmp(&self, other: &Self) -> Ordering {
        self.start()
            .cmp(&other.start())
            .then(self.precision().cmp(&other.precision()))
            .then_with(|| self.to_string().cmp(&other.to_string()))
    }
}

impl PartialOrd for Date {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_dates_are_written_as_chrono_writes_them() {
        for y in [
            0, 1, 9, 10, 99, 100, 999, 1000, 2017, 9999, 10000, 12345, -1, -2017,
        ] {
            assert_eq!(Date::Year(y).to_string(), format!("{y:04}"));
            for m in [1, 9, 10, 12] {
                assert_eq!(Date::Month(y, m).to_string(), format!("{y:04}-{m:02}"));
                for d in [1, 9, 10, 28] {
                    let day = NaiveDate::from_ymd_opt(y, m, d).unwrap();
                    assert_eq!(
                        Date::Day(day).to_string(),
                        day.format("%Y-%m-%d").to_string()
                    );
                }
            }
        }
    }

    #[test]
    fn keeps_precision_in_both_notations() {
        for (text, human) in [
            ("2017", "2017"),
            ("2017-05", "May 2017"),
            ("2017-12-19", "19 Dec 2017"),
            ("2017-12-19T15:30:00-05:00", "19 Dec 2017 15:30 -05:00"),
            ("2017-12-19T15:30:00Z", "19 Dec 2017 15:30 UTC"),
        ] {
            let d = Date::parse(text).unwrap();
            assert_eq!(d.to_string(), text);
            assert_eq!(d.human(), human);
        }
        let d = Date::parse("2017-12-19T15:30:00-05:00").unwrap();
        assert_eq!(d.short(), "19 Dec 2017 15:30");
    }

    #[test]
    fn sorts_by_first_instant_then_coarser_first() {
        let mut v: Vec<Date> = [
            "2017-12-19",
            "2017-05",
            "2017",
            "2017-05-01",
            "2016-12-31T23:00:00-05:00",
        ]
        .iter()
        .map(|t| Date::parse(t).unwrap())
        .collect();
        v.sort();
        let shown: Vec<String> = v.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            shown,
            [
                "2017",
                "2016-12-31T23:00:00-05:00",
                "2017-05",
                "2017-05-01",
                "2017-12-19"
            ]
        );
    }

    #[test]
    fn rejects_impossible_dates_with_reasons() {
        assert!(
            Date::parse("2017-02-30")
                .unwrap_err()
                .0
                .contains("February 2017 has no day 30")
        );
        assert!(Date::parse("2017-13").unwrap_err().0.contains("month 13"));
        assert!(Date::parse("17-05").is_err());
        assert!(Date::parse("May 2017").is_err());
        assert!(Date::parse("2017-12-19 15:30").is_err());
        assert!(
            Date::parse("2017-02-30T10:00:00Z")
                .unwrap_err()
                .0
                .contains("no day 30")
        );
        assert!(Date::parse("2017-12-1é").is_err());
    }

    #[test]
    fn quotes_the_whole_text_when_it_is_no_date() {
        for text in ["99999999999999999999", "99999-12-19T15:30:00Z"] {
            let e = Date::parse(text).unwrap_err().0;
            assert!(e.starts_with(&format!("`{text}` is not a date")), "{e}");
        }
    }
}
