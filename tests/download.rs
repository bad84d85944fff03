//! The downloader against an HTTP server this test starts on 127.0.0.1,
//! serving zips built at test time from the real files under CFTC's names.
//! No request leaves the machine.
#![cfg(feature = "download")]

use crate::common;

use common::server::{Route, Server};

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use cftc_cot::ErrorKind;
use cftc_cot::read::{Filter, ReaderBuilder};
use cftc_cot::source::Source;
use cftc_cot::source::download::{Archive, Downloader, Outcome, ProgressEvent};
use cftc_cot::{Error, ReportKind, Scope};
use chrono::NaiveDate;

/// What the downloader put in the cache, and the records the cache source
/// reads from it (offline, so the read itself makes no request).
#[derive(Debug)]
struct Fetched {
    merged: cftc_cot::source::merge::Merged,
    archives: Vec<cftc_cot::source::download::CachedArchive>,
    missing: Vec<(Archive, Error)>,
}

trait Fetch {
    fn fetch(
        &self,
        kind: ReportKind,
        scope: Scope,
        years: std::ops::RangeInclusive<i32>,
        filter: &Filter,
    ) -> Result<Fetched, Error>;
}

impl Fetch for Downloader {
    fn fetch(
        &self,
        kind: ReportKind,
        scope: Scope,
        years: std::ops::RangeInclusive<i32>,
        filter: &Filter,
    ) -> Result<Fetched, Error> {
        let ensured = self.ensure_report(kind, scope, years.clone())?;
        let loaded = Source::cache(self.clone().offline(true))
            .years(years)
            .load(
                &ReaderBuilder::new().lenient().filter(filter.clone()),
                kind,
                scope,
            )?;
        assert_eq!(loaded.read.len(), ensured.archives.len());
        assert!(loaded.skipped.is_empty(), "{:?}", loaded.skipped);
        Ok(Fetched {
            merged: loaded.merged,
            archives: ensured.archives,
            missing: ensured.missing,
        })
    }
}

fn zip_of(member: &str, text: &[u8]) -> Arc<Vec<u8>> {
    let tmp = common::temp_dir();
    let path = common::zip_file(tmp.path(), "a.zip", member, text);
    Arc::new(std::fs::read(path).unwrap())
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn downloader(server: &Server, cache: &Path) -> Downloader {
    Downloader::new()
        .base_url(&server.base)
        .cache_dir(cache)
        .today(today())
        .timeouts(Duration::from_secs(2), Duration::from_millis(400))
        .retries(2, Duration::from_millis(10))
}

/// The TFF futures-only files, as `(year, member text)`.
fn tff_files(dir: &Path) -> Vec<(i32, PathBuf)> {
    [
        (2015, "2015/FinFutYY.txt"),
        (2017, "2017/FinFut17.txt"),
        (2018, "2018/FinFut18.txt"),
        (2019, "2019/FinFut19.txt"),
        (2020, "2020_modified_full/F_TFF_2020.txt"),
        (2021, "2021/FinFutYY.txt"),
        (2022, "2022/FinFutYY.txt"),
        (2024, "2024/FinFutYY.txt"),
        (2025, "2025_partial_thru_0429/FinFutYY.txt"),
        (2026, "2026_partial_thru_0317/FinFutYY.txt"),
    ]
    .into_iter()
    .map(|(y, p)| (y, dir.join("tff_fut").join(p)))
    .collect()
}

/// Only valid archives and their metadata in the cache: no partial files.
fn cache_is_clean(cache: &Path) {
    for entry in std::fs::read_dir(cache).into_iter().flatten() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(!name.ends_with(".part"), "leftover {name}");
        if name.ends_with(".zip") {
            // Lenient: the modified 2020 file has damaged rows of its own.
            let reader = ReaderBuilder::new().lenient().from_path(&path).unwrap();
            let (_, report) = reader.read_all().unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(report.rows > 0);
        }
    }
}

fn russell() -> Filter {
    Filter::codes(["239742", "23977A"]).unwrap()
}

