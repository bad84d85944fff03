//! The cache directory: archives as downloaded, a small metadata file beside
//! each, and the check-then-rename that keeps anything broken out.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::error::{Error, ErrorKind, Location, Result};
use crate::read::{ReaderBuilder, ScopeSource, ZipMember, archive::member_error};

use super::Archive;
use crate::http::files::{Lock, OnWait, TempFile, clean_dead_parts, io_error, lock_file};

/// What the cache knows of one archive besides its bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Meta {
    pub url: String,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// Seconds since the Unix epoch of the last answer from the server.
    pub checked: u64,
    /// The server answered 404 at `checked`.
    pub missing: bool,
    /// The first as-of date in the cached copy.
    pub first_date: Option<chrono::NaiveDate>,
    /// The last as-of date in the cached copy.
    pub last_date: Option<chrono::NaiveDate>,
    /// The date of a check that found the copy unchanged.
    pub unchanged_on: Option<chrono::NaiveDate>,
}

impl Meta {
    fn to_text(&self) -> String {
        let mut s = format!("url={}\nchecked={}\n", self.url, self.checked);
        if let Some(e) = &self.etag {
            s.push_str(&format!("etag={e}\n"));
        }
        if let Some(l) = &self.last_modified {
            s.push_str(&format!("last_modified={l}\n"));
        }
        if self.missing {
            s.push_str("missing=true\n");
        }
        if let Some(d) = self.first_date {
            s.push_str(&format!("first_date={d}\n"));
        }
        if let Some(d) = self.last_date {
            s.push_str(&format!("last_date={d}\n"));
        }
        if let Some(d) = self.unchanged_on {
            s.push_str(&format!("unchanged_on={d}\n"));
        }
        s
    }

    /// Reads a meta file's text, or `None` when any of it cannot be
    /// understood: a line without `=`, a key twice, a value that does not
    /// parse, no URL or check time, a check time later than `now` and a
    /// day (a clock can be a little off; a meta from the future would
    /// never be revalidated). Unknown keys are left for newer versions.
    pub(crate) fn parse(text: &str, now: SystemTime) -> Option<Self> {
        fn set<T>(slot: &mut Option<T>, value: Option<T>) -> Option<()> {
            match (slot.is_some(), value) {
                (false, Some(v)) => {
                    *slot = Some(v);
                    Some(())
                }
                _ => None,
            }
        }
        let (mut url, mut checked, mut missing) = (None, None, None);
        let (mut etag, mut last_modified) = (None, None);
        let (mut first_date, mut last_date, mut unchanged_on) = (None, None, None);
        for line in text.lines() {
            let (key, value) = line.split_once('=')?;
            let text = Some(value.to_owned());
            match key {
                "url" => set(&mut url, text)?,
                "checked" => set(&mut checked, value.parse::<u64>().ok())?,
                "etag" => set(&mut etag, text)?,
                "last_modified" => set(&mut last_modified, text)?,
                "missing" => set(&mut missing, value.parse::<bool>().ok())?,
                "first_date" => set(&mut first_date, value.parse().ok())?,
                "last_date" => set(&mut last_date, value.parse().ok())?,
                "unchanged_on" => set(&mut unchanged_on, value.parse().ok())?,
                _ => {}
            }
        }
        let checked = checked?;
        let latest = now.checked_add(Duration::from_secs(24 * 3600))?;
        if UNIX_EPOCH.checked_add(Duration::from_secs(checked))? > latest {
            return None;
        }
        Some(Meta {
            url: url?,
            etag,
            last_modified,
            checked,
            missing: missing.unwrap_or(false),
            first_date,
            last_date,
            unchanged_on,
        })
    }

    /// How long ago the server last answered (zero for a time past `now`).
    pub fn age(&self, now: SystemTime) -> Duration {
        UNIX_EPOCH
            .checked_add(Duration::from_secs(self.checked))
            .and_then(|checked| now.duration_since(checked).ok())
            .unwrap_or(Duration::ZERO)
    }
}

