//! Reading CFTC files: bytes in, typed [`CotRecord`]s out.
//!
//! A [`ReaderBuilder`] sets the options (strict or lenient, a [`Filter`], the
//! scope when the file cannot tell it) and opens an input: any
//! [`std::io::Read`], a path, or a zip archive as CFTC publishes it. The
//! [`Reader`] it returns is an iterator of records that holds one row at a
//! time, so memory stays flat however large the file.
//!
//! ```
//! use cftc_cot::read::{Filter, ReaderBuilder};
//! let mut reader = ReaderBuilder::new()
//!     .filter(Filter::codes(["239742"])?)
//!     .from_path("data-samples/legacy_futures_only.txt")?;
//! for record in &mut reader {
//!     let record = record?;
//!     println!("{} {:?}", record.date(), record.open_interest());
//! }
//! println!("{}", reader.summary());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub(crate) mod archive;
#[cfg(feature = "excel")]
mod biff;
#[cfg(feature = "excel")]
mod excel;
#[cfg(feature = "excel")]
mod sheet;
#[cfg(feature = "excel")]
mod xls;

pub mod codec;
mod filter;
pub mod inspect;
mod layout;

mod prefilter;

use std::fmt;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;

use csv::ByteRecord;
use serde::{Deserialize, Serialize};

pub use archive::{DEFAULT_MEMBER_LIMIT, ZipMember};
pub use filter::Filter;
pub use layout::{HeaderDeviation, Layout, ScopeSource, scope_from_name};

use crate::error::{Error, ErrorKind, ExcelProblem, Location, Result};
use crate::read::codec::decode;
use crate::records::{CotRecord, ReportKind, Scope};
pub use prefilter::DEFAULT_MAX_LINE;
use prefilter::Prefilter;

/// What a reader does with a row it cannot read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Stop at the first bad row with its error (the default).
    #[default]
    Strict,
    /// Skip bad rows, count them and keep the first few errors in the
    /// [`ReadSummary`]; errors that end the input (I/O, a broken zip) still stop.
    Lenient,
}

/// The largest workbook read unless [`ReaderBuilder::member_limit`] says
/// otherwise (CFTC's yearly workbooks are a few MB).
pub const DEFAULT_WORKBOOK_LIMIT: u64 = 512 << 20;

/// How many row errors a lenient reader keeps in its report.
pub const KEPT_ERRORS: usize = 20;

/// Options for reading CFTC files; opens readers.
#[derive(Debug, Clone, Default)]
pub struct ReaderBuilder {
    mode: Mode,
    scope: Option<Scope>,
    kind: Option<ReportKind>,
    filter: Filter,
    member_limit: Option<u64>,
    max_line: Option<u64>,
}

impl ReaderBuilder {
    /// Strict, no filter, scope from the file.
    ///
    /// ```
    /// use cftc_cot::read::{Mode, ReaderBuilder};
    /// let builder = ReaderBuilder::new();
    /// assert_eq!(builder.read_mode(), Mode::Strict);
    /// assert!(builder.get_filter().is_all());
    /// ```
    pub fn new() -> Self {
        ReaderBuilder::default()
    }

    /// Strict or lenient handling of bad rows.
    ///
    /// ```
    /// use cftc_cot::read::{Mode, ReaderBuilder};
    /// let (records, summary) = ReaderBuilder::new()
    ///     .mode(Mode::Lenient)
    ///     .from_path("data-samples/legacy_futures_only.txt")?
    ///     .read_all()?;
    /// assert_eq!(summary.skipped, 0);
    /// assert_eq!(records.len(), 24);
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn mode(mut self, mode: Mode) -> Self {
        self.mode = mode;
        self
    }

    /// Strict or lenient, as set.
    ///
    /// ```
    /// use cftc_cot::read::{Mode, ReaderBuilder};
    /// assert_eq!(ReaderBuilder::new().lenient().read_mode(), Mode::Lenient);
    /// ```
    pub fn read_mode(&self) -> Mode {
        self.mode
    }

    /// The filter, as set.
    ///
    /// ```
    /// use cftc_cot::read::{Filter, ReaderBuilder};
    /// let builder = ReaderBuilder::new().filter(Filter::codes(["239742"])?);
    /// assert!(!builder.get_filter().is_all());
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn get_filter(&self) -> &Filter {
        &self.filter
    }

    /// The member (and workbook) size limit, if set.
    ///
    /// ```
    /// use cftc_cot::read::ReaderBuilder;
    /// assert_eq!(ReaderBuilder::new().get_member_limit(), None);
    /// assert_eq!(ReaderBuilder::new().member_limit(1 << 20).get_member_limit(), Some(1 << 20));
    /// ```
    pub fn get_member_limit(&self) -> Option<u64> {
        self.member_limit
    }

