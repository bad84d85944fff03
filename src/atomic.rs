//! Files written whole or not at all: the crate's outputs (re-exported
//! as [`export::atomic_write`](crate::export::atomic_write)) and the
//! market index in the cache.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::error::{Error, ErrorKind, Location, Result};

fn io_error(path: &Path, source: io::Error) -> Error {
    Error::from(ErrorKind::Io {
        location: Box::new(Location::input(path.display().to_string(), None)),
        source,
    })
}

/// A temporary file beside the target, removed unless renamed into place.
struct Temp(Option<PathBuf>);

impl Drop for Temp {
    fn drop(&mut self) {
        if let Some(path) = &self.0 {
            let _ = fs::remove_file(path);
        }
    }
}

/// Writes a file atomically: `write` fills a temporary file beside `path`
/// (same directory, so the same file system), which is flushed, synced and
/// then renamed over `path`. A failure anywhere (in `write`, a full disk, a
/// failed rename) leaves an earlier file at `path` as it was and no
/// fragment behind, and is an error naming the file.
///
/// A `path` that is not a regular file (`/dev/stdout`, a named pipe) is
/// written directly: it cannot be replaced.
///
/// ```
/// use std::io::Write;
/// let dir = std::env::temp_dir().join("cftc-cot-doc-atomic");
/// std::fs::create_dir_all(&dir).unwrap();
/// let path = dir.join("answer.txt");
/// cftc_cot::export::atomic_write(&path, |w| {
///     writeln!(w, "first").map_err(|e| cftc_cot::export::io_failure(&path, e))
/// })?;
/// // A failed write keeps the earlier file.
/// let failed = cftc_cot::export::atomic_write(&path, |w| {
///     writeln!(w, "half").map_err(|e| cftc_cot::export::io_failure(&path, e))?;
///     Err::<(), _>(cftc_cot::export::io_failure(&path, std::io::Error::other("disk full")))
/// });
/// assert!(failed.is_err());
/// assert_eq!(std::fs::read_to_string(&path).unwrap(), "first\n");
/// # Ok::<(), cftc_cot::Error>(())
/// ```
pub fn atomic_write<T>(
    path: impl AsRef<Path>,
    write: impl FnOnce(&mut BufWriter<File>) -> Result<T>,
) -> Result<T> {
    let path = path.as_ref();
    if fs::metadata(path).is_ok_and(|m| !m.is_file()) {
        let file = fs::OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(|e| io_error(path, e))?;
        let mut w = BufWriter::new(file);
        let value = write(&mut w)?;
        w.flush().map_err(|e| io_error(path, e))?;
        return Ok(value);
    }
    let name = path.file_name().ok_or_else(|| {
        io_error(
            path,
            io::Error::new(io::ErrorKind::InvalidInput, "not a file name"),
        )
    })?;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let temp_path = dir.join(format!(
        ".{}.{}.{nanos}.part",
        name.to_string_lossy(),
        std::process::id()
    ));
    let mut temp = Temp(Some(temp_path.clone()));
    let file = File::create(&temp_path).map_err(|e| io_error(path, e))?;
    let mut w = BufWriter::new(file);
    let value = write(&mut w)?;
    let file = w.into_inner().map_err(|e| io_error(path, e.into_error()))?;
    file.sync_all().map_err(|e| io_error(path, e))?;
    drop(file);
    fs::rename(&temp_path, path).map_err(|e| io_error(path, e))?;
    temp.0 = None;
    Ok(value)
}

/// The error of a failed write to `path`, for the closure of
/// [`atomic_write`].
///
/// ```
/// let e = cftc_cot::export::io_failure("out.csv", std::io::Error::other("disk full"));
/// assert!(e.is_io_error());
/// assert!(e.to_string().starts_with("out.csv"));
/// ```
pub fn io_failure(path: impl AsRef<Path>, source: io::Error) -> Error {
    io_error(path.as_ref(), source)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_fragment() {
        let dir = std::env::temp_dir().join(format!("cftc-cot-atomic-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("out.csv");
        fs::write(&path, "good\n").unwrap();
        let result: Result<()> = atomic_write(&path, |w| {
            w.write_all(&[b'x'; 100_000]).unwrap();
            Err(io_failure(&path, io::Error::other("disk full")))
        });
        assert!(result.is_err());
        assert_eq!(fs::read_to_string(&path).unwrap(), "good\n");
        let left: Vec<_> = fs::read_dir(&dir).unwrap().flatten().collect();
        assert_eq!(left.len(), 1, "{left:?}");
        atomic_write(&path, |w| {
            w.write_all(b"new\n").map_err(|e| io_failure(&path, e))
        })
        .unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new\n");
        // A directory that does not exist: an error naming the file.
        let err = atomic_write(dir.join("no/such/dir.csv"), |_| Ok(())).unwrap_err();
        assert!(err.to_string().contains("dir.csv"), "{err}");
        fs::remove_dir_all(&dir).unwrap();
    }
}
