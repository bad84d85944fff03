//! Writing records back out in CFTC's own text layouts.
//!
//! A [`Writer`] turns [`CotRecord`]s into the comma-delimited text CFTC
//! publishes, in the current layout or the older padded one, with or without
//! the header row (the weekly `deafut.txt` / `FinFutWk.txt` files have none).
//! Reading what it writes gives back the same records, which is how the
//! round trip is tested on the real files. The project's synthetic samples
//! in `data-samples/` are written with it.
//!
//! ```
//! use cftc_cot::read::ReaderBuilder;
//! use cftc_cot::write::{Style, WriterBuilder};
//! let (records, _) = ReaderBuilder::new()
//!     .from_path("data-samples/tff_futures_only.txt")?
//!     .read_all()?;
//! let mut writer = WriterBuilder::new().style(Style::Current).from_writer(Vec::new());
//! for r in &records {
//!     writer.write(r)?;
//! }
//! let out = writer.into_inner()?;
//! let (again, _) = ReaderBuilder::new().from_reader(&out[..], "copy.txt")?.read_all()?;
//! assert_eq!(again, records);
//! # Ok::<(), cftc_cot::Error>(())
//! ```

use std::borrow::Cow;
use std::io::{self, Write};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Location, Result};
use crate::records::{
    Concentration, CotRecord, DisaggregatedCrop, DisaggregatedPositions, DisaggregatedRecord,
    DisaggregatedTraders, LegacyCrop, LegacyPositions, LegacyRecord, LegacyTraders, LongShort,
    LongShortSpread, Market, ReportKind, TffPositions, TffRecord, TffTraders,
};

/// How fields are padded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Style {
    /// The layout of current files: no space after quoted fields, market and
    /// commodity codes padded to 4 characters.
    #[default]
    Current,
    /// The older legacy layout (2002-2007 files): a space after every code
    /// field and after the closing quote of quoted fields.
    Padded,
}

/// Line endings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineEnding {
    /// `\r\n`, as CFTC publishes.
    #[default]
    Crlf,
    /// `\n`.
    Lf,
}

/// Options for writing; makes [`Writer`]s.
#[derive(Debug, Clone, Copy, Default)]
pub struct WriterBuilder {
    style: Style,
    header: bool,
    line_ending: LineEnding,
}

impl WriterBuilder {
    /// Current style, with a header, CRLF.
    pub fn new() -> Self {
        WriterBuilder {
            style: Style::Current,
            header: true,
            line_ending: LineEnding::Crlf,
        }
    }

    /// The padding style.
    pub fn style(mut self, style: Style) -> Self {
        self.style = style;
        self
    }

    /// Whether to write the header row (weekly files have none).
    pub fn header(mut self, header: bool) -> Self {
        self.header = header;
        self
    }

    /// The line ending.
    pub fn line_ending(mut self, line_ending: LineEnding) -> Self {
        self.line_ending = line_ending;
        self
    }

    /// A writer into `out`.
    pub fn from_writer<W: Write>(&self, out: W) -> Writer<W> {
        Writer {
            out: io::BufWriter::new(out),
            options: *self,
            kind: None,
            line: Vec::with_capacity(1024),
        }
    }
}

/// Writes records of one report kind as CFTC text.
#[derive(Debug)]
pub struct Writer<W: Write> {
    out: io::BufWriter<W>,
    options: WriterBuilder,
    kind: Option<ReportKind>,
    line: Vec<u8>,
}

