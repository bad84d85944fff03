//! CFTC's Excel files, turned into the text the reader already knows.
//!
//! CFTC ships every report as Excel too (`Fut_1986.xls`, `annualof.xls`,
//! `FinFutYY.xls`, `CIT06_16.xls`): the columns of its text files less the
//! three quoted code copies, underscore names, dates as Excel serials, and
//! numbers as floating-point cells. Decoding is kept apart from parsing: the
//! sheet becomes CSV text with one line per sheet row, in the spreadsheet
//! export layout the reader recognises, and goes through the same layout
//! detection, filter, parser, checks and accounting as a text file; an
//! error's line is the sheet's row.
//!
//! Cells become text exactly: a whole-number float is written as an integer
//! (`171226.0` in the YYMMDD column becomes `171226`, and a 5-digit value
//! gets its leading zero back), a float in a percent or concentration
//! column by its shortest round-trip form (`12.3`, never
//! `12.300000000000001`) with at least one decimal; a number that is not
//! whole where the text has integers stays as it is and the parser refuses
//! it; the date column's serial (1900 date system) becomes `YYYY-MM-DD`;
//! error cells become `#ERROR` and are refused by the parser like any bad
//! field; empty cells are missing values.

use std::io::Cursor;

use calamine::{Data, Reader as _, Sheets, open_workbook_auto_from_rs};

use crate::error::{BoxError, Error, ErrorKind, ExcelProblem, Location};
use crate::records::ReportKind;
use crate::records::schema::CONCENTRATION_WIDTH;

/// The most cells a sheet may have: CFTC's largest workbook has about
/// 1.6 million (12,762 rows of 126 columns); this leaves room for the
/// multi-year archives and refuses a sheet built to exhaust memory.
pub const MAX_CELLS: usize = 60_000_000;

fn excel_error(location: &Location, problem: ExcelProblem) -> Error {
    Error::from(ErrorKind::Excel {
        location: Box::new(location.clone()),
        problem,
    })
}

fn sheet_error(location: &Location, name: &str, e: impl Into<BoxError>) -> Error {
    excel_error(
        location,
        ExcelProblem::Sheet {
            name: name.to_string(),
            source: e.into(),
        },
    )
}

fn normalized(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The report whose text or spreadsheet-export width is `n`.
fn kind_of_width(n: usize) -> Option<ReportKind> {
    ReportKind::ALL
        .into_iter()
        .find(|k| n == k.columns() || n + 3 == k.columns())
}

/// For each column of a sheet of `width` columns: whether it holds a
/// decimal (a percent of open interest or a concentration ratio).
fn decimal_columns(width: usize) -> Vec<bool> {
    let mut out = vec![false; width];
    let Some(kind) = kind_of_width(width) else {
        return out;
    };
    let schema = kind.schema();
    let o = schema.offsets();
    let p = schema.positions_width();
    for start in o.percent {
        for i in start..start + p {
            if let Some(c) = out.get_mut(i) {
                *c = true;
            }
        }
    }
    for start in o.concentration {
        for i in start..start + CONCENTRATION_WIDTH {
            if let Some(c) = out.get_mut(i) {
                *c = true;
            }
        }
    }
    out
}

/// An Excel date serial (1900 date system, with Excel's phantom 1900-02-29)
/// as `YYYY-MM-DD`.
fn serial_date(serial: f64) -> Option<String> {
    if !serial.is_finite() || !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let days = serial.trunc() as i64;
    // Serial 60 is 1900-02-29, which never was; after it, count from 1899-12-30.
    let base = chrono::NaiveDate::from_ymd_opt(1899, 12, if days < 60 { 31 } else { 30 })?;
    let date = base.checked_add_signed(chrono::Duration::days(days))?;
    Some(date.format("%Y-%m-%d").to_string())
}

/// A float as text: whole numbers as integers (or `N.0` in decimal
/// columns), others by their shortest round-trip form.
fn float_text(f: f64, decimal: bool) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 9.0e15 {
        if decimal {
            format!("{}.0", f as i64)
        } else {
            format!("{}", f as i64)
        }
    } else {
        format!("{f}")
    }
}

fn cell_text(cell: &Data, column: usize, decimal: bool) -> String {
    match (cell, column) {
        (Data::Empty, _) => String::new(),
        (Data::String(s), _) => s.clone(),
        // YYMMDD: a number loses the leading zero of 2000-2009.
        (Data::Float(f), 1) if f.fract() == 0.0 && (0.0..1e6).contains(f) => {
            format!("{:06}", *f as i64)
        }
        (Data::Int(i), 1) if (0..1_000_000).contains(i) => format!("{i:06}"),
        // The date column: an Excel serial, formatted or not.
        (Data::Float(f), 2) => serial_date(*f).unwrap_or_else(|| float_text(*f, false)),
        (Data::Int(i), 2) => serial_date(*i as f64).unwrap_or_else(|| i.to_string()),
        (Data::DateTime(d), 2) => {
            serial_date(d.as_f64()).unwrap_or_else(|| float_text(d.as_f64(), false))
        }
        (Data::DateTimeIso(s), 2) => s.get(..10).unwrap_or(s).to_owned(),
        (Data::Float(f), _) => float_text(*f, decimal),
        (Data::Int(i), _) => i.to_string(),
        (Data::DateTime(d), _) => float_text(d.as_f64(), decimal),
        (Data::DateTimeIso(s) | Data::DurationIso(s), _) => s.clone(),
        (Data::Bool(b), _) => b.to_string(),
        (Data::Error(e), _) => format!("#ERROR {e:?}"),
    }
}