#[test]
fn cold_then_warm_then_revalidated() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let server = Server::start();
    for (year, path) in tff_files(&dir) {
        let bytes = zip_of("FinFutYY.txt", &std::fs::read(path).unwrap());
        server.route(
            &format!("fut_fin_txt_{year}.zip"),
            Route::Zip {
                bytes,
                etag: format!("\"v{year}\""),
            },
        );
    }
    let cache = common::temp_dir();
    let events = Arc::new(Mutex::new(Vec::<String>::new()));
    let log = events.clone();
    let d = downloader(&server, cache.path()).progress(move |e: &ProgressEvent<'_>| {
        let line = match e {
            ProgressEvent::Started { archive } => format!("start {archive}"),
            ProgressEvent::Bytes { archive, .. } => format!("bytes {archive}"),
            ProgressEvent::Finished { archive, outcome } => format!("done {archive} {outcome}"),
            ProgressEvent::Failed { archive, error } => format!("failed {archive} {error}"),
            other => format!("{other:?}"),
        };
        log.lock().unwrap().push(line);
    });
    // Cold: everything is downloaded; the multi-year archive and 2016 and
    // 2023 are not on this server.
    let cold = d
        .fetch(ReportKind::Tff, Scope::FuturesOnly, 2015..=2026, &russell())
        .unwrap();
    assert_eq!(cold.archives.len(), 10);
    assert!(
        cold.archives
            .iter()
            .all(|a| matches!(a.outcome, Outcome::Downloaded { .. }))
    );
    let missing: Vec<String> = cold.missing.iter().map(|(a, _)| a.file_name()).collect();
    assert_eq!(missing, ["fut_fin_txt_2016.zip", "fut_fin_txt_2023.zip"]);
    assert_eq!(server.requests_for("fin_fut_txt_2006_2016.zip"), 1);
    // The same records as reading the files themselves.
    let direct = cftc_cot::source::merge::read_merged(
        &ReaderBuilder::new().lenient().filter(russell()),
        tff_files(&dir).iter().map(|(_, p)| p),
    )
    .unwrap()
    .0;
    assert_eq!(cold.merged.records, direct.records);
    let events = events.lock().unwrap().clone();
    assert!(events.iter().any(|e| e == "start fut_fin_txt_2024.zip"));
    assert!(events.iter().any(|e| e == "bytes fut_fin_txt_2024.zip"));
    assert!(
        events
            .iter()
            .any(|e| e.starts_with("done fut_fin_txt_2024.zip downloaded"))
    );
    cache_is_clean(cache.path());

    // Warm: no request at all (finished years are final, 2026 was just checked).
    server.clear_log();
    let warm = d
        .fetch(ReportKind::Tff, Scope::FuturesOnly, 2015..=2026, &russell())
        .unwrap();
    assert_eq!(server.requests(), []);
    assert!(warm.archives.iter().all(|a| a.outcome == Outcome::Cached));
    assert_eq!(warm.merged.records, cold.merged.records);

    // Past the revalidation interval: conditional requests for 2026, and
    // for 2025, whose copy ends in April (the file here is partial): a year
    // is final once its copy holds the year's last week, or once a check
    // after the next January found it unchanged (issue 14, item 8).
    server.clear_log();
    let later = d.clone().revalidate_after(Duration::ZERO);
    let again = later
        .fetch(ReportKind::Tff, Scope::FuturesOnly, 2015..=2026, &russell())
        .unwrap();
    let asked = |year: i32| {
        (
            format!("/history/fut_fin_txt_{year}.zip"),
            Some(format!("\"v{year}\"")),
        )
    };
    let mut requests = server.requests();
    requests.sort();
    assert_eq!(requests, [asked(2025), asked(2026)]);
    // The 304 of 2026-11-22 confirmed 2025: now only 2026 is asked for.
    server.clear_log();
    later
        .fetch(ReportKind::Tff, Scope::FuturesOnly, 2015..=2026, &russell())
        .unwrap();
    assert_eq!(server.requests(), [asked(2026)]);
    let current = again
        .archives
        .iter()
        .find(|a| a.archive.file_name() == "fut_fin_txt_2026.zip")
        .unwrap();
    assert_eq!(current.outcome, Outcome::NotModified);

    // Offline: the cache alone serves it; a year not cached is named.
    let offline = d.clone().offline(true);
    assert!(
        offline
            .fetch(ReportKind::Tff, Scope::FuturesOnly, 2017..=2018, &russell())
            .is_ok()
    );
    match offline
        .fetch(
            ReportKind::Legacy,
            Scope::FuturesOnly,
            2024..=2025,
            &russell(),
        )
        .map_err(cftc_cot::Error::into_kind)
    {
        Err(ErrorKind::Offline { missing }) => {
            assert_eq!(missing, ["deacot2024.zip", "deacot2025.zip"])
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn not_yet_published_and_not_found() {
    let server = Server::start();
    let cache = common::temp_dir();
    let d = downloader(&server, cache.path());
    let next_year = Archive::year(ReportKind::Legacy, Scope::FuturesOnly, 2027);
    match d.ensure(&next_year).map_err(cftc_cot::Error::into_kind) {
        Err(ErrorKind::NotYetPublished { url }) => {
            assert!(url.ends_with("/history/deacot2027.zip"))
        }
        other => panic!("{other:?}"),
    }
    let past = Archive::year(ReportKind::Legacy, Scope::FuturesOnly, 2010);
    assert!(matches!(
        d.ensure(&past).map_err(cftc_cot::Error::into_kind),
        Err(ErrorKind::HttpStatus { status: 404, .. })
    ));
    // The 404 of a past year is remembered: no second request.
    assert!(matches!(
        d.ensure(&past).map_err(cftc_cot::Error::into_kind),
        Err(ErrorKind::HttpStatus { status: 404, .. })
    ));
    assert_eq!(server.requests_for("deacot2010.zip"), 1);
    cache_is_clean(cache.path());
}

#[test]
fn server_errors_are_retried() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let server = Server::start();
    let bytes = zip_of(
        "annual.txt",
        &std::fs::read(dir.join("legacy_fut/2004/annual.txt")).unwrap(),
    );
    server.route(
        "deacot2004.zip",
        Route::FailThen(
            2,
            500,
            Box::new(Route::Zip {
                bytes,
                etag: "\"a\"".into(),
            }),
        ),
    );
    let cache = common::temp_dir();
    let got = downloader(&server, cache.path())
        .ensure(&Archive::year(ReportKind::Legacy, Scope::FuturesOnly, 2004))
        .unwrap();
    assert!(matches!(got.outcome, Outcome::Downloaded { .. }));
    assert_eq!(server.requests_for("deacot2004.zip"), 3);
    // Too many failures: the typed status, and nothing in the cache.
    server.route("deacot2005.zip", Route::Status(503));
    let err = downloader(&server, cache.path())
        .ensure(&Archive::year(ReportKind::Legacy, Scope::FuturesOnly, 2005))
        .unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::HttpStatus { status: 503, .. }),
        "{err}"
    );
    assert_eq!(server.requests_for("deacot2005.zip"), 3);
    assert!(!cache.path().join("deacot2005.zip").exists());
    cache_is_clean(cache.path());
}