enum Cell<'a> {
    /// Always quoted (names, units, the quoted code copies).
    Quoted(&'a str),
    /// A code field, padded to a width in the current style.
    Code(Cow<'a, str>, usize),
    /// The ISO date column (never padded).
    Plain(String),
    Int(Option<i64>, usize),
    Dec(Option<Decimal>, usize),
}

impl<W: Write> Writer<W> {
    /// Writes one record (and the header first, if asked for). All records
    /// of one writer must be of one report kind.
    pub fn write(&mut self, record: &CotRecord) -> Result<()> {
        let kind = record.kind();
        match self.kind {
            None => {
                self.kind = Some(kind);
                if self.options.header {
                    self.write_header(kind)?;
                }
            }
            Some(k) if k != kind => {
                return Err(Error::UnknownLayout {
                    location: Box::new(Location::input("writer", None)),
                    detail: format!("a {kind} record written after {k} records"),
                });
            }
            Some(_) => {}
        }
        let cells = match record {
            CotRecord::Legacy(r) => legacy_cells(r),
            CotRecord::Tff(r) => tff_cells(r),
            CotRecord::Disaggregated(r) => disaggregated_cells(r),
        };
        self.line.clear();
        let padded = self.options.style == Style::Padded;
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                self.line.push(b',');
            }
            let last = i + 1 == cells.len();
            match cell {
                Cell::Quoted(s) => {
                    self.line.push(b'"');
                    self.line
                        .extend_from_slice(s.replace('"', "\"\"").as_bytes());
                    self.line.push(b'"');
                    if padded && !last {
                        self.line.push(b' ');
                    }
                }
                Cell::Code(s, width) => {
                    let width = *width;
                    if padded {
                        self.line.extend_from_slice(s.as_bytes());
                        self.line.push(b' ');
                    } else {
                        let _ = write!(self.line, "{s:<width$}");
                    }
                }
                Cell::Plain(s) => self.line.extend_from_slice(s.as_bytes()),
                Cell::Int(Some(v), width) => {
                    let width = *width;
                    let _ = write!(self.line, "{v:>width$}");
                }
                Cell::Dec(Some(v), width) => {
                    let width = *width;
                    let _ = write!(self.line, "{:>width$}", v.to_string());
                }
                Cell::Int(None, _) | Cell::Dec(None, _) => self.line.push(b'.'),
            }
        }
        self.end_line()
    }

    fn write_header(&mut self, kind: ReportKind) -> Result<()> {
        self.line.clear();
        let names = kind.column_names();
        for (i, name) in names.iter().enumerate() {
            if i > 0 {
                self.line.push(b',');
            }
            // CFTC's legacy header has a leading space in this one cell.
            let lead = if kind == ReportKind::Legacy && i == 13 {
                " "
            } else {
                ""
            };
            let _ = write!(self.line, "\"{lead}{name}\"");
        }
        if self.options.style == Style::Padded {
            self.line.push(b' ');
        }
        self.end_line()
    }

    fn end_line(&mut self) -> Result<()> {
        match self.options.line_ending {
            LineEnding::Crlf => self.line.extend_from_slice(b"\r\n"),
            LineEnding::Lf => self.line.push(b'\n'),
        }
        self.out.write_all(&self.line).map_err(io_error)
    }

    /// Flushes buffered output.
    pub fn flush(&mut self) -> Result<()> {
        self.out.flush().map_err(io_error)
    }

    /// Flushes and returns the underlying writer.
    pub fn into_inner(self) -> Result<W> {
        self.out
            .into_inner()
            .map_err(|e| io_error(io::Error::new(e.error().kind(), e.error().to_string())))
    }
}

fn io_error(source: io::Error) -> Error {
    Error::Io {
        location: Box::new(Location::input("writer", None)),
        source,
    }
}

const POS: usize = 8;
const PCT: usize = 7;
const TRADERS: usize = 7;
const CONC: usize = 8;

fn id_cells<'a>(cells: &mut Vec<Cell<'a>>, market: &'a Market, date: chrono::NaiveDate) {
    cells.push(Cell::Quoted(&market.market_and_exchange_names));
    cells.push(Cell::Code(date.format("%y%m%d").to_string().into(), 0));
    cells.push(Cell::Plain(date.to_string()));
    cells.push(Cell::Code(market.code.as_str().into(), 0));
    cells.push(Cell::Code(market.market_code.as_str().into(), 4));
    cells.push(Cell::Code(market.region_code.as_str().into(), 0));
    cells.push(Cell::Code(market.commodity_code.as_str().into(), 4));
}

fn tail_cells<'a>(cells: &mut Vec<Cell<'a>>, market: &'a Market) {
    cells.push(Cell::Quoted(&market.contract_units));
    cells.push(Cell::Quoted(&market.quoted_codes.contract_market_code));
    cells.push(Cell::Quoted(&market.quoted_codes.market_code));
    cells.push(Cell::Quoted(&market.quoted_codes.commodity_code));
}

fn ls<T: Copy>(cells: &mut Vec<Cell<'_>>, v: LongShort<T>, f: impl Fn(T) -> Cell<'static>) {
    cells.push(f(v.long));
    cells.push(f(v.short));
}

fn lss<T: Copy>(cells: &mut Vec<Cell<'_>>, v: LongShortSpread<T>, f: impl Fn(T) -> Cell<'static>) {
    cells.push(f(v.long));
    cells.push(f(v.short));
    cells.push(f(v.spread));
}

fn legacy_positions<T: Copy>(
    cells: &mut Vec<Cell<'_>>,
    p: &LegacyPositions<T>,
    f: impl Fn(T) -> Cell<'static> + Copy,
) {
    cells.push(f(p.open_interest));
    lss(cells, p.noncommercial, f);
    ls(cells, p.commercial, f);
    ls(cells, p.total_reportable, f);
    ls(cells, p.nonreportable, f);
}

fn legacy_traders(cells: &mut Vec<Cell<'_>>, t: &LegacyTraders) {
    let f = |v: Option<u32>| Cell::Int(v.map(i64::from), TRADERS);
    cells.push(f(t.total));
    lss(cells, t.noncommercial, f);
    ls(cells, t.commercial, f);
    ls(cells, t.total_reportable, f);
}

