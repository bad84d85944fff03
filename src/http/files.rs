//! The files of the download cache that are not about any one kind of
//! answer: temporary files renamed into place, lock files shared by
//! concurrent runs, and the cache directory.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::error::{Error, ErrorKind, Location, Result};

pub(crate) fn unix_seconds(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

pub(crate) fn io_error(path: &Path, source: io::Error) -> Error {
    Error::from(ErrorKind::Io {
        location: Box::new(Location::input(path.display().to_string(), None)),
        source,
    })
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

/// Takes a lock file, waiting while another process holds it (up to
/// `deadline`, after which the lock is taken as abandoned). Where no lock
/// file can be made (a read-only cache), goes on without.
pub(crate) fn lock_file(path: PathBuf, deadline: Duration) -> Lock {
    let started = std::time::Instant::now();
    let mut waited = false;
    loop {
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(_) => {
                return Lock {
                    path: Some(path),
                    waited,
                };
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                let abandoned = fs::metadata(&path)
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| SystemTime::now().duration_since(t).ok())
                    .is_some_and(|a| a > deadline);
                if abandoned || started.elapsed() > deadline {
                    let _ = fs::remove_file(&path);
                } else {
                    waited = true;
                    std::thread::sleep(super::LOCK_POLL);
                }
            }
            Err(_) => {
                return Lock { path: None, waited };
            }
        }
    }
}

/// A held lock file, removed when dropped.
#[derive(Debug)]
pub(crate) struct Lock {
    path: Option<PathBuf>,
    /// Another process held the lock first.
    pub waited: bool,
}

impl Drop for Lock {
    fn drop(&mut self) {
        if let Some(path) = &self.path {
            let _ = fs::remove_file(path);
        }
    }
}

/// A temporary file that is removed unless installed.
#[derive(Debug)]
pub(crate) struct TempFile {
    pub path: PathBuf,
    installed: bool,
}

impl TempFile {
    pub(crate) fn new(dir: &Path, name: &str) -> Self {
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

/// Writes `bytes` into the temporary file.
pub(crate) fn create_temp_writer(temp: &TempFile) -> Result<File> {
    File::create(&temp.path).map_err(|e| io_error(&temp.path, e))
}

/// Flushes a writer, naming the file on failure.
pub(crate) fn finish_writer(mut file: File, path: &Path) -> Result<()> {
    file.flush().map_err(|e| io_error(path, e))
}
