//! Recognising a file's layout from its first row: report kind, header or
//! not, and where the scope comes from.

use csv::ByteRecord;
use serde::{Deserialize, Serialize};

use crate::error::{LayoutProblem, NotText};
use crate::read::codec::fields;
use crate::records::{ReportKind, Scope};

/// How a file is laid out, as recognised from its first row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Layout {
    /// Legacy or TFF.
    pub kind: ReportKind,
    /// False for the headerless weekly files (`deafut.txt`, `FinFutWk.txt`, ...),
    /// which are read by position.
    pub has_header: bool,
    /// Header cells that differ from CFTC's current spelling (beyond case,
    /// spaces and punctuation), such as the old TFF `Report_Date_as_MM_DD_YYYY`.
    /// They do not stop reading: columns are read by position.
    pub header_deviations: Vec<HeaderDeviation>,
    /// The deviations that are no spelling variant: the header names
    /// another trader group, side (long, short, spreading) or crop block
    /// (all, old, other) than the column holds, such as long and short
    /// swapped. The reader refuses them in strict mode and reports them as
    /// warnings in lenient mode.
    pub header_mismatches: Vec<HeaderDeviation>,
    /// A spreadsheet export: CFTC's Excel file saved as CSV, which lacks the
    /// three quoted copies of the codes (`CFTC Contract Market Code (Quotes)`
    /// and the next two): 126 legacy or 84 TFF columns. Those three read as
    /// empty text.
    pub spreadsheet_export: bool,
}

impl Layout {
    /// The number of fields a row of this layout has.
    pub fn width(&self) -> usize {
        self.kind.columns() - if self.spreadsheet_export { 3 } else { 0 }
    }
}

/// The 0-based index of `Contract Units`; the three quoted code copies follow it.
fn units_index(kind: ReportKind) -> usize {
    kind.units_column()
}

/// Turns a spreadsheet-export row into the text layout: three empty fields
/// where the quoted code copies stand.
pub(crate) fn expand(kind: ReportKind, src: &ByteRecord, dst: &mut ByteRecord) {
    dst.clear();
    let units = units_index(kind);
    for (i, field) in src.iter().enumerate() {
        dst.push_field(field);
        if i == units {
            for _ in 0..3 {
                dst.push_field(b"");
            }
        }
    }
    dst.set_position(src.position().cloned());
}

/// A header cell that differs from the expected column name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeaderDeviation {
    /// 0-based column index.
    pub index: usize,
    /// The name this crate expects there.
    pub expected: String,
    /// The name found.
    pub found: String,
}

/// Where a file's scope (futures only or combined) was learnt from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScopeSource {
    /// TFF rows carry it in `FutOnly_or_Combined`.
    Column,
    /// The caller set it.
    Caller,
    /// CFTC's file or archive name (`annualof.txt`, `deacom.txt`, `deahistfo2024.zip`, ...).
    FileName,
    /// Nothing said: legacy files look the same in both scopes, and futures
    /// only was assumed. Set the scope on the builder to be sure.
    Assumed,
    /// The report exists in one scope only (the Supplemental report is
    /// futures and options combined).
    Report,
}

/// Compares header names loosely: case, spaces and punctuation do not count
/// (CFTC's own headers differ in exactly these ways between years).
fn normalized(name: &[u8]) -> Vec<u8> {
    name.iter()
        .filter(|b| b.is_ascii_alphanumeric())
        .map(|b| b.to_ascii_lowercase())
        .collect()
}

fn is_name_column(cell: &[u8]) -> bool {
    normalized(cell) == b"marketandexchangenames"
}