fn concentration(cells: &mut Vec<Cell<'_>>, c: &Concentration) {
    let f = |v| Cell::Dec(v, CONC);
    ls(cells, c.gross_4, f);
    ls(cells, c.gross_8, f);
    ls(cells, c.net_4, f);
    ls(cells, c.net_8, f);
}

fn legacy_cells(r: &LegacyRecord) -> Vec<Cell<'_>> {
    let mut cells = Vec::with_capacity(129);
    id_cells(&mut cells, &r.market, r.date);
    let int = |v| Cell::Int(v, POS);
    let pct = |v| Cell::Dec(v, PCT);
    let crops: [&LegacyCrop; 3] = [&r.all, &r.old, &r.other];
    for c in crops {
        legacy_positions(&mut cells, &c.positions, int);
    }
    legacy_positions(&mut cells, &r.change, int);
    for c in crops {
        legacy_positions(&mut cells, &c.percent_of_open_interest, pct);
    }
    for c in crops {
        legacy_traders(&mut cells, &c.traders);
    }
    for c in crops {
        concentration(&mut cells, &c.concentration);
    }
    tail_cells(&mut cells, &r.market);
    cells
}

fn tff_positions<T: Copy>(
    cells: &mut Vec<Cell<'_>>,
    p: &TffPositions<T>,
    f: impl Fn(T) -> Cell<'static> + Copy,
) {
    cells.push(f(p.open_interest));
    lss(cells, p.dealer, f);
    lss(cells, p.asset_manager, f);
    lss(cells, p.leveraged_funds, f);
    lss(cells, p.other_reportables, f);
    ls(cells, p.total_reportable, f);
    ls(cells, p.nonreportable, f);
}

fn tff_traders(cells: &mut Vec<Cell<'_>>, t: &TffTraders) {
    let f = |v: Option<u32>| Cell::Int(v.map(i64::from), TRADERS);
    cells.push(f(t.total));
    lss(cells, t.dealer, f);
    lss(cells, t.asset_manager, f);
    lss(cells, t.leveraged_funds, f);
    lss(cells, t.other_reportables, f);
    ls(cells, t.total_reportable, f);
}

fn tff_cells(r: &TffRecord) -> Vec<Cell<'_>> {
    let mut cells = Vec::with_capacity(87);
    id_cells(&mut cells, &r.market, r.date);
    tff_positions(&mut cells, &r.positions, |v| Cell::Int(v, POS));
    tff_positions(&mut cells, &r.change, |v| Cell::Int(v, POS));
    tff_positions(&mut cells, &r.percent_of_open_interest, |v| {
        Cell::Dec(v, PCT)
    });
    tff_traders(&mut cells, &r.traders);
    concentration(&mut cells, &r.concentration);
    tail_cells(&mut cells, &r.market);
    cells.push(Cell::Quoted(&r.subgroup_code));
    cells.push(Cell::Quoted(r.scope.cftc_name()));
    cells
}

fn disaggregated_positions<T: Copy>(
    cells: &mut Vec<Cell<'_>>,
    p: &DisaggregatedPositions<T>,
    f: impl Fn(T) -> Cell<'static> + Copy,
) {
    cells.push(f(p.open_interest));
    ls(cells, p.producer_merchant, f);
    lss(cells, p.swap_dealers, f);
    lss(cells, p.managed_money, f);
    lss(cells, p.other_reportables, f);
    ls(cells, p.total_reportable, f);
    ls(cells, p.nonreportable, f);
}

fn disaggregated_traders(cells: &mut Vec<Cell<'_>>, t: &DisaggregatedTraders) {
    let f = |v: Option<u32>| Cell::Int(v.map(i64::from), TRADERS);
    cells.push(f(t.total));
    ls(cells, t.producer_merchant, f);
    lss(cells, t.swap_dealers, f);
    lss(cells, t.managed_money, f);
    lss(cells, t.other_reportables, f);
    ls(cells, t.total_reportable, f);
}

fn disaggregated_cells(r: &DisaggregatedRecord) -> Vec<Cell<'_>> {
    let mut cells = Vec::with_capacity(191);
    id_cells(&mut cells, &r.market, r.date);
    let int = |v| Cell::Int(v, POS);
    let pct = |v| Cell::Dec(v, PCT);
    let crops: [&DisaggregatedCrop; 3] = [&r.all, &r.old, &r.other];
    for c in crops {
        disaggregated_positions(&mut cells, &c.positions, int);
    }
    disaggregated_positions(&mut cells, &r.change, int);
    for c in crops {
        disaggregated_positions(&mut cells, &c.percent_of_open_interest, pct);
    }
    for c in crops {
        disaggregated_traders(&mut cells, &c.traders);
    }
    for c in crops {
        concentration(&mut cells, &c.concentration);
    }
    tail_cells(&mut cells, &r.market);
    cells.push(Cell::Quoted(&r.subgroup_code));
    cells.push(Cell::Quoted(r.scope.cftc_name()));
    cells
}
