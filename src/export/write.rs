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
//! use cftc_cot::export::write::{Style, WriterBuilder};
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

use std::io::{self, Write};

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Location, Result};
use crate::read::codec::encode::{Cell, record_cells};
use crate::records::{CotRecord, ReportKind};

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
                return Err(Error::from(ErrorKind::OtherReport {
                    location: Box::new(Location::input("writer", None)),
                    what: "record",
                    found: kind.to_string(),
                    required: k.to_string(),
                }));
            }
            Some(_) => {}
        }
        let cells = record_cells(record);
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
                Cell::QuotedCode(s, width) => {
                    let width = *width;
                    let _ = write!(self.line, "\"{s:<width$}\"");
                    if padded {
                        self.line.push(b' ');
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
    Error::from(ErrorKind::Io {
        location: Box::new(Location::input("writer", None)),
        source,
    })
}
