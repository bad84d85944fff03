//! The crate's one error type, and where in an input an error happened.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Where in an input something happened: file, zip member, line, byte and column.
///
/// Lines and records are counted from 1, like an editor shows them; the byte
/// offset is counted from 0 in the (decompressed) text.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Location {
    /// The file path or the name the caller gave to a stream.
    pub source: String,
    /// The zip member the text came from, if the input was a zip archive.
    pub member: Option<String>,
    /// The 1-based line of the row (0 when not known).
    pub line: u64,
    /// The byte offset of the row's first byte in the text.
    pub byte: u64,
    /// The 1-based record number, counting the header row if there is one.
    pub record: u64,
    /// The worksheet, for Excel input (then `line` is the sheet's 1-based row).
    pub sheet: Option<String>,
    /// The 0-based column index and its CFTC header name, for errors about one field.
    pub column: Option<Column>,
    /// The field of a row of CFTC's public-reporting API (then `record` is
    /// the row's 1-based number in the answer).
    pub field: Option<String>,
}

/// A column of a CFTC layout: its 0-based position and its header name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    /// The 0-based position of the column in the row.
    pub index: usize,
    /// The column's name as in the CFTC header (for example `Open Interest (All)`).
    pub name: String,
}

impl Location {
    /// A location naming only the source (and member) of an input.
    pub fn input(source: impl Into<String>, member: Option<String>) -> Self {
        Location {
            source: source.into(),
            member,
            ..Location::default()
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)?;
        if let Some(member) = &self.member {
            write!(f, " [{member}]")?;
        }
        if let Some(sheet) = &self.sheet {
            write!(f, ", sheet \"{sheet}\"")?;
            if self.line > 0 {
                write!(f, ", row {}", self.line)?;
            }
        } else if self.line > 0 {
            write!(f, ", line {}", self.line)?;
        } else if self.record > 0 {
            write!(f, ", row {}", self.record)?;
        }
        if let Some(field) = &self.field {
            write!(f, ", field \"{field}\"")?;
        } else if let Some(column) = &self.column {
            write!(f, ", column {} \"{}\"", column.index + 1, column.name)?;
        }
        Ok(())
    }
}

/// What is wrong with a field's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum FieldProblem {
    /// Not a whole number (letters, exponent, doubled sign, ...).
    NotAnInteger,
    /// A whole number too large for the column's type.
    Overflow,
    /// A position, open interest or trader count below zero.
    Negative,
    /// Not a decimal number.
    NotADecimal,
    /// Not a date in any format CFTC uses.
    NotADate,
    /// Not a valid CFTC contract market code (6 letters, digits or `+`).
    NotAContractCode,
    /// A required text field is empty.
    Empty,
    /// An API value that is neither text nor a number (an object, a list,
    /// `true`).
    NotText,
    /// An API row's `id` that does not match its date, code and scope.
    IdMismatch,
}

impl fmt::Display for FieldProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FieldProblem::NotAnInteger => "not a whole number",
            FieldProblem::Overflow => "number too large",
            FieldProblem::Negative => "negative where only zero or more is possible",
            FieldProblem::NotADecimal => "not a decimal number",
            FieldProblem::NotADate => "not a date",
            FieldProblem::NotAContractCode => "not a 6-character CFTC contract market code",
            FieldProblem::Empty => "empty",
            FieldProblem::NotText => "neither text nor a number",
            FieldProblem::IdMismatch => "an id that does not match the row's date, code and scope",
        })
    }
}

