//! What exactly is wrong, for the error kinds that cover several cases: a
//! typed value per case rather than a sentence, so a program can tell the
//! cases apart and a person still reads one sentence.
//!
//! Where the cause is another library's error (the zip or Excel decoder,
//! the HTTP client, the Parquet writer), it is kept whole as the
//! [`source`](std::error::Error::source), not flattened into text.

use chrono::NaiveDate;

use crate::records::ReportKind;

/// Another library's error, kept as the source of one of ours.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// What is wrong with a zip archive ([`ErrorKind::Zip`](super::ErrorKind::Zip)).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ZipProblem {
    /// The zip decoder refused it (not a zip, truncated, a bad checksum).
    #[error("{0}")]
    Damaged(#[source] BoxError),
    /// A member's name is absolute or climbs out with `..`.
    #[error("unsafe member name (absolute or with `..`)")]
    UnsafeName,
    /// The member is encrypted.
    #[error("member is encrypted")]
    Encrypted,
    /// The archive does not say where the member's data starts.
    #[error("member data offset unknown")]
    DataOffsetUnknown,
    /// A compression method other than stored and deflate (its name).
    #[error("unsupported compression method {0}")]
    Compression(String),
    /// The member ends before the size the archive declares.
    #[error("member ends after {read} of {declared} declared bytes")]
    Truncated {
        /// The declared size.
        declared: u64,
        /// The bytes read.
        read: u64,
    },
    /// The CRC-32 of the inflated bytes is not the one declared.
    #[error("member CRC-32 is {computed:08x}, the archive declares {declared:08x}")]
    Crc {
        /// The declared CRC-32.
        declared: u32,
        /// The CRC-32 of the bytes read.
        computed: u32,
    },
}

/// What is wrong with an Excel workbook ([`ErrorKind::Excel`](super::ErrorKind::Excel)).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExcelProblem {
    /// The file is larger than the reader's limit.
    #[error("larger than the limit of {limit} bytes")]
    TooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
    /// The crate was built without the `excel` feature.
    #[error("this build of cftc-cot has no Excel support (feature `excel`)")]
    NotBuilt,
    /// An `.xlsx` whose parts declare more bytes than the reader inflates.
    #[error("its parts declare {declared} bytes, more than {limit}")]
    PartsTooLarge {
        /// The bytes the parts declare.
        declared: u64,
        /// The limit.
        limit: u64,
    },
    /// An `.xls` whose compound file or record stream cannot be walked.
    #[error("cannot walk the .xls file: {0}")]
    Unwalkable(&'static str),
    /// Cells spread over more than the reader builds (forged or damaged
    /// cell positions would otherwise ask for gigabytes).
    #[error("{}spans {rows} rows of {columns} columns, more than {limit} cells", sheet.as_ref().map(|s| format!("sheet {s:?} ")).unwrap_or_else(|| "its cells ".into()))]
    TooManyCells {
        /// The sheet, when known.
        sheet: Option<String>,
        /// Rows spanned.
        rows: u64,
        /// Columns spanned.
        columns: u64,
        /// The limit, in cells.
        limit: u64,
    },
    /// A damaged record (a length that throws the reader off): the sheet
    /// declares more rows than its records reach, or a record runs past
    /// the stream. What follows the damage would be lost without a word.
    #[error(
        "a damaged record: the workbook declares {declared} rows and its records reach {found}; what follows the damage cannot be read"
    )]
    Damaged {
        /// Rows the worst sheet declares (its DIMENSIONS record).
        declared: u32,
        /// Rows its cell records reach.
        found: u32,
    },
    /// Cells outside the rows and columns their sheet declares: a damaged
    /// cell position, which would make the decoder build a block of the
    /// cells' reach (gigabytes) rather than of the sheet. Refused in every
    /// mode.
    #[error(
        "a damaged cell position: a sheet declares {declared_rows} rows of {declared_columns} columns and has cells reaching row {rows}, column {columns}"
    )]
    OutsideDimensions {
        /// Rows the sheet declares.
        declared_rows: u32,
        /// Columns the sheet declares.
        declared_columns: u32,
        /// Rows its cells reach.
        rows: u32,
        /// Columns its cells reach.
        columns: u32,
    },
    /// A size the workbook declares (a sheet's DIMENSIONS, a length in its
    /// compound file's header or directory) that the Excel decoder would
    /// set memory aside for before reading a byte: far beyond what the
    /// file could hold, so damaged or forged. Refused in every mode (the
    /// allocation would abort the process).
    #[error(
        "a damaged size: its {what} declares room for {declared} {unit}, more than the {limit} accepted"
    )]
    ForgedSize {
        /// Which size (`sheet dimensions`, `directory length`, ...).
        what: &'static str,
        /// What it declares.
        declared: u64,
        /// Cells or bytes.
        unit: &'static str,
        /// The most accepted.
        limit: u64,
    },
    /// The Excel decoder failed on it (it panicked on a malformed record).
    #[error("the workbook is malformed (the Excel decoder failed on it)")]
    Malformed,
    /// Not an Excel workbook at all.
    #[error("not an Excel workbook ({0})")]
    NotAWorkbook(#[source] BoxError),
    /// The workbook has no sheet, or none that can be read.
    #[error("the workbook has no readable sheet")]
    NoSheet,
    /// One sheet cannot be read.
    #[error("sheet {name:?}: {source}")]
    Sheet {
        /// The sheet's name.
        name: String,
        /// What the decoder said.
        #[source]
        source: BoxError,
    },
}

