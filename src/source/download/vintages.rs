//! Every distinct copy of an archive the cache has held: its vintages.
//!
//! CFTC rebuilds the current and previous year's archives every week and
//! has restated closed years; a cache that kept only its latest copy could
//! never say what was known before a restatement, nor what changed. Each
//! copy the downloader installs is kept under `CACHE/vintages/NAME/` by
//! its content digest (an identical copy is stored once, as a hard link
//! where the file system allows), and `CACHE/vintages/NAME/log` lists the
//! changes of the current copy: when it was fetched, its digest and the
//! server's `Last-Modified`. A copy that was never logged (a cache filled
//! before vintages were kept) is logged, with its file's modification time,
//! when a newer copy replaces it.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::error::Result;
use crate::http::files::{TempFile, io_error};
use crate::source::index::{digest, is_digest};

/// One copy of an archive the cache has held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Vintage {
    /// The archive's file name (`deacot2019.zip`).
    pub archive: String,
    /// The content digest (length, CRC-32, FNV-1a), also the stored file's
    /// name.
    pub digest: String,
    /// When the cache fetched it and it became the current copy.
    pub fetched: DateTime<Utc>,
    /// The server's `Last-Modified` for it, if it sent one.
    pub last_modified: Option<String>,
    /// The stored copy.
    pub path: PathBuf,
}

/// The vintage directory of a cache.
#[derive(Debug, Clone)]
pub(crate) struct Store {
    pub dir: PathBuf,
}