/// The most an `.xlsx` (a zip of XML parts) may inflate to, by the sizes
/// its parts declare: far above a CFTC workbook, far below a zip bomb.
pub const MAX_XLSX_INFLATED: u64 = 2 << 30;

/// Refuses an `.xlsx` whose parts declare more than [`MAX_XLSX_INFLATED`]
/// bytes before anything is inflated.
fn check_xlsx_size(bytes: &[u8], location: &Location) -> Result<(), Error> {
    if !bytes.starts_with(b"PK") {
        return Ok(());
    }
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(()); // calamine says what is wrong with it
    };
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let size = zip.by_index_raw(i).map(|f| f.size()).unwrap_or(0);
        total = total.saturating_add(size);
    }
    if total > MAX_XLSX_INFLATED {
        return Err(excel_error(
            location,
            ExcelProblem::PartsTooLarge {
                declared: total,
                limit: MAX_XLSX_INFLATED,
            },
        ));
    }
    Ok(())
}

/// Refuses an `.xls` whose cell records reach further than a block of
/// [`MAX_CELLS`], or whose compound file cannot be walked to tell; returns
/// the damage of one whose records do not hold together (a record length
/// that throws the reader off: what follows it would be lost without a
/// word), for the caller to refuse (strict) or say (lenient).
fn check_xls(bytes: &[u8], location: &Location) -> Result<Option<Error>, Error> {
    if !bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Ok(None);
    }
    let walk = super::biff::walk(bytes)
        .map_err(|why| excel_error(location, ExcelProblem::Unwalkable(why)))?;
    let damage = walk
        .damage()
        .map(|(declared, found)| excel_error(location, ExcelProblem::Damaged { declared, found }));
    if let Some((top, bottom, left, right)) = walk.extent {
        let (rows, cols) = (u64::from(bottom - top) + 1, u64::from(right - left) + 1);
        if rows * cols > MAX_CELLS as u64 {
            return Err(excel_error(
                location,
                ExcelProblem::TooManyCells {
                    sheet: None,
                    rows,
                    columns: cols,
                    limit: MAX_CELLS as u64,
                },
            ));
        }
    }
    // calamine sets memory aside on the word of declared sizes before it
    // reads anything; a forged one would abort the process.
    let (bytes_declared, what) = walk.declared;
    let byte_limit = (bytes.len() as u64).saturating_mul(16).max(64 << 20);
    if bytes_declared > byte_limit {
        return Err(excel_error(
            location,
            ExcelProblem::ForgedSize {
                what,
                declared: bytes_declared,
                unit: "bytes",
                limit: byte_limit,
            },
        ));
    }
    if walk.reserved > MAX_CELLS as u64 {
        return Err(excel_error(
            location,
            ExcelProblem::ForgedSize {
                what: if walk.reserved == u64::MAX {
                    "sheet dimensions (a first row past the last, which wraps)"
                } else {
                    "sheet dimensions"
                },
                declared: walk.reserved,
                unit: "cells",
                limit: MAX_CELLS as u64,
            },
        ));
    }
    if let Some(s) = walk.outside() {
        return Err(excel_error(
            location,
            ExcelProblem::OutsideDimensions {
                declared_rows: s.declared_rows,
                declared_columns: s.declared_columns,
                rows: s.rows,
                columns: s.columns,
            },
        ));
    }
    Ok(damage)
}

/// Reads a workbook and returns its COT sheet as CSV text, one line per
/// sheet row, with the sheet's name. The sheet is the first one whose first
/// cell is `Market_and_Exchange_Names` (any spelling CFTC used), or the
/// first sheet if none is.
/// A damaged `.xls` (see [`check_xls`]) is an error in strict mode and,
/// in lenient mode, read as far as it goes, its damage returned.
pub(crate) fn to_csv(
    bytes: Vec<u8>,
    location: &Location,
    mode: super::Mode,
) -> Result<(Vec<u8>, String, Option<Error>), Error> {
    check_xlsx_size(&bytes, location)?;
    let damage = match check_xls(&bytes, location)? {
        Some(damage) if mode == super::Mode::Strict => return Err(damage),
        other => other,
    };
    // calamine can panic on a malformed workbook (an arithmetic overflow in
    // its BIFF reader, seen with damaged copies of CFTC's files): a panic
    // there is a broken file, reported as one, not a crash of the caller.
    let (text, sheet) =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| decode(bytes, location)))
            .unwrap_or_else(|_| Err(excel_error(location, ExcelProblem::Malformed)))?;
    Ok((text, sheet, damage))
}