/// Each fault ends in its typed error, and leaves a good cached copy alone.
#[test]
fn faults_never_corrupt_the_cache() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let server = Server::start();
    let text = std::fs::read(dir.join("tff_fut/2026_partial_thru_0317/FinFutYY.txt")).unwrap();
    let good = zip_of("FinFutYY.txt", &text);
    server.route(
        "fut_fin_txt_2026.zip",
        Route::Zip {
            bytes: good.clone(),
            etag: "\"1\"".into(),
        },
    );
    let cache = common::temp_dir();
    let d = downloader(&server, cache.path()).revalidate_after(Duration::ZERO);
    let archive = Archive::year(ReportKind::Tff, Scope::FuturesOnly, 2026);
    d.ensure(&archive).unwrap();
    let cached = std::fs::read(cache.path().join("fut_fin_txt_2026.zip")).unwrap();
    assert_eq!(cached, *good);

    let mut corrupt = (*good).clone();
    let middle = corrupt.len() / 2;
    for b in &mut corrupt[middle..middle + 64] {
        *b ^= 0x5a;
    }
    // A member declared at 1,000 bytes that inflates to 700 KB.
    let mut bomb = (*good).clone();
    patch_declared_size(&mut bomb, 1000);

    type Check = fn(&Error) -> bool;
    let faults: Vec<(&str, Route, Check)> = vec![
        (
            "cut off",
            Route::Truncate(good.clone(), good.len() / 3),
            |e| matches!(e.kind(), ErrorKind::Truncated { .. }),
        ),
        (
            "slow",
            Route::Slow(good.clone(), Duration::from_millis(1500)),
            |e| matches!(e.kind(), ErrorKind::Timeout { .. }),
        ),
        (
            "html",
            Route::Raw("<!DOCTYPE html><html><body>Maintenance</body></html>"),
            |e| matches!(e.kind(), ErrorKind::NotAZip { first_bytes, .. } if first_bytes.starts_with("<!DOCTYPE html>")),
        ),
        (
            "corrupt",
            Route::Zip {
                bytes: Arc::new(corrupt),
                etag: "\"2\"".into(),
            },
            |e| matches!(e.kind(), ErrorKind::BadArchive { source, .. } if matches!(source.kind(), ErrorKind::Zip { .. })),
        ),
        (
            "bomb",
            Route::Zip {
                bytes: Arc::new(bomb),
                etag: "\"3\"".into(),
            },
            |e| matches!(e.kind(), ErrorKind::BadArchive { source, .. } if matches!(source.kind(), ErrorKind::ZipTooLarge { .. })),
        ),
    ];
    for (name, route, check) in faults {
        server.route("fut_fin_txt_2026.zip", route);
        // With a good copy cached, connection faults fall back to it...
        let over_cache = d.ensure(&archive);
        // ...and on a cold cache every fault is its typed error.
        let cold = common::temp_dir();
        let err = downloader(&server, cold.path())
            .ensure(&archive)
            .unwrap_err();
        assert!(check(&err), "{name}: {err}");
        match over_cache {
            Ok(c) => assert_eq!(c.outcome, Outcome::Stale, "{name}"),
            Err(e) => assert!(check(&e), "{name}: {e}"),
        }
        assert_eq!(
            std::fs::read(cache.path().join("fut_fin_txt_2026.zip")).unwrap(),
            cached,
            "{name}"
        );
        cache_is_clean(cache.path());
        cache_is_clean(cold.path());
        assert!(!cold.path().join("fut_fin_txt_2026.zip").exists(), "{name}");
    }
}

