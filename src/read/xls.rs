//! An `.xls` workbook's sheet as CSV text, decoded record by record.
//!
//! calamine decodes every sheet of a workbook into a dense block of cells
//! (and another of formulas), then copies the block asked for: CFTC's
//! largest workbook, 15.8 MB of `.xls`, takes 195 MB that way. Every
//! workbook CFTC publishes is plain BIFF8 in code page 1200: a worksheet of
//! numbers (NUMBER, RK, MULRK records) and shared strings (LABELSST), cells
//! in row order, no formula. This decodes that kind in two passes over the
//! records of the workbook stream: the first finds each sheet's extent and
//! first cell and checks everything calamine would check, the second writes
//! the chosen sheet's rows as they come. It holds the stream, the shared
//! strings and one row (about 50 MB for that workbook, with its text).
//!
//! It yields the cells calamine (0.32) yields, value for value: an RK
//! integer stays an integer, a number whose format is a date becomes a
//! date, an empty shared string is no cell, the extent runs from the first
//! to the last cell, the sheet is the one [`super::excel`] would choose.
//! Whatever it does not decode exactly that way — another BIFF version or
//! code page, a formula, an inline label, a Boolean or error cell, cells
//! out of order, a number format it cannot classify as calamine does, a
//! string whose first bytes calamine's decoder would take for a byte-order
//! mark, a record calamine would refuse or stumble on — it declines, and
//! calamine reads the workbook as before, so no workbook reads differently
//! for it. The unit tests hold both to the same text on every workbook in
//! `../shared/cftc` and on damaged copies of one.

use calamine::{Data, ExcelDateTime, ExcelDateTimeType};

use super::sheet::{MAX_CELLS, SheetText, cell_text, normalized, sheet_error, too_many_cells};
use crate::error::{Error, Location};

/// This decoder does not read the workbook as calamine would: calamine
/// reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Declined;

type Fast<T> = Result<T, Declined>;

fn u16_of(b: &[u8], at: usize) -> Fast<u16> {
    let bytes = b.get(at..at.saturating_add(2)).ok_or(Declined)?;
    Ok(u16::from_le_bytes(bytes.try_into().map_err(|_| Declined)?))
}

fn u32_of(b: &[u8], at: usize) -> Fast<u32> {
    let bytes = b.get(at..at.saturating_add(4)).ok_or(Declined)?;
    Ok(u32::from_le_bytes(bytes.try_into().map_err(|_| Declined)?))
}

fn f64_of(b: &[u8], at: usize) -> Fast<f64> {
    let bytes = b.get(at..at.saturating_add(8)).ok_or(Declined)?;
    Ok(f64::from_le_bytes(bytes.try_into().map_err(|_| Declined)?))
}

/// A record as calamine iterates them: its own data, and the bytes of the
/// CONTINUE records right after it (headers included).
struct Record<'a> {
    kind: u16,
    data: &'a [u8],
    more: &'a [u8],
}

/// calamine's record iterator over a stream, declining where it fails.
struct Records<'a> {
    rest: &'a [u8],
}

impl<'a> Records<'a> {
    fn next(&mut self) -> Fast<Option<Record<'a>>> {
        let rest = self.rest;
        if rest.len() < 4 {
            return if rest.is_empty() {
                Ok(None)
            } else {
                Err(Declined)
            };
        }
        let kind = u16_of(rest, 0)?;
        let len = usize::from(u16_of(rest, 2)?);
        let data = rest.get(4..4 + len).ok_or(Declined)?;
        let mut end = 4 + len;
        // CONTINUE records follow while more than a header's worth remains.
        while rest.len().saturating_sub(end) > 4 && u16_of(rest, end)? == 0x003C {
            let more = usize::from(u16_of(rest, end + 2)?);
            if rest.len().saturating_sub(end) < more + 4 {
                return Err(Declined);
            }
            end += 4 + more;
        }
        let more = rest.get(4 + len..end).ok_or(Declined)?;
        self.rest = rest.get(end..).ok_or(Declined)?;
        Ok(Some(Record { kind, data, more }))
    }
}