    /// Shorthand for `mode(Mode::Lenient)`.
    ///
    /// ```
    /// use cftc_cot::read::{Mode, ReaderBuilder};
    /// let reader = ReaderBuilder::new().lenient().from_path("data-samples/tff_futures_only.txt")?;
    /// assert_eq!(reader.summary().skipped, 0);
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn lenient(self) -> Self {
        self.mode(Mode::Lenient)
    }

    /// Sets the scope. Legacy files look the same futures-only and combined,
    /// and their scope is otherwise taken from CFTC's file names
    /// (`annualof.txt`, `deacom.txt`, ...). For TFF files the rows carry it,
    /// and a row that disagrees is an error.
    ///
    /// ```
    /// use cftc_cot::read::ReaderBuilder;
    /// use cftc_cot::Scope;
    /// // A legacy file whose name does not say its scope: say it.
    /// let text = std::fs::read("data-samples/legacy_combined_annualof.txt")?;
    /// let reader = ReaderBuilder::new().scope(Scope::Combined).from_reader(&text[..], "mine.txt")?;
    /// assert_eq!(reader.scope().0, Scope::Combined);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn scope(mut self, scope: Scope) -> Self {
        self.scope = Some(scope);
        self
    }

    /// Requires a report kind: a file of the other kind is an error.
    ///
    /// ```
    /// use cftc_cot::read::ReaderBuilder;
    /// use cftc_cot::ReportKind;
    /// let builder = ReaderBuilder::new().kind(ReportKind::Tff);
    /// assert!(builder.from_path("data-samples/tff_futures_only.txt").is_ok());
    /// // A legacy file where TFF is required is refused.
    /// assert!(builder.from_path("data-samples/legacy_futures_only.txt").is_err());
    /// ```
    pub fn kind(mut self, kind: ReportKind) -> Self {
        self.kind = Some(kind);
        self
    }

    /// Keeps only the rows the filter matches, rejected from their raw bytes.
    ///
    /// ```
    /// use cftc_cot::read::{Filter, ReaderBuilder};
    /// let (records, summary) = ReaderBuilder::new()
    ///     .filter(Filter::codes(["001602"])?)
    ///     .from_path("data-samples/legacy_futures_only.txt")?
    ///     .read_all()?;
    /// assert_eq!(records.len(), 8);
    /// assert_eq!(summary.filtered_out, 16);
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn filter(mut self, filter: Filter) -> Self {
        self.filter = filter;
        self
    }

    /// Caps the inflated size of a zip member (default [`DEFAULT_MEMBER_LIMIT`])
    /// and the size of an Excel workbook, which is read whole (default
    /// [`DEFAULT_WORKBOOK_LIMIT`]).
    ///
    /// ```
    /// use cftc_cot::read::ReaderBuilder;
    /// // The sample archive's member is larger than 100 bytes: refused, not read.
    /// let err = ReaderBuilder::new().member_limit(100).from_path("data-samples/deacot2025_sample.zip");
    /// assert!(err.is_err());
    /// ```
    pub fn member_limit(mut self, bytes: u64) -> Self {
        self.member_limit = Some(bytes);
        self
    }

    /// Caps the length of one line (default [`DEFAULT_MAX_LINE`]): a longer
    /// one is an [`ErrorKind::LineTooLong`], so no input makes the reader buffer
    /// without bound.
    ///
    /// ```
    /// use cftc_cot::ErrorKind;
    /// use cftc_cot::read::ReaderBuilder;
    /// let sample = std::fs::read_to_string("data-samples/tff_futures_only.txt")?;
    /// let header = sample.lines().next().unwrap();
    /// // A header, then a line that never ends.
    /// let text = format!("{header}\n{}", "x".repeat(100_000));
    /// let err = ReaderBuilder::new()
    ///     .max_line(10_000)
    ///     .from_reader(text.as_bytes(), "long.txt")
    ///     .and_then(|reader| reader.read_all())
    ///     .unwrap_err();
    /// assert!(matches!(err.kind(), ErrorKind::LineTooLong { limit: 10_000, .. }), "{err}");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn max_line(mut self, bytes: u64) -> Self {
        self.max_line = Some(bytes);
        self
    }

    /// Reads CSV text from any reader; `name` identifies it in errors and,
    /// for legacy files, may tell the scope (`annualof.txt`).
    ///
    /// ```
    /// use cftc_cot::read::ReaderBuilder;
    /// use cftc_cot::ReportKind;
    /// let bytes = std::fs::read("data-samples/tff_futures_only.txt")?;
    /// let reader = ReaderBuilder::new().from_reader(&bytes[..], "FinFutYY.txt")?;
    /// assert_eq!(reader.kind(), ReportKind::Tff);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_reader<R: Read>(&self, reader: R, name: &str) -> Result<Reader<R>> {
        Reader::new(self, reader, Location::input(name, None), name)
    }

    /// Reads the data member of a zip archive (`deacot2024.zip`,
    /// `fut_fin_txt_2024.zip`, `deacot1986_2016.zip`, `dea_com_xls_2017.zip`,
    /// ...): CFTC's text, or its Excel twin.
    ///
    /// ```
    /// use cftc_cot::read::ReaderBuilder;
    /// let file = std::fs::File::open("data-samples/deacot2025_sample.zip")?;
    /// let (records, _) = ReaderBuilder::new().from_zip(file, "deacot2025.zip")?.read_all()?;
    /// assert_eq!(records.len(), 24);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_zip<R: Read + Seek>(&self, reader: R, name: &str) -> Result<Reader<Input<R>>> {
        let member = ZipMember::open(
            reader,
            name,
            self.member_limit.unwrap_or(DEFAULT_MEMBER_LIMIT),
        )?;
        let location = Location::input(name, Some(member.name().to_owned()));
        let scope_name = format!("{name}/{}", member.name());
        if is_workbook_name(member.name()) {
            return self.workbook(member, location, &scope_name);
        }
        Reader::new(self, Input::Zip(member), location, &scope_name)
    }

    /// Reads an Excel workbook (`.xls` as CFTC ships it, or `.xlsx`) from
    /// any reader: its COT sheet becomes records like a text file, and
    /// errors name the sheet and row. Needs the `excel` feature (on by
    /// default). The workbook is read into memory, up to the member limit.
    ///
    /// ```
    /// use cftc_cot::read::ReaderBuilder;
    /// // Not a workbook: an error that names the input.
    /// let err = ReaderBuilder::new()
    ///     .from_excel(std::io::Cursor::new(b"not a workbook".to_vec()), "x.xls")
    ///     .unwrap_err();
    /// assert_eq!(err.location().unwrap().source, "x.xls");
    /// ```
    pub fn from_excel<R: Read + Seek>(&self, reader: R, name: &str) -> Result<Reader<Input<R>>> {
        self.workbook(reader, Location::input(name, None), name)
    }

    fn workbook<R: Read + Seek, W: Read>(
        &self,
        reader: W,
        location: Location,
        scope_name: &str,
    ) -> Result<Reader<Input<R>>> {
        // A workbook is held in memory whole: a smaller default cap than a
        // streamed text member's.
        let limit = self.member_limit.unwrap_or(DEFAULT_WORKBOOK_LIMIT);
        let mut bytes = Vec::new();
        reader
            .take(limit.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|source| {
                Error::from(ErrorKind::Io {
                    location: Box::new(location.clone()),
                    source,
                })
            })?;
        if bytes.len() as u64 > limit {
            return Err(Error::from(ErrorKind::Excel {
                location: Box::new(location),
                problem: ExcelProblem::TooLarge { limit },
            }));
        }
        #[cfg(feature = "excel")]
        {
            let (text, sheet, damage) = excel::to_csv(bytes, &location, self.mode)?;
            let mut location = location;
            location.sheet = Some(sheet);
            let mut reader = Reader::new(
                self,
                Input::Excel(io::Cursor::new(text)),
                location,
                scope_name,
            )?;
            // Lenient: what could be read, with the damage said.
            if let Some(damage) = damage {
                reader.summary.warnings.push(damage.to_string());
            }
            Ok(reader)
        }
        #[cfg(not(feature = "excel"))]
        {
            let _ = (bytes, scope_name);
            Err(Error::from(ErrorKind::Excel {
                location: Box::new(location),
                problem: ExcelProblem::NotBuilt,
            }))
        }
    }

    /// Opens a file: a zip archive (recognised by its first bytes, whatever
    /// its name) holding CFTC's text or an Excel workbook, an Excel
    /// workbook (`.xls`, `.xlsx`), or CSV text.
    ///
    /// ```
    /// use cftc_cot::read::ReaderBuilder;
    /// for path in ["data-samples/legacy_futures_only.txt", "data-samples/deacot2025_sample.zip"] {
    ///     let (records, _) = ReaderBuilder::new().from_path(path)?.read_all()?;
    ///     assert_eq!(records.len(), 24);
    /// }
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn from_path(&self, path: impl AsRef<Path>) -> Result<Reader<Input>> {
        let path = path.as_ref();
        let name = path.display().to_string();
        let io_error = |source| {
            Error::from(ErrorKind::Io {
                location: Box::new(Location::input(&name, None)),
                source,
            })
        };
        // Only regular files: opening a FIFO named `*.txt` would block.
        let meta = std::fs::metadata(path).map_err(io_error)?;
        if !meta.is_file() {
            return Err(io_error(io::Error::new(
                io::ErrorKind::InvalidInput,
                "not a regular file",
            )));
        }
        let mut file = File::open(path).map_err(io_error)?;
        let mut magic = [0u8; 4];
        let n = read_up_to(&mut file, &mut magic).map_err(io_error)?;
        file.seek(SeekFrom::Start(0)).map_err(io_error)?;
        // An .xlsx is a zip too: the name decides. An .xls starts with the
        // OLE2 signature whatever its name.
        let ole2 = n == 4 && magic == [0xD0, 0xCF, 0x11, 0xE0];
        if ole2 || is_workbook_name(&name) {
            return self.workbook(file, Location::input(&name, None), &name);
        }
        let is_zip = n == 4 && (magic == *b"PK\x03\x04" || magic == *b"PK\x05\x06");
        if is_zip {
            self.from_zip(file, &name)
        } else {
            Reader::new(self, Input::Text(file), Location::input(&name, None), &name)
        }
    }
}