/// Recognises the layout from the first record, or says why not.
pub(crate) fn detect(first: &ByteRecord) -> Result<Layout, LayoutProblem> {
    if let Some(what) = not_text(first) {
        return Err(LayoutProblem::NotText(what));
    }
    let first_cell = first.get(0).unwrap_or_default();
    // (kind, spreadsheet export) by width.
    let kind_by_width = |n: usize| {
        ReportKind::ALL.into_iter().find_map(|k| match n {
            n if n == k.columns() => Some((k, false)),
            n if n + 3 == k.columns() && k.has_quoted_codes() => Some((k, true)),
            _ => None,
        })
    };
    if is_name_column(first_cell) {
        // A header that ends with a comma: every row of such a re-export
        // has one empty column too many.
        let trailing_comma = first.len() > 1
            && first
                .get(first.len() - 1)
                .is_some_and(|c| c.trim_ascii().is_empty())
            && kind_by_width(first.len() - 1).is_some();
        if let Some((report, _)) =
            kind_by_width(first.len().saturating_sub(1)).filter(|_| trailing_comma)
        {
            return Err(LayoutProblem::TrailingComma {
                columns: first.len(),
                report,
            });
        }
        let (kind, spreadsheet_export) =
            kind_by_width(first.len()).ok_or(LayoutProblem::HeaderWidth {
                columns: first.len(),
            })?;
        let mut header = first.clone();
        if spreadsheet_export {
            expand(kind, first, &mut header);
        }
        let copies = units_index(kind) + 1..=units_index(kind) + 3;
        let mut deviations = Vec::new();
        for (index, (found, expected)) in header.iter().zip(kind.column_names()).enumerate() {
            if normalized(found) == normalized(expected.as_bytes())
                || (spreadsheet_export && copies.contains(&index))
            {
                continue;
            }
            // The old TFF spelling of the date column; values are read by format.
            // Excel files name it `Report_Date_as_MM_DD_YYYY` or
            // `Report_Date_as_YYYY_MM_DD` over date cells.
            let known_alias = index == 2
                && [&b"reportdateasmmddyyyy"[..], b"reportdateasyyyymmdd"]
                    .contains(&normalized(found).as_slice());
            // Columns 2-4 carry the date and code: a file that names them
            // otherwise is not one we know how to read by position.
            if !known_alias && index <= 3 {
                return Err(LayoutProblem::KeyColumn {
                    index,
                    found: fields::text(found),
                    expected,
                });
            }
            deviations.push(HeaderDeviation {
                index,
                expected: (*expected).to_owned(),
                found: fields::text(found),
            });
        }
        let mismatches = deviations
            .iter()
            .filter(|d| contradicts(&d.expected, &d.found))
            .cloned()
            .collect();
        return Ok(Layout {
            kind,
            has_header: true,
            header_mismatches: mismatches,
            header_deviations: deviations,
            spreadsheet_export,
        });
    }
    // No header: a data row of a known width whose second field is a date.
    match kind_by_width(first.len()) {
        Some((kind, spreadsheet_export))
            if fields::yymmdd(first.get(1).unwrap_or_default()).is_ok() =>
        {
            Ok(Layout {
                kind,
                has_header: false,
                header_deviations: Vec::new(),
                header_mismatches: Vec::new(),
                spreadsheet_export,
            })
        }
        _ => Err(LayoutProblem::Neither {
            fields: first.len(),
        }),
    }
}

/// What a column name says of its contents, as far as the names of every
/// CFTC spelling (text headers, Excel headers, the API's field names)
/// agree: the trader group, the side and the crop block.
fn meaning(name: &str) -> [Option<&'static str>; 3] {
    let n = normalized(name.as_bytes());
    let n = String::from_utf8_lossy(&n).into_owned();
    let side = if n.contains("long") {
        Some("long")
    } else if n.contains("short") {
        Some("short")
    } else if n.contains("spread") || n.contains("spead") {
        Some("spreading")
    } else {
        None
    };
    if side.is_none() {
        return [None, None, None];
    }
    const GROUPS: [(&str, &str); 16] = [
        ("nonrept", "nonreportable"),
        ("nonreportable", "nonreportable"),
        ("noncomm", "noncommercial"),
        ("totrept", "total reportable"),
        ("totalreportable", "total reportable"),
        ("otherrept", "other reportables"),
        ("otherreportable", "other reportables"),
        ("dealer", "dealers"),
        ("asset", "asset managers"),
        ("lev", "leveraged funds"),
        ("prodmerc", "producer/merchant"),
        ("producer", "producer/merchant"),
        ("swap", "swap dealers"),
        ("mmoney", "managed money"),
        ("managedmoney", "managed money"),
        ("comm", "commercial"),
    ];
    let group = GROUPS.iter().find(|(k, _)| n.contains(k)).map(|(_, g)| *g);
    let block = ["all", "old", "other"]
        .into_iter()
        .find(|b| n.ends_with(b))
        .map(|b| match b {
            "all" => "all",
            "old" => "old",
            _ => "other",
        });
    [group, side, block]
}

/// Whether a header name says something else than the column holds.
fn contradicts(expected: &str, found: &str) -> bool {
    let (e, f) = (meaning(expected), meaning(found));
    e.iter()
        .zip(&f)
        .any(|(a, b)| matches!((a, b), (Some(x), Some(y)) if x != y))
}

