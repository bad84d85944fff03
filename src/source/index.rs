//! Where the market directory keeps what it learned of each file, so that
//! a second question does not read every file again.
//!
//! The index lives in a directory of its own (by default `index/` in the
//! download cache) and holds three kinds of file, all plain CSV written
//! atomically:
//!
//! - `parts/<digest>.index`: what one input holds (per code: each name,
//!   each report and scope, with dates and rows, and the latest open
//!   interest), keyed by a digest of the input's bytes, so a file copied,
//!   touched or downloaded again with the same content is never decoded
//!   twice, and a new vintage of an archive is a new part;
//! - `source-<id>.index`: for one source (a set of paths, or the cache),
//!   each input's path, size, modification time and digest: a file whose
//!   size and time are unchanged is taken from its part without being
//!   opened;
//! - `merged-<id>.index`: the whole directory of that source, with a
//!   fingerprint of the inputs it was merged from, so a warm question
//!   reads one file.
//!
//! Any index file that cannot be read or understood is treated as absent
//! and rebuilt from the inputs; one that cannot be written leaves the
//! answer as it is and says so. A file modified within two seconds of its
//! indexing is checked again by its digest next time (a change within the
//! file system's time resolution would otherwise go unseen).

use std::collections::HashMap;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

/// A file's entry in a source's manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct FileEntry {
    /// The file's path, made absolute.
    pub path: String,
    /// Its size in bytes.
    pub size: u64,
    /// Its modification time, in nanoseconds since 1970.
    pub modified_ns: u64,
    /// When its digest was taken, in nanoseconds since 1970.
    pub checked_ns: u64,
    /// The digest of its bytes ([`digest`]).
    pub digest: String,
    /// Rows a lenient read skipped as bad: a strict question reads the
    /// file again to fail on them.
    pub skipped_rows: u64,
}

impl FileEntry {
    /// Whether the entry still describes the file, as far as its size and
    /// time tell: both unchanged, and the file not modified so close to
    /// its indexing that a later change could keep the same time.
    pub fn matches(&self, stat: Stat) -> bool {
        self.size == stat.size
            && self.modified_ns == stat.modified_ns
            && self.checked_ns.saturating_sub(self.modified_ns) > RACY.as_nanos() as u64
    }
}

/// How close to its indexing a file's modification makes its time
/// untrustworthy.
const RACY: Duration = Duration::from_secs(2);

/// A file's size and modification time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stat {
    pub size: u64,
    pub modified_ns: u64,
}

/// The size and time of a file, if it has them (a time before 1970 or
/// past 2554 has none the index can use).
pub(crate) fn stat(path: &Path) -> Option<Stat> {
    let meta = fs::metadata(path).ok()?;
    let modified = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    Some(Stat {
        size: meta.len(),
        modified_ns: u64::try_from(modified.as_nanos()).ok()?,
    })
}

/// Now, in nanoseconds since 1970.
pub(crate) fn now_ns() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .ok()
        .and_then(|d| u64::try_from(d.as_nanos()).ok())
        .unwrap_or(0)
}