/// A cache directory.
#[derive(Debug, Clone)]
pub(crate) struct Cache {
    pub dir: PathBuf,
}

impl Cache {
    pub fn path(&self, archive: &Archive) -> PathBuf {
        self.dir.join(archive.file_name())
    }

    fn meta_path(&self, archive: &Archive) -> PathBuf {
        self.dir.join(format!("{}.meta", archive.file_name()))
    }

    pub fn create(&self) -> Result<()> {
        if self.dir.exists() && !self.dir.is_dir() {
            return Err(io_error(
                &self.dir,
                io::Error::other(
                    "the cache path is a file, not a directory: remove it, or set CFTC_COT_CACHE to a directory",
                ),
            ));
        }
        fs::create_dir_all(&self.dir).map_err(|e| io_error(&self.dir, e))
    }

    /// What the cache knows of an archive. A meta file that cannot be
    /// read or understood is a damaged entry: it is moved aside
    /// (`NAME.meta.damaged`) and the archive counts as never checked, so
    /// it is fetched again.
    pub fn meta(&self, archive: &Archive) -> Option<Meta> {
        let path = self.meta_path(archive);
        let bytes = match fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return None,
            Err(_) => Vec::new(),
        };
        let meta = std::str::from_utf8(&bytes)
            .ok()
            .and_then(|t| Meta::parse(t, SystemTime::now()));
        if meta.is_none() {
            let aside = self
                .dir
                .join(format!("{}.meta.damaged", archive.file_name()));
            if fs::rename(&path, &aside).is_err() {
                let _ = fs::remove_file(&path);
            }
        }
        meta
    }

    pub fn has(&self, archive: &Archive) -> bool {
        self.path(archive).is_file()
    }

    pub fn write_meta(&self, archive: &Archive, meta: &Meta) -> Result<()> {
        let path = self.meta_path(archive);
        let temp = TempFile::new(&self.dir, &format!("{}.meta", archive.file_name()));
        fs::write(&temp.path, meta.to_text()).map_err(|e| io_error(&temp.path, e))?;
        temp.install(&path)
    }

    /// Moves a damaged copy aside (`NAME.damaged`, replacing an older one)
    /// and forgets what was known of it.
    pub fn move_aside(&self, archive: &Archive) -> Result<()> {
        let path = self.path(archive);
        let aside = self.dir.join(format!("{}.damaged", archive.file_name()));
        fs::rename(&path, &aside).map_err(|e| io_error(&path, e))?;
        let _ = fs::remove_file(self.meta_path(archive));
        Ok(())
    }

    /// Removes this archive's temporary files that killed runs left (see
    /// [`clean_dead_parts`]).
    pub fn clean_parts(&self, archive: &Archive, deadline: Duration) -> usize {
        clean_dead_parts(&self.dir, &format!("{}.", archive.file_name()), deadline)
    }

    /// Takes the archive's lock file (see [`lock_file`]).
    pub fn lock(&self, archive: &Archive, deadline: Duration, on_wait: OnWait<'_>) -> Lock {
        lock_file(
            self.dir.join(format!(".{}.lock", archive.file_name())),
            deadline,
            on_wait,
        )
    }

    /// A fresh temporary file in the cache directory (same file system, so
    /// the final rename is atomic).
    pub fn temp(&self, archive: &Archive) -> TempFile {
        TempFile::new(&self.dir, &archive.file_name())
    }
}

/// The first and last as-of dates of a (checked) copy: a pass over every
/// row, done when a copy enters the cache, so that [`Archive::is_final`]
/// can follow the data.
pub(crate) fn date_range(
    path: &Path,
    archive: &Archive,
    member_limit: u64,
) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
    let reader = ReaderBuilder::new()
        .lenient()
        .kind(archive.report)
        .member_limit(member_limit)
        .from_path(path)
        .ok()?;
    reader
        .filter_map(|r| r.ok().map(|r| r.date()))
        .fold(None, |range, d| match range {
            None => Some((d, d)),
            Some((a, b)) => Some((a.min(d), b.max(d))),
        })
}

