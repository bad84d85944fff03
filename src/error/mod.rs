//! The crate's one error type, and where in an input an error happened.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::records::{ContractMarketCode, ReportKind, Scope, TraderGroup};

mod problem;

pub use problem::{
    ApiProblem, BoxError, ChartProblem, ExcelProblem, ExportProblem, LayoutProblem, NotText,
    RedirectRefusal, SeriesProblem, TimeoutPhase, ZipProblem,
};

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
    /// The market of a bad row, as the row has it (`088691 GOLD - COMMODITY
    /// EXCHANGE INC.`), when its code and name columns could be read.
    pub market: Option<String>,
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
        if let Some(market) = &self.market {
            write!(f, " ({market})")?;
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
    /// An API row with one field twice (the same key, or a case variant).
    DuplicateKey,
    /// An API row whose `id` an earlier row had, with other values.
    ConflictingDuplicate,
    /// A report date after today (and a margin of two weeks).
    InTheFuture,
    /// A position larger than the open interest of the same row.
    BeyondOpenInterest,
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
            FieldProblem::DuplicateKey => "a field given twice in one row",
            FieldProblem::ConflictingDuplicate => "an id an earlier row had, with other values",
            FieldProblem::InTheFuture => "a report date in the future",
            FieldProblem::BeyondOpenInterest => "a position larger than the open interest",
        })
    }
}

/// Every error this crate returns: small (one pointer), with its
/// [`kind`](Error::kind) and, for errors about an input, its
/// [`location`](Error::location).
///
/// Data errors carry a [`Location`] (file, zip member, line, column) and the
/// raw value, so a user can open the file at that spot. `Display` is one
/// sentence; `Debug` shows the kind and the location.
///
/// Deciding what to do needs no match over the kinds:
///
/// ```
/// use cftc_cot::read::{Mode, ReaderBuilder};
///
/// let text = "\"Market_and_Exchange_Names\",\"x\"\n";
/// match ReaderBuilder::new().from_reader(text.as_bytes(), "odd.txt") {
///     Ok(_) => {}
///     // A network failure: try again later, or use the cache.
///     Err(e) if e.is_unreachable() => eprintln!("retry later: {e}"),
///     // One bad row: a lenient read would skip it and go on.
///     Err(e) if e.is_row_error() => eprintln!("skipping: {e}"),
///     // Anything else: give up, saying where.
///     Err(e) => {
///         assert_eq!(e.location().unwrap().source, "odd.txt");
///         assert!(matches!(e.kind(), cftc_cot::ErrorKind::UnknownLayout { .. }));
///     }
/// }
/// # let _ = Mode::Strict;
/// ```
///
/// `?` converts the crate's small parse errors (a contract market code, a
/// report or group name) into it:
///
/// ```
/// use cftc_cot::ContractMarketCode;
/// use cftc_cot::read::Filter;
///
/// fn gold() -> cftc_cot::Result<Filter> {
///     let code: ContractMarketCode = "088691".parse()?;
///     Ok(Filter::codes([code.as_str()])?)
/// }
/// assert!(gold().is_ok());
/// ```
pub struct Error(Box<ErrorKind>);

/// Which group of causes an [`ErrorKind`] belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Cause {
    /// A file or stream that cannot be read as a whole.
    Input,
    /// One row or field of an input.
    Parse,
    /// Records that cannot be put together.
    Data,
    /// Downloading: the network, the server, what it sent.
    Network,
    /// The download cache.
    Cache,
    /// A question the data cannot answer as asked.
    Question,
    /// Writing a chart or an export.
    Output,
}

impl Error {
    /// What went wrong, with its details.
    ///
    /// ```
    /// use cftc_cot::{ErrorKind, read::ReaderBuilder};
    /// let err = ReaderBuilder::new().from_reader(&b""[..], "empty.txt").unwrap_err();
    /// assert!(matches!(err.kind(), ErrorKind::Empty { .. }));
    /// ```
    pub fn kind(&self) -> &ErrorKind {
        &self.0
    }