/// A record's data read across its CONTINUE records, as calamine reads
/// the shared strings.
struct Chunks<'a> {
    data: &'a [u8],
    more: &'a [u8],
}

impl Chunks<'_> {
    /// Moves to the next CONTINUE record's data; false when there is none.
    fn next_chunk(&mut self) -> bool {
        let Ok(len) = u16_of(self.more, 2) else {
            return false;
        };
        let end = 4 + usize::from(len);
        match (self.more.get(4..end), self.more.get(end..)) {
            (Some(data), Some(rest)) => {
                self.data = data;
                self.more = rest;
                true
            }
            _ => false,
        }
    }

    fn skip(&mut self, mut n: usize) -> Fast<()> {
        while n > 0 {
            if self.data.is_empty() && !self.next_chunk() {
                return Err(Declined);
            }
            let step = n.min(self.data.len());
            self.data = self.data.get(step..).ok_or(Declined)?;
            n -= step;
        }
        Ok(())
    }
}

/// Appends characters stored as UTF-16 (`wide`) or as their low bytes.
/// Declines what calamine's decoder (encoding_rs, which sniffs a
/// byte-order mark and replaces a lone surrogate) would read otherwise.
fn push_chars(s: &mut String, bytes: &[u8], wide: bool) -> Fast<()> {
    if !wide {
        s.extend(bytes.iter().map(|&b| char::from(b)));
        return Ok(());
    }
    if [&[0xFF, 0xFE][..], &[0xFE, 0xFF], &[0xEF, 0xBB, 0xBF]]
        .iter()
        .any(|mark| bytes.starts_with(mark))
    {
        return Err(Declined);
    }
    let units = bytes.chunks_exact(2).map(|p| match *p {
        [lo, hi] => u16::from_le_bytes([lo, hi]),
        _ => 0xFFFF,
    });
    for c in char::decode_utf16(units) {
        s.push(c.map_err(|_| Declined)?);
    }
    Ok(())
}

/// `cch` characters from `bytes` (wide or not) as calamine's `decode_to`
/// takes them: as many as there are, no error when short.
fn short_string(bytes: &[u8], cch: usize, wide: bool) -> Fast<String> {
    let n = if wide { 2 * cch } else { cch };
    let mut s = String::new();
    push_chars(
        &mut s,
        bytes.get(..n.min(bytes.len())).ok_or(Declined)?,
        wide,
    )?;
    Ok(s)
}

/// One `XLUnicodeRichExtendedString` of the shared strings.
fn rich_string(c: &mut Chunks<'_>) -> Fast<String> {
    if c.data.is_empty() {
        return Ok(String::new());
    }
    let cch = usize::from(u16_of(c.data, 0)?);
    let flags = *c.data.get(2).ok_or(Declined)?;
    c.data = c.data.get(3..).ok_or(Declined)?;
    let mut wide = flags & 0x1 != 0;
    let mut runs = 0usize;
    if flags & 0x8 != 0 {
        runs = usize::from(u16_of(c.data, 0)?);
        c.data = c.data.get(2..).ok_or(Declined)?;
    }
    let mut ext = 0usize;
    if flags & 0x4 != 0 {
        ext = usize::try_from(u32_of(c.data, 0)?).map_err(|_| Declined)?;
        if ext > i32::MAX as usize {
            return Err(Declined);
        }
        c.data = c.data.get(4..).ok_or(Declined)?;
    }
    let mut s = String::new();
    let mut left = cch;
    while left > 0 {
        let (n, used) = if wide {
            let n = (c.data.len() / 2).min(left);
            (n, 2 * n)
        } else {
            let n = c.data.len().min(left);
            (n, n)
        };
        push_chars(&mut s, c.data.get(..used).ok_or(Declined)?, wide)?;
        c.data = c.data.get(used..).ok_or(Declined)?;
        left -= n;
        if left > 0 {
            // A string split over records: each piece says its own width.
            if !c.next_chunk() {
                return Err(Declined);
            }
            wide = c.data.first().ok_or(Declined)? & 0x1 != 0;
            c.data = c.data.get(1..).ok_or(Declined)?;
        }
    }
    c.skip(runs * 4)?;
    c.skip(ext)?;
    Ok(s)
}