/// Why a file's first row is not a layout the crate knows
/// ([`ErrorKind::UnknownLayout`](super::ErrorKind::UnknownLayout)).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LayoutProblem {
    /// Not comma-separated text at all: the first bytes are those of
    /// another kind of file.
    #[error("{}", .0.advice())]
    NotText(NotText),
    /// A header that ends with a comma: every row of such a re-export has
    /// one empty column too many.
    #[error(
        "the header ends with a comma: {columns} columns, the last one empty, where the {report} layout has {}; every row of such a re-export has an extra empty column: remove the trailing commas",
        columns - 1
    )]
    TrailingComma {
        /// The header's columns, the empty one included.
        columns: usize,
        /// The report the header would be without it.
        report: ReportKind,
    },
    /// A header whose width is no report's.
    #[error(
        "a header of {columns} columns (legacy has {}, TFF {}, Disaggregated {}, Supplemental {}; spreadsheet exports 3 fewer)",
        ReportKind::Legacy.columns(),
        ReportKind::Tff.columns(),
        ReportKind::Disaggregated.columns(),
        ReportKind::Supplemental.columns()
    )]
    HeaderWidth {
        /// The header's columns.
        columns: usize,
    },
    /// One of the date and code columns (2 to 4) has another name: such a
    /// file cannot be read by position.
    #[error("column {} is {found:?}, expected {expected:?}", index + 1)]
    KeyColumn {
        /// The column, 0-based.
        index: usize,
        /// The header's name.
        found: String,
        /// The layout's name.
        expected: &'static str,
    },
    /// Neither a header nor a data row of a known width with a date.
    #[error("first row has {fields} fields and is neither a CFTC header nor a data row")]
    Neither {
        /// The first row's fields.
        fields: usize,
    },
}

/// What a file that is not text is, by its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum NotText {
    /// gzip-compressed data.
    Gzip,
    /// A PDF document.
    Pdf,
    /// An Excel `.xls` workbook.
    Xls,
    /// UTF-16 or binary data (NUL bytes).
    Utf16,
    /// An HTML or XML page.
    Html,
}

impl NotText {
    fn advice(self) -> &'static str {
        match self {
            NotText::Gzip => {
                "gzip-compressed data, not text: decompress it first (gunzip), or give CFTC's .zip"
            }
            NotText::Pdf => "a PDF document, not CFTC's comma-separated text",
            NotText::Xls => {
                "an Excel workbook (.xls) read as text: name it .xls (with the `excel` feature on), or export it as CSV"
            }
            NotText::Utf16 => {
                "UTF-16 (or binary) text, with NUL bytes between the characters: save it as UTF-8 or ASCII"
            }
            NotText::Html => {
                "an HTML or XML page (an error page saved under a data file's name?), not CFTC's comma-separated text"
            }
        }
    }
}

/// What is wrong with a dated series or the built-in snapshot
/// ([`ErrorKind::InvalidSeries`](super::ErrorKind::InvalidSeries)).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SeriesProblem {
    /// A date appears twice.
    #[error("date {0} appears twice")]
    DateTwice(NaiveDate),
    /// A value that is not a finite number.
    #[error("value {value} on {date} is not finite")]
    NotFinite {
        /// The date.
        date: NaiveDate,
        /// The value.
        value: f64,
    },
    /// A line with another number of fields than its kind has.
    #[error("{found} fields, expected {expected}")]
    FieldCount {
        /// Fields found.
        found: usize,
        /// Fields expected.
        expected: usize,
    },
    /// A field that cannot be read as what it should be.
    #[error("{what} {value:?} cannot be read")]
    Field {
        /// What the field is (`date`, `value`, `open interest`, ...).
        what: &'static str,
        /// The raw text (cut to 80 bytes).
        value: String,
    },
    /// The file does not start as its format does.
    #[error("the first line is not {expected:?}")]
    FirstLine {
        /// The line it should start with.
        expected: &'static str,
    },
    /// A snapshot row without a market name, and none earlier for its code.
    #[error("no market name, and none earlier for this code")]
    NoName,
    /// The series has no readings.
    #[error("no readings")]
    Empty,
    /// No reading on the date asked for.
    #[error("no reading on {0}")]
    NoReadingOn(NaiveDate),
    /// The CSV reader failed (bad quoting, an I/O error).
    #[error("{0}")]
    Csv(#[source] BoxError),
}

