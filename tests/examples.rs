//! The example programs end to end, as users run them: real output on the
//! real files, and one clear line and exit code 1 on bad input.

use crate::common;

use std::path::PathBuf;
use std::process::{Command, Output};

/// `target/<profile>/examples/<name>`, built by `cargo test` before the tests run.
fn example(name: &str) -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().unwrap().parent().unwrap().join("examples");
    let path = dir.join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(path.exists(), "{} not built", path.display());
    path
}

fn run(name: &str, args: &[&str]) -> Output {
    Command::new(example(name)).args(args).output().unwrap()
}

fn fails_cleanly(out: &Output) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
}

#[cfg_attr(not(feature = "download"), allow(dead_code))]
fn json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn inspect_reports_every_sample() {
    let out = run(
        "inspect",
        &[
            "--json",
            "data-samples/tff_futures_only.txt",
            "data-samples/deacot2025_sample.zip",
        ],
    );
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["kind"], "tff");
    assert_eq!(lines[0]["scope"], "futures-only");
    assert_eq!(lines[0]["rows"], 16);
    assert_eq!(lines[0]["check_failures"], 0);
    assert_eq!(lines[1]["kind"], "legacy");
    assert_eq!(lines[1]["first_date"], "2025-01-21");
    assert_eq!(lines[1]["markets"], 3);
}

#[test]
fn inspect_names_the_disaggregated_report() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let path = dir.join("disagg_fut/2017/fut_disagg_txt_2017.zip");
    let out = run("inspect", &["--json", path.to_str().unwrap()]);
    assert!(out.status.success());
    let v = json(&out);
    assert_eq!(v["kind"], "disaggregated");
    assert_eq!(v["scope"], "futures-only");
    assert_eq!(v["rows"], 10204);
    assert_eq!(v["check_failures"], 0);
}

#[cfg(feature = "download")]
#[test]
fn russell2000_says_where_a_disaggregated_group_belongs() {
    let out = run(
        "russell2000",
        &["--data", "data-samples", "--group", "managed-money"],
    );
    fails_cleanly(&out);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("Disaggregated report"), "{stderr}");
    assert!(stderr.contains("leveraged-funds"), "{stderr}");
}

#[test]
fn inspect_fails_cleanly() {
    let tmp = common::temp_dir();
    let html = tmp.path().join("deacot2025.zip");
    std::fs::write(&html, "<html><body>Not found</body></html>").unwrap();
    fails_cleanly(&run("inspect", &[html.to_str().unwrap()]));
    fails_cleanly(&run("inspect", &["no/such/file.txt"]));
}

#[cfg(feature = "download")]
#[test]
fn russell2000_on_the_real_files() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let tmp = common::temp_dir();
    let csv = tmp.path().join("series.csv");
    let out = run(
        "russell2000",
        &[
            "--data",
            dir.to_str().unwrap(),
            "--group",
            "leveraged-funds",
            "--json",
            "--series-csv",
            csv.to_str().unwrap(),
        ],
    );
    let v = json(&out);
    assert_eq!(v["group"], "leveraged-funds");
    assert_eq!(v["unit"], "emini-equivalents");
    assert_eq!(v["first_date"], "2010-07-20");
    assert_eq!(v["last_date"], "2026-03-17");
    // The text files' 575 weeks and the 44 of the 2023 TFF Excel file.
    assert_eq!(v["points"], 575 + 44);
    assert_eq!(v["top_swings"].as_array().unwrap().len(), 10);
    // The largest two-week swing of leveraged funds in these files, as an
    // independent computation finds it (issue 10): -72,585.
    let top = &v["top_swings"][0];
    assert_eq!(top["start"], "2018-08-28");
    assert_eq!(top["end"], "2018-09-11");
    assert_eq!(top["change"], -72585.0);
    assert_eq!(top["record_at_the_time"], true);
    assert_eq!(top["compared_since"], "2017-01-03");
    // The contracts, each at one size: ICE at $100, ICE at $50, CME.
    let contracts: Vec<(String, String, f64)> = v["contracts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["code"].as_str().unwrap().to_string(),
                m["first"].as_str().unwrap().to_string(),
                m["multiplier"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        contracts,
        [
            ("23977A".to_string(), "2010-07-20".to_string(), 100.0),
            ("23977A".to_string(), "2017-01-03".to_string(), 50.0),
            ("239742".to_string(), "2017-08-15".to_string(), 50.0),
        ]
    );
    let h = &v["headline"];
    assert_eq!(h["date"], "2026-03-17");
    assert!(
        h["sentence"]
            .as_str()
            .unwrap()
            .starts_with("Hedge funds in Russell 2000 futures")
    );
    for key in ["net", "change", "most_bullish_since", "most_bearish_since"] {
        assert!(h.get(key).is_some(), "{key}");
    }
    // The series CSV has one line per point, and the overlap weeks name both contracts.
    let text = std::fs::read_to_string(&csv).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("date,net,long,short,open_interest,codes,overlap,released,release_estimated,source")
    );
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 575 + 44);
    let overlap = rows.iter().find(|l| l.starts_with("2018-06-05")).unwrap();
    assert!(overlap.contains(",239742+23977A,true,"), "{overlap}");

    // The series CSV feeds the generic extremes tool.
    let pairs: String = text
        .lines()
        .map(|l| l.split(',').take(2).collect::<Vec<_>>().join(","))
        .collect::<Vec<_>>()
        .join("\n");
    let two = tmp.path().join("net.csv");
    std::fs::write(&two, pairs).unwrap();
    let e = json(&run("extremes", &[two.to_str().unwrap(), "--json"]));
    assert_eq!(e["points"], 575 + 44);
    assert_eq!(e["headline"]["net"], h["net"]);
    assert_eq!(e["top_swings"][0]["end"], "2018-09-11");
}

