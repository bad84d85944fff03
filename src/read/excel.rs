//! CFTC's Excel files, turned into the text the reader already knows.
//!
//! CFTC ships every report as Excel too (`Fut_1986.xls`, `annualof.xls`,
//! `FinFutYY.xls`, `CIT06_16.xls`): the columns of its text files less the
//! three quoted code copies, underscore names, dates as Excel serials, and
//! numbers as floating-point cells. Decoding is kept apart from parsing: the
//! sheet becomes CSV text with one line per sheet row, in the spreadsheet
//! export layout the reader recognises, and goes through the same layout
//! detection, filter, parser, checks and accounting as a text file; an
//! error's line is the sheet's row. An `.xls` in the plain BIFF8 CFTC
//! writes is decoded record by record by [`super::xls`], in a fraction of
//! the memory; calamine decodes every other workbook.

use std::io::Cursor;

use calamine::{Reader as _, Sheets, open_workbook_auto_from_rs};

use super::sheet::{
    MAX_CELLS, SheetText, cell_text, excel_error, normalized, sheet_error, too_many_cells,
};
use crate::error::{Error, ExcelProblem, Location};

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
/// word), for the caller to refuse (strict) or say (lenient); and the
/// workbook stream the walk read, for the decoder.
fn check_xls(bytes: &[u8], location: &Location) -> Result<(Option<Error>, Option<Vec<u8>>), Error> {
    if !bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Ok((None, None));
    }
    let (walk, stream) = super::biff::walk(bytes)
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
    Ok((damage, Some(stream)))
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
    let (damage, stream) = match check_xls(&bytes, location)? {
        (Some(damage), _) if mode == super::Mode::Strict => return Err(damage),
        other => other,
    };
    // calamine can panic on a malformed workbook (an arithmetic overflow in
    // its BIFF reader, seen with damaged copies of CFTC's files): a panic
    // there is a broken file, reported as one, not a crash of the caller.
    let (text, sheet) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        decode(bytes, stream, location)
    }))
    .unwrap_or_else(|_| Err(excel_error(location, ExcelProblem::Malformed)))?;
    Ok((text, sheet, damage))
}

/// `stream`: an `.xls` workbook's `Workbook` stream, when it is one.
fn decode(
    bytes: Vec<u8>,
    stream: Option<Vec<u8>>,
    location: &Location,
) -> Result<(Vec<u8>, String), Error> {
    // A plain BIFF8 workbook, as all of CFTC's are, is decoded record by
    // record in a fraction of calamine's memory; calamine reads the rest.
    if let Some(stream) = stream
        && let Some(done) = super::xls::to_csv(&stream, location)?
    {
        return Ok(done);
    }
    with_calamine(bytes, location)
}

/// The COT sheet as calamine decodes it.
pub(super) fn with_calamine(
    bytes: Vec<u8>,
    location: &Location,
) -> Result<(Vec<u8>, String), Error> {
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
            return Err(too_many_cells(location, name, rows, cols));
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
    let (rows, width) = range.get_size();
    // The sheet's used range may start below row 1 or right of column A.
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut out =
        SheetText::new(top, left, rows, width).map_err(|e| sheet_error(location, &sheet, e))?;
    for row in range.rows() {
        out.row(row).map_err(|e| sheet_error(location, &sheet, e))?;
    }
    let text = out.finish().map_err(|e| sheet_error(location, &sheet, e))?;
    Ok((text, sheet))
}
