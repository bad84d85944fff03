//! Parsers for single fields, on raw bytes.
//!
//! They take the bytes between two commas as the CSV lexer hands them over
//! (padding spaces included) and never allocate, except for text. A bare `.`
//! is CFTC's mark for a missing or suppressed value and becomes `None`; an
//! empty field (seen in re-exported files, never in CFTC's own) is treated
//! the same way.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::error::FieldProblem;

/// True for CFTC's "no value" marks: `.` or nothing, after trimming.
fn is_missing(raw: &[u8]) -> bool {
    raw.is_empty() || raw == b"."
}

/// A signed whole number such as `  -1890`, or `None` for `.`.
pub fn integer(raw: &[u8]) -> Result<Option<i64>, FieldProblem> {
    let raw = raw.trim_ascii();
    if is_missing(raw) {
        return Ok(None);
    }
    let (negative, digits) = match raw {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        _ => (false, raw),
    };
    if digits.is_empty() {
        return Err(FieldProblem::NotAnInteger);
    }
    let mut value: i64 = 0;
    for &b in digits {
        let d = b.wrapping_sub(b'0');
        if d > 9 {
            return Err(FieldProblem::NotAnInteger);
        }
        // Accumulate negatively so that i64::MIN is representable.
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_sub(i64::from(d)))
            .ok_or(FieldProblem::Overflow)?;
    }
    if negative {
        Ok(Some(value))
    } else {
        value.checked_neg().map(Some).ok_or(FieldProblem::Overflow)
    }
}

/// A number of contracts that cannot be negative (open interest, positions).
pub fn position(raw: &[u8]) -> Result<Option<i64>, FieldProblem> {
    match integer(raw)? {
        Some(v) if v < 0 => Err(FieldProblem::Negative),
        v => Ok(v),
    }
}

/// A number of traders.
pub fn count(raw: &[u8]) -> Result<Option<u32>, FieldProblem> {
    match integer(raw)? {
        None => Ok(None),
        Some(v) if v < 0 => Err(FieldProblem::Negative),
        Some(v) => u32::try_from(v)
            .map(Some)
            .map_err(|_| FieldProblem::Overflow),
    }
}

/// A decimal such as `  100.0` or `13.6`, kept exact.
pub fn decimal(raw: &[u8]) -> Result<Option<Decimal>, FieldProblem> {
    let raw = raw.trim_ascii();
    if is_missing(raw) {
        return Ok(None);
    }
    let (negative, body) = match raw {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        _ => (false, raw),
    };
    let mut mantissa: i64 = 0;
    let mut digits = 0usize;
    let mut scale: Option<u32> = None;
    for &b in body {
        if b == b'.' {
            if scale.is_some() {
                return Err(FieldProblem::NotADecimal);
            }
            scale = Some(0);
            continue;
        }
        let d = b.wrapping_sub(b'0');
        if d > 9 {
            return Err(FieldProblem::NotADecimal);
        }
        digits += 1;
        // 18 digits always fit an i64; longer values are unheard of in COT
        // files and are refused rather than rounded.
        if digits > 18 {
            return Err(FieldProblem::Overflow);
        }
        mantissa = mantissa * 10 + i64::from(d);
        if let Some(s) = scale.as_mut() {
            *s += 1;
        }
    }
    if digits == 0 {
        return Err(FieldProblem::NotADecimal);
    }
    let mut value = Decimal::new(mantissa, scale.unwrap_or(0));
    if negative {
        value.set_sign_negative(true);
    }
    Ok(Some(value))
}

/// The `As of Date in Form YYMMDD` column. Century pivot: 86-99 are 19xx,
/// 00-85 are 20xx. A 5-digit value (leading zero lost by a spreadsheet) is
/// zero-padded.
pub fn yymmdd(raw: &[u8]) -> Result<NaiveDate, FieldProblem> {
    let raw = raw.trim_ascii();
    let mut buf = [b'0'; 6];
    match raw.len() {
        6 => buf.copy_from_slice(raw),
        5 => buf[1..].copy_from_slice(raw),
        _ => return Err(FieldProblem::NotADate),
    }
    let n = digits_value(&buf).ok_or(FieldProblem::NotADate)?;
    let (yy, mm, dd) = (n / 10000, n / 100 % 100, n % 100);
    let year = if yy >= 86 { 1900 + yy } else { 2000 + yy };
    ymd(year, mm, dd)
}

/// The second date column: `YYYY-MM-DD` (yearly files), `M/D/YYYY` with or
/// without a time such as `12:00:00 AM` (multi-year files, Excel exports), or
/// an ISO timestamp such as `2026-06-09T00:00:00.000` (Socrata).
pub fn date_column(raw: &[u8]) -> Result<NaiveDate, FieldProblem> {
    let raw = raw.trim_ascii();
    // ISO first: it is the common case.
    if let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1, rest @ ..] = raw {
        if !(rest.is_empty() || rest.first() == Some(&b'T') || rest.first() == Some(&b' ')) {
            return Err(FieldProblem::NotADate);
        }
        let year = digits_value(&[*y0, *y1, *y2, *y3]).ok_or(FieldProblem::NotADate)?;
        let month = digits_value(&[*m0, *m1]).ok_or(FieldProblem::NotADate)?;
        let day = digits_value(&[*d0, *d1]).ok_or(FieldProblem::NotADate)?;
        return ymd(year, month, day);
    }
    // M/D/YYYY, then optionally a time that we do not need.
    let date_part = raw.split(|b| *b == b' ').next().unwrap_or(raw);
    let mut parts = date_part.split(|b| *b == b'/');
    let (Some(m), Some(d), Some(y), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(FieldProblem::NotADate);
    };
    if !(1..=2).contains(&m.len()) || !(1..=2).contains(&d.len()) || y.len() != 4 {
        return Err(FieldProblem::NotADate);
    }
    let month = digits_value(m).ok_or(FieldProblem::NotADate)?;
    let day = digits_value(d).ok_or(FieldProblem::NotADate)?;
    let year = digits_value(y).ok_or(FieldProblem::NotADate)?;
    ymd(year, month, day)
}