/// Sets the uncompressed size of the first member in its local header and
/// central directory entry.
fn patch_declared_size(zip: &mut [u8], size: u32) {
    let bytes = size.to_le_bytes();
    zip[22..26].copy_from_slice(&bytes);
    let central = zip
        .windows(4)
        .rposition(|w| w == b"PK\x01\x02")
        .expect("central directory");
    zip[central + 24..central + 28].copy_from_slice(&bytes);
}

#[test]
fn no_server_and_no_cache_is_a_network_error() {
    // A port nothing listens on (bound, then released).
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let cache = common::temp_dir();
    let d = Downloader::new()
        .base_url(format!("http://127.0.0.1:{port}/"))
        .cache_dir(cache.path())
        .today(today())
        .retries(1, Duration::from_millis(1));
    let err = d
        .ensure(&Archive::year(ReportKind::Tff, Scope::FuturesOnly, 2026))
        .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Network { .. }), "{err}");
    // A whole history: after the first failure the others are not tried
    // (each would wait out its own retries); the error is the network one.
    let err = d
        .fetch(ReportKind::Tff, Scope::FuturesOnly, 2017..=2026, &russell())
        .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Network { .. }), "{err}");
}

/// The current week's headerless text files (`deafut.txt`, ...) are cached
/// and checked like the archives.
#[test]
fn current_week_text_files() {
    let server = Server::start();
    let text = Arc::new(std::fs::read("data-samples/deafut.txt").unwrap());
    server.route(
        "deafut.txt",
        Route::Zip {
            bytes: text.clone(),
            etag: "\"w1\"".into(),
        },
    );
    server.route("FinFutWk.txt", Route::Raw("<html>moved</html>"));
    let cache = common::temp_dir();
    let d = downloader(&server, cache.path()).newcot_url(&server.base);
    let week = Archive::current_week(ReportKind::Legacy, Scope::FuturesOnly).unwrap();
    let got = d.ensure(&week).unwrap();
    assert!(matches!(got.outcome, Outcome::Downloaded { .. }));
    let (records, _) = ReaderBuilder::new()
        .from_path(&got.path)
        .unwrap()
        .read_all()
        .unwrap();
    assert_eq!(records.len(), 3);
    // A page that is not a COT file never enters the cache.
    let tff_week = Archive::current_week(ReportKind::Tff, Scope::FuturesOnly).unwrap();
    let err = d.ensure(&tff_week).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::BadArchive { .. }), "{err}");
    assert!(!cache.path().join("FinFutWk.txt").exists());
    cache_is_clean(cache.path());
}