/// Every error this crate returns.
///
/// Data errors carry a [`Location`] (file, zip member, line, column) and the
/// raw value, so a user can open the file at that spot.
///
/// `Debug` prints the same sentence as `Display`, so that an error returned
/// from `main` (`fn main() -> Result<(), cftc_cot::Error>`) reads as a
/// sentence rather than as a struct dump; match on the variants for the
/// fields.
#[derive(thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading a file or stream failed.
    #[error("{location}: {source}")]
    Io {
        /// The input that failed.
        location: Box<Location>,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A zip archive could not be read (not a zip, truncated, bad checksum, ...).
    #[error("{location}: bad zip archive: {detail}")]
    Zip {
        /// The archive (and member, if one was being read).
        location: Box<Location>,
        /// What the zip reader said.
        detail: String,
    },
    /// A zip archive does not hold exactly one text member with a safe name.
    #[error(
        "{location}: expected one .txt, .xls or .xlsx member in the zip archive, found {}",
        some_names(found)
    )]
    ZipMembers {
        /// The archive.
        location: Box<Location>,
        /// The names of the members that could have been the text file.
        found: Vec<String>,
    },
    /// An Excel workbook that cannot be read: not a workbook, no sheet with
    /// a COT header, too large, or the crate built without the `excel`
    /// feature.
    #[error("{location}: cannot read the workbook: {detail}")]
    Excel {
        /// The workbook (and zip member, sheet).
        location: Box<Location>,
        /// What is wrong.
        detail: String,
    },
    /// A zip member inflates to more than the reader allows.
    #[error("{location}: zip member inflates past {limit} bytes (declared {declared} bytes)")]
    ZipTooLarge {
        /// The archive and member.
        location: Box<Location>,
        /// The size the archive declares for the member.
        declared: u64,
        /// The limit that was passed.
        limit: u64,
    },
    /// A line longer than the reader's limit ([`ReaderBuilder::max_line`](crate::read::ReaderBuilder::max_line)).
    #[error("{location}: a line longer than {limit} bytes")]
    LineTooLong {
        /// Where the line starts (approximately: the last record read).
        location: Box<Location>,
        /// The limit.
        limit: u64,
    },
    /// The input is empty: no header and no rows.
    #[error("{location}: empty input")]
    Empty {
        /// The input.
        location: Box<Location>,
    },
    /// The first row is neither a known CFTC header nor a data row of a known width.
    #[error("{location}: not a Commitments of Traders file in a layout this crate knows: {detail}")]
    UnknownLayout {
        /// The first row.
        location: Box<Location>,
        /// Why it was not recognised.
        detail: String,
    },
    /// The header names a column as something else than the layout holds
    /// there (long and short swapped, another trader group or crop block):
    /// read by position, its values would land in the wrong fields.
    #[error("{location}: the header's column {} is {found:?}, where this layout has {expected:?}{}; the columns are read by position, so the values would be misread: fix the header or the column order", column + 1, if *others > 0 { format!(" (and {others} more columns disagree)") } else { String::new() })]
    HeaderMismatch {
        /// The file.
        location: Box<Location>,
        /// The first disagreeing column, 0-based.
        column: usize,
        /// The name the layout has there.
        expected: String,
        /// The name the header has there.
        found: String,
        /// How many more columns disagree.
        others: usize,
    },
    /// The CSV tokenizer failed (for example invalid quoting at the end of the input).
    #[error("{location}: {detail}")]
    Csv {
        /// Where.
        location: Box<Location>,
        /// What the CSV reader said.
        detail: String,
    },
    /// A row has a different number of fields than the layout.
    #[error("{location}: {found} fields, the {layout} layout has {expected}")]
    FieldCount {
        /// The row.
        location: Box<Location>,
        /// The layout's number of columns.
        expected: usize,
        /// The row's number of fields.
        found: usize,
        /// The layout's name (`legacy` or `TFF`).
        layout: &'static str,
    },
    /// A field's value cannot be read as its column's type.
    #[error("{location}: {problem}: {value:?}")]
    Field {
        /// The row and column.
        location: Box<Location>,
        /// The raw value (cut to 80 bytes, non-UTF-8 bytes replaced).
        value: String,
        /// What is wrong with it.
        problem: FieldProblem,
    },
    /// The two date columns of a row disagree.
    #[error("{location}: YYMMDD column says {yymmdd}, date column says {other}")]
    DateMismatch {
        /// The row.
        location: Box<Location>,
        /// The raw YYMMDD value.
        yymmdd: String,
        /// The raw value of the other date column.
        other: String,
    },
    /// Two records of one contract and date where one was expected (merge
    /// the files first: [`merge`](crate::merge)).
    #[error("two records of {code} on {date}: merge overlapping files first")]
    DuplicateRecord {
        /// The contract market code.
        code: crate::ContractMarketCode,
        /// The as-of date.
        date: chrono::NaiveDate,
    },
    /// A value a history needs is missing (`.`) in a record.
    #[error("{code} on {date}: {what} is missing")]
    MissingValue {
        /// The contract market code.
        code: crate::ContractMarketCode,
        /// The as-of date.
        date: chrono::NaiveDate,
        /// Which value.
        what: String,
    },
    /// Raw contracts were asked for in a week with contracts of different sizes.
    #[error(
        "{date}: {} are reported the same week, and contracts of different sizes cannot be added; use E-mini equivalents or dollars per point (--unit), or keep the larger contract (--overlap largest)",
        join_codes(.codes)
    )]
    MixedContracts {
        /// The week.
        date: chrono::NaiveDate,
        /// The contracts reported that week.
        codes: Vec<crate::ContractMarketCode>,
    },
    /// The server redirected somewhere the downloader does not follow:
    /// another host, from https to http, or too many times.
    #[error(
        "{url}: redirected to {location}, which is not followed ({why}); if that is the new home of CFTC's files, point CFTC_COT_BASE_URL there"
    )]
    Redirect {
        /// The URL asked for.
        url: String,
        /// Where the server sent it.
        location: String,
        /// Why it is not followed.
        why: String,
    },
    /// Records or a history could not be exported (feature `parquet`).
    #[error("export: {detail}")]
    Export {
        /// What went wrong.
        detail: String,
    },
    /// A chart could not be drawn (feature `chart`).
    #[error("chart: {detail}")]
    Chart {
        /// What went wrong.
        detail: String,
    },
    /// A study cannot be answered as asked: a group of another report than
    /// the market is in, a unit the contract's size does not allow, no rows
    /// of the market in the files. The text says what to do instead.
    #[error("{detail}")]
    Study {
        /// What is wrong, and what to do.
        detail: String,
    },
    /// A dated series is not usable (a date twice, a value that is not a
    /// finite number, ...).
    #[error("{location}: {detail}")]
    InvalidSeries {
        /// Where (the CSV file and line, or `series`).
        location: Box<Location>,
        /// What is wrong.
        detail: String,
    },
    /// An answer of CFTC's public-reporting API that is not what the API
    /// sends: not a JSON list of rows, a row that is not an object, a
    /// server that ignores paging.
    #[error("{url}: {detail}")]
    Api {
        /// The request.
        url: String,
        /// What is wrong.
        detail: String,
    },
    /// CFTC has not published this archive yet: a 404 for the current or
    /// next year's file (every January the new yearly file is missing for a
    /// few days).
    #[error("{url}: not published yet (404)")]
    NotYetPublished {
        /// The archive's URL.
        url: String,
    },
    /// The server answered with an error status.
    #[error("{url}: HTTP status {status}")]
    HttpStatus {
        /// The URL.
        url: String,
        /// The status code.
        status: u16,
    },
    /// The connection failed (after the retries).
    #[error("{url}: {detail}")]
    Network {
        /// The URL.
        url: String,
        /// What failed.
        detail: String,
    },
    /// The server took longer than the timeout (after the retries).
    #[error("{url}: timed out ({detail})")]
    Timeout {
        /// The URL.
        url: String,
        /// Which timeout.
        detail: String,
    },
    /// The body ended before the length the server announced.
    #[error("{url}: the download was cut off after {received} bytes{}", expected.map(|n| format!(" of the {n} announced")).unwrap_or_default())]
    Truncated {
        /// The URL.
        url: String,
        /// Bytes received.
        received: u64,
        /// Bytes announced (`Content-Length`), if any.
        expected: Option<u64>,
    },
    /// The body is not a zip archive (an HTML error page, say).
    #[error("{url}: not a zip archive; it starts with {first_bytes:?}")]
    NotAZip {
        /// The URL.
        url: String,
        /// The first bytes of the body, as text.
        first_bytes: String,
    },
    /// The body is larger than the download cap.
    #[error("{url}: larger than the {limit}-byte download cap")]
    DownloadTooLarge {
        /// The URL.
        url: String,
        /// The cap.
        limit: u64,
    },
    /// A downloaded archive failed its checks (broken zip, wrong CRC, a
    /// member far larger than declared, not a COT file); the cache was not
    /// touched.
    #[error("{url}: downloaded archive is not valid: {source}")]
    BadArchive {
        /// The URL.
        url: String,
        /// What the check found.
        #[source]
        source: Box<Error>,
    },
    /// Offline mode and archives missing from the cache.
    #[error("offline, and not in the cache: {}", missing.join(", "))]
    Offline {
        /// The archives' file names.
        missing: Vec<String>,
    },
    /// A row's `FutOnly_or_Combined` value is unknown or disagrees with the file.
    #[error("{location}: scope {value:?} where {expected} was expected")]
    ScopeMismatch {
        /// The row and column.
        location: Box<Location>,
        /// The raw value.
        value: String,
        /// What the file's earlier rows (or the caller) said.
        expected: String,
    },
}