/// The shared string table (SST).
fn shared_strings(r: &Record<'_>) -> Fast<Vec<String>> {
    let mut c = Chunks {
        data: r.data.get(8..).ok_or(Declined)?,
        more: r.more,
    };
    let mut out = Vec::new();
    while !c.data.is_empty() || c.next_chunk() {
        out.push(rich_string(&mut c)?);
    }
    Ok(out)
}

/// How calamine shows a number by its format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shown {
    Number,
    Date,
    Duration,
}

/// Excel's built-in formats that calamine takes for dates and durations.
fn builtin(ifmt: u16) -> Shown {
    match ifmt {
        14..=22 | 45 | 47 => Shown::Date,
        46 => Shown::Duration,
        _ => Shown::Number,
    }
}

/// A custom number format classified as calamine does, for the formats
/// this can tell without doubt: the first section (up to an unquoted
/// `;`) is a date when, outside quotes and escapes (`\x`, `_x`: calamine
/// escapes inside quotes too), it has a date or time letter, or after an
/// `a` (AM/PM) a `p`, `m` or `/`. Brackets (`[h]`, `[Red]`), where
/// calamine's rules get subtle, decline.
fn classify(format: &str) -> Fast<Shown> {
    let (mut escaped, mut quoted, mut am) = (false, false, false);
    for c in format.chars() {
        if escaped {
            escaped = false;
        } else if c == '_' || c == '\\' {
            escaped = true;
        } else if quoted {
            quoted = c != '"';
        } else {
            match c {
                '"' => quoted = true,
                ';' => return Ok(Shown::Number),
                '[' | ']' => return Err(Declined),
                'a' | 'A' => am = true,
                'p' | 'm' | '/' | 'P' | 'M' if am => return Ok(Shown::Date),
                'd' | 'm' | 'h' | 'y' | 's' | 'D' | 'M' | 'H' | 'Y' | 'S' if !am => {
                    return Ok(Shown::Date);
                }
                _ => {}
            }
        }
    }
    Ok(Shown::Number)
}

/// A FORMAT record: its index and how it shows numbers, `None` for one
/// calamine passes over with a warning.
fn format(data: &[u8]) -> Fast<Option<(u16, Shown)>> {
    let Ok(ifmt) = u16_of(data, 0) else {
        return Ok(None);
    };
    if !matches!(ifmt, 5..=8 | 23..=26 | 41..=44 | 63..=66 | 164..=382) {
        return Ok(None);
    }
    let s = data.get(2..).ok_or(Declined)?;
    if s.len() < 3 {
        // calamine reads an empty string from a bare zero count.
        return Ok((s.len() == 2 && u16_of(s, 0)? == 0).then_some((ifmt, Shown::Number)));
    }
    let cch = usize::from(u16_of(s, 0)?);
    let wide = s.get(2).ok_or(Declined)? & 0x1 != 0;
    let text = short_string(s.get(3..).ok_or(Declined)?, cch, wide)?;
    Ok(Some((ifmt, classify(&text)?)))
}

/// A BOUNDSHEET record: where the sheet's records start, and its name.
fn bound_sheet(data: &[u8]) -> Fast<(usize, String)> {
    let at = usize::try_from(u32_of(data, 0)?).map_err(|_| Declined)?;
    if !matches!(data.get(4).ok_or(Declined)? & 0x3F, 0..=2)
        || !matches!(data.get(5).ok_or(Declined)?, 0 | 1 | 2 | 6)
    {
        return Err(Declined);
    }
    let name = data.get(6..).ok_or(Declined)?;
    if name.len() < 2 {
        return Err(Declined);
    }
    let cch = usize::from(*name.first().ok_or(Declined)?);
    let wide = name.get(1).ok_or(Declined)? & 0x1 != 0;
    let mut name = short_string(name.get(2..).ok_or(Declined)?, cch, wide)?;
    name.retain(|c| c != '\0');
    Ok((at, name))
}