/// Whether `name` can be an archive's file name: one plain name, never a
/// path (a name from the command line must not lead out of the cache).
fn plain(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name.len() <= 128
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

impl Store {
    fn archive_dir(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    fn stored(&self, name: &str, digest: &str) -> PathBuf {
        self.archive_dir(name).join(digest)
    }

    /// The vintages of an archive, oldest first: the log's lines whose
    /// copy is there (a line that cannot be read, or whose file is gone,
    /// is passed over).
    pub fn list(&self, name: &str) -> Vec<Vintage> {
        if !plain(name) {
            return Vec::new();
        }
        let Ok(text) = fs::read_to_string(self.archive_dir(name).join("log")) else {
            return Vec::new();
        };
        let mut out: Vec<Vintage> = text
            .lines()
            .filter_map(|line| {
                let mut fields = line.split('\t');
                let fetched = fields.next()?.parse::<i64>().ok()?;
                let digest = fields.next().filter(|d| is_digest(d))?.to_string();
                let last_modified = fields.next().filter(|l| !l.is_empty()).map(String::from);
                let path = self.stored(name, &digest);
                let fetched = DateTime::from_timestamp(fetched, 0)?;
                path.is_file().then(|| Vintage {
                    archive: name.to_string(),
                    digest,
                    fetched,
                    last_modified,
                    path,
                })
            })
            .collect();
        out.sort_by_key(|v| v.fetched);
        out
    }

    /// Logs `file` as the archive's current copy since `fetched`, storing
    /// it unless a copy of the same content is stored; nothing when it is
    /// already the current one.
    pub fn record(
        &self,
        name: &str,
        file: &Path,
        fetched: DateTime<Utc>,
        last_modified: Option<&str>,
    ) -> Result<()> {
        let dir = self.archive_dir(name);
        if !plain(name) {
            return Err(io_error(
                &dir,
                io::Error::other("not an archive's file name: no copy kept"),
            ));
        }
        fs::create_dir_all(&dir).map_err(|e| io_error(&dir, e))?;
        let digest = digest(file).map_err(|e| io_error(file, e))?;
        let list = self.list(name);
        if list.last().is_some_and(|v| v.digest == digest) {
            return Ok(());
        }
        let stored = self.stored(name, &digest);
        if !stored.is_file() {
            let temp = TempFile::new(&dir, &digest);
            if fs::hard_link(file, &temp.path).is_err() {
                fs::copy(file, &temp.path).map_err(|e| io_error(&temp.path, e))?;
            }
            temp.install(&stored)?;
        }
        let mut lines: Vec<String> = list
            .iter()
            .map(|v| line(v.fetched, &v.digest, v.last_modified.as_deref()))
            .collect();
        lines.push(line(fetched, &digest, last_modified));
        self.write_log(name, &lines)
    }

    fn write_log(&self, name: &str, lines: &[String]) -> Result<()> {
        let dir = self.archive_dir(name);
        let temp = TempFile::new(&dir, "log");
        let mut text = lines.join("\n");
        text.push('\n');
        fs::write(&temp.path, text).map_err(|e| io_error(&temp.path, e))?;
        temp.install(&dir.join("log"))
    }

    /// Every archive with vintages, by name.
    pub fn archives(&self) -> Vec<String> {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut names: Vec<String> = entries
            .filter_map(|e| e.ok())
            .filter(|e| e.path().join("log").is_file())
            .filter_map(|e| e.file_name().to_str().map(String::from))
            .filter(|n| plain(n))
            .collect();
        names.sort();
        names
    }

    /// Keeps the last `keep` vintages of every archive (at least the
    /// current one) and removes the stored copies no kept line names;
    /// returns how many copies were removed.
    pub fn prune(&self, keep: usize) -> Result<usize> {
        let mut removed = 0;
        for name in self.archives() {
            let list = self.list(&name);
            let kept = list
                .get(list.len().saturating_sub(keep.max(1))..)
                .unwrap_or(&[]);
            let lines: Vec<String> = kept
                .iter()
                .map(|v| line(v.fetched, &v.digest, v.last_modified.as_deref()))
                .collect();
            self.write_log(&name, &lines)?;
            let dir = self.archive_dir(&name);
            let entries = fs::read_dir(&dir).map_err(|e| io_error(&dir, e))?;
            for entry in entries.filter_map(|e| e.ok()) {
                let file = entry.file_name();
                let Some(file) = file.to_str() else {
                    continue;
                };
                if is_digest(file) && !kept.iter().any(|v| v.digest == file) {
                    match fs::remove_file(entry.path()) {
                        Ok(()) => removed += 1,
                        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                        Err(e) => return Err(io_error(&entry.path(), e)),
                    }
                }
            }
        }
        Ok(removed)
    }
}

fn line(fetched: DateTime<Utc>, digest: &str, last_modified: Option<&str>) -> String {
    // A header value cannot hold a tab or a line break; were one there, the
    // log's line would split.
    let last_modified: String = last_modified
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    format!("{}\t{digest}\t{last_modified}", fetched.timestamp())
}

/// The vintage that was current at `moment`: the last fetched by then.
/// `None` when every vintage was fetched later (the caller says so and uses
/// the oldest).
pub fn current_at(vintages: &[Vintage], moment: DateTime<Utc>) -> Option<&Vintage> {
    vintages.iter().rev().find(|v| v.fetched <= moment)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_are_kept_once_and_logged_when_they_change() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store {
            dir: dir.path().join("vintages"),
        };
        let (a, b) = (dir.path().join("a.zip"), dir.path().join("b.zip"));
        fs::write(&a, b"first copy").unwrap();
        fs::write(&b, b"second copy").unwrap();
        let at = |s| DateTime::from_timestamp(s, 0).unwrap();
        store
            .record("x.zip", &a, at(100), Some("Mon, 01 Jan 2024 00:00:00 GMT"))
            .unwrap();
        store.record("x.zip", &a, at(200), None).unwrap();
        store.record("x.zip", &b, at(300), None).unwrap();
        store.record("x.zip", &a, at(400), None).unwrap();
        let list = store.list("x.zip");
        assert_eq!(list.len(), 3);
        assert_eq!(list[0].digest, list[2].digest);
        assert_eq!(fs::read(&list[1].path).unwrap(), b"second copy");
        assert_eq!(current_at(&list, at(250)).unwrap().fetched, at(100));
        assert_eq!(current_at(&list, at(350)).unwrap().fetched, at(300));
        assert!(current_at(&list, at(50)).is_none());
        // Two distinct contents stored.
        let files = fs::read_dir(store.dir.join("x.zip")).unwrap().count();
        assert_eq!(files, 3); // two copies and the log
        assert_eq!(store.prune(1).unwrap(), 1);
        assert_eq!(store.list("x.zip").len(), 1);
        assert_eq!(store.archives(), vec!["x.zip".to_string()]);
        // A path is no archive's name.
        assert!(store.list("../x.zip").is_empty());
        assert!(store.record("../../y", &a, at(500), None).is_err());
    }
}