#[cfg(feature = "download")]
#[test]
fn russell2000_fails_cleanly() {
    // (Without --data it would download: that is tested against a local
    // server below, never against the internet.)
    fails_cleanly(&run(
        "russell2000",
        &["--data", "data-samples", "--group", "bogus"],
    ));
    fails_cleanly(&run(
        "russell2000",
        &["--data", "data-samples", "--unit", "furlongs"],
    ));
    fails_cleanly(&run("russell2000", &["--data", "no/such/dir"]));
    fails_cleanly(&run(
        "russell2000",
        &["--data", "data-samples", "--at", "2025-02-30"],
    ));
    // Raw contracts cannot add the 2004 full-size and mini contracts.
    let tmp = common::temp_dir();
    std::fs::copy(
        "data-samples/legacy_old_layout_annual.txt",
        tmp.path().join("annual.txt"),
    )
    .unwrap();
    fails_cleanly(&run(
        "russell2000",
        &[
            "--data",
            tmp.path().to_str().unwrap(),
            "--unit",
            "contracts",
        ],
    ));
    fails_cleanly(&run("extremes", &["data-samples/deafut.txt"]));
}

#[cfg(feature = "download")]
#[test]
fn russell2000_on_the_samples() {
    let v = json(&run("russell2000", &["--data", "data-samples", "--json"]));
    // Legacy futures-only samples: the 2004 old layout and the 2025 files
    // (the text, its zip and the weekly file hold the same rows: merged).
    assert_eq!(v["first_date"], "2004-11-23");
    assert_eq!(v["last_date"], "2025-03-11");
    assert_eq!(v["points"], 6 + 8);
}