/// The report an `.xls` workbook (bare, or the one member of a zip) holds,
/// guessed cheaply from the width of its cells without decoding the sheet:
/// CFTC's Excel files are its spreadsheet layouts, three columns narrower
/// than the text (126 legacy, 84 TFF, 188 Disaggregated columns). `None`
/// when the width is no such layout's, the file is not an `.xls`, or it
/// cannot be walked; the caller then reads the workbook whole.
pub fn workbook_report_hint(path: &Path, member_limit: u64) -> Option<ReportKind> {
    #[cfg(feature = "excel")]
    {
        let name = path.to_string_lossy().to_ascii_lowercase();
        let bytes = if name.ends_with(".xls") {
            let len = std::fs::metadata(path).ok()?.len();
            if len > member_limit {
                return None;
            }
            std::fs::read(path).ok()?
        } else if name.ends_with(".zip") {
            let mut zip = zip::ZipArchive::new(File::open(path).ok()?).ok()?;
            let only_xls = (0..zip.len()).filter_map(|i| {
                let n = zip.name_for_index(i)?.ok()?.to_ascii_lowercase();
                let data = n.ends_with(".xls") && !n.starts_with("__macosx/");
                data.then_some(i)
            });
            let members: Vec<usize> = only_xls.collect();
            let [index] = members.as_slice() else {
                return None;
            };
            let member = zip.by_index(*index).ok()?;
            if member.size() > member_limit {
                return None;
            }
            let mut bytes = Vec::new();
            member.take(member_limit).read_to_end(&mut bytes).ok()?;
            bytes
        } else {
            return None;
        };
        let (_, _, left, right) = biff::walk(&bytes).ok()?.0.extent?;
        let width = usize::try_from(right.checked_sub(left)? + 1).ok()?;
        ReportKind::ALL
            .into_iter()
            .filter(|k| k.has_quoted_codes())
            .find(|k| k.columns() == width + 3)
    }
    #[cfg(not(feature = "excel"))]
    {
        let _ = (path, member_limit);
        None
    }
}

