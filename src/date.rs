//! Dates that keep their precision: a year, a month, a day, or an instant.
//!
//! `2017-05` means "sometime in May 2017" and must never be shown as May 1st.

use std::cmp::Ordering;
use std::fmt;
use std::num::NonZeroU32;

use chrono::{
    DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Offset, SecondsFormat,
    TimeZone, Timelike,
};

/// A date at one of the four precisions of the briefing format.
///
/// Twelve bytes: a library holds one for each of hundreds of thousands of timeline
/// entries and quotes. Every date is kept as its first instant in UTC (the day, the
/// second of that day, the nanoseconds), its precision and, for an instant, the
/// offset it was written with, in minutes (RFC 3339 writes no finer offset). See
/// [`Written`] for the date as the format writes it.
#[derive(Clone, Copy, Debug)]
pub struct Date {
    /// The day of the first instant, in UTC, counted from 1 January of year 1 (day 1).
    days: i32,
    /// The precision (2 bits), the second of the day (17 bits, from bit 2), the
    /// offset in minutes plus [`OFFSET_ZERO`] (12 bits, from bit 19), and [`SET`], so
    /// that an `Option<Date>` takes no more room than a date.
    bits: NonZeroU32,
    /// The nanoseconds past that second; a leap second is second 59 with a billion
    /// more (as chrono keeps it).
    nanos: u32,
}

/// The bit always set in [`Date::bits`].
const SET: u32 = 1 << 31;

/// What is added to an offset in minutes to keep it positive: offsets lie within a
/// day either way.
const OFFSET_ZERO: i32 = 24 * 60;

/// A date as the format writes it, one precision at a time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Written {
    Year(i32),
    Month(i32, u32),
    Day(NaiveDate),
    /// An RFC 3339 date and time; the offset it was written with is kept.
    Instant(DateTime<FixedOffset>),
}

impl Date {
    /// The date as written; `None` for one no briefing can hold: outside the years 1
    /// to 9999 (in UTC, for an instant), or an offset of seconds or of a day or more.
    pub fn new(w: Written) -> Option<Date> {
        let years = 1..=9999;
        let (day, precision, secs, nanos, offset) = match w {
            Written::Year(y) => (NaiveDate::from_ymd_opt(y, 1, 1)?, Precision::Year, 0, 0, 0),
            Written::Month(y, m) => (NaiveDate::from_ymd_opt(y, m, 1)?, Precision::Month, 0, 0, 0),
            Written::Day(d) => (d, Precision::Day, 0, 0, 0),
            Written::Instant(dt) => {
                let off = dt.offset().local_minus_utc();
                if off % 60 != 0 || off.abs() >= 24 * 3600 {
                    return None;
                }
                let utc = dt.naive_utc();
                (
                    utc.date(),
                    Precision::Instant,
                    utc.num_seconds_from_midnight(),
                    utc.nanosecond(),
                    off / 60,
                )
            }
        };
        if !years.contains(&day.year()) {
            return None;
        }
        Some(Date {
            days: day.num_days_from_ce(),
            bits: NonZeroU32::new(
                precision as u32 | secs << 2 | ((offset + OFFSET_ZERO) as u32) << 19 | SET,
            )?,
            nanos,
        })
    }

    /// The date as the format writes it.
    pub fn written(&self) -> Written {
        let day = self.day();
        match self.precision() {
            Precision::Year => Written::Year(day.year()),
            Precision::Month => Written::Month(day.year(), day.month()),
            Precision::Day => Written::Day(day),
            Precision::Instant => Written::Instant(self.with_offset()),
        }
    }

    /// The UTC day of the first instant.
    fn day(&self) -> NaiveDate {
        NaiveDate::from_num_days_from_ce_opt(self.days).unwrap_or_default()
    }

    /// The offset written, in seconds east of UTC.
    fn offset(&self) -> FixedOffset {
        let minutes = ((self.bits.get() & !SET) >> 19) as i32 - OFFSET_ZERO;
        FixedOffset::east_opt(minutes * 60).unwrap_or_else(|| chrono::Utc.fix())
    }

