//! A decoded sheet's cells as the CSV text the reader already knows.
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

use calamine::Data;

use crate::error::{BoxError, Error, ErrorKind, ExcelProblem, Location};
use crate::records::ReportKind;
use crate::records::schema::CONCENTRATION_WIDTH;

/// The most cells a sheet may have: CFTC's largest workbook has about
/// 1.6 million (12,762 rows of 126 columns); this leaves room for the
/// multi-year archives and refuses a sheet built to exhaust memory.
pub const MAX_CELLS: usize = 60_000_000;

pub(super) fn excel_error(location: &Location, problem: ExcelProblem) -> Error {
    Error::from(ErrorKind::Excel {
        location: Box::new(location.clone()),
        problem,
    })
}

pub(super) fn sheet_error(location: &Location, name: &str, e: impl Into<BoxError>) -> Error {
    excel_error(
        location,
        ExcelProblem::Sheet {
            name: name.to_string(),
            source: e.into(),
        },
    )
}

pub(super) fn normalized(s: &str) -> String {
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

pub(super) fn cell_text(cell: &Data, column: usize, decimal: bool) -> String {
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

/// A sheet of `rows` by `columns` cells, more than [`MAX_CELLS`].
pub(super) fn too_many_cells(
    location: &Location,
    sheet: &str,
    rows: usize,
    columns: usize,
) -> Error {
    excel_error(
        location,
        ExcelProblem::TooManyCells {
            sheet: Some(sheet.to_string()),
            rows: rows as u64,
            columns: columns as u64,
            limit: MAX_CELLS as u64,
        },
    )
}

/// A sheet's rows as CSV text, one line per sheet row, written row by row.
pub(super) struct SheetText {
    out: csv::Writer<Vec<u8>>,
    decimal: Vec<bool>,
    left: usize,
    fields: Vec<String>,
}

impl SheetText {
    /// A sheet whose block of `rows` by `width` cells starts at row `top`
    /// and column `left` (from zero): its first `top` lines are written
    /// empty, so that line numbers stay the sheet's row numbers.
    pub(super) fn new(top: u32, left: u32, rows: usize, width: usize) -> csv::Result<Self> {
        let mut out = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .flexible(true)
            .from_writer(Vec::with_capacity(
                rows.saturating_mul(width).saturating_mul(8),
            ));
        for _ in 0..top {
            out.write_record([""])?;
        }
        Ok(SheetText {
            out,
            decimal: decimal_columns(width),
            left: left as usize,
            fields: Vec::with_capacity(width + left as usize),
        })
    }

    /// Writes the next row of the block.
    pub(super) fn row(&mut self, cells: &[Data]) -> csv::Result<()> {
        self.fields.clear();
        self.fields
            .extend(std::iter::repeat_n(String::new(), self.left));
        for (i, cell) in cells.iter().enumerate() {
            let column = i + self.left;
            let decimal = self.decimal.get(column).copied().unwrap_or(false);
            // One line per row: a line break inside a cell would shift every
            // later line number.
            self.fields
                .push(cell_text(cell, column, decimal).replace(['\r', '\n'], " "));
        }
        self.out.write_record(&self.fields)
    }

    /// The text.
    pub(super) fn finish(self) -> csv::Result<Vec<u8>> {
        self.out
            .into_inner()
            .map_err(|e| csv::Error::from(e.into_error()))
    }
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