/// Whether a file or member name is an Excel workbook's.
pub(crate) fn is_workbook_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".xls") || lower.ends_with(".xlsx")
}

fn read_up_to(r: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(buf.get_mut(n..).unwrap_or_default()) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// What a reader reads from: plain text, a zip member, or the text made of
/// an Excel sheet.
#[derive(Debug)]
pub enum Input<R = File> {
    /// A text file.
    Text(R),
    /// The text member of a zip archive.
    Zip(ZipMember<R>),
    /// An Excel sheet, as CSV text (one line per sheet row).
    Excel(io::Cursor<Vec<u8>>),
}

impl<R: Read + Seek> Read for Input<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Input::Text(f) => f.read(buf),
            Input::Zip(z) => z.read(buf),
            Input::Excel(c) => c.read(buf),
        }
    }
}

/// What a reader saw: rows read, returned, filtered out and skipped.
///
/// Every data row is counted in exactly one of `records`, `filtered_out` and
/// `skipped`, so nothing leaves a file unaccounted for.
#[derive(Debug, Default, Serialize)]
pub struct ReadSummary {
    /// The input's name (and zip member).
    pub source: String,
    /// Data rows read (the header is not counted).
    pub rows: u64,
    /// Rows returned as records.
    pub records: u64,
    /// Rows the filter rejected.
    pub filtered_out: u64,
    /// Bad rows skipped by a lenient reader.
    pub skipped: u64,
    /// The first [`KEPT_ERRORS`] errors of the skipped rows.
    #[serde(serialize_with = "errors_as_text")]
    pub errors: Vec<Error>,
    /// What a lenient reader read but doubts, such as a header that names
    /// columns otherwise than the layout ([`ErrorKind::HeaderMismatch`]).
    pub warnings: Vec<String>,
}