    /// An instant as written: the first instant with its offset.
    fn with_offset(&self) -> DateTime<FixedOffset> {
        self.offset().from_utc_datetime(&self.start())
    }
}

/// Dates are equal when they start at the same instant with the same precision; two
/// instants written with different offsets are equal too (as chrono's are).
impl PartialEq for Date {
    fn eq(&self, other: &Date) -> bool {
        self.key() == other.key()
    }
}

impl Eq for Date {}

impl std::hash::Hash for Date {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.key().hash(state)
    }
}

impl Date {
    /// What tells dates apart: all but the offset.
    fn key(&self) -> (i32, u32, u32) {
        (self.days, self.bits.get() & ((1 << 19) - 1), self.nanos)
    }
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
            [y] => Date::made(Written::Year(year(y)?), &bad),
            [y, m] => Date::made(Written::Month(year(y)?, month(m)?), &bad),
            [y, m, d] => {
                let (y, m) = (year(y)?, month(m)?);
                if !is_digits(d, 2) {
                    return Err(bad());
                }
                let dn: u32 = d.parse().map_err(|_| bad())?;
                NaiveDate::from_ymd_opt(y, m, dn)
                    .and_then(|d| Date::new(Written::Day(d)))
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
        Date::made(Written::Instant(dt), &|| {
            err("an offset is written in hours and minutes, less than 24 hours")
        })
    }

    pub fn precision(&self) -> Precision {
        match self.bits.get() & 3 {
            0 => Precision::Year,
            1 => Precision::Month,
            2 => Precision::Day,
            _ => Precision::Instant,
        }
    }

    /// The first instant of the period, in UTC; periods without an offset are read as UTC.
    pub fn start(&self) -> NaiveDateTime {
        let secs = (self.bits.get() >> 2) & ((1 << 17) - 1);
        let time =
            NaiveTime::from_num_seconds_from_midnight_opt(secs, self.nanos).unwrap_or_default();
        self.day().and_time(time)
    }

    /// The year the date falls in (for instants, in the offset they were written with).
    pub fn year(&self) -> i32 {
        match self.written() {
            Written::Year(y) | Written::Month(y, _) => y,
            Written::Day(d) => d.year(),
            Written::Instant(dt) => dt.year(),
        }
    }

    /// `w` made a date, or the error `bad` gives (see [`Date::new`]).
    fn made(w: Written, bad: &dyn Fn() -> DateError) -> Result<Date, DateError> {
        Date::new(w).ok_or_else(bad)
    }