/// Declines a defined name (LBL) or an EXTERNSHEET record that calamine
/// would stumble on (it indexes into them unchecked).
fn check_name(data: &[u8]) -> Fast<()> {
    let cch = usize::from(*data.get(3).ok_or(Declined)?);
    let cce = usize::from(u16_of(data, 4)?);
    let after = data.get(14..).ok_or(Declined)?;
    if after.len() < cch + 1 || cce > data.len() {
        return Err(Declined);
    }
    let rgce = data.get(data.len() - cce..).ok_or(Declined)?;
    let needed = match rgce.first() {
        None => 0,
        Some(0x3a | 0x5a | 0x7a) => 7,
        Some(0x3b | 0x5b | 0x7b) => 11,
        Some(0x3c | 0x5c | 0x7c | 0x3d | 0x5d | 0x7d) => 3,
        Some(_) => 1,
    };
    if rgce.len() < needed {
        return Err(Declined);
    }
    Ok(())
}

fn check_extern_sheet(data: &[u8]) -> Fast<()> {
    let count = usize::from(u16_of(data, 0)?);
    let entries = data.get(2..).ok_or(Declined)?;
    if entries.chunks(6).take(count).any(|e| e.len() < 6) {
        return Err(Declined);
    }
    Ok(())
}

/// What the workbook globals say.
struct Globals {
    /// Per XF record, how its number format shows numbers.
    shown: Vec<Shown>,
    strings: Vec<String>,
    sheets: Vec<(usize, String)>,
    is_1904: bool,
}

fn globals(stream: &[u8]) -> Fast<Globals> {
    let mut records = Records { rest: stream };
    let mut formats: Vec<(u16, Shown)> = Vec::new();
    let mut xfs: Vec<u16> = Vec::new();
    let mut g = Globals {
        shown: Vec::new(),
        strings: Vec::new(),
        sheets: Vec::new(),
        is_1904: false,
    };
    while let Some(r) = records.next()? {
        match r.kind {
            // BOF: BIFF8 only.
            0x0809 if u16_of(r.data, 0)? != 0x0600 => return Err(Declined),
            // FILEPASS: encrypted.
            0x002F if u16_of(r.data, 0)? != 0 => return Err(Declined),
            // CODEPAGE: UTF-16 only.
            0x0042 if u16_of(r.data, 0)? != 1200 => return Err(Declined),
            0x0022 => g.is_1904 = u16_of(r.data, 0)? == 1,
            0x041E => {
                if let Some((ifmt, shown)) = format(r.data)? {
                    formats.retain(|(i, _)| *i != ifmt);
                    formats.push((ifmt, shown));
                }
            }
            0x00E0 => xfs.push(u16_of(r.data, 2)?),
            0x0085 => g.sheets.push(bound_sheet(r.data)?),
            0x0018 => check_name(r.data)?,
            0x0017 => check_extern_sheet(r.data)?,
            0x00FC => g.strings = shared_strings(&r)?,
            0x000A => break,
            _ => {}
        }
    }
    g.shown = xfs
        .into_iter()
        .map(|ifmt| {
            formats
                .iter()
                .find(|(i, _)| *i == ifmt)
                .map_or_else(|| builtin(ifmt), |(_, shown)| *shown)
        })
        .collect();
    // calamine keeps sheets by name: a repeated name would hide one.
    for (i, (_, name)) in g.sheets.iter().enumerate() {
        if g.sheets.iter().skip(i + 1).any(|(_, other)| other == name) {
            return Err(Declined);
        }
    }
    Ok(g)
}

/// A cell's value before it becomes calamine's [`Data`].
#[derive(Debug, Clone, Copy)]
enum Value<'a> {
    Float(f64, Shown),
    Int(i64, Shown),
    Text(&'a str),
}

impl Value<'_> {
    fn data(self, is_1904: bool) -> Data {
        let date = |v: f64, kind| Data::DateTime(ExcelDateTime::new(v, kind, is_1904));
        match self {
            Value::Float(v, Shown::Number) => Data::Float(v),
            Value::Int(v, Shown::Number) => Data::Int(v),
            Value::Float(v, Shown::Date) => date(v, ExcelDateTimeType::DateTime),
            Value::Float(v, Shown::Duration) => date(v, ExcelDateTimeType::TimeDelta),
            Value::Int(v, Shown::Date) => date(v as f64, ExcelDateTimeType::DateTime),
            Value::Int(v, Shown::Duration) => date(v as f64, ExcelDateTimeType::TimeDelta),
            Value::Text(s) => Data::String(s.to_owned()),
        }
    }
}