fn errors_as_text<S: serde::Serializer>(
    errors: &[Error],
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.collect_seq(errors.iter().map(|e| e.to_string()))
}

impl fmt::Display for ReadSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} rows, {} records, {} filtered out, {} skipped",
            self.source, self.rows, self.records, self.filtered_out, self.skipped
        )?;
        for w in &self.warnings {
            write!(f, "\n  warning: {w}")?;
        }
        for e in &self.errors {
            write!(f, "\n  {e}")?;
        }
        if self.skipped > self.errors.len() as u64 {
            write!(
                f,
                "\n  ... and {} more",
                self.skipped - self.errors.len() as u64
            )?;
        }
        Ok(())
    }
}

/// An iterator of typed records from one input. See the [module docs](self).
pub struct Reader<R> {
    csv: csv::Reader<Prefilter<R>>,
    /// Data rows the CSV reader returned (the prefilter's are added).
    csv_rows: u64,
    /// Rows the reader's own filter rejected (the prefilter's are added).
    filtered: u64,
    layout: Layout,
    scope: Scope,
    scope_source: ScopeSource,
    /// False until the first TFF row has told the scope of a file whose
    /// scope comes from its rows.
    scope_known: bool,
    mode: Mode,
    filter: Filter,
    location: Location,
    row: ByteRecord,
    /// Room to rebuild spreadsheet-export rows in the text layout.
    scratch: ByteRecord,
    /// The first record of a headerless file, read during detection.
    pending: bool,
    done: bool,
    /// Whether a lenient reader hands out the errors of the rows it skips
    /// ([`Reader::outcomes`]).
    yield_skipped: bool,
    summary: ReadSummary,
}

impl<R> fmt::Debug for Reader<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Reader")
            .field("layout", &self.layout)
            .field("scope", &self.scope)
            .field("summary", &self.summary)
            .finish_non_exhaustive()
    }
}

impl<R: Read> Reader<R> {
    fn new(builder: &ReaderBuilder, reader: R, location: Location, name: &str) -> Result<Self> {
        let mut csv = csv_reader(builder, reader);
        let mut first = ByteRecord::new();
        let got = csv
            .read_byte_record(&mut first)
            .map_err(|e| csv_error(&location, e))?;
        if !got {
            return Err(Error::from(ErrorKind::Empty {
                location: Box::new(location),
            }));
        }
        let (layout, warnings) = recognise(builder, &first, &location)?;
        // `first` becomes the first data row, held back for the iterator.
        let mut pending = !layout.has_header;
        if layout.has_header && layout.kind.scope_column().is_some() && builder.scope.is_none() {
            // TFF and Disaggregated rows carry their scope: read ahead one
            // row to learn it now.
            pending = csv
                .read_byte_record(&mut first)
                .map_err(|e| csv_error(&location, e))?;
        }
        let (scope, scope_source) = first_scope(builder, &layout, pending, &first, &location, name);
        if !pending {
            first.clear();
        }
        Ok(Reader {
            csv,
            csv_rows: 0,
            filtered: 0,
            layout,
            scope,
            scope_source,
            scope_known: scope_source == ScopeSource::Caller,
            mode: builder.mode,
            filter: builder.filter.clone(),
            summary: ReadSummary {
                source: location.to_string(),
                warnings,
                ..ReadSummary::default()
            },
            location,
            row: first,
            scratch: ByteRecord::new(),
            pending,
            done: false,
            yield_skipped: false,
        })
    }

    /// The layout recognised from the first row.
    ///
    /// ```
    /// use cftc_cot::read::ReaderBuilder;
    /// let reader = ReaderBuilder::new().from_path("data-samples/legacy_old_layout_annual.txt")?;
    /// println!("{:?}", reader.layout());
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// Legacy or TFF.
    ///
    /// ```
    /// use cftc_cot::read::ReaderBuilder;
    /// use cftc_cot::ReportKind;
    /// let reader = ReaderBuilder::new().from_path("data-samples/supplemental_annualci.txt")?;
    /// assert_eq!(reader.kind(), ReportKind::Supplemental);
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn kind(&self) -> ReportKind {
        self.layout.kind
    }

