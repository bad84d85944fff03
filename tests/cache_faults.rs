//! Issue 22, items 1, 2 and 8: every file of the download cache that cannot
//! be understood is a damaged entry (moved aside and fetched again, never
//! a panic), a lock whose holder is gone is taken over at once, a live one
//! is named while it is waited for, and killed runs' temporary files go.
#![cfg(feature = "download")]

use crate::common;

use common::server::{Route, Server};

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use cftc_cot::ErrorKind;
use cftc_cot::source::download::{Archive, Downloader, LockHolder, Outcome, ProgressEvent};
use cftc_cot::{ReportKind, Scope};
use chrono::NaiveDate;
use proptest::prelude::*;

fn legacy_2024() -> Arc<Vec<u8>> {
    let tmp = common::temp_dir();
    let path = common::zip_file(
        tmp.path(),
        "a.zip",
        "annual.txt",
        &std::fs::read("data-samples/legacy_futures_only.txt").unwrap(),
    );
    Arc::new(std::fs::read(path).unwrap())
}

/// The sample holds 2025 rows: served as the 2025 archive.
fn archive() -> Archive {
    Archive::year(ReportKind::Legacy, Scope::FuturesOnly, 2025)
}

fn server() -> Server {
    let server = Server::start();
    server.route(
        "deacot2025.zip",
        Route::Zip {
            bytes: legacy_2024(),
            etag: "\"v1\"".into(),
        },
    );
    server
}

fn downloader(server: &Server, cache: &Path) -> Downloader {
    Downloader::new()
        .base_url(&server.base)
        .cache_dir(cache)
        .today(NaiveDate::from_ymd_opt(2025, 11, 22).unwrap())
        .timeouts(Duration::from_secs(2), Duration::from_secs(2))
        .retries(1, Duration::from_millis(10))
}

fn set_age(path: &Path, age: Duration) {
    let file = std::fs::File::options().write(true).open(path).unwrap();
    file.set_modified(SystemTime::now() - age).unwrap();
}

/// The pid of a process that has ended (and been reaped).
fn dead_pid() -> u32 {
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

fn this_host() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_string())
        .unwrap_or_else(|_| std::env::var("HOSTNAME").unwrap_or_default())
}

fn lock_text(pid: u32) -> String {
    let now = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    format!("pid={pid}\nhost={}\nstarted={now}\n", this_host())
}

/// A meta file whose check time is 2^63 seconds or more panicked every
/// later run (`UNIX_EPOCH + Duration`); now it is a damaged entry: moved
/// aside, and the archive fetched again.
#[test]
fn a_meta_from_the_far_future_is_moved_aside_and_the_archive_fetched_again() {
    let server = server();
    let cache = common::temp_dir();
    let d = downloader(&server, cache.path());
    d.ensure(&archive()).unwrap();
    let meta = cache.path().join("deacot2025.zip.meta");
    let text = std::fs::read_to_string(&meta).unwrap();
    assert!(text.contains("checked="), "{text}");
    for checked in ["9223372036854775808", "18446744073709551615", "99999999999"] {
        let forged: String = text
            .lines()
            .map(|l| {
                if l.starts_with("checked=") {
                    format!("checked={checked}\n")
                } else {
                    format!("{l}\n")
                }
            })
            .collect();
        std::fs::write(&meta, forged).unwrap();
        server.clear_log();
        let again = d.ensure(&archive()).unwrap();
        assert!(
            matches!(again.outcome, Outcome::Downloaded { .. }),
            "{checked}: {}",
            again.outcome
        );
        // An unconditional request: the damaged meta's validators are not used.
        assert_eq!(
            server.requests(),
            [("/history/deacot2025.zip".to_owned(), None)]
        );
        assert!(cache.path().join("deacot2025.zip.meta.damaged").exists());
        let healed = std::fs::read_to_string(&meta).unwrap();
        assert!(!healed.contains(checked), "{healed}");
    }
}

/// A lock left by a run that was killed is taken over at once (it waited
/// 7-10 minutes), and the killed run's temporary files are removed.
#[test]
fn a_dead_runs_lock_is_taken_over_at_once_and_its_leftovers_removed() {
    if !Path::new("/proc/self").exists() {
        return; // liveness is told through /proc
    }
    let server = server();
    let cache = common::temp_dir();
    let pid = dead_pid();
    let lock = cache.path().join(".deacot2025.zip.lock");
    std::fs::write(&lock, lock_text(pid)).unwrap();
    let part = cache.path().join(format!(".deacot2025.zip.{pid}.123.part"));
    std::fs::write(&part, b"half a download").unwrap();
    set_age(&part, Duration::from_secs(120));
    // A fresh one of a dead run: it may be another host's, still writing.
    let fresh = cache.path().join(format!(".deacot2025.zip.{pid}.456.part"));
    std::fs::write(&fresh, b"just written").unwrap();
    let waits = Arc::new(Mutex::new(Vec::new()));
    let seen = waits.clone();
    let d = downloader(&server, cache.path())
        .deadline(Duration::from_secs(600))
        .progress(move |e: &ProgressEvent<'_>| {
            if let ProgressEvent::Waiting { holder, .. } = e {
                seen.lock().unwrap().push(holder.pid);
            }
        });
    let started = Instant::now();
    let got = d.ensure(&archive()).unwrap();
    assert!(matches!(got.outcome, Outcome::Downloaded { .. }));
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert!(
        waits.lock().unwrap().is_empty(),
        "a dead holder is not waited for"
    );
    assert!(!part.exists(), "the dead run's old part is removed");
    assert!(fresh.exists(), "a part written a moment ago is left");
    assert!(!lock.exists(), "the lock is released");
}