impl std::fmt::Debug for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self, f)
    }
}

impl Error {
    /// Where the error is, for errors about an input.
    pub fn location(&self) -> Option<&Location> {
        Some(match self {
            Error::Io { location, .. }
            | Error::Zip { location, .. }
            | Error::ZipMembers { location, .. }
            | Error::Excel { location, .. }
            | Error::ZipTooLarge { location, .. }
            | Error::LineTooLong { location, .. }
            | Error::Empty { location }
            | Error::UnknownLayout { location, .. }
            | Error::HeaderMismatch { location, .. }
            | Error::Csv { location, .. }
            | Error::FieldCount { location, .. }
            | Error::Field { location, .. }
            | Error::DateMismatch { location, .. }
            | Error::ScopeMismatch { location, .. }
            | Error::InvalidSeries { location, .. } => location,
            Error::DuplicateRecord { .. }
            | Error::MissingValue { .. }
            | Error::MixedContracts { .. }
            | Error::NotYetPublished { .. }
            | Error::HttpStatus { .. }
            | Error::Network { .. }
            | Error::Timeout { .. }
            | Error::Truncated { .. }
            | Error::NotAZip { .. }
            | Error::DownloadTooLarge { .. }
            | Error::BadArchive { .. }
            | Error::Offline { .. }
            | Error::Redirect { .. }
            | Error::Api { .. }
            | Error::Chart { .. }
            | Error::Export { .. }
            | Error::Study { .. } => return None,
        })
    }