    /// The date as a reader shows it: `2017`, `May 2017`, `19 Dec 2017`,
    /// `19 Dec 2017 15:30 -05:00`.
    pub fn human(&self) -> String {
        match self.written() {
            Written::Year(y) => format!("{y}"),
            Written::Month(y, m) => format!("{} {y}", MONTHS[(m - 1) as usize]),
            Written::Day(d) => format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year()),
            Written::Instant(dt) => {
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
        match self.written() {
            Written::Instant(dt) => format!(
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
        match self.written() {
            Written::Instant(dt) => {
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
        let written = self.written();
        let calendar = match written {
            Written::Year(y) => calendar(y, &[]),
            Written::Month(y, m) => calendar(y, &[m]),
            Written::Day(d) => calendar(d.year(), &[d.month(), d.day()]),
            Written::Instant(_) => None,
        };
        if let Some((bytes, len)) = calendar {
            // Only ASCII digits and dashes were written.
            return f.write_str(std::str::from_utf8(&bytes[..len]).map_err(|_| fmt::Error)?);
        }
        match written {
            Written::Year(y) => write!(f, "{y:04}"),
            Written::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            Written::Day(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            Written::Instant(dt) => f.write_str(&dt.to_rfc3339_opts(SecondsFormat::AutoSi, true)),
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
            .then_with(|| {
                // Only instants written with different offsets are written apart here.
                if self.precision() == Precision::Instant && self.bits != other.bits {
                    self.to_string().cmp(&other.to_string())
                } else {
                    Ordering::Equal
                }
            })
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
        let by_hand = |c: Option<([u8; 10], usize)>| c.map(|(b, n)| b[..n].to_vec());
        for y in [
            0, 1, 9, 10, 99, 100, 999, 1000, 2017, 9999, 10000, 12345, -1, -2017,
        ] {
            // Written by hand for the years 0 to 9999; the format's dates lie within.
            let fits = (0..=9999).contains(&y);
            let year = Date::new(Written::Year(y));
            assert_eq!(year.is_some(), (1..=9999).contains(&y));
            assert_eq!(
                by_hand(calendar(y, &[])),
                fits.then(|| format!("{y:04}").into_bytes())
            );
            if let Some(year) = year {
                assert_eq!(year.to_string(), format!("{y:04}"));
            }
            for m in [1, 9, 10, 12] {
                let month = format!("{y:04}-{m:02}");
                assert_eq!(
                    by_hand(calendar(y, &[m])),
                    fits.then(|| month.clone().into_bytes())
                );
                if let Some(date) = Date::new(Written::Month(y, m)) {
                    assert_eq!(date.to_string(), month);
                }
                for d in [1, 9, 10, 28] {
                    let day = NaiveDate::from_ymd_opt(y, m, d).unwrap();
                    let chrono = day.format("%Y-%m-%d").to_string();
                    assert_eq!(
                        by_hand(calendar(y, &[m, d])),
                        fits.then(|| chrono.clone().into_bytes())
                    );
                    if let Some(date) = Date::new(Written::Day(day)) {
                        assert_eq!(date.to_string(), chrono);
                    }
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

    /// Each date keeps what was written to the last digit: the offset of an instant,
    /// its fractions of a second, a leap second; and a library holds hundreds of
    /// thousands of them, so each (optional or not) takes twelve bytes.
    #[test]
    fn twelve_bytes_keep_every_date_as_written() {
        assert_eq!(std::mem::size_of::<Date>(), 12);
        assert_eq!(std::mem::size_of::<Option<Date>>(), 12);
        for text in [
            "0001",
            "9999",
            "2017-05",
            "0001-01-01",
            "9999-12-31",
            "2017-12-19T15:30:00-05:00",
            "2017-12-19T15:30:00+14:00",
            "2017-12-19T15:30:00-23:59",
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999Z",
            "2016-12-31T23:59:60Z",
            "2017-01-01T05:29:60.500+05:30",
            "2017-12-19T15:30:00.120Z",
            "2017-12-19T15:30:00.000000001+01:00",
        ] {
            let d = Date::parse(text).unwrap();
            assert_eq!(d.to_string(), text, "{text}");
            assert_eq!(Date::new(d.written()), Some(d), "{text}");
        }
        let at = |t: &str| Date::parse(t).unwrap();
        assert_eq!(
            at("2017-12-19T15:30:00-05:00").human(),
            "19 Dec 2017 15:30 -05:00"
        );
        assert_eq!(
            at("2016-12-31T23:59:60Z").human(),
            "31 Dec 2016 23:59:60 UTC"
        );
        assert_eq!(at("2017-01-01T00:30:00+01:00").year(), 2017);
        // The same instant written with two offsets: equal, each shown as written.
        let (a, b) = (at("2017-12-19T15:30:00-05:00"), at("2017-12-19T20:30:00Z"));
        assert_eq!(a, b);
        assert_ne!(a.to_string(), b.to_string());
        // Sorted apart all the same, by what was written.
        assert_eq!(a.cmp(&b), Ordering::Less);
        assert_eq!(b.cmp(&a), Ordering::Greater);
        assert_eq!(at("2017-05").cmp(&at("2017-05")), Ordering::Equal);
        assert_ne!(at("2017"), at("2017-01"));
        assert_ne!(at("2017-01"), at("2017-01-01"));
        assert_ne!(at("2017-01-01"), at("2017-01-01T00:00:00Z"));
        assert_eq!(at("2017-05").start(), at("2017-05-01T00:00:00Z").start());
    }

    #[test]
    fn quotes_the_whole_text_when_it_is_no_date() {
        for text in ["99999999999999999999", "99999-12-19T15:30:00Z"] {
            let e = Date::parse(text).unwrap_err().0;
            assert!(e.starts_with(&format!("`{text}` is not a date")), "{e}");
        }
    }
}