/// The main job without `--data`: it downloads from the mirror in
/// `CFTC_COT_BASE_URL` (a server this test runs on 127.0.0.1) into the cache
/// in `CFTC_COT_CACHE`, prints the same analysis as with `--data`, and a
/// second run asks nothing about finished years.
#[cfg(all(feature = "download", feature = "excel"))]
#[test]
fn russell2000_downloads_then_runs_from_the_cache() {
    use common::server::{Route, Server};
    use std::sync::Arc;
    let Some(dir) = common::data_dir() else {
        return;
    };
    let mirror = common::temp_dir();
    let made = Command::new(example("make_mirror"))
        .arg(mirror.path())
        .env("CFTC_COT_DATA", &dir)
        .output()
        .unwrap();
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let server = Server::start();
    for entry in std::fs::read_dir(mirror.path()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = Arc::new(std::fs::read(&path).unwrap());
        server.route(
            &name,
            Route::Zip {
                bytes,
                etag: format!("\"{name}\""),
            },
        );
    }
    let cache = common::temp_dir();
    let download_run = |group: &str| {
        Command::new(example("russell2000"))
            .args(["--group", group, "--json"])
            .env("CFTC_COT_BASE_URL", &server.base)
            .env("CFTC_COT_CACHE", cache.path())
            .output()
            .unwrap()
    };
    let comparable = |mut v: serde_json::Value| {
        for key in [
            "source",
            "files_read",
            "files_skipped",
            "skipped_files",
            "archives_not_available",
            "records_replaced",
            "rows_skipped",
        ] {
            v.as_object_mut().unwrap().remove(key);
        }
        v
    };
    for group in ["noncommercial", "leveraged-funds"] {
        let downloaded = json(&download_run(group));
        let local = json(&run(
            "russell2000",
            &["--data", dir.to_str().unwrap(), "--group", group, "--json"],
        ));
        assert_eq!(comparable(downloaded.clone()), comparable(local), "{group}");
        assert!(downloaded["source"].as_str().unwrap().starts_with("cache "));
    }
    // The real first run starts with CFTC's multi-year archives (issue 14,
    // item 11): they were asked for, and the yearly archives of their years
    // were not.
    assert_eq!(server.requests_for("deacot1986_2016.zip"), 1);
    assert_eq!(server.requests_for("fin_fut_txt_2006_2016.zip"), 1);
    for yearly in ["deacot2002.zip", "deacot2004.zip", "fut_fin_txt_2015.zip"] {
        assert_eq!(server.requests_for(yearly), 0, "{yearly}");
    }
    // Second runs: finished years come from the cache without a request; the
    // current year's TFF file was just checked; the current legacy year is
    // not on the mirror and is asked for again.
    server.clear_log();
    for group in ["noncommercial", "leveraged-funds"] {
        json(&download_run(group));
    }
    let paths: Vec<String> = server.requests().into_iter().map(|(p, _)| p).collect();
    for p in &paths {
        let year: i32 = p
            .trim_end_matches(".zip")
            .rsplit(|c: char| !c.is_ascii_digit())
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(year >= 2026, "request for a finished year: {p}");
    }
    // Offline with a warm cache works too.
    let offline = Command::new(example("russell2000"))
        .args(["--group", "leveraged-funds", "--json", "--offline"])
        .env("CFTC_COT_BASE_URL", "http://127.0.0.1:9/")
        .env("CFTC_COT_CACHE", cache.path())
        .output()
        .unwrap();
    let offline = json(&offline);
    let online = json(&download_run("leveraged-funds"));
    assert_eq!(comparable(offline), comparable(online));
    // An empty cache offline: the answer comes from the embedded snapshot,
    // and the first line says so, what it covers and what to do next.
    let empty = common::temp_dir();
    let out = Command::new(example("russell2000"))
        .args(["--offline"])
        .env("CFTC_COT_CACHE", empty.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let first = text.lines().next().unwrap();
    assert!(
        first.contains("offline, and not in the cache: deacot1986_2016.zip"),
        "{first}"
    );
    assert!(first.contains("snapshot built into cftc-cot"), "{first}");
    assert!(first.contains("CFTC_COT_BASE_URL"), "{first}");
    // The library's notice names no flag; the example adds its own.
    assert!(!first.contains("--data"), "{first}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--data DIR"), "{stderr}");
}

/// On a fresh machine (no network: the mirror is a closed port; an empty
/// cache) the main job answers from the embedded snapshot: exit 0, the
/// JSON on stdout, the notice on stderr.
#[cfg(feature = "download")]
#[test]
fn russell2000_answers_without_network_from_the_snapshot() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let empty = common::temp_dir();
    let out = Command::new(example("russell2000"))
        .args(["--json", "--group", "leveraged-funds"])
        .env("CFTC_COT_BASE_URL", format!("http://127.0.0.1:{port}/"))
        .env("CFTC_COT_CACHE", empty.path())
        .output()
        .unwrap();
    let v = json(&out);
    assert!(v["points"].as_u64().unwrap() > 100, "{v}");
    assert!(
        v["source"]
            .as_str()
            .unwrap()
            .starts_with("embedded snapshot")
    );
    let sentence = v["headline"]["sentence"].as_str().unwrap();
    assert!(
        sentence.starts_with("Hedge funds in Russell 2000 futures"),
        "{sentence}"
    );
    let notice = String::from_utf8_lossy(&out.stderr);
    assert!(notice.contains("answering from the snapshot"), "{notice}");
    assert!(notice.contains("CFTC_COT_BASE_URL"), "{notice}");
    assert_eq!(
        Some(v["notice"].as_str().unwrap()),
        notice.trim().lines().last()
    );
}