/// The Disaggregated and Supplemental archives under CFTC's names: the real
/// Disaggregated zips as they are, the Supplemental text zipped as CFTC
/// ships it.
#[test]
fn disaggregated_and_supplemental_archives() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let server = Server::start();
    for year in [2017, 2018, 2019] {
        let name = format!("fut_disagg_txt_{year}.zip");
        let bytes = Arc::new(std::fs::read(dir.join(format!("disagg_fut/{year}/{name}"))).unwrap());
        server.route(
            &name,
            Route::Zip {
                bytes,
                etag: format!("\"d{year}\""),
            },
        );
    }
    let cit = std::fs::read(dir.join("cit/2024_partial_thru_0723/annualci.txt")).unwrap();
    server.route(
        "dea_cit_txt_2024.zip",
        Route::Zip {
            bytes: zip_of("annualci.txt", &cit),
            etag: "\"c2024\"".into(),
        },
    );
    let cache = common::temp_dir();
    let d = downloader(&server, cache.path());
    let gold = Filter::codes(["088691"]).unwrap();
    let fetched = d
        .fetch(
            ReportKind::Disaggregated,
            Scope::FuturesOnly,
            2017..=2019,
            &gold,
        )
        .unwrap();
    assert_eq!(fetched.archives.len(), 3);
    assert_eq!(fetched.merged.records.len(), 52 + 53 + 52);
    assert!(
        fetched
            .merged
            .records
            .iter()
            .all(|r| r.kind() == ReportKind::Disaggregated)
    );
    let wheat = Filter::codes(["001602"]).unwrap();
    let fetched = d
        .fetch(
            ReportKind::Supplemental,
            Scope::Combined,
            2024..=2024,
            &wheat,
        )
        .unwrap();
    assert_eq!(fetched.merged.records.len(), 30);
    assert_eq!(fetched.merged.records[0].scope(), Scope::Combined);
    // A Disaggregated archive asked for as TFF is refused, not misread.
    server.route(
        "fut_fin_txt_2019.zip",
        Route::Zip {
            bytes: Arc::new(
                std::fs::read(dir.join("disagg_fut/2019/fut_disagg_txt_2019.zip")).unwrap(),
            ),
            etag: "\"x\"".into(),
        },
    );
    let err = d
        .fetch(ReportKind::Tff, Scope::FuturesOnly, 2019..=2019, &gold)
        .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::BadArchive { .. }), "{err}");
    assert!(
        err.to_string()
            .contains("a disaggregated file where tff was required"),
        "{err}"
    );
    cache_is_clean(cache.path());
}