/// An RK number (4 bytes after the XF index), as calamine reads it: an
/// integer stays one unless its hundredth is not whole.
fn rk(bytes: &[u8], shown: Shown) -> Fast<Value<'static>> {
    let raw = u32_of(bytes, 0)?;
    let hundredths = raw & 1 != 0;
    let value = raw & !3;
    if raw & 2 != 0 {
        let v = i64::from((value as i32) >> 2);
        Ok(if hundredths && v % 100 != 0 {
            Value::Float(v as f64 / 100.0, shown)
        } else {
            Value::Int(if hundredths { v / 100 } else { v }, shown)
        })
    } else {
        let v = f64::from_bits(u64::from(value) << 32);
        Ok(Value::Float(if hundredths { v / 100.0 } else { v }, shown))
    }
}

/// Calls `cell` with each cell of the sheet whose records start at `at`,
/// in record order, as calamine would place them.
fn sheet_cells<'g>(
    stream: &[u8],
    at: usize,
    g: &'g Globals,
    mut cell: impl FnMut(u32, u32, Value<'g>) -> Fast<()>,
) -> Fast<()> {
    let shown = |xf: u16| {
        g.shown
            .get(usize::from(xf))
            .copied()
            .unwrap_or(Shown::Number)
    };
    let mut records = Records {
        rest: stream.get(at..).ok_or(Declined)?,
    };
    while let Some(r) = records.next()? {
        let d = r.data;
        match r.kind {
            // DIMENSIONS: calamine refuses any other length.
            0x0200 if !matches!(d.len(), 10 | 14) => return Err(Declined),
            // NUMBER
            0x0203 => {
                if d.len() < 14 {
                    return Err(Declined);
                }
                let value = Value::Float(f64_of(d, 6)?, shown(u16_of(d, 4)?));
                cell(u32::from(u16_of(d, 0)?), u32::from(u16_of(d, 2)?), value)?;
            }
            // RK
            0x027E => {
                if d.len() < 10 {
                    return Err(Declined);
                }
                let value = rk(d.get(6..).ok_or(Declined)?, shown(u16_of(d, 4)?))?;
                cell(u32::from(u16_of(d, 0)?), u32::from(u16_of(d, 2)?), value)?;
            }
            // MULRK: row, first column, (XF, RK) per column, last column.
            0x00BD => {
                let (row, first) = (u16_of(d, 0)?, u16_of(d, 2)?);
                let last = u16_of(d, d.len().checked_sub(2).ok_or(Declined)?)?;
                let count = usize::from(last.checked_sub(first).ok_or(Declined)?) + 1;
                if d.len() < 6 || d.len() != 6 + 6 * count {
                    return Err(Declined);
                }
                let body = d.get(4..d.len() - 2).ok_or(Declined)?;
                for (i, each) in body.chunks_exact(6).enumerate() {
                    let value = rk(each.get(2..).ok_or(Declined)?, shown(u16_of(each, 0)?))?;
                    let col = u32::from(first) + u32::try_from(i).map_err(|_| Declined)?;
                    cell(u32::from(row), col, value)?;
                }
            }
            // LABELSST: an empty or missing string is no cell.
            0x00FD => {
                if d.len() < 10 {
                    return Err(Declined);
                }
                let i = usize::try_from(u32_of(d, 6)?).map_err(|_| Declined)?;
                if let Some(s) = g.strings.get(i).filter(|s| !s.is_empty()) {
                    cell(
                        u32::from(u16_of(d, 0)?),
                        u32::from(u16_of(d, 2)?),
                        Value::Text(s),
                    )?;
                }
            }
            // MERGECELLS: calamine reads each range unchecked.
            0x00E5 => {
                let n = usize::from(u16_of(d, 0)?);
                if d.len() < 2 + 8 * n {
                    return Err(Declined);
                }
            }
            // FORMULA, STRING, LABEL, BOOLERR: none in CFTC's workbooks.
            0x0006 | 0x0207 | 0x0204 | 0x0205 => return Err(Declined),
            0x000A => break,
            _ => {}
        }
    }
    Ok(())
}