/// The key of a path in a manifest: absolute, symlinks resolved.
pub(crate) fn key(path: &Path) -> String {
    fs::canonicalize(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}

/// FNV-1a over 64-bit words: a fast, stable hash (the standard library's
/// is neither stable across releases nor meant for files).
#[derive(Debug, Clone, Copy)]
struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    fn bytes(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let mut b = [0u8; 8];
            b.copy_from_slice(w);
            self.0 = (self.0 ^ u64::from_le_bytes(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        for &b in words.remainder() {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

/// A digest of a text: for source ids and fingerprints.
pub(crate) fn text_digest(text: &str) -> String {
    let mut h = Fnv::new();
    h.bytes(text.as_bytes());
    format!("{:016x}", h.0)
}

/// A digest of a file's bytes: its length, CRC-32 and a 64-bit FNV-1a,
/// read in 64 KiB blocks (bounded memory whatever the file).
pub(crate) fn digest(path: &Path) -> io::Result<String> {
    let mut file = fs::File::open(path)?;
    let mut buf = vec![0u8; 64 * 1024];
    let mut crc = crc32fast::Hasher::new();
    let mut fnv = Fnv::new();
    let mut len: u64 = 0;
    loop {
        let n = file.read(&mut buf)?;
        let Some(block) = buf.get(..n).filter(|b| !b.is_empty()) else {
            break;
        };
        crc.update(block);
        fnv.bytes(block);
        len = len.saturating_add(n as u64);
    }
    Ok(format!("{len:x}-{:08x}-{:016x}", crc.finalize(), fnv.0))
}

/// The index's directory.
#[derive(Debug, Clone)]
pub(crate) struct Store {
    dir: PathBuf,
}

/// The most bytes an index file may hold: a directory of CFTC's whole
/// history is a few megabytes.
const MAX_INDEX_FILE: u64 = 256 << 20;

impl Store {
    pub fn new(dir: PathBuf) -> Self {
        Store { dir }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn manifest_path(&self, id: &str) -> PathBuf {
        self.dir.join(format!("source-{id}.index"))
    }

    fn merged_path(&self, id: &str) -> PathBuf {
        self.dir.join(format!("merged-{id}.index"))
    }

    fn part_path(&self, digest: &str) -> PathBuf {
        self.dir.join("parts").join(format!("{digest}.index"))
    }

    /// A source's manifest, by path; empty when there is none, and when
    /// it cannot be read or understood (then rebuilt).
    pub fn manifest(&self, id: &str) -> HashMap<String, FileEntry> {
        let Some(text) = read_small(&self.manifest_path(id)) else {
            return HashMap::new();
        };
        let mut out = HashMap::new();
        for row in csv::Reader::from_reader(text.as_bytes()).deserialize::<FileEntry>() {
            match row {
                Ok(e) if is_digest(&e.digest) => {
                    out.insert(e.path.clone(), e);
                }
                _ => return HashMap::new(),
            }
        }
        out
    }

    /// Writes a source's manifest.
    pub fn write_manifest(&self, id: &str, entries: &[FileEntry]) -> crate::Result<()> {
        let path = self.manifest_path(id);
        self.write(&path, |w| {
            let mut csv = csv::Writer::from_writer(w);
            for e in entries {
                csv.serialize(e).map_err(|e| csv_failure(&path, e))?;
            }
            csv.flush().map_err(|e| crate::atomic::io_failure(&path, e))
        })
    }

    /// The lines of a part (with its skipped rows), if it is there and
    /// whole.
    pub fn part(&self, digest: &str) -> Option<(u64, String)> {
        if !is_digest(digest) {
            return None;
        }
        let text = read_small(&self.part_path(digest))?;
        let (head, body) = text.split_once('\n')?;
        let skipped = head.strip_prefix("# skipped ")?.parse().ok()?;
        Some((skipped, body.to_string()))
    }

    pub fn write_part(&self, digest: &str, skipped: u64, lines: &[u8]) -> crate::Result<()> {
        let path = self.part_path(digest);
        self.write(&path, |w| {
            use std::io::Write;
            writeln!(w, "# skipped {skipped}")
                .and_then(|()| w.write_all(lines))
                .map_err(|e| crate::atomic::io_failure(&path, e))
        })
    }

    /// The merged lines of a source, if they were merged from the inputs
    /// `fingerprint` describes.
    pub fn merged(&self, id: &str, fingerprint: &str) -> Option<String> {
        let text = read_small(&self.merged_path(id))?;
        let (head, body) = text.split_once('\n')?;
        (head.strip_prefix("# ")? == fingerprint).then(|| body.to_string())
    }

    pub fn write_merged(&self, id: &str, fingerprint: &str, lines: &[u8]) -> crate::Result<()> {
        let path = self.merged_path(id);
        self.write(&path, |w| {
            use std::io::Write;
            writeln!(w, "# {fingerprint}")
                .and_then(|()| w.write_all(lines))
                .map_err(|e| crate::atomic::io_failure(&path, e))
        })
    }

    fn write(
        &self,
        path: &Path,
        write: impl FnOnce(&mut io::BufWriter<fs::File>) -> crate::Result<()>,
    ) -> crate::Result<()> {
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| crate::atomic::io_failure(parent, e))?;
        }
        crate::atomic::atomic_write(path, write)
    }

    /// Removes the parts no manifest names any more, once they are a day
    /// old (a part that young may belong to a run still writing its
    /// manifest).
    pub fn collect_garbage(&self) {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        let mut live = std::collections::HashSet::new();
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            if let Some(id) = name
                .strip_prefix("source-")
                .and_then(|n| n.strip_suffix(".index"))
            {
                live.extend(self.manifest(id).into_values().map(|e| e.digest));
            }
        }
        let Ok(parts) = fs::read_dir(self.dir.join("parts")) else {
            return;
        };
        let day = Duration::from_secs(24 * 3600);
        for part in parts.flatten() {
            let name = part.file_name().to_string_lossy().to_string();
            let digest = name.strip_suffix(".index").unwrap_or(&name);
            let old = part
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > day);
            if old && !live.contains(digest) {
                let _ = fs::remove_file(part.path());
            }
        }
    }
}

/// Whether a text is a digest as [`digest`] writes it (so that a damaged
/// manifest cannot name a path outside the index).
pub(crate) fn is_digest(text: &str) -> bool {
    !text.is_empty() && text.len() <= 64 && text.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-')
}

/// A whole index file as text, or `None` when it is missing, too large,
/// unreadable or not UTF-8.
fn read_small(path: &Path) -> Option<String> {
    let file = fs::File::open(path).ok()?;
    let mut text = String::new();
    file.take(MAX_INDEX_FILE + 1)
        .read_to_string(&mut text)
        .ok()?;
    (text.len() as u64 <= MAX_INDEX_FILE).then_some(text)
}

fn csv_failure(path: &Path, e: csv::Error) -> crate::Error {
    crate::atomic::io_failure(path, io::Error::other(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_tell_contents_apart_and_are_stable() {
        let dir = std::env::temp_dir().join(format!("cftc-cot-digest-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let a = dir.join("a");
        fs::write(&a, b"0123456789abcdef-tail").unwrap();
        let first = digest(&a).unwrap();
        assert_eq!(digest(&a).unwrap(), first);
        fs::write(&a, b"0123456789abcdeg-tail").unwrap();
        assert_ne!(digest(&a).unwrap(), first);
        assert!(is_digest(&first));
        assert!(!is_digest("../../etc/passwd"));
        fs::remove_dir_all(&dir).unwrap();
    }
}
