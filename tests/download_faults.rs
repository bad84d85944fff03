//! The downloader against a misbehaving server on 127.0.0.1 (issue 14):
//! every fault ends within a bounded time in a typed error or a good cache.
#![cfg(feature = "download")]

use crate::common;

use common::server::{Route, Server};

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use cftc_cot::ErrorKind;
use cftc_cot::read::ReaderBuilder;
use cftc_cot::source::download::{Archive, Downloader, Outcome};
use cftc_cot::{ReportKind, Scope};
use chrono::NaiveDate;

fn zip_of(member: &str, text: &[u8]) -> Arc<Vec<u8>> {
    let tmp = common::temp_dir();
    let path = common::zip_file(tmp.path(), "a.zip", member, text);
    Arc::new(std::fs::read(path).unwrap())
}

/// The synthetic legacy sample (2025 rows) as CFTC's 2025 archive.
fn legacy_2025() -> Arc<Vec<u8>> {
    zip_of(
        "annual.txt",
        &std::fs::read("data-samples/legacy_futures_only.txt").unwrap(),
    )
}

fn year(y: i32) -> Archive {
    Archive::year(ReportKind::Legacy, Scope::FuturesOnly, y)
}

fn downloader(server: &Server, cache: &Path) -> Downloader {
    Downloader::new()
        .base_url(&server.base)
        .cache_dir(cache)
        .today(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap())
        .timeouts(Duration::from_secs(2), Duration::from_secs(2))
        .retries(3, Duration::from_millis(10))
}

/// Item 1: a server that drips one byte at a time is cut off at the
/// deadline; a timed-out attempt is retried once, not four times; and once
/// one archive timed out the others are not tried.
#[test]
fn a_dripping_server_is_cut_off_at_the_deadline() {
    let server = Server::start();
    let body = legacy_2025();
    for y in [2023, 2024, 2025] {
        server.route(
            &format!("deacot{y}.zip"),
            Route::Drip(body.clone(), Duration::from_millis(20)),
        );
    }
    let cache = common::temp_dir();
    let d = downloader(&server, cache.path())
        .deadline(Duration::from_millis(600))
        .parallel(1);
    let started = Instant::now();
    let err = d.ensure(&year(2025)).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Timeout { .. }), "{err}");
    // One attempt and one retry of 0.6 s each, not 4 x 60 s.
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(server.requests_for("deacot2025.zip"), 2);
    // Three archives: after the first times out, the rest are not asked for.
    server.clear_log();
    let started = Instant::now();
    let results = d.ensure_all(&[year(2023), year(2024), year(2025)]);
    assert!(results.iter().all(|r| r.is_err()));
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(server.requests().len(), 2, "{:?}", server.requests());
    let leftovers: Vec<_> = std::fs::read_dir(cache.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".part") || n.ends_with(".lock"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// Item 7: a truncated archive in the cache is moved aside and fetched
/// again, and the outcome says so; the current year's copy too, without a
/// conditional request that would keep it.
#[test]
fn a_damaged_cached_archive_heals() {
    let server = Server::start();
    let body = legacy_2025();
    server.route(
        "deacot2025.zip",
        Route::Zip {
            bytes: body.clone(),
            etag: "\"v1\"".into(),
        },
    );
    let cache = common::temp_dir();
    let d = downloader(&server, cache.path());
    let first = d.ensure(&year(2025)).unwrap();
    assert!(matches!(first.outcome, Outcome::Downloaded { .. }));
    let bytes = std::fs::read(&first.path).unwrap();
    std::fs::write(&first.path, &bytes[..bytes.len() / 2]).unwrap();
    server.clear_log();
    let again = d.ensure(&year(2025)).unwrap();
    assert!(
        matches!(again.outcome, Outcome::Repaired { .. }),
        "{}",
        again.outcome
    );
    assert!(again.outcome.to_string().contains("damaged"));
    // A full GET, not a conditional one the server would answer with 304.
    assert_eq!(
        server.requests(),
        [("/history/deacot2025.zip".to_owned(), None)]
    );
    assert_eq!(std::fs::read(&again.path).unwrap(), *body);
    assert!(cache.path().join("deacot2025.zip.damaged").exists());
    let (records, _) = ReaderBuilder::new()
        .from_path(&again.path)
        .unwrap()
        .read_all()
        .unwrap();
    assert!(!records.is_empty());
    // Offline, a damaged copy is not served: it is missing.
    std::fs::write(&again.path, b"PK\x03\x04 not a zip").unwrap();
    match d
        .clone()
        .offline(true)
        .ensure(&year(2025))
        .map_err(cftc_cot::Error::into_kind)
    {
        Err(ErrorKind::Offline { missing }) => assert_eq!(missing, ["deacot2025.zip"]),
        other => panic!("{other:?}"),
    }
}

/// Item 9: 429 with `Retry-After` is waited out; one asking for an hour
/// falls back to the cached copy like a 5xx, or is an error without one.
#[test]
fn too_many_requests_are_waited_out_or_fall_back() {
    let server = Server::start();
    let body = legacy_2025();
    let zip = Route::Zip {
        bytes: body.clone(),
        etag: "\"v1\"".into(),
    };
    server.route(
        "deacot2025.zip",
        Route::TooMany(1, 1, Box::new(zip.clone())),
    );
    let cache = common::temp_dir();
    // In 2025 the 2025 archive is the current year's, checked again.
    let in_2025 = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
    let d = downloader(&server, cache.path()).today(in_2025);
    let started = Instant::now();
    let got = d.ensure(&year(2025)).unwrap();
    assert!(matches!(got.outcome, Outcome::Downloaded { .. }));
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After ignored"
    );
    // An hour: not waited for; the cached copy serves.
    server.route("deacot2025.zip", Route::TooMany(10, 3600, Box::new(zip)));
    let stale = d
        .clone()
        .revalidate_after(Duration::ZERO)
        .ensure(&year(2025))
        .unwrap();
    assert_eq!(stale.outcome, Outcome::Stale);
    let empty = common::temp_dir();
    let started = Instant::now();
    let err = downloader(&server, empty.path())
        .today(in_2025)
        .ensure(&year(2025))
        .unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::HttpStatus { status: 429, .. }),
        "{err}"
    );
    assert!(started.elapsed() < Duration::from_secs(3));
}