/// One sheet as the first pass saw it.
struct Scan {
    /// First row, last row, first column, last column.
    extent: Option<(u32, u32, u32, u32)>,
    first: Option<(u32, u32, Data)>,
}

fn scan(stream: &[u8], at: usize, g: &Globals) -> Fast<Scan> {
    let mut extent: Option<(u32, u32, u32, u32)> = None;
    let mut first = None;
    let mut last: Option<(u32, u32)> = None;
    sheet_cells(stream, at, g, |row, col, value| {
        // Strictly in order: no cell overwrites another, and rows can be
        // written as they come.
        if last.is_some_and(|l| l >= (row, col)) {
            return Err(Declined);
        }
        last = Some((row, col));
        if first.is_none() {
            first = Some((row, col, value.data(g.is_1904)));
        }
        extent = Some(match extent {
            None => (row, row, col, col),
            Some((r0, r1, c0, c1)) => (r0.min(row), r1.max(row), c0.min(col), c1.max(col)),
        });
        Ok(())
    })?;
    Ok(Scan { extent, first })
}

/// The COT sheet of an `.xls` workbook (its `Workbook` stream, as
/// [`super::biff::walk`] read it) as CSV text, with its name, chosen and
/// written as [`super::excel`] does with calamine's decode; `Ok(None)` when
/// this decoder declines the workbook.
pub(super) fn to_csv(
    stream: &[u8],
    location: &Location,
) -> Result<Option<(Vec<u8>, String)>, Error> {
    let Ok(g) = globals(stream) else {
        return Ok(None);
    };
    // calamine decodes every sheet when it opens a workbook: one it would
    // refuse fails the workbook, wherever the chosen sheet is.
    let mut scans = Vec::with_capacity(g.sheets.len());
    for (at, _) in &g.sheets {
        match scan(stream, *at, &g) {
            Ok(s) => scans.push(s),
            Err(Declined) => return Ok(None),
        }
    }
    if g.sheets.is_empty() {
        return Ok(None);
    }
    let mut chosen = None;
    for (i, ((at, name), s)) in g.sheets.iter().zip(&scans).enumerate() {
        let (rows, cols) = s.extent.map_or((0, 0), |(r0, r1, c0, c1)| {
            ((r1 - r0) as usize + 1, (c1 - c0) as usize + 1)
        });
        if rows.saturating_mul(cols) > MAX_CELLS {
            return Err(too_many_cells(location, name, rows, cols));
        }
        // The first cell of the sheet's block, which may be empty.
        let first = match (&s.first, s.extent) {
            (Some((row, col, data)), Some((r0, _, c0, _))) if (*row, *col) == (r0, c0) => {
                cell_text(data, 0, false)
            }
            _ => String::new(),
        };
        let is_cot = normalized(&first) == "marketandexchangenames";
        if is_cot || chosen.is_none() {
            chosen = Some((i, *at, name.clone()));
        }
        if is_cot {
            break;
        }
    }
    let Some((i, at, sheet)) = chosen else {
        return Ok(None);
    };
    let extent = scans.get(i).and_then(|s| s.extent);
    drop(scans);
    let text = match write(stream, at, &g, extent) {
        Ok(Ok(text)) => text,
        Ok(Err(e)) => return Err(sheet_error(location, &sheet, e)),
        Err(Declined) => return Ok(None),
    };
    Ok(Some((text, sheet)))
}