    /// The kind, owned.
    ///
    /// ```
    /// use cftc_cot::{ErrorKind, read::ReaderBuilder};
    /// let err = ReaderBuilder::new().from_reader(&b""[..], "empty.txt").unwrap_err();
    /// let ErrorKind::Empty { location } = err.into_kind() else { unreachable!() };
    /// assert_eq!(location.source, "empty.txt");
    /// ```
    pub fn into_kind(self) -> ErrorKind {
        *self.0
    }

    /// The kind, to change a detail (the location) before passing it on.
    pub(crate) fn kind_mut(&mut self) -> &mut ErrorKind {
        &mut self.0
    }

    /// Which group of causes the error belongs to.
    ///
    /// ```
    /// use cftc_cot::{Cause, read::ReaderBuilder};
    /// let err = ReaderBuilder::new().from_reader(&b""[..], "empty.txt").unwrap_err();
    /// assert_eq!(err.cause(), Cause::Input);
    /// ```
    pub fn cause(&self) -> Cause {
        self.0.cause()
    }

    /// Where the error is, for errors about an input.
    ///
    /// ```
    /// use cftc_cot::read::ReaderBuilder;
    /// let text = "\"Market_and_Exchange_Names\",\"x\"\n";
    /// let err = ReaderBuilder::new().from_reader(text.as_bytes(), "odd.txt").unwrap_err();
    /// let at = err.location().unwrap();
    /// assert_eq!((at.source.as_str(), at.line), ("odd.txt", 1));
    /// ```
    pub fn location(&self) -> Option<&Location> {
        self.0.location()
    }

    /// True for errors about one row, after which a lenient reader goes on.
    ///
    /// ```
    /// use cftc_cot::read::{Mode, ReaderBuilder};
    /// let (_, summary) = ReaderBuilder::new()
    ///     .mode(Mode::Lenient)
    ///     .from_path("data-samples/legacy_futures_only.txt")?
    ///     .read_all()?;
    /// assert!(summary.errors.iter().all(|e| e.is_row_error()));
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn is_row_error(&self) -> bool {
        self.0.cause() == Cause::Parse
    }

    /// True when the source could not be reached and the cache could not
    /// make up for it: no network, a timeout, a server error or a 429, a
    /// body cut short, or offline with archives missing from the cache.
    /// Trying again later may work.
    ///
    /// ```
    /// use cftc_cot::{Error, ErrorKind};
    /// let err = Error::from(ErrorKind::Offline { missing: vec!["deacot2025.zip".into()] });
    /// assert!(err.is_unreachable());
    /// ```
    pub fn is_unreachable(&self) -> bool {
        match self.kind() {
            ErrorKind::Network { .. }
            | ErrorKind::NotTried { .. }
            | ErrorKind::Timeout { .. }
            | ErrorKind::Truncated { .. }
            | ErrorKind::Offline { .. } => true,
            ErrorKind::HttpStatus { status, .. } => *status >= 500 || *status == 429,
            _ => false,
        }
    }

    /// True for an I/O error reading an input.
    ///
    /// ```
    /// use cftc_cot::read::ReaderBuilder;
    /// let err = ReaderBuilder::new().from_path("no/such/file.txt").unwrap_err();
    /// assert!(err.is_io_error());
    /// ```
    pub fn is_io_error(&self) -> bool {
        matches!(self.kind(), ErrorKind::Io { .. })
    }