/// Hostile files end the programs with one line on stderr and exit code 1.
#[cfg(feature = "download")]
#[test]
fn hostile_files_fail_cleanly() {
    let tmp = common::temp_dir();
    let good = std::fs::read("data-samples/deacot2025_sample.zip").unwrap();
    let truncated = tmp.path().join("deacot2025.zip");
    std::fs::write(&truncated, &good[..good.len() / 2]).unwrap();
    fails_cleanly(&run("inspect", &[truncated.to_str().unwrap()]));
    fails_cleanly(&run(
        "russell2000",
        &["--data", tmp.path().to_str().unwrap()],
    ));
    // A directory of nothing but an HTML page saved as a zip.
    let html_dir = common::temp_dir();
    std::fs::write(html_dir.path().join("deacot2024.zip"), "<html>gone</html>").unwrap();
    fails_cleanly(&run(
        "inspect",
        &[html_dir.path().join("deacot2024.zip").to_str().unwrap()],
    ));
    fails_cleanly(&run(
        "russell2000",
        &["--data", html_dir.path().to_str().unwrap()],
    ));
    // A series CSV with a bad value.
    let bad = tmp.path().join("bad.csv");
    std::fs::write(&bad, "date,value\n2025-01-07,1\n2025-01-14,x\n").unwrap();
    fails_cleanly(&run("extremes", &[bad.to_str().unwrap()]));
}

/// The legacy futures-and-options history of 2010-2017 exists only as
/// CFTC's Excel files: the main job reads them like text.
#[cfg(all(feature = "download", feature = "excel"))]
#[test]
fn russell2000_combined_from_the_excel_files() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let v = json(&run(
        "russell2000",
        &["--data", dir.to_str().unwrap(), "--combined", "--json"],
    ));
    assert_eq!(v["scope"], "combined");
    assert_eq!(v["first_date"], "2010-01-05");
    // SOURCES.md: 52+52+53+52+52 weeks of 2010-2014 and 52 of 2017 (Excel),
    // 14 of 2023 (Excel), 9 of 2026 (text).
    assert_eq!(v["points"], 52 + 52 + 53 + 52 + 52 + 52 + 14 + 9);
    let first = &v["contracts"][0];
    assert_eq!(first["code"], "23977A");
    assert_eq!(first["multiplier"], 100.0);
    assert_eq!(first["first"], "2010-01-05");
    assert_eq!(first["last"], "2014-12-30");
}

/// The mirror's multi-year archives overlap its yearly ones, as CFTC's do:
/// read together, every duplicate resolves to one record and the newer
/// file (the yearly one) wins (issue 14, item 11).
#[cfg(feature = "excel")]
#[test]
fn multi_year_archives_overlap_and_the_newer_file_wins() {
    use cftc_cot::read::ReaderBuilder;
    use cftc_cot::source::Source;
    use cftc_cot::{ReportKind, Scope};
    let Some(dir) = common::data_dir() else {
        return;
    };
    let mirror = common::temp_dir();
    let made = Command::new(example("make_mirror"))
        .arg(mirror.path())
        .env("CFTC_COT_DATA", &dir)
        .output()
        .unwrap();
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    // The 2004 yearly archive, with one value changed: wheat's open
    // interest on 2004-12-28 (183042 in CFTC's file) becomes 183043.
    let text = std::fs::read_to_string(dir.join("legacy_fut/2004/annual.txt")).unwrap();
    let needle = ",001602 ,CBT ,00 ,001 ,  183042,";
    assert_eq!(text.matches(needle).count(), 1);
    let changed = text.replace(needle, ",001602 ,CBT ,00 ,001 ,  183043,");
    let zip = common::zip_file(
        mirror.path(),
        "deacot2004.zip",
        "annual.txt",
        changed.as_bytes(),
    );
    assert!(zip.exists());
    let loaded = Source::dir(mirror.path())
        .load(
            &ReaderBuilder::new().lenient(),
            ReportKind::Legacy,
            Scope::FuturesOnly,
        )
        .unwrap();
    // The rows of 2002 and 2004 are in both the multi-year and the yearly
    // archives: each pair became one record. Counted from the raw files.
    let rows = |p: &str| {
        std::fs::read_to_string(dir.join(p))
            .unwrap()
            .lines()
            .count()
            - 1
    };
    let overlap = rows("legacy_fut/2002/Annual.TXT") + rows("legacy_fut/2004/annual.txt");
    assert_eq!(loaded.merged.replaced, overlap);
    let wheat = loaded
        .merged
        .records
        .iter()
        .find(|r| r.code().as_str() == "001602" && r.date().to_string() == "2004-12-28")
        .unwrap();
    assert_eq!(wheat.open_interest(), Some(183043));
}