/// The second pass: the sheet's rows, written as they come.
fn write(
    stream: &[u8],
    at: usize,
    g: &Globals,
    extent: Option<(u32, u32, u32, u32)>,
) -> Fast<Result<Vec<u8>, csv::Error>> {
    let Some((top, bottom, left, right)) = extent else {
        return Ok(SheetText::new(0, 0, 0, 0).and_then(SheetText::finish));
    };
    let width = (right - left) as usize + 1;
    let mut out = match SheetText::new(top, left, (bottom - top) as usize + 1, width) {
        Ok(out) => out,
        Err(e) => return Ok(Err(e)),
    };
    let mut row = vec![Data::Empty; width];
    let mut current = top;
    let mut failed = None;
    sheet_cells(stream, at, g, |r, c, value| {
        while current < r && failed.is_none() {
            if let Err(e) = out.row(&row) {
                failed = Some(e);
            }
            row.fill(Data::Empty);
            current += 1;
        }
        let slot = c
            .checked_sub(left)
            .and_then(|i| row.get_mut(i as usize))
            .ok_or(Declined)?;
        *slot = value.data(g.is_1904);
        Ok(())
    })?;
    while current <= bottom && failed.is_none() {
        if let Err(e) = out.row(&row) {
            failed = Some(e);
        }
        row.fill(Data::Empty);
        current += 1;
    }
    Ok(match failed {
        Some(e) => Err(e),
        None => out.finish(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_classified_as_calamine_does_or_declined() {
        assert_eq!(classify("m/d/yyyy"), Ok(Shown::Date));
        assert_eq!(classify("General"), Ok(Shown::Number));
        assert_eq!(classify("0.00"), Ok(Shown::Number));
        // Formats 5 and 43 of CFTC's workbooks.
        let currency = r###""$"#,##0_);\("$"#,##0\)"###;
        assert_eq!(classify(currency), Ok(Shown::Number));
        let accounting = r###"_(* #,##0.00_);_(* \(#,##0.00\);_(* "-"??_);_(@_)"###;
        assert_eq!(classify(accounting), Ok(Shown::Number));
        // The red is in the second section, after calamine stops.
        let red = r###""$"#,##0_);[Red]\("$"#,##0\)"###;
        assert_eq!(classify(red), Ok(Shown::Number));
        // Escaped and quoted letters are not dates.
        assert_eq!(classify(r"\Y000000"), Ok(Shown::Number));
        assert_eq!(classify(r###"#,##0.0####" YMD""###), Ok(Shown::Number));
        assert_eq!(classify("[h]:mm:ss"), Err(Declined));
        assert_eq!(classify("0 a"), Ok(Shown::Number));
        assert_eq!(classify("0 a/p"), Ok(Shown::Date));
        assert_eq!(classify("h:mm AM/PM"), Ok(Shown::Date));
    }

    #[test]
    fn rk_numbers() {
        // 1 as an integer (value << 2 | 2), 1.23 as an integer of hundredths.
        assert!(matches!(
            rk(&(1u32 << 2 | 2).to_le_bytes(), Shown::Number),
            Ok(Value::Int(1, _))
        ));
        assert!(matches!(
            rk(&(123u32 << 2 | 3).to_le_bytes(), Shown::Number),
            Ok(Value::Float(v, _)) if v == 1.23
        ));
        assert!(matches!(
            rk(&(500u32 << 2 | 3).to_le_bytes(), Shown::Number),
            Ok(Value::Int(5, _))
        ));
        // -7 as an integer.
        assert!(matches!(
            rk(&((-7i32 << 2) as u32 | 2).to_le_bytes(), Shown::Number),
            Ok(Value::Int(-7, _))
        ));
        // 2.5 as the high 30 bits of a double.
        let high = (2.5f64.to_bits() >> 32) as u32;
        assert!(
            matches!(rk(&high.to_le_bytes(), Shown::Number), Ok(Value::Float(v, _)) if v == 2.5)
        );
        assert!(rk(&[0, 0], Shown::Number).is_err());
    }

    #[test]
    fn strings_decline_what_calamine_would_read_otherwise() {
        let mut s = String::new();
        assert_eq!(push_chars(&mut s, b"ab\xe9", false), Ok(()));
        assert_eq!(s, "ab\u{e9}");
        assert_eq!(
            push_chars(&mut s, &[0x41, 0, 0x3A9_u16 as u8, 0x03], true),
            Ok(())
        );
        assert_eq!(s, "ab\u{e9}A\u{3a9}");
        assert_eq!(
            push_chars(&mut s, &[0xFF, 0xFE, 0x41, 0], true),
            Err(Declined)
        );
        assert_eq!(
            push_chars(&mut s, &[0x00, 0xD8, 0x41, 0], true),
            Err(Declined)
        );
    }

    /// The real files, found as the integration tests find them.
    fn data_dir() -> Option<std::path::PathBuf> {
        let dir = std::env::var_os("CFTC_COT_DATA").map_or_else(
            || std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/cftc"),
            std::path::PathBuf::from,
        );
        if dir.is_dir() {
            return Some(dir);
        }
        assert!(
            std::env::var_os("CI").is_none(),
            "CFTC_COT_DATA directory {} is missing: under CI the real files are required",
            dir.display()
        );
        None
    }

    /// Every `.xls` under `dir`, bare or in a zip, with its name.
    fn workbooks(dir: &std::path::Path, out: &mut Vec<(String, Vec<u8>)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            let name = path.to_string_lossy().to_lowercase();
            if path.is_dir() {
                workbooks(&path, out);
            } else if name.ends_with(".xls") {
                out.push((name, std::fs::read(&path).unwrap()));
            } else if name.ends_with(".zip") {
                let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
                for i in 0..zip.len() {
                    let mut member = zip.by_index(i).unwrap();
                    let member_name = member.name().unwrap().to_string();
                    if member_name.to_lowercase().ends_with(".xls") {
                        let mut bytes = Vec::new();
                        std::io::Read::read_to_end(&mut member, &mut bytes).unwrap();
                        out.push((format!("{name}:{member_name}"), bytes));
                    }
                }
            }
        }
    }

    fn fut_1986(dir: &std::path::Path) -> Vec<u8> {
        let mut all = Vec::new();
        workbooks(&dir.join("legacy_fut_xls/1986"), &mut all);
        all.pop().unwrap().1
    }

    /// Every workbook CFTC published in `../shared/cftc` is decoded here,
    /// not declined, into the very text calamine's decode gives.
    #[test]
    fn every_cftc_workbook_reads_as_calamine_reads_it() {
        let Some(dir) = data_dir() else {
            return;
        };
        let mut all = Vec::new();
        workbooks(&dir, &mut all);
        assert!(all.len() >= 11, "{} workbooks", all.len());
        for (name, bytes) in all {
            let location = Location::input(&name, None);
            let (_, stream) = super::super::biff::walk(&bytes).unwrap();
            let fast = to_csv(&stream, &location)
                .unwrap()
                .unwrap_or_else(|| panic!("{name}: declined"));
            let slow = super::super::excel::with_calamine(bytes, &location).unwrap();
            assert_eq!(fast.1, slow.1, "{name}: sheet");
            assert!(fast.0 == slow.0, "{name}: text differs");
            assert!(fast.0.len() > 100_000, "{name}: {} bytes", fast.0.len());
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(
            std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(48)
        ))]
        /// A damaged workbook never makes this decoder panic, and what it
        /// does not decline reads as calamine reads it.
        #[test]
        fn damaged_workbooks_read_as_calamine_reads_them_or_are_declined(
            edits in proptest::collection::vec((0.0f64..1.0, proptest::prelude::any::<u8>()), 1..16)
        ) {
            let Some(dir) = data_dir() else {
                return Ok(());
            };
            let mut bytes = fut_1986(&dir);
            for (at, byte) in edits {
                let i = ((bytes.len() as f64) * at) as usize;
                if let Some(b) = bytes.get_mut(i) {
                    *b = byte;
                }
            }
            let location = Location::input("m.xls", None);
            let stream = super::super::biff::walk(&bytes).map(|(_, s)| s).unwrap_or_default();
            if let Ok(Some(fast)) = to_csv(&stream, &location) {
                let slow = std::panic::catch_unwind(|| {
                    super::super::excel::with_calamine(bytes, &location)
                });
                if let Ok(Ok(slow)) = slow {
                    proptest::prop_assert_eq!(fast.1, slow.1);
                    proptest::prop_assert!(fast.0 == slow.0, "text differs");
                }
            }
        }
    }
}