/// Item 9: redirects to the same host are followed; to another host, or
/// from https to http, they are refused with a sentence.
#[test]
fn redirects_stay_on_the_host() {
    let server = Server::start();
    server.route(
        "deacot2025.zip",
        Route::Redirect(format!("{}moved/deacot2025.zip", server.base)),
    );
    server.route(
        "moved/deacot2025.zip",
        Route::Zip {
            bytes: legacy_2025(),
            etag: "\"m\"".into(),
        },
    );
    server.route(
        "deacot2024.zip",
        Route::Redirect("http://203.0.113.9/deacot2024.zip".into()),
    );
    let cache = common::temp_dir();
    let d = downloader(&server, cache.path());
    assert!(d.ensure(&year(2025)).is_ok());
    let err = d.ensure(&year(2024)).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Redirect { .. }), "{err}");
    let text = err.to_string();
    assert!(
        text.contains("another host") && text.contains("203.0.113.9"),
        "{text}"
    );
}

/// Item 9: an archive whose rows are of another year than its name says
/// is refused and never enters the cache.
#[test]
fn an_archive_of_the_wrong_year_is_refused() {
    let server = Server::start();
    server.route(
        "deacot2019.zip",
        Route::Zip {
            bytes: legacy_2025(),
            etag: "\"x\"".into(),
        },
    );
    let cache = common::temp_dir();
    let err = downloader(&server, cache.path())
        .ensure(&year(2019))
        .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::BadArchive { .. }), "{err}");
    let text = err.to_string();
    assert!(
        text.contains("2025") && text.contains("deacot2019.zip"),
        "{text}"
    );
    // Item 10: the message names the archive, not a temporary file.
    assert!(!text.contains(".part"), "{text}");
    assert!(!cache.path().join("deacot2019.zip").exists());
}