/// Issue 24, items 3-5: the mirror serves CFTC's closed year 2004 (legacy,
/// futures only) without the week of 2004-06-15, then a restated copy with
/// that week and one value changed (wheat's non-commercial long of
/// 2004-12-14). A revalidation keeps both copies; `revisions` lists exactly
/// the planted changes; a read as known before the restatement gives the
/// old value, after it the new; the main job says the history was revised.
#[test]
fn a_restated_closed_year_is_kept_beside_the_old_and_its_revisions_listed() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let text = std::fs::read_to_string(dir.join("legacy_fut/2004/annual.txt")).unwrap();
    let (removed_week, changed_row) =
        ("2004-06-15", "\"WHEAT - CHICAGO BOARD OF TRADE\" ,041214 ,");
    // Read off the file: the rows of the week, and the value to change
    // (the ninth field, "Noncommercial Positions-Long (All)").
    let lines: Vec<&str> = text.lines().collect();
    let header: Vec<&str> = lines[0]
        .split(',')
        .map(|h| h.trim().trim_matches('"'))
        .collect();
    assert_eq!(header[8], "Noncommercial Positions-Long (All)");
    // Names hold commas: the rows are parsed as CSV.
    let week_codes: std::collections::BTreeSet<String> = csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap())
        .filter(|r| r[2].trim() == removed_week)
        .map(|r| r[3].trim().to_string())
        .collect();
    assert!(week_codes.len() > 50, "{}", week_codes.len());
    let row = lines
        .iter()
        .position(|l| l.starts_with(changed_row))
        .unwrap();
    let mut fields: Vec<String> = lines[row].split(',').map(String::from).collect();
    let old: i64 = fields[8].trim().parse().unwrap();
    let new = old + 734;
    fields[8] = format!("{new:>width$}", width = fields[8].len());
    let restated_row = fields.join(",");
    let original: String = lines
        .iter()
        .filter(|l| !l.contains(&format!(",{removed_week},")))
        .map(|l| format!("{l}\r\n"))
        .collect();
    let restated: String = lines
        .iter()
        .enumerate()
        .map(|(i, l)| format!("{}\r\n", if i == row { restated_row.as_str() } else { l }))
        .collect();

    let archive = Archive::year(ReportKind::Legacy, Scope::FuturesOnly, 2004);
    let name = archive.file_name();
    let work = common::temp_dir();
    let zip = |text: &str, file: &str| {
        let sub = work.path().join(file);
        std::fs::create_dir_all(&sub).unwrap();
        Arc::new(
            std::fs::read(common::zip_file(&sub, &name, "annual.txt", text.as_bytes())).unwrap(),
        )
    };
    let server = Server::start();
    server.route(
        &name,
        Route::Zip {
            bytes: zip(&original, "a"),
            etag: "\"first\"".into(),
        },
    );
    // No multi-year archive on this mirror: the yearly one is read.
    let multi = Archive::multi_year(ReportKind::Legacy, Scope::FuturesOnly).file_name();
    server.route(&multi, Route::Status(404));
    let cache = work.path().join("cache");
    let on = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let first = downloader(&server, &cache).today(on(2020, 1, 6));
    assert!(matches!(
        first.ensure(&archive).unwrap().outcome,
        Outcome::Downloaded { .. }
    ));
    // A month later the closed year is asked about again: unchanged (304).
    let later = downloader(&server, &cache).today(on(2020, 2, 10));
    assert_eq!(
        later.ensure(&archive).unwrap().outcome,
        Outcome::NotModified
    );
    assert_eq!(later.vintages(&name).len(), 1);
    // CFTC restates the year; a revalidation on demand brings the new copy.
    server.route(
        &name,
        Route::Zip {
            bytes: zip(&restated, "b"),
            etag: "\"second\"".into(),
        },
    );
    let second = downloader(&server, &cache)
        .today(on(2021, 3, 1))
        .revalidate_closed_after(Duration::ZERO);
    assert!(matches!(
        second.ensure(&archive).unwrap().outcome,
        Outcome::Downloaded { .. }
    ));
    let held = second.vintages(&name);
    assert_eq!(held.len(), 2);
    assert!(held[0].fetched < held[1].fetched);
    // Exactly the planted changes.
    let r = second.revisions(&name, None, None).unwrap();
    assert!(r.changes.only_first.is_empty());
    let added: std::collections::BTreeSet<String> = r
        .changes
        .only_second
        .iter()
        .map(|k| k.code.to_string())
        .collect();
    assert_eq!(added, week_codes);
    assert!(
        r.changes
            .only_second
            .iter()
            .all(|k| k.date.to_string() == removed_week)
    );
    assert_eq!(
        r.changes.differences.len(),
        1,
        "{:?}",
        r.changes.differences
    );
    let d = &r.changes.differences[0];
    assert_eq!(
        (d.key.code.as_str(), d.key.date.to_string().as_str()),
        ("001602", "2004-12-14")
    );
    assert_eq!(d.column, "Noncommercial Positions-Long (All)");
    assert_eq!(d.first.as_deref(), Some(old.to_string().as_str()));
    assert_eq!(d.second.as_deref(), Some(new.to_string().as_str()));

    // As known before and after the restatement.
    let wheat = |moment: &str| {
        let loaded = Source::cache(second.clone())
            .years(2004..=2004)
            .as_known_at(cftc_cot::records::calendar::parse_moment(moment).ok())
            .load(
                &ReaderBuilder::new().filter(Filter::codes(["001602"]).unwrap()),
                ReportKind::Legacy,
                Scope::FuturesOnly,
            )
            .unwrap();
        let at = |date: &str| {
            loaded
                .merged
                .records
                .iter()
                .find(|r| r.date().to_string() == date)
                .map(|r| match r {
                    cftc_cot::CotRecord::Legacy(l) => l.all.positions.noncommercial.long,
                    _ => None,
                })
        };
        (at("2004-12-14"), at(removed_week), loaded.vintages.clone())
    };
    let (before, week, said) = wheat("2020-06-01");
    assert_eq!(before, Some(Some(old)));
    assert_eq!(week, None);
    assert!(said[0].contains("current at the moment asked"), "{said:?}");
    let (after, week, _) = wheat("2021-06-01");
    assert_eq!(after, Some(Some(new)));
    assert!(week.is_some());
    // The main job, now: the history it shows was revised, and it says so.
    let study = cftc_cot::history::study::Study::of_code("001602".parse().unwrap(), "WHEAT");
    let source = Source::cache(second.clone()).years(2004..=2004);
    let (_, summary) = study.run(&source, cftc_cot::read::Mode::Strict).unwrap();
    assert_eq!(summary.revisions.len(), 1, "{:?}", summary.revisions);
    assert!(summary.revisions[0].contains("1 values changed, 1 rows added, 0 removed"));
    // And as known in 2020, from the old copy, saying which.
    let (history, summary) = study
        .as_known_at(cftc_cot::records::calendar::parse_moment("2020-06-01").ok())
        .run(&source, cftc_cot::read::Mode::Strict)
        .unwrap();
    assert!(summary.vintages[0].contains("fetched 2020-01-06"));
    let point = history.at(on(2004, 12, 14)).unwrap();
    assert_eq!(point.long, rust_decimal::Decimal::from(old));
    // The market directory as known then counts the copy of then.
    let rows_known = |moment: &str| {
        let (directory, _) = cftc_cot::source::directory::Directory::as_known_at(
            &Source::cache(second.clone().offline(true)),
            cftc_cot::read::Mode::Strict,
            cftc_cot::records::calendar::parse_moment(moment).unwrap(),
        )
        .unwrap();
        directory
            .get("001602".parse().unwrap())
            .unwrap()
            .rows_in(ReportKind::Legacy, Scope::FuturesOnly)
    };
    assert_eq!(rows_known("2021-06-01"), rows_known("2020-06-01") + 1);
    // The same through the command line.
    #[cfg(feature = "cli")]
    {
        let cftc = |args: &[&str]| {
            common::cftc_command(env!("CARGO_BIN_EXE_cftc"))
                .args(args)
                .args(["--cache", cache.to_str().unwrap()])
                .output()
                .unwrap()
        };
        let out = cftc(&["vintages", "--json"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let listed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(listed.as_array().unwrap().len(), 2);
        let out = cftc(&["revisions", &name, "--json"]);
        // Exit status 3: the copies differ.
        assert_eq!(
            out.status.code(),
            Some(3),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["changes"]["differences"].as_array().unwrap().len(), 1);
        assert_eq!(
            v["changes"]["only_second"].as_array().unwrap().len(),
            week_codes.len()
        );
        let out = cftc(&["vintages", "--prune", "1"]);
        assert!(out.status.success());
        assert_eq!(second.vintages(&name).len(), 1);
        let out = cftc(&["revisions", &name]);
        assert_eq!(out.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&out.stderr).contains("a revision needs two"));
    }
}