/// A live holder is named (once) and waited for only while it lives.
#[test]
fn a_live_holder_is_named_and_waited_for_while_it_lives() {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let server = server();
    let cache = common::temp_dir();
    let mut holder = std::process::Command::new("sleep")
        .arg("1.5")
        .spawn()
        .unwrap();
    let lock = cache.path().join(".deacot2025.zip.lock");
    std::fs::write(&lock, lock_text(holder.id())).unwrap();
    let reaper = std::thread::spawn(move || holder.wait());
    let waits: Arc<Mutex<Vec<(LockHolder, Duration)>>> = Arc::default();
    let seen = waits.clone();
    let d = downloader(&server, cache.path())
        .deadline(Duration::from_secs(30))
        .progress(move |e: &ProgressEvent<'_>| {
            if let ProgressEvent::Waiting { holder, up_to, .. } = e {
                seen.lock().unwrap().push(((*holder).clone(), *up_to));
            }
        });
    let started = Instant::now();
    let got = d.ensure(&archive()).unwrap();
    let waited = started.elapsed();
    reaper.join().unwrap().unwrap();
    assert!(matches!(got.outcome, Outcome::Downloaded { .. }));
    let waits = waits.lock().unwrap();
    assert_eq!(waits.len(), 1, "{waits:?}");
    let (who, up_to) = &waits[0];
    assert_eq!(who.host, this_host());
    assert!(*up_to <= Duration::from_secs(30) && *up_to > Duration::from_secs(25));
    assert!(who.to_string().contains("process"), "{who}");
    // Waited for the sleeper (1.5 s), not for the 30 s deadline.
    assert!(
        waited >= Duration::from_millis(1000) && waited < Duration::from_secs(10),
        "{waited:?}"
    );
}

/// A lock file that names nobody (damaged, or an older version's empty
/// one) is taken over once it is a moment old.
#[test]
fn a_lock_that_names_nobody_is_taken_over() {
    let server = server();
    let cache = common::temp_dir();
    let lock = cache.path().join(".deacot2025.zip.lock");
    std::fs::write(&lock, b"").unwrap();
    set_age(&lock, Duration::from_secs(10));
    let started = Instant::now();
    downloader(&server, cache.path())
        .deadline(Duration::from_secs(600))
        .ensure(&archive())
        .unwrap();
    assert!(started.elapsed() < Duration::from_secs(5));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Arbitrary bytes as the archive's meta file or lock file: a run
    /// online ends with the archive (fetched again where the meta was not
    /// understood), offline with the copy or a typed error; never a panic.
    #[test]
    fn any_bytes_in_a_cache_file_give_a_typed_outcome(
        meta in proptest::collection::vec(any::<u8>(), 0..200),
        lock in proptest::collection::vec(any::<u8>(), 0..200),
        text_meta in "[a-z_]{0,12}=[0-9a-z\"-]{0,24}(\n[a-z_]{0,12}=[0-9a-zA-Z\"-]{0,24}){0,6}",
    ) {
        let server = server();
        let cache = common::temp_dir();
        let d = downloader(&server, cache.path()).deadline(Duration::from_secs(20));
        d.ensure(&archive()).unwrap();
        for bytes in [meta, text_meta.into_bytes()] {
            std::fs::write(cache.path().join("deacot2025.zip.meta"), &bytes).unwrap();
            let lock_path = cache.path().join(".deacot2025.zip.lock");
            std::fs::write(&lock_path, &lock).unwrap();
            set_age(&lock_path, Duration::from_secs(5));
            let started = Instant::now();
            match d.clone().offline(true).ensure(&archive()) {
                Ok(c) => prop_assert!(c.path.exists()),
                Err(e) => prop_assert!(
                    matches!(e.kind(), ErrorKind::Offline { .. } | ErrorKind::HttpStatus { .. }),
                    "{e}"
                ),
            }
            let got = d.ensure(&archive());
            prop_assert!(got.is_ok(), "{:?}", got.err());
            prop_assert!(started.elapsed() < Duration::from_secs(10));
        }
    }
}

/// Item 9: a cache that cannot be written (made immutable here) does not
/// turn a 404 into an I/O failure: the answer is the 404, and the run is
/// told the cache was not written.
#[test]
fn a_read_only_cache_degrades_to_reading_with_a_warning() {
    let server = server();
    let cache = common::temp_dir();
    let past = Archive::year(ReportKind::Legacy, Scope::FuturesOnly, 2024);
    let notes = Arc::new(Mutex::new(Vec::new()));
    let seen = notes.clone();
    let d = downloader(&server, cache.path()).progress(move |e: &ProgressEvent<'_>| {
        if let ProgressEvent::CacheNotWritten { archive, error } = e {
            seen.lock()
                .unwrap()
                .push(format!("{} {error}", archive.file_name()));
        }
    });
    d.ensure(&archive()).unwrap();
    let locked = std::process::Command::new("chattr")
        .args(["+i", cache.path().to_str().unwrap()])
        .status()
        .is_ok_and(|s| s.success());
    if !locked {
        eprintln!("skipped: chattr +i is not available here");
        return;
    }
    let missing = d.ensure(&past);
    let cached = d.clone().offline(true).ensure(&archive());
    let _ = std::process::Command::new("chattr")
        .args(["-i", cache.path().to_str().unwrap()])
        .status();
    match missing.map_err(cftc_cot::Error::into_kind) {
        Err(ErrorKind::HttpStatus { status: 404, .. }) => {}
        other => panic!("{other:?}"),
    }
    assert!(cached.is_ok());
    let notes = notes.lock().unwrap();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(notes[0].starts_with("deacot2024.zip"), "{notes:?}");
}