fn ymd(year: u32, month: u32, day: u32) -> Result<NaiveDate, FieldProblem> {
    let year = i32::try_from(year).map_err(|_| FieldProblem::NotADate)?;
    NaiveDate::from_ymd_opt(year, month, day).ok_or(FieldProblem::NotADate)
}

/// The value of a short run of ASCII digits, or `None` if any byte is not one.
fn digits_value(raw: &[u8]) -> Option<u32> {
    if raw.is_empty() || raw.len() > 9 {
        return None;
    }
    raw.iter().try_fold(0u32, |acc, &b| {
        let d = b.wrapping_sub(b'0');
        (d <= 9).then(|| acc * 10 + u32::from(d))
    })
}

/// Text as written, less surrounding spaces. Non-UTF-8 bytes (never seen in
/// CFTC files, which are ASCII) are read as Latin-1 so nothing is lost.
pub fn text(raw: &[u8]) -> String {
    let raw = raw.trim_ascii();
    match std::str::from_utf8(raw) {
        Ok(s) => s.to_owned(),
        Err(_) => raw.iter().map(|&b| char::from(b)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn integers() {
        assert_eq!(integer(b"  183042"), Ok(Some(183042)));
        assert_eq!(integer(b"  -1890 "), Ok(Some(-1890)));
        assert_eq!(integer(b"."), Ok(None));
        assert_eq!(integer(b"  .  "), Ok(None));
        assert_eq!(integer(b""), Ok(None));
        assert_eq!(integer(b"-9223372036854775808"), Ok(Some(i64::MIN)));
        for bad in [&b"1e5"[..], b"--3", b"12a", b"-", b"1 2", b"0x10", b".5"] {
            assert_eq!(integer(bad), Err(FieldProblem::NotAnInteger), "{bad:?}");
        }
        assert_eq!(
            integer(b"99999999999999999999"),
            Err(FieldProblem::Overflow)
        );
        assert_eq!(position(b"-1"), Err(FieldProblem::Negative));
        assert_eq!(count(b"4294967296"), Err(FieldProblem::Overflow));
        assert_eq!(count(b"     24"), Ok(Some(24)));
    }

    #[test]
    fn decimals() {
        assert_eq!(decimal(b"  100.0"), Ok(Some(Decimal::new(1000, 1))));
        assert_eq!(
            decimal(b"13.6").map(|v| v.map(|x| x.to_string())),
            Ok(Some("13.6".into()))
        );
        assert_eq!(decimal(b"-0.5"), Ok(Some(Decimal::new(-5, 1))));
        assert_eq!(decimal(b"100"), Ok(Some(Decimal::new(100, 0))));
        assert_eq!(decimal(b"."), Ok(None));
        for bad in [&b"1.2.3"[..], b"abc", b"-", b"1e5", b"--1"] {
            assert_eq!(decimal(bad), Err(FieldProblem::NotADecimal), "{bad:?}");
        }
        assert_eq!(
            decimal(b"1234567890123456789.0"),
            Err(FieldProblem::Overflow)
        );
    }

    #[test]
    fn yymmdd_pivot_and_padding() {
        assert_eq!(yymmdd(b"021231 "), Ok(d(2002, 12, 31)));
        assert_eq!(yymmdd(b"860115"), Ok(d(1986, 1, 15)));
        assert_eq!(yymmdd(b"991228"), Ok(d(1999, 12, 28)));
        assert_eq!(yymmdd(b"850101"), Ok(d(2085, 1, 1)));
        assert_eq!(yymmdd(b"71231"), Ok(d(2007, 12, 31)));
        for bad in [&b"250230"[..], b"2502", b"25a230", b"2025-02-03"] {
            assert_eq!(yymmdd(bad), Err(FieldProblem::NotADate), "{bad:?}");
        }
    }

    #[test]
    fn date_column_formats() {
        assert_eq!(date_column(b"2024-12-31"), Ok(d(2024, 12, 31)));
        assert_eq!(date_column(b"2026-06-09T00:00:00.000"), Ok(d(2026, 6, 9)));
        assert_eq!(date_column(b"1/10/2012 12:00:00 AM"), Ok(d(2012, 1, 10)));
        assert_eq!(date_column(b"12/28/2021"), Ok(d(2021, 12, 28)));
        for bad in [
            &b"2025-02-30"[..],
            b"2025-2-3",
            b"13/01/2020",
            b"1/1/20",
            b"",
            b"2024-12-31x",
        ] {
            assert_eq!(date_column(bad), Err(FieldProblem::NotADate), "{bad:?}");
        }
    }

    #[test]
    fn text_trims_and_keeps_latin1() {
        assert_eq!(text(b" CBT "), "CBT");
        assert_eq!(text(b"caf\xe9"), "caf\u{e9}");
    }
}