    /// Futures only or combined, and where that was learnt.
    ///
    /// ```
    /// use cftc_cot::read::{ReaderBuilder, ScopeSource};
    /// use cftc_cot::Scope;
    /// let reader = ReaderBuilder::new().from_path("data-samples/legacy_combined_annualof.txt")?;
    /// // `annualof.txt` is CFTC's name for the combined legacy file.
    /// assert_eq!(reader.scope(), (Scope::Combined, ScopeSource::FileName));
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn scope(&self) -> (Scope, ScopeSource) {
        (self.scope, self.scope_source)
    }

    /// Counts so far (final once the iterator has ended).
    ///
    /// ```
    /// use cftc_cot::read::ReaderBuilder;
    /// let mut reader = ReaderBuilder::new().from_path("data-samples/tff_futures_only.txt")?;
    /// let first = reader.next().unwrap()?;
    /// assert_eq!(reader.summary().records, 1);
    /// # let _ = first;
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn summary(&self) -> &ReadSummary {
        &self.summary
    }

    /// Consumes the reader, returning its report.
    ///
    /// ```
    /// use cftc_cot::read::ReaderBuilder;
    /// let mut reader = ReaderBuilder::new().from_path("data-samples/tff_futures_only.txt")?;
    /// let count = reader.by_ref().count();
    /// let summary = reader.into_summary();
    /// assert_eq!(summary.records as usize, count);
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn into_summary(self) -> ReadSummary {
        self.summary
    }

    /// Reads every remaining record into a vector, with the report.
    ///
    /// ```
    /// use cftc_cot::read::ReaderBuilder;
    /// let (records, summary) = ReaderBuilder::new().from_path("data-samples/disaggregated_f_year.txt")?.read_all()?;
    /// assert_eq!(records.len() as u64, summary.records);
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn read_all(mut self) -> Result<(Vec<CotRecord>, ReadSummary)> {
        let mut out = Vec::new();
        for r in &mut self {
            out.push(r?);
        }
        Ok((out, self.summary))
    }

    /// The next raw row that passes the filter, unparsed: the fast path for
    /// callers that want the bytes. Fields keep CFTC's padding, and the last
    /// field of a CRLF file keeps its `\r`; spreadsheet-export rows come in
    /// the text layout. Rows the
    /// filter rejects are counted as filtered out; the returned one is counted
    /// as a record.
    ///
    /// ```
    /// use cftc_cot::read::ReaderBuilder;
    /// let mut reader = ReaderBuilder::new().from_path("data-samples/tff_futures_only.txt")?;
    /// let mut codes = Vec::new();
    /// while let Some(row) = reader.next_raw() {
    ///     codes.push(String::from_utf8_lossy(&row?[3]).trim().to_string());
    /// }
    /// assert_eq!(codes.len(), 16);
    /// # Ok::<(), cftc_cot::Error>(())
    /// ```
    pub fn next_raw(&mut self) -> Option<Result<&ByteRecord>> {
        loop {
            match self.advance() {
                Step::End => return None,
                Step::Fatal(e) => return Some(Err(e)),
                Step::Row => {}
            }
            if self.row.len() == self.layout.kind.columns() && !self.keeps_row() {
                self.filtered += 1;
                self.sync_counts();
                continue;
            }
            self.summary.records += 1;
            return Some(Ok(&self.row));
        }
    }

    /// Names the market of a bad row in its error, from the row's code and
    /// name columns as written.
    fn name_market(&self, error: &mut Error) {
        let code = codec::fields::text(self.raw_field(3));
        let name = codec::fields::text(self.raw_field(0));
        if let Some(location) = error.kind_mut().location_mut()
            && !code.is_empty()
        {
            let name = name.split(" - ").next().unwrap_or("").trim();
            location.market = Some(if name.is_empty() {
                code
            } else {
                format!("{code} {name}")
            });
        }
    }