/// What is wrong with an answer of CFTC's public-reporting API
/// ([`ErrorKind::Api`](super::ErrorKind::Api)).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ApiProblem {
    /// The answer is not JSON.
    #[error("not JSON ({source}); it starts with {start}")]
    NotJson {
        /// What the JSON parser said.
        #[source]
        source: BoxError,
        /// The answer's first bytes, escaped.
        start: String,
    },
    /// An error message where rows were expected.
    #[error("an error message instead of rows: {0}")]
    Message(String),
    /// JSON, but not a list of rows.
    #[error("not a list of rows")]
    NotAList,
    /// A row that is not a JSON object.
    #[error("row {0} is not an object")]
    RowNotObject(u64),
    /// More pages than the client reads for one query.
    #[error("more than {pages} pages of {rows} rows: narrow the query")]
    TooManyPages {
        /// Pages read.
        pages: u64,
        /// Rows per page.
        rows: u64,
    },
    /// The dataset does not exist (a 404).
    #[error("no such dataset ({0}): 404")]
    NoSuchDataset(&'static str),
    /// A `304 Not Modified` to a request that was not conditional.
    #[error("304 to a request that was not conditional")]
    UnaskedNotModified,
    /// A page that repeats the previous one: the server ignores `$offset`.
    #[error("this page repeats the previous one: the server ignores $offset")]
    RepeatedPage,
}

/// Why a redirect is not followed ([`ErrorKind::Redirect`](super::ErrorKind::Redirect)).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RedirectRefusal {
    /// The `Location` is not a URL (or the URL asked for had no host).
    #[error("not a URL")]
    NotAUrl,
    /// It leads to another host.
    #[error("another host")]
    OtherHost,
    /// It leads from https to http.
    #[error("it would leave https")]
    LeavesHttps,
    /// More redirects than the downloader follows.
    #[error("more than {0} redirects")]
    TooMany(u32),
}

/// When a request timed out ([`ErrorKind::Timeout`](super::ErrorKind::Timeout)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TimeoutPhase {
    /// Resolving the host or connecting to it.
    #[error("connecting")]
    Connecting,
    /// Sending the request.
    #[error("sending the request")]
    Sending,
    /// Waiting for the answer's headers.
    #[error("waiting for the answer")]
    Waiting,
    /// Reading the body, after some bytes.
    #[error("reading the body after {received} bytes")]
    Reading {
        /// Bytes received before the timeout.
        received: u64,
    },
    /// The whole request's deadline passed.
    #[error("past the request's deadline")]
    Deadline,
}

/// What went wrong writing an export ([`ErrorKind::Export`](super::ErrorKind::Export)).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportProblem {
    /// The writer (CSV, Arrow, Parquet) failed.
    #[error("{0}")]
    Writer(#[source] BoxError),
    /// A decimal with more decimals than its column keeps: nothing is
    /// rounded on export.
    #[error("{column}: {value} has more than {scale} decimals; nothing is rounded on export")]
    TooPrecise {
        /// The column.
        column: &'static str,
        /// The value.
        value: String,
        /// The column's decimals.
        scale: i8,
    },
    /// A value too large for its column's type.
    #[error("{column}: {value} is too large")]
    TooLarge {
        /// The column.
        column: &'static str,
        /// The value.
        value: String,
    },
    /// A record whose values do not fit the report's columns.
    #[error("a {report} record with {values} values for {columns} columns")]
    Columns {
        /// The report.
        report: ReportKind,
        /// The record's values.
        values: usize,
        /// The report's columns.
        columns: usize,
    },
    /// A value of another type than its column's.
    #[error("{0}: a value of another type than the column's")]
    ColumnType(&'static str),
}

/// What went wrong drawing a chart ([`ErrorKind::Chart`](super::ErrorKind::Chart)).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ChartProblem {
    /// The history has no readings to draw.
    #[error("the history has no readings to draw")]
    NoReadings,
    /// The drawing library failed.
    #[error("{0}")]
    Drawing(#[source] BoxError),
}