    /// True when the input is not a Commitments of Traders file in a layout
    /// this crate knows (empty, another layout, a workbook without a COT
    /// sheet, a zip without a report member), or not of the report
    /// required: a directory walk skips it.
    ///
    /// ```
    /// use cftc_cot::read::ReaderBuilder;
    /// let err = ReaderBuilder::new().from_path("README.md").unwrap_err();
    /// assert!(err.is_not_cot());
    /// ```
    pub fn is_not_cot(&self) -> bool {
        matches!(
            self.kind(),
            ErrorKind::UnknownLayout { .. }
                | ErrorKind::OtherReport { .. }
                | ErrorKind::ZipMembers { .. }
                | ErrorKind::Excel { .. }
                | ErrorKind::Empty { .. }
        )
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Self {
        Error(Box::new(kind))
    }
}

impl From<crate::records::InvalidCode> for Error {
    fn from(e: crate::records::InvalidCode) -> Self {
        ErrorKind::InvalidName {
            what: "contract market code",
            name: e.0,
        }
        .into()
    }
}

impl From<crate::records::UnknownName> for Error {
    fn from(e: crate::records::UnknownName) -> Self {
        ErrorKind::InvalidName {
            what: "name",
            name: e.0,
        }
        .into()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl fmt::Debug for Error {
    /// The kind's name, the location if any, and the sentence: enough to
    /// tell errors apart in a test failure, short enough to read when
    /// `main` returns one.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = format!("{:?}", self.0);
        let name = kind.split([' ', '(', '{']).next().unwrap_or("Error");
        write!(f, "{name}")?;
        if let Some(at) = self.location() {
            write!(f, " at {at}")?;
        }
        write!(f, ": {self}")
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        std::error::Error::source(&*self.0)
    }
}

/// What went wrong: the cause of an [`Error`], with its details.
///
/// The variants come in groups, in this order; [`Error::cause`] says which:
///
/// - **input**: a file or stream that cannot be read as a whole (I/O, zip,
///   Excel, size limits, not a COT file), with its [`Location`];
/// - **parse**: one row or field that is wrong, with its [`Location`];
/// - **data**: records that cannot be put together (two of one week, a
///   missing value, contracts of different sizes in one week, a series);
/// - **network** and **cache**: downloading and the download cache;
/// - **question**: something asked that the data cannot answer as asked
///   (an unknown market, a group of another report, a unit without a
///   contract size);
/// - **output**: a chart or an export that could not be made.
///
/// Match on it for the fields; the [`Error`] predicates answer the common
/// questions (retry? skip the row? give up?) without a match.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
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
    #[error("{location}: bad zip archive: {problem}")]
    Zip {
        /// The archive (and member, if one was being read).
        location: Box<Location>,
        /// What is wrong with it.
        #[source]
        problem: ZipProblem,
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
    #[error("{location}: cannot read the workbook: {problem}")]
    Excel {
        /// The workbook (and zip member, sheet).
        location: Box<Location>,
        /// What is wrong.
        #[source]
        problem: ExcelProblem,
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
    #[error(
        "{location}: not a Commitments of Traders file in a layout this crate knows: {problem}"
    )]
    UnknownLayout {
        /// The first row.
        location: Box<Location>,
        /// Why it was not recognised.
        problem: LayoutProblem,
    },
    /// A file, archive or record of another report or scope than the one
    /// required (a TFF file read where legacy was asked for, a combined
    /// file under a futures-only archive's name, a writer given two
    /// reports).
    #[error("{location}: a {found} {what} where {required} was required")]
    OtherReport {
        /// The file or writer.
        location: Box<Location>,
        /// `file` or `record`.
        what: &'static str,
        /// What it is (`TFF`, `futures-only`).
        found: String,
        /// What was required.
        required: String,
    },
    /// An archive whose rows are of another year than its name says.
    #[error(
        "{location}: its first row is dated {year}, outside the years {from}-{to} of the archive"
    )]
    OtherYear {
        /// The archive.
        location: Box<Location>,
        /// The first row's year.
        year: i32,
        /// The archive's first year.
        from: i32,
        /// The archive's last year.
        to: i32,
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
    #[error("{location}: {source}")]
    Csv {
        /// Where.
        location: Box<Location>,
        /// What the CSV reader said.
        #[source]
        source: BoxError,
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
    /// the files first: [`merge`](crate::source::merge)).
    #[error("two records of {code} on {date}: merge overlapping files first")]
    DuplicateRecord {
        /// The contract market code.
        code: ContractMarketCode,
        /// The as-of date.
        date: NaiveDate,
    },
    /// A value a history needs is missing (`.`) in a record.
    #[error("{code} on {date}: {what} is missing")]
    MissingValue {
        /// The contract market code.
        code: ContractMarketCode,
        /// The as-of date.
        date: NaiveDate,
        /// Which value.
        what: String,
    },
    /// Raw contracts were asked for in a week with contracts of different sizes.
    #[error(
        "{date}: {} are reported the same week, and contracts of different sizes cannot be added; count them in E-mini equivalents or dollars per point, or keep the larger contract",
        join_codes(.codes)
    )]
    MixedContracts {
        /// The week.
        date: NaiveDate,
        /// The contracts reported that week.
        codes: Vec<ContractMarketCode>,
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
        why: RedirectRefusal,
    },
    /// A name that is not what it should be: a contract market code, a
    /// report, scope or trader group name.
    #[error("not a valid {what}: {name:?}")]
    InvalidName {
        /// What it should have been.
        what: &'static str,
        /// The text given.
        name: String,
    },
    /// Records or a history could not be exported (feature `parquet`).
    #[error("export: {problem}")]
    Export {
        /// What went wrong.
        #[source]
        problem: ExportProblem,
    },
    /// A chart could not be drawn (feature `chart`).
    #[error("chart: {problem}")]
    Chart {
        /// What went wrong.
        #[source]
        problem: ChartProblem,
    },
    /// A market name or code that matches no market of the report and
    /// scope asked for.
    #[error("{}", unknown_market(query, *report, *scope, searched, former_names, elsewhere))]
    UnknownMarket {
        /// What was asked for.
        query: String,
        /// The report searched.
        report: ReportKind,
        /// The scope searched.
        scope: Scope,
        /// What was searched (`1,234 markets of these files`, `the last 400
        /// days of CFTC's API`).
        searched: String,
        /// Markets that matched only by a name CFTC no longer prints, each
        /// as `CODE NAME (once FORMER NAME)`.
        former_names: Vec<String>,
        /// Markets that matched in other reports or scopes, each as
        /// `CODE NAME (REPORT SCOPE, ...)`.
        elsewhere: Vec<String>,
    },
    /// A trader group asked of a report that does not have it (managed
    /// money is a Disaggregated group, not a TFF one).
    #[error("{group} is a group of the {} report, not of the {} report; the groups of the {report} report are {}", group.report().title(), report.title(), group_names(*report))]
    GroupNotInReport {
        /// The group asked for.
        group: TraderGroup,
        /// The report asked of.
        report: ReportKind,
    },
    /// A group of a report that does not cover this kind of market (a
    /// Disaggregated group for a financial future).
    #[error("{group} is a group of the {} report, which covers physical commodities (grains, energy, metals); {market} is a financial future, reported in the legacy report ({}) and in TFF ({})", group.report().title(), group_names(ReportKind::Legacy), group_names(ReportKind::Tff))]
    GroupNotForMarket {
        /// The group asked for.
        group: TraderGroup,
        /// The market (family) name.
        market: String,
    },
    /// A report and scope CFTC does not publish (the Supplemental report is
    /// combined only), or not through this source.
    #[error("the {} report is not published {scope}{}{}", report.title(), if *api { " through CFTC's API" } else { "" }, if *report == ReportKind::Supplemental { "; it is published for futures and options combined only" } else { "" })]
    ScopeNotPublished {
        /// The report.
        report: ReportKind,
        /// The scope asked for.
        scope: Scope,
        /// Whether it is the API that lacks it.
        api: bool,
    },
    /// A unit that needs the contract's size (dollars per point), for a
    /// market whose size is not in the registry.
    #[error(
        "the size of {market} in dollars per point is not in the registry, so it can only be counted in contracts, not in {unit}"
    )]
    UnitNeedsSize {
        /// The market (family) name.
        market: String,
        /// The unit asked for, as a phrase.
        unit: String,
    },
    /// A number argument outside its range.
    #[error("{name} takes {expected}, not {value}")]
    OutOfRange {
        /// What the argument is.
        name: &'static str,
        /// The value given.
        value: i64,
        /// The range, in words.
        expected: &'static str,
    },
    /// No rows of the market in the inputs read.
    #[error("{}{}", no_rows(market, codes, *group, *scope, searched, *files_read, other_files), skipped_note(*rows_skipped))]
    NoRows {
        /// The market (family) name.
        market: String,
        /// Its contract market codes.
        codes: Vec<ContractMarketCode>,
        /// The group asked for (its report says which rows).
        group: TraderGroup,
        /// The scope asked for.
        scope: Scope,
        /// Where the rows were looked for, as text.
        searched: String,
        /// How many inputs of the report and scope were read.
        files_read: usize,
        /// The reports and scopes of the inputs there were instead, when
        /// none was of the one asked for.
        other_files: Vec<String>,
        /// Bad rows skipped by a lenient read: the market's rows may all
        /// have been among them.
        rows_skipped: u64,
    },
    /// A date asked for on which the history has no reading.
    #[error(
        "no reading on {date}: the {market} history has readings from {first} to {last}, on report dates (Tuesdays)"
    )]
    NoReading {
        /// The market (family) name.
        market: String,
        /// The date asked for.
        date: NaiveDate,
        /// The history's first date.
        first: NaiveDate,
        /// The history's last date.
        last: NaiveDate,
    },
    /// Something a source or build cannot do (listing markets of the API
    /// source, reading Excel without the `excel` feature).
    #[error("{what}: {why}")]
    Unsupported {
        /// What was asked.
        what: &'static str,
        /// Why it cannot be done, and what can.
        why: &'static str,
    },
    /// A dated series is not usable (a date twice, a value that is not a
    /// finite number, ...).
    #[error("{location}: {problem}")]
    InvalidSeries {
        /// Where (the CSV file and line, or `series`).
        location: Box<Location>,
        /// What is wrong.
        #[source]
        problem: SeriesProblem,
    },
    /// An answer of CFTC's public-reporting API that is not what the API
    /// sends: not a JSON list of rows, a row that is not an object, a
    /// server that ignores paging.
    #[error("{url}: {problem}")]
    Api {
        /// The request.
        url: String,
        /// What is wrong.
        #[source]
        problem: ApiProblem,
    },
    /// A file of the download cache that cannot be read as what it should
    /// be (a page of an API answer that is not JSON, a page missing). The
    /// entry is moved aside, so that a run that can reach the server fetches
    /// it again.
    #[error(
        "{location}: a damaged file of the download cache ({what}); it was moved aside and is fetched again when the server can be reached"
    )]
    DamagedCache {
        /// The cache file.
        location: Box<Location>,
        /// What it should have been.
        what: &'static str,
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
    #[error("{url}: {source}")]
    Network {
        /// The URL.
        url: String,
        /// What the HTTP client said.
        #[source]
        source: BoxError,
    },
    /// A request that cannot be made at all: a malformed URL (a mirror's
    /// address mistyped) or header (an app token with a line break). Not
    /// retried: it is a setting to fix, not a server to wait for.
    #[error(
        "{url}: the request cannot be made ({source}): check the address or the app token given (CFTC_COT_BASE_URL, CFTC_COT_API_URL, CFTC_COT_APP_TOKEN)"
    )]
    BadRequest {
        /// The URL, credentials left out.
        url: String,
        /// What the HTTP client said.
        #[source]
        source: BoxError,
    },
    /// A download not tried because an earlier one of the same run found
    /// the server unreachable (and the cache had no copy).
    #[error("{url}: not tried: the server was unreachable ({earlier})")]
    NotTried {
        /// The URL.
        url: String,
        /// The earlier failure, as it was reported.
        earlier: String,
    },
    /// The server took longer than the timeout (after the retries).
    #[error("{url}: timed out {phase}")]
    Timeout {
        /// The URL.
        url: String,
        /// When.
        phase: TimeoutPhase,
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
        source: Error,
    },
    /// A comparison of vintages the cache cannot make: fewer than two
    /// copies of the archive, or a digest it does not hold.
    #[error("{archive}: {}", no_vintage(held, wanted))]
    NoVintage {
        /// The archive's file name.
        archive: String,
        /// The digests of the copies held, oldest first.
        held: Vec<String>,
        /// The digest asked for, if one was.
        wanted: Option<String>,
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

/// The location of the kinds about an input, by reference or by mutable
/// reference: one list of those kinds for `location` and `location_mut`.
macro_rules! located {
    ($kind:expr) => {{
        use ErrorKind::*;
        match $kind {
            Io { location, .. }
            | Zip { location, .. }
            | ZipMembers { location, .. }
            | Excel { location, .. }
            | ZipTooLarge { location, .. }
            | LineTooLong { location, .. }
            | Empty { location }
            | UnknownLayout { location, .. }
            | OtherReport { location, .. }
            | OtherYear { location, .. }
            | HeaderMismatch { location, .. }
            | Csv { location, .. }
            | FieldCount { location, .. }
            | Field { location, .. }
            | DateMismatch { location, .. }
            | ScopeMismatch { location, .. }
            | DamagedCache { location, .. }
            | InvalidSeries { location, .. } => Some(location),
            _ => None,
        }
    }};
}

impl ErrorKind {
    /// Which group of causes this kind belongs to.
    pub fn cause(&self) -> Cause {
        use ErrorKind::*;
        match self {
            Io { .. }
            | Zip { .. }
            | ZipMembers { .. }
            | Excel { .. }
            | ZipTooLarge { .. }
            | LineTooLong { .. }
            | Empty { .. }
            | UnknownLayout { .. }
            | OtherReport { .. }
            | OtherYear { .. }
            | HeaderMismatch { .. }
            | Csv { .. } => Cause::Input,
            FieldCount { .. } | Field { .. } | DateMismatch { .. } | ScopeMismatch { .. } => {
                Cause::Parse
            }
            DuplicateRecord { .. }
            | MissingValue { .. }
            | MixedContracts { .. }
            | InvalidSeries { .. } => Cause::Data,
            Redirect { .. }
            | Api { .. }
            | NotYetPublished { .. }
            | HttpStatus { .. }
            | Network { .. }
            | NotTried { .. }
            | BadRequest { .. }
            | Timeout { .. }
            | Truncated { .. }
            | NotAZip { .. }
            | DownloadTooLarge { .. }
            | BadArchive { .. } => Cause::Network,
            Offline { .. } | DamagedCache { .. } | NoVintage { .. } => Cause::Cache,
            UnknownMarket { .. }
            | GroupNotInReport { .. }
            | GroupNotForMarket { .. }
            | ScopeNotPublished { .. }
            | UnitNeedsSize { .. }
            | OutOfRange { .. }
            | NoRows { .. }
            | NoReading { .. }
            | Unsupported { .. }
            | InvalidName { .. } => Cause::Question,
            Export { .. } | Chart { .. } => Cause::Output,
        }
    }

    /// The location, to add a detail to it.
    pub(crate) fn location_mut(&mut self) -> Option<&mut Location> {
        located!(self)
    }

    /// Where the error is, for errors about an input.
    pub fn location(&self) -> Option<&Location> {
        match self {
            ErrorKind::BadArchive { source, .. } => source.location(),
            other => located!(other),
        }
    }
}

fn no_vintage(held: &[String], wanted: &Option<String>) -> String {
    match (wanted, held.len()) {
        (Some(w), 0) => format!(
            "no copy {w:?} in the cache, which keeps none of this archive; a copy is kept each \
             time a download brings new content"
        ),
        (Some(w), _) => format!("no copy {w:?} in the cache; it holds {}", held.join(", ")),
        (None, n) => format!(
            "the cache holds {n} cop{} of it, and a revision needs two: a copy is kept each time \
             a download brings new content (a revalidation asks CFTC whether there is one)",
            if n == 1 { "y" } else { "ies" }
        ),
    }
}

fn group_names(kind: ReportKind) -> String {
    TraderGroup::of(kind)
        .map(|g| g.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn unknown_market(
    query: &str,
    report: ReportKind,
    scope: Scope,
    searched: &str,
    former_names: &[String],
    elsewhere: &[String],
) -> String {
    // A query is echoed, not a 10 KB argument.
    let query = show_raw(query.as_bytes());
    let mut text =
        format!("no market matching {query:?} in the {report} {scope} rows of {searched}");
    if !former_names.is_empty() {
        text.push_str(&format!(
            "; only former names match: {}; ask for one by its code",
            former_names.join("; ")
        ));
    }
    if !elsewhere.is_empty() {
        // Only the other scope of the same report: the scope is the fix,
        // not another group.
        let same_report = format!("({report} ");
        let advice = if elsewhere.iter().all(|e| e.contains(&same_report)) {
            "ask for it in that scope"
        } else {
            "pick a group of that report"
        };
        text.push_str(&format!(
            "; it is in other reports or scopes: {}; {advice}",
            elsewhere.join("; ")
        ));
    }
    text
}

fn no_rows(
    market: &str,
    codes: &[ContractMarketCode],
    group: TraderGroup,
    scope: Scope,
    source: &str,
    files_read: usize,
    other_files: &[String],
) -> String {
    let kind = group.report();
    let mut text = format!(
        "no {market} rows ({}) in the {kind} {scope} files of {source}",
        join_codes(codes).replace(" and ", ", ")
    );
    if files_read == 0 {
        text.push_str(&format!(
            ": there are none; {group} is a group of the {} report",
            kind.title()
        ));
        if !other_files.is_empty() {
            text.push_str(&format!(
                " and the files there are {}",
                other_files.join(", ")
            ));
        }
    } else {
        text.push_str(&format!(" ({files_read} files read)"));
    }
    text.push_str(&format!(
        "; the groups of the {kind} report are {}",
        group_names(kind)
    ));
    text
}

fn skipped_note(rows_skipped: u64) -> String {
    if rows_skipped == 0 {
        String::new()
    } else {
        format!(
            "; {rows_skipped} rows were skipped as bad and may have been this market's: a strict read stops at the first and says what is wrong with it"
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

fn join_codes(codes: &[ContractMarketCode]) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_cause_and_row_errors_are_parse_errors() {
        let row = Error::from(ErrorKind::Field {
            location: Box::new(Location::input("f.txt", None)),
            value: "x".into(),
            problem: FieldProblem::NotAnInteger,
        });
        assert!(row.is_row_error());
        assert_eq!(row.cause(), Cause::Parse);
        assert_eq!(row.location().map(|l| l.source.as_str()), Some("f.txt"));
        let net = Error::from(ErrorKind::HttpStatus {
            url: "u".into(),
            status: 503,
        });
        assert!(net.is_unreachable() && !net.is_row_error());
        let gone = Error::from(ErrorKind::HttpStatus {
            url: "u".into(),
            status: 404,
        });
        assert!(!gone.is_unreachable());
        // Debug names the kind and the location.
        let debug = format!("{row:?}");
        assert!(debug.starts_with("Field at f.txt: "), "{debug}");
    }
}