    /// Every row's outcome, for a lenient reader: each record, and the
    /// error of each bad row it skips, in file order, without keeping
    /// them (a lenient reader otherwise keeps the first [`KEPT_ERRORS`]
    /// in its [`ReadSummary`] and counts the rest). A strict reader's
    /// outcomes are its items: it stops at the first error.
    ///
    /// ```
    /// use cftc_cot::read::{Mode, ReaderBuilder};
    ///
    /// let good = std::fs::read_to_string("data-samples/legacy_futures_only.txt")?;
    /// // Break the open interest of every row after the header.
    /// let text: String = good.lines().enumerate().map(|(i, line)| {
    ///     if i == 0 { return format!("{line}\n"); }
    ///     let mut fields: Vec<&str> = line.split(',').collect();
    ///     fields[7] = "x";
    ///     format!("{}\n", fields.join(","))
    /// }).collect();
    /// let reader = ReaderBuilder::new().mode(Mode::Lenient).from_reader(text.as_bytes(), "bad.txt")?;
    /// let errors: Vec<_> = reader.outcomes().filter_map(Result::err).collect();
    /// assert_eq!(errors.len(), good.lines().count() - 1);
    /// // Each names its row and market.
    /// assert!(errors.iter().all(|e| e.is_row_error() && e.location().unwrap().market.is_some()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn outcomes(mut self) -> Self {
        self.yield_skipped = true;
        self
    }

    fn keeps_row(&self) -> bool {
        self.filter.is_all() || self.filter.keeps_raw(self.raw_field(3), self.raw_field(1))
    }

    fn raw_field(&self, i: usize) -> &[u8] {
        self.row.get(i).unwrap_or_default()
    }

    fn advance(&mut self) -> Step {
        if self.done {
            return Step::End;
        }
        if self.pending {
            self.pending = false;
        } else {
            match self.csv.read_byte_record(&mut self.row) {
                Ok(true) => {}
                Ok(false) => {
                    self.done = true;
                    self.sync_counts();
                    return Step::End;
                }
                Err(e) => {
                    self.done = true;
                    let mut error = csv_error(&self.location, e);
                    if let Some(location) = error.kind_mut().location_mut() {
                        let (byte, line, _) =
                            self.csv.get_mut().original(location.byte, location.line, 0);
                        location.byte = byte;
                        location.line = line;
                    }
                    return Step::Fatal(error);
                }
            }
        }
        // Positions of the prefiltered stream, mapped back to the input.
        if let Some(p) = self.row.position() {
            let (byte, line, record) = self.csv.get_mut().original(p.byte(), p.line(), p.record());
            let mut position = csv::Position::new();
            position.set_byte(byte).set_line(line).set_record(record);
            self.row.set_position(Some(position));
        }
        if self.layout.spreadsheet_export && self.row.len() == self.layout.width() {
            layout::expand(self.layout.kind, &self.row, &mut self.scratch);
            std::mem::swap(&mut self.row, &mut self.scratch);
        }
        self.csv_rows += 1;
        self.sync_counts();
        Step::Row
    }

    /// Adds the rows the prefilter skipped to the report.
    fn sync_counts(&mut self) {
        let skipped = self.csv.get_ref().skipped_records();
        self.summary.rows = self.csv_rows + skipped;
        self.summary.filtered_out = self.filtered + skipped;
    }

    fn parse_row(&mut self) -> Result<CotRecord> {
        let row = decode::Row {
            record: &self.row,
            kind: self.layout.kind,
            location: &self.location,
        };
        if self.row.len() != self.layout.kind.columns() {
            return Err(Error::from(ErrorKind::FieldCount {
                location: Box::new(row.here()),
                expected: self.layout.width(),
                found: self.row.len(),
                layout: self.layout.kind.as_str(),
            }));
        }
        match self.layout.kind.scope_column() {
            None => decode::record(&row, self.scope),
            Some(column) => {
                let scope = row.scope_column()?;
                let expected = if self.scope_known { self.scope } else { scope };
                if scope != expected {
                    return Err(Error::from(ErrorKind::ScopeMismatch {
                        location: Box::new(row.at_column(column)),
                        value: scope.cftc_name().into(),
                        expected: expected.cftc_name().into(),
                    }));
                }
                let record = decode::record(&row, scope)?;
                self.scope = scope;
                self.scope_known = true;
                Ok(record)
            }
        }
    }
}

/// The CSV reader over the prefilter. Records end at `\n` only: with
/// csv's default CRLF handling a CRLF file reports every line number one
/// too low. The `\r` then stays at the end of the last field, and every
/// field parser trims it.
fn csv_reader<R: Read>(builder: &ReaderBuilder, reader: R) -> csv::Reader<Prefilter<R>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .terminator(csv::Terminator::Any(b'\n'))
        .buffer_capacity(1 << 16)
        .from_reader(Prefilter::new(
            reader,
            &builder.filter,
            builder.max_line.unwrap_or(DEFAULT_MAX_LINE),
        ))
}