/// Item 9: leftover temporary files of a killed run are removed; two
/// downloaders sharing a cache download an archive once.
#[test]
fn leftovers_are_cleaned_and_concurrent_runs_share_one_download() {
    let server = Server::start();
    let body = legacy_2025();
    server.route(
        "deacot2025.zip",
        Route::Slow(body.clone(), Duration::from_millis(500)),
    );
    let cache = common::temp_dir();
    let old = cache.path().join(".deacot2025.zip.999.1.part");
    let file = std::fs::File::create(&old).unwrap();
    file.set_modified(std::time::SystemTime::now() - Duration::from_secs(3600))
        .unwrap();
    drop(file);
    let d = downloader(&server, cache.path()).deadline(Duration::from_secs(30));
    let outcomes: Vec<Outcome> = std::thread::scope(|s| {
        let a = s.spawn(|| d.ensure(&year(2025)).unwrap().outcome);
        std::thread::sleep(Duration::from_millis(100));
        let b = s.spawn(|| d.ensure(&year(2025)).unwrap().outcome);
        vec![a.join().unwrap(), b.join().unwrap()]
    });
    assert_eq!(server.requests_for("deacot2025.zip"), 1, "{outcomes:?}");
    assert!(outcomes.contains(&Outcome::Cached), "{outcomes:?}");
    assert!(!old.exists());
}

/// Item 10: a cache path that is a file says so.
#[test]
fn a_cache_path_that_is_a_file_says_so() {
    let server = Server::start();
    server.route(
        "deacot2025.zip",
        Route::Zip {
            bytes: legacy_2025(),
            etag: "\"v\"".into(),
        },
    );
    let tmp = common::temp_dir();
    let file = tmp.path().join("cache");
    std::fs::write(&file, "not a directory").unwrap();
    let err = downloader(&server, &file).ensure(&year(2025)).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("is a file, not a directory"), "{text}");
    assert!(text.contains("CFTC_COT_CACHE"), "{text}");
}

/// A legacy archive whose rows are the sample's rows of 2025-03-11, dated
/// each of `dates` instead.
fn legacy_year(dates: &[NaiveDate]) -> Arc<Vec<u8>> {
    let text = std::fs::read_to_string("data-samples/legacy_futures_only.txt").unwrap();
    let mut lines = text.lines();
    let mut out = format!("{}\n", lines.next().unwrap());
    let rows: Vec<&str> = lines
        .filter(|l| l.contains(",250311,2025-03-11,"))
        .collect();
    assert!(!rows.is_empty());
    for d in dates {
        for row in &rows {
            let dated = row.replace(
                ",250311,2025-03-11,",
                &format!(",{},{},", d.format("%y%m%d"), d),
            );
            out.push_str(&dated);
            out.push('\n');
        }
    }
    zip_of("annual.txt", out.as_bytes())
}

