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

/// Who holds a lock file of the cache: written into the file when it is
/// taken, so that a run that finds it can tell a live holder (wait, and
/// say so) from a dead one (take over at once).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockHolder {
    /// The holder's process id.
    pub pid: u32,
    /// The holder's host name.
    pub host: String,
    /// When the holder took the lock, in seconds since 1970.
    pub started: u64,
}

impl LockHolder {
    fn this_process() -> Self {
        LockHolder {
            pid: std::process::id(),
            host: host_name(),
            started: unix_seconds(SystemTime::now()),
        }
    }

    fn to_text(&self) -> String {
        format!(
            "pid={}\nhost={}\nstarted={}\n",
            self.pid, self.host, self.started
        )
    }

    /// The holder a lock file names, or `None` when the file says nothing
    /// this crate wrote (empty, damaged, another program's).
    fn parse(text: &str) -> Option<Self> {
        let (mut pid, mut host, mut started) = (None, None, None);
        for line in text.lines() {
            match line.split_once('=')? {
                ("pid", v) => pid = Some(v.parse().ok()?),
                ("host", v) if v.len() <= 255 => host = Some(v.to_string()),
                ("started", v) => started = Some(v.parse().ok()?),
                _ => return None,
            }
        }
        Some(LockHolder {
            pid: pid?,
            host: host?,
            started: started?,
        })
    }

    /// Whether the holder runs: `Some` only where that can be told (a
    /// holder on this host, on a system with `/proc`).
    pub(crate) fn alive(&self) -> Option<bool> {
        if self.host != host_name() {
            return None;
        }
        process_alive(self.pid)
    }
}

impl std::fmt::Display for LockHolder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let age = unix_seconds(SystemTime::now()).saturating_sub(self.started);
        write!(
            f,
            "process {} on {} (for {age} s)",
            self.pid,
            crate::error::show_raw(self.host.as_bytes())
        )
    }
}

/// This host's name, as the kernel has it (or `HOSTNAME`), `unknown`
/// where neither says.
pub(crate) fn host_name() -> String {
    fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "unknown".into())
}

/// Whether a process of this host runs, where the system says (Linux's
/// `/proc`); `None` elsewhere.
pub(crate) fn process_alive(pid: u32) -> Option<bool> {
    if pid == std::process::id() {
        return Some(true);
    }
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return None;
    }
    Some(proc.join(pid.to_string()).exists())
}

/// What a run waiting on a lock is told: who holds it and how long the
/// run will wait at most.
pub(crate) type OnWait<'a> = &'a (dyn Fn(&LockHolder, Duration) + Sync);

/// How long a lock file that names no holder may stay before it is taken
/// over: the moment between its creation and its holder's note.
const UNNAMED_GRACE: Duration = Duration::from_secs(2);

/// Takes a lock file, waiting while another live process holds it.
///
/// A lock whose holder is gone (a run killed, a machine restarted) is
/// taken over at once; so is a lock file that names no holder after a
/// moment (damaged, or left by an older version). A live holder is waited
/// for, and `on_wait` is told who it is, once, with the longest wait: up to
/// `deadline` (its own download ends by then, one way or the other), or
/// until it is gone. A holder whose liveness cannot be told (another host,
/// no `/proc`) is waited for until its lock is older than `deadline`.
/// Where no lock file can be made (a read-only cache), goes on without.
pub(crate) fn lock_file(path: PathBuf, deadline: Duration, on_wait: OnWait<'_>) -> Lock {
    let started = std::time::Instant::now();
    let mut waited = false;
    loop {
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut file) => {
                // Best effort: a lock without its note is taken over after
                // UNNAMED_GRACE, which is what a note would have prevented.
                let _ = file.write_all(LockHolder::this_process().to_text().as_bytes());
                return Lock {
                    path: Some(path),
                    waited,
                };
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                let age = fs::metadata(&path)
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| SystemTime::now().duration_since(t).ok())
                    .unwrap_or(Duration::ZERO);
                let holder = read_bounded(&path, 1024)
                    .ok()
                    .and_then(|b| String::from_utf8(b).ok())
                    .and_then(|t| LockHolder::parse(&t));
                let take_over = match &holder {
                    None => age > UNNAMED_GRACE,
                    Some(h) => match h.alive() {
                        Some(alive) => !alive,
                        None => age > deadline,
                    },
                } || started.elapsed() > deadline;
                if take_over {
                    let _ = fs::remove_file(&path);
                    continue;
                }
                if !waited && let Some(h) = &holder {
                    on_wait(h, deadline.saturating_sub(started.elapsed()));
                }
                waited = true;
                std::thread::sleep(super::LOCK_POLL);
            }
            Err(_) => {
                return Lock { path: None, waited };
            }
        }
    }
}

/// Reads at most `limit` bytes of a file.
fn read_bounded(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    File::open(path)?.take(limit).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Removes the temporary files (`.NAME.PID.NANOS.part`) that runs killed
/// before they could clean up left in `dir`: those whose process is gone
/// (and that have not changed for a minute: a process of the same number
/// on another host sharing the cache would still be writing), and any older
/// than `deadline`. Returns how many were removed.
pub(crate) fn clean_dead_parts(dir: &Path, prefix: &str, deadline: Duration) -> usize {
    const QUIET: Duration = Duration::from_secs(60);
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let now = SystemTime::now();
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(stem) = name
            .strip_prefix('.')
            .filter(|n| n.starts_with(prefix))
            .and_then(|n| n.strip_suffix(".part"))
        else {
            continue;
        };
        let age = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| now.duration_since(t).ok())
            .unwrap_or(Duration::ZERO);
        // `NAME.PID.NANOS`: the pid is the second field from the end.
        let pid = stem.rsplit('.').nth(1).and_then(|p| p.parse::<u32>().ok());
        let dead = pid.and_then(process_alive) == Some(false) && age > QUIET;
        if (dead || age > deadline) && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
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