/// What a file is when its first bytes say it is not CSV text at all.
fn not_text(first: &ByteRecord) -> Option<NotText> {
    let raw = first.as_slice();
    let start = raw.trim_ascii_start();
    if raw.starts_with(&[0x1f, 0x8b]) {
        return Some(NotText::Gzip);
    }
    if start.starts_with(b"%PDF") {
        return Some(NotText::Pdf);
    }
    if raw.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Some(NotText::Xls);
    }
    if raw.starts_with(&[0xFF, 0xFE]) || raw.starts_with(&[0xFE, 0xFF]) || raw.contains(&0) {
        return Some(NotText::Utf16);
    }
    let lower: Vec<u8> = start.iter().take(64).map(u8::to_ascii_lowercase).collect();
    if [
        &b"<!doctype html"[..],
        b"<html",
        b"<head",
        b"<body",
        b"<?xml",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
    {
        return Some(NotText::Html);
    }
    None
}

/// The scope that CFTC's file and archive names imply, if any.
///
/// ```
/// use cftc_cot::read::scope_from_name;
/// use cftc_cot::Scope;
/// assert_eq!(scope_from_name("deahistfo2024.zip"), Some(Scope::Combined));
/// assert_eq!(scope_from_name("Annual.TXT"), Some(Scope::FuturesOnly));
/// assert_eq!(scope_from_name("mydata.txt"), None);
/// ```
pub fn scope_from_name(name: &str) -> Option<Scope> {
    let file = name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(name)
        .to_ascii_lowercase();
    const COMBINED: [&str; 13] = [
        "annualof",
        "deacom",
        "dea_com",
        "com95",
        "deahistfo",
        "fincom",
        "c_tff",
        "com_fin",
        "fin_com",
        "c_year",
        "c_disagg",
        "com_disagg",
        "annualci",
    ];
    const FUTURES: [&str; 14] = [
        "annual.",
        "deafut",
        "fut86",
        "deacot",
        "finfut",
        "f_tff",
        "fut_fin",
        "fin_fut",
        "f_year",
        "f_disagg",
        "fut_disagg",
        "fut_1",
        "fut_2",
        "f_disagg",
    ];
    if COMBINED.iter().any(|p| file.contains(p)) {
        Some(Scope::Combined)
    } else if FUTURES.iter().any(|p| file.contains(p)) {
        Some(Scope::FuturesOnly)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(fields: &[&str]) -> ByteRecord {
        ByteRecord::from(fields.to_vec())
    }

    #[test]
    fn header_of_each_kind() {
        for kind in [ReportKind::Legacy, ReportKind::Tff] {
            let names: Vec<&str> = kind.column_names().to_vec();
            let layout = detect(&rec(&names)).unwrap();
            assert_eq!(layout.kind, kind);
            assert!(layout.has_header);
            assert!(layout.header_deviations.is_empty());
        }
    }

    #[test]
    fn old_tff_date_header_is_a_known_alias() {
        let mut names: Vec<&str> = ReportKind::Tff.column_names().to_vec();
        names[2] = "Report_Date_as_MM_DD_YYYY";
        let layout = detect(&rec(&names)).unwrap();
        assert_eq!(layout.header_deviations.len(), 1);
    }

    #[test]
    fn wrong_code_column_or_width_is_unknown() {
        let mut names: Vec<&str> = ReportKind::Tff.column_names().to_vec();
        names[3] = "Something else";
        assert!(detect(&rec(&names)).is_err());
        assert!(detect(&rec(&["Market_and_Exchange_Names", "x"])).is_err());
        assert!(detect(&rec(&["<html>"])).is_err());
    }

    #[test]
    fn headerless_row_by_width() {
        let mut row = vec!["X - Y", "240123", "2024-01-23"];
        row.resize(87, "1");
        let layout = detect(&rec(&row)).unwrap();
        assert_eq!((layout.kind, layout.has_header), (ReportKind::Tff, false));
        row.resize(129, "1");
        assert_eq!(detect(&rec(&row)).unwrap().kind, ReportKind::Legacy);
    }

    #[test]
    fn names() {
        assert_eq!(scope_from_name("a/b/FinComYY.txt"), Some(Scope::Combined));
        assert_eq!(scope_from_name("FUT86_16.txt"), Some(Scope::FuturesOnly));
        assert_eq!(scope_from_name("Com95_16.txt"), Some(Scope::Combined));
        assert_eq!(scope_from_name("deafut.txt"), Some(Scope::FuturesOnly));
        assert_eq!(
            scope_from_name("deafut_xls_1986.zip/Fut_1986.xls"),
            Some(Scope::FuturesOnly)
        );
        assert_eq!(
            scope_from_name("dea_com_xls_2017.zip/annualof.xls"),
            Some(Scope::Combined)
        );
        assert_eq!(scope_from_name("c_year.txt"), Some(Scope::Combined));
        assert_eq!(
            scope_from_name("fut_fin_txt_2024.zip"),
            Some(Scope::FuturesOnly)
        );
    }
}