fn decode(bytes: Vec<u8>, location: &Location) -> Result<(Vec<u8>, String), Error> {
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| excel_error(location, ExcelProblem::NotAWorkbook(Box::new(e))))?;
    let names = book.sheet_names();
    if names.is_empty() {
        return Err(excel_error(location, ExcelProblem::NoSheet));
    }
    // calamine builds a sheet as one dense block from its first to its last
    // cell: two cells far apart (A1 and XFD1048576) would ask for 17
    // billion. An .xlsx's cells are streamed first to bound the block.
    if let Sheets::Xlsx(xlsx) = &mut book {
        for name in &names {
            let mut cells = xlsx
                .worksheet_cells_reader(name)
                .map_err(|e| sheet_error(location, name, e))?;
            let (mut top, mut bottom, mut left, mut right) = (u32::MAX, 0u32, u32::MAX, 0u32);
            while let Some(cell) = cells
                .next_cell()
                .map_err(|e| sheet_error(location, name, e))?
            {
                let (row, col) = cell.get_position();
                top = top.min(row);
                bottom = bottom.max(row);
                left = left.min(col);
                right = right.max(col);
            }
            if top <= bottom {
                let block = (u64::from(bottom - top) + 1) * (u64::from(right - left) + 1);
                if block > MAX_CELLS as u64 {
                    return Err(excel_error(
                        location,
                        ExcelProblem::TooManyCells {
                            sheet: Some(name.clone()),
                            rows: u64::from(bottom - top) + 1,
                            columns: u64::from(right - left) + 1,
                            limit: MAX_CELLS as u64,
                        },
                    ));
                }
            }
        }
    }
    let mut chosen = None;
    for (i, name) in names.iter().enumerate() {
        let range = match book.worksheet_range_at(i) {
            Some(Ok(r)) => r,
            Some(Err(e)) => {
                return Err(sheet_error(location, name, e));
            }
            None => continue,
        };
        let (rows, cols) = range.get_size();
        if rows.saturating_mul(cols) > MAX_CELLS {
            return Err(excel_error(
                location,
                ExcelProblem::TooManyCells {
                    sheet: Some(name.clone()),
                    rows: rows as u64,
                    columns: cols as u64,
                    limit: MAX_CELLS as u64,
                },
            ));
        }
        let first = range
            .rows()
            .next()
            .and_then(|r| r.first())
            .map(|c| cell_text(c, 0, false))
            .unwrap_or_default();
        let is_cot = normalized(&first) == "marketandexchangenames";
        if is_cot || chosen.is_none() {
            chosen = Some((name.clone(), range));
        }
        if is_cot {
            break;
        }
    }
    // The workbook (its bytes and every decoded sheet) goes before the
    // text is written: only the chosen sheet's cells stay.
    drop(book);
    let Some((sheet, range)) = chosen else {
        return Err(excel_error(location, ExcelProblem::NoSheet));
    };
    let width = range.get_size().1;
    let decimal = decimal_columns(width);
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(Vec::with_capacity(
            range.get_size().0.saturating_mul(width) * 8,
        ));
    // The sheet's used range may start below row 1 or right of column A:
    // pad so that line numbers stay the sheet's row numbers.
    let (top, left) = range.start().unwrap_or((0, 0));
    for _ in 0..top {
        out.write_record([""])
            .map_err(|e| sheet_error(location, &sheet, e))?;
    }
    let mut fields: Vec<String> = Vec::with_capacity(width + left as usize);
    for row in range.rows() {
        fields.clear();
        fields.extend(std::iter::repeat_n(String::new(), left as usize));
        for (i, cell) in row.iter().enumerate() {
            let column = i + left as usize;
            let text = cell_text(cell, column, decimal.get(column).copied().unwrap_or(false));
            // One line per row: a line break inside a cell would shift every
            // later line number.
            fields.push(text.replace(['\r', '\n'], " "));
        }
        out.write_record(&fields)
            .map_err(|e| sheet_error(location, &sheet, e))?;
    }
    let text = out
        .into_inner()
        .map_err(|e| sheet_error(location, &sheet, e))?;
    Ok((text, sheet))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials_and_floats() {
        assert_eq!(serial_date(1.0).as_deref(), Some("1900-01-01"));
        assert_eq!(serial_date(59.0).as_deref(), Some("1900-02-28"));
        assert_eq!(serial_date(61.0).as_deref(), Some("1900-03-01"));
        // 1986-01-15 and 2017-12-26, as Excel counts them.
        assert_eq!(serial_date(31427.0).as_deref(), Some("1986-01-15"));
        assert_eq!(serial_date(43095.0).as_deref(), Some("2017-12-26"));
        assert_eq!(serial_date(f64::NAN), None);
        assert_eq!(float_text(12.3, true), "12.3");
        assert_eq!(float_text(100.0, true), "100.0");
        assert_eq!(float_text(354.0, false), "354");
        assert_eq!(float_text(-51.0, false), "-51");
        assert_eq!(float_text(0.5, false), "0.5");
        assert_eq!(cell_text(&Data::Float(61228.0), 1, false), "061228");
        assert_eq!(cell_text(&Data::Float(171226.0), 1, false), "171226");
        assert_eq!(cell_text(&Data::Empty, 9, false), "");
    }
}