/// The cheap check of a cached copy before it is used: the zip's central
/// directory and its one member (or the text's header) are there, and the
/// first row is of the archive's report and year. The member's CRC is
/// checked when it is read.
pub(crate) fn quick_check(path: &Path, archive: &Archive, member_limit: u64) -> Result<()> {
    let builder = ReaderBuilder::new()
        .kind(archive.report)
        .member_limit(member_limit);
    let mut reader = builder.from_path(path)?;
    first_row_in_span(&mut reader, archive)
}

/// The first record's date lies in the archive's years (a yearly file
/// named 2019 that holds 2018 is refused).
fn first_row_in_span<R: io::Read>(
    reader: &mut crate::read::Reader<R>,
    archive: &Archive,
) -> Result<()> {
    use chrono::Datelike;
    let (from, to) = match archive.span {
        super::Span::Year { year } => (year, year),
        super::Span::MultiYear { from, to } => (from, to),
        super::Span::CurrentWeek => return Ok(()),
    };
    // The first readable row: a bad row is the reader's business, not a
    // sign of the wrong year.
    let mut year = None;
    for record in reader.by_ref().take(1000) {
        match record {
            Ok(r) => {
                year = Some(r.date().year());
                break;
            }
            Err(e) if e.is_row_error() => continue,
            Err(e) => return Err(e),
        }
    }
    let Some(year) = year else {
        return Ok(());
    };
    if (from..=to).contains(&year) {
        return Ok(());
    }
    Err(Error::from(ErrorKind::OtherYear {
        location: Box::new(Location::input(archive.file_name(), None)),
        year,
        from,
        to,
    }))
}

/// Checks a downloaded file before it may enter the cache: a zip with one
/// text member whose every byte inflates within the cap and matches its
/// CRC-32, holding a COT file of the archive's report (and, for TFF, scope).
pub(crate) fn validate(path: &Path, archive: &Archive, member_limit: u64) -> Result<()> {
    // Errors name the archive, not the temporary file it is checked in
    // (which is gone by the time anyone reads them).
    let name = archive.file_name();
    let open = || File::open(path).map_err(|e| io_error(path, e));
    if archive.is_zip() {
        let mut member = ZipMember::open(open()?, &name, member_limit)?;
        let location = Location::input(&name, Some(member.name().to_owned()));
        io::copy(&mut member, &mut io::sink()).map_err(|e| member_error(location, e))?;
    }
    let builder = ReaderBuilder::new()
        .kind(archive.report)
        .member_limit(member_limit);
    if archive.is_zip() {
        let mut reader = builder.from_zip(open()?, &name)?;
        check_rows(&mut reader, archive, false)
    } else {
        // The weekly text files are small: read them whole.
        let mut reader = builder.from_reader(open()?, &name)?;
        check_rows(&mut reader, archive, true)
    }
}

/// The file's scope (where its rows carry it) and first row's year are the
/// archive's; with `whole`, every row reads.
fn check_rows<R: io::Read>(
    reader: &mut crate::read::Reader<R>,
    archive: &Archive,
    whole: bool,
) -> Result<()> {
    let name = archive.file_name();
    if reader.scope().1 == ScopeSource::Column && reader.scope().0 != archive.scope {
        return Err(Error::from(ErrorKind::OtherReport {
            location: Box::new(Location::input(&name, None)),
            what: "file",
            found: reader.scope().0.to_string(),
            required: archive.scope.to_string(),
        }));
    }
    first_row_in_span(reader, archive)?;
    if whole {
        for record in reader {
            record?;
        }
    }
    Ok(())
}