/// Item 8: a year is final when its copy holds the year's last report, or
/// when the next year's first report is out and the copy still ends where
/// it did; never because of the calendar alone. In the 2018-2019 shutdown a
/// copy fetched in mid-January 2019 lacked late December.
#[test]
fn a_year_is_final_when_the_data_say_so() {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    let server = Server::start();
    let early = legacy_year(&[d(2018, 12, 11), d(2018, 12, 18)]);
    let full = legacy_year(&[d(2018, 12, 11), d(2018, 12, 18), d(2018, 12, 25)]);
    server.route(
        "deacot2018.zip",
        Route::Zip {
            bytes: early,
            etag: "\"early\"".into(),
        },
    );
    let cache = common::temp_dir();
    let on = |day: NaiveDate| downloader(&server, cache.path()).today(day);
    // Mid-January 2019: the file ends 2018-12-18.
    assert!(matches!(
        on(d(2019, 1, 16)).ensure(&year(2018)).unwrap().outcome,
        Outcome::Downloaded { .. }
    ));
    // Days later, still the same file and no 2019 report: asked again
    // (a calendar rule would have frozen it on 2019-01-16).
    server.clear_log();
    assert_eq!(
        on(d(2019, 1, 20)).ensure(&year(2018)).unwrap().outcome,
        Outcome::NotModified
    );
    assert_eq!(server.requests_for("deacot2018.zip"), 1);
    // The late reports arrive in a new build: it is downloaded, and it
    // holds the year's last week, so it is final.
    server.route(
        "deacot2018.zip",
        Route::Zip {
            bytes: full,
            etag: "\"full\"".into(),
        },
    );
    assert!(matches!(
        on(d(2019, 2, 1)).ensure(&year(2018)).unwrap().outcome,
        Outcome::Downloaded { .. }
    ));
    server.clear_log();
    assert_eq!(
        on(d(2019, 3, 1)).ensure(&year(2018)).unwrap().outcome,
        Outcome::Cached
    );
    assert_eq!(server.requests(), []);

    // CFTC's 2021 file built on 2021-12-27 ends at 2021-12-21. Once 2022's
    // first report (2022-01-04) is out and a check finds the file still
    // ending there, it is final.
    server.route(
        "deacot2021.zip",
        Route::Zip {
            bytes: legacy_year(&[d(2021, 12, 14), d(2021, 12, 21)]),
            etag: "\"2021\"".into(),
        },
    );
    server.route(
        "deacot2022.zip",
        Route::Zip {
            bytes: legacy_year(&[d(2022, 1, 4)]),
            etag: "\"2022\"".into(),
        },
    );
    on(d(2021, 12, 27)).ensure(&year(2021)).unwrap();
    // 2022-01-20: not final yet (no 2022 file seen): a check, unchanged.
    on(d(2022, 1, 20)).ensure(&year(2022)).unwrap();
    server.clear_log();
    assert_eq!(
        on(d(2022, 1, 21)).ensure(&year(2021)).unwrap().outcome,
        Outcome::NotModified
    );
    assert_eq!(server.requests_for("deacot2021.zip"), 1);
    // Now it is final: no request within the month after the check...
    server.clear_log();
    assert_eq!(
        on(d(2022, 2, 15)).ensure(&year(2021)).unwrap().outcome,
        Outcome::Cached
    );
    assert_eq!(server.requests_for("deacot2021.zip"), 0);
    // ... then one conditional request a month, in case CFTC restated it.
    assert_eq!(
        on(d(2022, 3, 1)).ensure(&year(2021)).unwrap().outcome,
        Outcome::NotModified
    );
    assert_eq!(server.requests_for("deacot2021.zip"), 1);
}

/// Item 9: a cache the process cannot write to (here: made immutable)
/// still answers from a copy the server confirms with 304.
#[test]
fn a_read_only_cache_answers_a_304() {
    let server = Server::start();
    server.route(
        "deacot2025.zip",
        Route::Zip {
            bytes: legacy_2025(),
            etag: "\"v\"".into(),
        },
    );
    let cache = common::temp_dir();
    let in_2025 = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
    let d = downloader(&server, cache.path())
        .today(in_2025)
        .revalidate_after(Duration::ZERO);
    d.ensure(&year(2025)).unwrap();
    let locked = std::process::Command::new("chattr")
        .args(["+i", cache.path().to_str().unwrap()])
        .status()
        .is_ok_and(|s| s.success());
    if !locked {
        eprintln!("skipped: chattr +i is not available here");
        return;
    }
    assert!(std::fs::write(cache.path().join("probe"), "x").is_err());
    let got = d.ensure(&year(2025));
    let _ = std::process::Command::new("chattr")
        .args(["-i", cache.path().to_str().unwrap()])
        .status();
    assert_eq!(got.unwrap().outcome, Outcome::NotModified);
}