/// The layout of a file from its first row, checked against the builder:
/// a header naming columns otherwise than the layout is an error in strict
/// mode and a warning (returned) in lenient mode; another report than the
/// one required is an error. Errors name the first row's line.
fn recognise(
    builder: &ReaderBuilder,
    first: &ByteRecord,
    location: &Location,
) -> Result<(Layout, Vec<String>)> {
    let first_row = || {
        let mut at = location.clone();
        if let Some(p) = first.position() {
            at.line = p.line();
            at.byte = p.byte();
            at.record = p.record() + 1;
        }
        Box::new(at)
    };
    let layout = layout::detect(first).map_err(|problem| {
        Error::from(ErrorKind::UnknownLayout {
            location: first_row(),
            problem,
        })
    })?;
    let mut warnings = Vec::new();
    if let Some(first_bad) = layout.header_mismatches.first() {
        let error = Error::from(ErrorKind::HeaderMismatch {
            location: first_row(),
            column: first_bad.index,
            expected: first_bad.expected.clone(),
            found: first_bad.found.clone(),
            others: layout.header_mismatches.len() - 1,
        });
        if builder.mode == Mode::Strict {
            return Err(error);
        }
        warnings.push(error.to_string());
    }
    if let Some(kind) = builder.kind
        && kind != layout.kind
    {
        return Err(Error::from(ErrorKind::OtherReport {
            location: Box::new(location.clone()),
            what: "file",
            found: layout.kind.to_string(),
            required: kind.to_string(),
        }));
    }
    Ok((layout, warnings))
}

/// The scope of a file, and where it came from: the caller's, the
/// Supplemental report's (combined only), the first data row's (held back
/// in `first` when `pending`), or the file's name.
fn first_scope(
    builder: &ReaderBuilder,
    layout: &Layout,
    pending: bool,
    first: &ByteRecord,
    location: &Location,
    name: &str,
) -> (Scope, ScopeSource) {
    match (builder.scope, layout.kind) {
        (Some(s), _) => (s, ScopeSource::Caller),
        // CFTC publishes the Supplemental report combined only.
        (None, ReportKind::Supplemental) => (Scope::Combined, ScopeSource::Report),
        (None, _) if layout.kind.scope_column().is_some() && pending => {
            let mut expanded = ByteRecord::new();
            let record = if layout.spreadsheet_export && first.len() == layout.width() {
                layout::expand(layout.kind, first, &mut expanded);
                &expanded
            } else {
                first
            };
            let row = decode::Row {
                record,
                kind: layout.kind,
                location,
            };
            match row.scope_column() {
                Ok(s) => (s, ScopeSource::Column),
                // The row is reported when it is parsed.
                Err(_) => from_name(name),
            }
        }
        (None, _) => from_name(name),
    }
}

enum Step {
    Row,
    End,
    Fatal(Error),
}

fn from_name(name: &str) -> (Scope, ScopeSource) {
    match scope_from_name(name) {
        Some(s) => (s, ScopeSource::FileName),
        None => (Scope::FuturesOnly, ScopeSource::Assumed),
    }
}

fn csv_error(location: &Location, e: csv::Error) -> Error {
    let mut location = location.clone();
    if let Some(p) = e.position() {
        location.line = p.line();
        location.byte = p.byte();
    }
    if !e.is_io_error() {
        return Error::from(ErrorKind::Csv {
            location: Box::new(location),
            source: Box::new(e),
        });
    }
    match e.into_kind() {
        csv::ErrorKind::Io(io) => {
            if let Some(prefilter::LineTooLong(limit)) = io
                .get_ref()
                .and_then(|e| e.downcast_ref::<prefilter::LineTooLong>())
                .copied()
            {
                return Error::from(ErrorKind::LineTooLong {
                    location: Box::new(location),
                    limit,
                });
            }
            archive::member_error(location, io)
        }
        // Not reached: only an I/O error gets past the check above.
        other => Error::from(ErrorKind::Csv {
            location: Box::new(location),
            source: format!("{other:?}").into(),
        }),
    }
}

impl<R: Read> Iterator for Reader<R> {
    type Item = Result<CotRecord>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match self.advance() {
                Step::End => return None,
                Step::Fatal(e) => return Some(Err(e)),
                Step::Row => {}
            }
            if !self.keeps_row() {
                self.filtered += 1;
                self.sync_counts();
                continue;
            }
            match self.parse_row() {
                Ok(record) => {
                    if !self.filter.matches_code(&record.code())
                        || !self.filter.matches_date(record.date())
                    {
                        self.filtered += 1;
                        self.sync_counts();
                        continue;
                    }
                    self.summary.records += 1;
                    return Some(Ok(record));
                }
                Err(mut e) => {
                    self.name_market(&mut e);
                    self.summary.skipped += 1;
                    match self.mode {
                        Mode::Strict => {
                            self.done = true;
                            return Some(Err(e));
                        }
                        Mode::Lenient if self.yield_skipped => return Some(Err(e)),
                        Mode::Lenient => {
                            if self.summary.errors.len() < KEPT_ERRORS {
                                self.summary.errors.push(e);
                            }
                        }
                    }
                }
            }
        }
    }
}