    /// True for errors about one row, after which a lenient reader can go on.
    pub fn is_row_error(&self) -> bool {
        matches!(
            self,
            Error::FieldCount { .. }
                | Error::Field { .. }
                | Error::DateMismatch { .. }
                | Error::ScopeMismatch { .. }
        )
    }
}

/// A few names and the count, not a list of thousands.
fn some_names(names: &[String]) -> String {
    const SHOWN: usize = 5;
    match names.len() {
        0 => "none".into(),
        n if n <= SHOWN => names.join(", "),
        n => format!(
            "{} members ({} and {} more)",
            n,
            names
                .iter()
                .take(SHOWN)
                .cloned()
                .collect::<Vec<_>>()
                .join(", "),
            n - SHOWN
        ),
    }
}

fn join_codes(codes: &[crate::ContractMarketCode]) -> String {
    let text: Vec<&str> = codes.iter().map(|c| c.as_str()).collect();
    text.join(" and ")
}

/// A `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Shows raw bytes in an error message: lossy UTF-8, cut to 80 bytes.
pub(crate) fn show_raw(raw: &[u8]) -> String {
    const MAX: usize = 80;
    let cut = raw.get(..MAX).unwrap_or(raw);
    let mut s = String::from_utf8_lossy(cut).into_owned();
    if raw.len() > MAX {
        s.push_str(&format!("... ({} bytes)", raw.len()));
    }
    s
}
