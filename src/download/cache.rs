//! The cache directory: archives as downloaded, a small metadata file beside
//! each, and the check-then-rename that keeps anything broken out.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::error::{Error, Location, Result};
use crate::read::{ReaderBuilder, ScopeSource, ZipMember, archive::member_error};

use super::Archive;

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
        s
    }

    fn from_text(text: &str) -> Self {
        let mut meta = Meta::default();
        for line in text.lines() {
            let Some((key, value)) = line.split_once('=') else {
                continue;
            };
            match key {
                "url" => meta.url = value.to_owned(),
                "checked" => meta.checked = value.parse().unwrap_or(0),
                "etag" => meta.etag = Some(value.to_owned()),
                "last_modified" => meta.last_modified = Some(value.to_owned()),
                "missing" => meta.missing = value == "true",
                _ => {}
            }
        }
        meta
    }

    /// How long ago the server last answered.
    pub fn age(&self, now: SystemTime) -> Duration {
        let checked = UNIX_EPOCH + Duration::from_secs(self.checked);
        now.duration_since(checked).unwrap_or(Duration::ZERO)
    }
}

pub(crate) fn unix_seconds(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

fn io_error(path: &Path, source: io::Error) -> Error {
    Error::Io {
        location: Box::new(Location::input(path.display().to_string(), None)),
        source,
    }
}

/// The platform's cache directory joined with `cftc-cot`.
pub fn default_cache_dir() -> PathBuf {
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let base = if cfg!(target_os = "windows") {
        std::env::var_os("LOCALAPPDATA").map(PathBuf::from)
    } else if cfg!(target_os = "macos") {
        home.map(|h| h.join("Library").join("Caches"))
    } else {
        std::env::var_os("XDG_CACHE_HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .or_else(|| home.map(|h| h.join(".cache")))
    };
    base.unwrap_or_else(std::env::temp_dir).join("cftc-cot")
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
        fs::create_dir_all(&self.dir).map_err(|e| io_error(&self.dir, e))
    }

    pub fn meta(&self, archive: &Archive) -> Option<Meta> {
        fs::read_to_string(self.meta_path(archive))
            .ok()
            .map(|t| Meta::from_text(&t))
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

    /// A fresh temporary file in the cache directory (same file system, so
    /// the final rename is atomic).
    pub fn temp(&self, archive: &Archive) -> TempFile {
        TempFile::new(&self.dir, &archive.file_name())
    }
}

/// A temporary file that is removed unless installed.
#[derive(Debug)]
pub(crate) struct TempFile {
    pub path: PathBuf,
    installed: bool,
}

impl TempFile {
    fn new(dir: &Path, name: &str) -> Self {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let path = dir.join(format!(".{name}.{}.{nanos}.part", std::process::id()));
        TempFile {
            path,
            installed: false,
        }
    }

    /// Syncs the file and renames it over `target`, then syncs the directory.
    pub fn install(mut self, target: &Path) -> Result<()> {
        File::open(&self.path)
            .and_then(|f| f.sync_all())
            .map_err(|e| io_error(&self.path, e))?;
        fs::rename(&self.path, target).map_err(|e| io_error(target, e))?;
        self.installed = true;
        if let Some(dir) = target.parent() {
            // Directories cannot be opened for syncing everywhere; best effort.
            let _ = File::open(dir).and_then(|d| d.sync_all());
        }
        Ok(())
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.installed {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Checks a downloaded file before it may enter the cache: a zip with one
/// text member whose every byte inflates within the cap and matches its
/// CRC-32, holding a COT file of the archive's report (and, for TFF, scope).
pub(crate) fn validate(path: &Path, archive: &Archive, member_limit: u64) -> Result<()> {
    let name = path.display().to_string();
    if archive.is_zip() {
        let file = File::open(path).map_err(|e| io_error(path, e))?;
        let mut member = ZipMember::open(file, &name, member_limit)?;
        let location = Location::input(&name, Some(member.name().to_owned()));
        io::copy(&mut member, &mut io::sink()).map_err(|e| member_error(location, e))?;
    }
    let builder = ReaderBuilder::new()
        .kind(archive.report)
        .member_limit(member_limit);
    let mut reader = builder.from_path(path)?;
    if reader.scope().1 == ScopeSource::Column && reader.scope().0 != archive.scope {
        return Err(Error::UnknownLayout {
            location: Box::new(Location::input(&name, None)),
            detail: format!(
                "a {} file where {} was expected",
                reader.scope().0,
                archive.scope
            ),
        });
    }
    if !archive.is_zip() {
        // The weekly text files are small: read them whole.
        for record in &mut reader {
            record?;
        }
    }
    Ok(())
}

/// Writes `bytes` into the temporary file.
pub(crate) fn create_temp_writer(temp: &TempFile) -> Result<File> {
    File::create(&temp.path).map_err(|e| io_error(&temp.path, e))
}

/// Flushes a writer, naming the file on failure.
pub(crate) fn finish_writer(mut file: File, path: &Path) -> Result<()> {
    file.flush().map_err(|e| io_error(path, e))
}
