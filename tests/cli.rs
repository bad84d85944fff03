//! The `cftc` command-line tool end to end, on the real files: answers by
//! market name, the market directory, JSON a script can read, errors that
//! say what to do, and an answer without network. Expected figures are read
//! from the raw files here with the `csv` crate, by column name.
#![cfg(feature = "cli")]

use crate::common;

use std::path::Path;
use std::process::{Command, Output};

fn cftc(args: &[&str]) -> Output {
    common::cftc_command(env!("CARGO_BIN_EXE_cftc"))
        .args(args)
        .env("CFTC_COT_BASE_URL", "http://127.0.0.1:9/")
        .output()
        .unwrap()
}

fn json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn fails_with(out: &Output, words: &[&str]) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    for w in words {
        assert!(stderr.contains(w), "{w:?} not in {stderr}");
    }
}

/// `(date, long - short)` of one code from a raw CFTC text file (or the
/// text member of a zip), columns found by name.
fn raw_nets(path: &Path, code: &str, long: &str, short: &str) -> Vec<(String, i64)> {
    let legacy = long.contains(' ');
    let text = if path.extension().is_some_and(|e| e == "zip") {
        let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
        let mut member = archive.by_index(0).unwrap();
        let mut text = String::new();
        std::io::Read::read_to_string(&mut member, &mut text).unwrap();
        text
    } else {
        std::fs::read_to_string(path).unwrap()
    };
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim() == name)
            .unwrap_or_else(|| panic!("{name} not in {}", path.display()))
    };
    let (d, c, l, s) = (
        col(if legacy {
            "As of Date in Form YYYY-MM-DD"
        } else {
            "Report_Date_as_YYYY-MM-DD"
        }),
        col(if legacy {
            "CFTC Contract Market Code"
        } else {
            "CFTC_Contract_Market_Code"
        }),
        col(long),
        col(short),
    );
    let mut out: Vec<(String, i64)> = reader
        .records()
        .map(|r| r.unwrap())
        .filter(|r| r[c].trim() == code)
        .map(|r| {
            let n = |i: usize| r[i].trim().parse::<i64>().unwrap();
            (r[d].trim().to_string(), n(l) - n(s))
        })
        .collect();
    out.sort();
    out
}

#[test]
fn managed_money_in_gold_by_name() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let v = json(&cftc(&[
        "history",
        "--data",
        dir.to_str().unwrap(),
        "--market",
        "gold",
        "--group",
        "managed-money",
        "--json",
    ]));
    assert_eq!(v["codes"], serde_json::json!(["088691"]));
    assert_eq!(v["report"], "disaggregated");
    assert_eq!(v["unit"], "contracts");
    // 52 + 53 + 52 weeks in the 2017-2019 Disaggregated files.
    assert_eq!(v["points"], 157);
    let raw = raw_nets(
        &dir.join("disagg_fut/2019/fut_disagg_txt_2019.zip"),
        "088691",
        "M_Money_Positions_Long_All",
        "M_Money_Positions_Short_All",
    );
    let (last_date, last_net) = raw.last().unwrap();
    assert_eq!(v["last_date"], last_date.as_str());
    assert_eq!(v["headline"]["net"], *last_net as f64);
    let sentence = v["headline"]["sentence"].as_str().unwrap();
    assert!(
        sentence.starts_with("Money managers in GOLD futures"),
        "{sentence}"
    );
    assert!(sentence.contains(" contracts"), "{sentence}");
    assert!(v["notice"].as_str().unwrap().contains("088691"));
    // The same keys as the Russell 2000 answer of the main job.
    let russell = json(&cftc(&[
        "history",
        "--data",
        dir.to_str().unwrap(),
        "--json",
    ]));
    let keys = |v: &serde_json::Value| {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(keys(&v), keys(&russell));
    assert_eq!(keys(&v["headline"]), keys(&russell["headline"]));
}

#[test]
fn large_speculators_in_the_10_year_note_by_name() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let raw = raw_nets(
        &dir.join("legacy_fut/2025_partial_thru_0318/annual.txt"),
        "043602",
        "Noncommercial Positions-Long (All)",
        "Noncommercial Positions-Short (All)",
    );
    let (last_date, last_net) = raw.last().unwrap();
    for name in ["10-year", "10y", "10 year note", "UST 10Y", "043602"] {
        let v = json(&cftc(&[
            "history",
            "--data",
            dir.to_str().unwrap(),
            "--market",
            name,
            "--json",
        ]));
        assert_eq!(v["codes"], serde_json::json!(["043602"]), "{name}");
        assert_eq!(v["group"], "noncommercial");
        assert_eq!(v["last_date"], last_date.as_str(), "{name}");
        assert_eq!(v["headline"]["net"], *last_net as f64, "{name}");
        // The history is keyed by code: it runs back through CFTC's older
        // names for the contract (`10-YEAR U.S. TREASURY NOTES`, 1986).
        assert_eq!(v["first_date"], "1986-01-15", "{name}");
    }
}

#[test]
fn markets_search_finds_gold_with_its_names_and_dates() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let v = json(&cftc(&[
        "markets",
        "--data",
        dir.to_str().unwrap(),
        "--search",
        "gold",
        "--json",
    ]));
    let list = v.as_array().unwrap();
    let gold = list.iter().find(|m| m["code"] == "088691").unwrap();
    assert_eq!(
        gold["names"],
        serde_json::json!(["GOLD - COMMODITY EXCHANGE INC."])
    );
    // The first gold row of the 1986 file, read off it by hand; the last
    // of the 2026 combined legacy file.
    assert_eq!(gold["first_date"], "1986-01-15");
    assert_eq!(gold["last_date"], "2026-03-03");
    assert_eq!(
        gold["reports"],
        serde_json::json!(["legacy", "disaggregated"])
    );
    // Most reports first.
    assert_eq!(list[0]["code"], "088691");
    // A renamed market: the S&P GSCI was the Goldman-Sachs index; "gold"
    // matches only its old name, and the answer says so.
    let gsci = list.iter().find(|m| m["code"] == "256741").unwrap();
    assert_eq!(gsci["matches_whole_history"], false);
    assert!(gsci["note"].as_str().unwrap().contains("S&P GSCI"));
    // "10-year" and "10y" find the same note, under both of its names.
    for q in ["10-year", "10y"] {
        let v = json(&cftc(&[
            "markets",
            "--data",
            dir.to_str().unwrap(),
            "--search",
            q,
            "--json",
        ]));
        let note = v
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["code"] == "043602")
            .unwrap();
        let names = note["names"].as_array().unwrap();
        assert!(names.contains(&"UST 10Y NOTE - CHICAGO BOARD OF TRADE".into()));
        assert!(names.contains(&"10-YEAR U.S. TREASURY NOTES - CHICAGO BOARD OF TRADE".into()));
    }
}

/// `cftc history --json` prints the main job's object: the same keys and,
/// for the Russell 2000, the same values.
#[test]
fn history_prints_the_main_jobs_json() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let example = {
        let exe = std::env::current_exe().unwrap();
        let dir = exe.parent().unwrap().parent().unwrap().join("examples");
        dir.join(format!("russell2000{}", std::env::consts::EXE_SUFFIX))
    };
    if !example.exists() {
        return;
    }
    for group in ["noncommercial", "leveraged-funds"] {
        let args = ["--data", dir.to_str().unwrap(), "--group", group, "--json"];
        let ours = json(&cftc(&[&["history"][..], &args[..]].concat()));
        let theirs = json(&Command::new(&example).args(args).output().unwrap());
        assert_eq!(ours, theirs, "{group}");
    }
}

#[test]
fn errors_say_what_to_do() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let d = dir.to_str().unwrap();
    // A name that is nowhere.
    fails_with(
        &cftc(&["history", "--data", d, "--market", "unobtainium"]),
        &["no market matching", "markets --search"],
    );
    // Gold is not in the TFF report: the answer says where it is.
    fails_with(
        &cftc(&[
            "history",
            "--data",
            d,
            "--market",
            "gold",
            "--group",
            "leveraged-funds",
        ]),
        &["088691", "legacy", "disaggregated"],
    );
    // A Disaggregated group for the Russell 2000.
    fails_with(
        &cftc(&["history", "--data", d, "--group", "managed-money"]),
        &["Disaggregated report", "leveraged-funds"],
    );
    // A contract of unknown size in E-mini equivalents.
    fails_with(
        &cftc(&[
            "history",
            "--data",
            d,
            "--market",
            "gold",
            "--group",
            "managed-money",
            "--unit",
            "emini",
        ]),
        &["not in the registry", "contracts"],
    );
    // Clap's own errors: exit code 2 and the valid values.
    let out = cftc(&["history", "--group", "bogus"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("leveraged-funds"));
}

#[test]
fn every_subcommand_has_real_help() {
    for sub in [
        "history",
        "markets",
        "inspect",
        "download",
        "extremes",
        "reconcile",
    ] {
        let out = cftc(&[sub, "--help"]);
        assert!(out.status.success());
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.lines().count() > 8, "{sub}: {text}");
        assert!(text.contains("Usage: cftc"), "{sub}: {text}");
    }
    let top = String::from_utf8_lossy(&cftc(&["--help"]).stdout).into_owned();
    for sub in [
        "history",
        "markets",
        "inspect",
        "download",
        "extremes",
        "reconcile",
        "--source api",
        "Examples",
    ] {
        assert!(top.contains(sub), "{sub}: {top}");
    }
}

/// No network (a closed port) and an empty cache: the Russell 2000 answer
/// comes from the embedded snapshot.
#[test]
fn history_answers_without_network() {
    let cache = common::temp_dir();
    let out = Command::new(env!("CARGO_BIN_EXE_cftc"))
        .args(["history", "--group", "leveraged-funds", "--json"])
        .env("CFTC_COT_BASE_URL", "http://127.0.0.1:9/")
        .env("CFTC_COT_CACHE", cache.path())
        .output()
        .unwrap();
    let v = json(&out);
    assert!(v["points"].as_u64().unwrap() > 100);
    assert!(
        v["source"]
            .as_str()
            .unwrap()
            .starts_with("embedded snapshot")
    );
    // Another market cannot come from the snapshot: the error names the
    // next steps.
    let out = Command::new(env!("CARGO_BIN_EXE_cftc"))
        .args(["history", "--market", "gold", "--group", "managed-money"])
        .env("CFTC_COT_BASE_URL", "http://127.0.0.1:9/")
        .env("CFTC_COT_CACHE", cache.path())
        .output()
        .unwrap();
    fails_with(&out, &["--data DIR", "CFTC_COT_BASE_URL"]);
    // The directory of an empty cache says how to fill it.
    let out = Command::new(env!("CARGO_BIN_EXE_cftc"))
        .args(["markets"])
        .env("CFTC_COT_CACHE", cache.path())
        .output()
        .unwrap();
    fails_with(&out, &["cftc download", "--data DIR"]);
}

#[test]
fn inspect_and_extremes() {
    let out = cftc(&["inspect", "--json", "data-samples/tff_futures_only.txt"]);
    let v = json(&out);
    assert_eq!(v["kind"], "tff");
    assert_eq!(v["rows"], 16);
    let tmp = common::temp_dir();
    let csv = tmp.path().join("flows.csv");
    let mut text = String::from("date,value\n");
    let start = chrono::NaiveDate::from_ymd_opt(2024, 1, 2).unwrap();
    for i in 0..60 {
        let v = if i == 59 {
            500.0
        } else {
            (i % 7) as f64 * 10.0
        };
        text.push_str(&format!("{},{v}\n", start + chrono::Duration::weeks(i)));
    }
    std::fs::write(&csv, text).unwrap();
    let v = json(&cftc(&["extremes", csv.to_str().unwrap(), "--json"]));
    let sentence = v["headline"]["sentence"].as_str().unwrap();
    // Plain values: never "net long".
    assert!(sentence.contains("rose by"), "{sentence}");
    assert!(!sentence.contains("net long"), "{sentence}");
    assert!(sentence.contains("the highest reading"), "{sentence}");
}

/// `CFTC_COT_TIMEOUT_SECS` bounds a download from a server that drips
/// (issue 14, item 1), and the error says what to do next.
#[test]
fn the_timeout_variable_bounds_a_dripping_mirror() {
    use common::server::{Route, Server};
    let server = Server::start();
    let body = std::sync::Arc::new(std::fs::read("data-samples/deacot2025_sample.zip").unwrap());
    server.route(
        "deacot2025.zip",
        Route::Drip(body, std::time::Duration::from_millis(20)),
    );
    let cache = common::temp_dir();
    let started = std::time::Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_cftc"))
        .args([
            "download", "--report", "legacy", "--from", "2025", "--to", "2025",
        ])
        .env("CFTC_COT_BASE_URL", &server.base)
        .env("CFTC_COT_CACHE", cache.path())
        .env("CFTC_COT_TIMEOUT_SECS", "0.5")
        .output()
        .unwrap();
    assert!(
        started.elapsed() < std::time::Duration::from_secs(6),
        "{:?}",
        started.elapsed()
    );
    fails_with(&out, &["could not be had", "CFTC_COT_BASE_URL"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("timed out"));
}

/// `cftc screen`: every TFF market on its latest date, with the figures a
/// cron job needs; the E-mini Russell's net and two-week change read off
/// the raw 2026 file here (issue 15).
#[test]
fn screen_every_market_of_a_report() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let v = json(&cftc(&[
        "screen",
        "--data",
        dir.to_str().unwrap(),
        "--report",
        "tff",
        "--json",
    ]));
    let rows = v.as_array().unwrap();
    assert!(rows.len() > 50, "{}", rows.len());
    for key in [
        "code",
        "name",
        "date",
        "group",
        "net",
        "change",
        "cot_index",
        "percentile",
        "z_score",
    ] {
        assert!(rows[0].get(key).is_some(), "{key}");
    }
    let raw = raw_nets(
        &dir.join("tff_fut/2026_partial_thru_0317/FinFutYY.txt"),
        "239742",
        "Lev_Money_Positions_Long_All",
        "Lev_Money_Positions_Short_All",
    );
    let (last_date, last_net) = raw.last().unwrap();
    let (_, two_weeks_before) = &raw[raw.len() - 3];
    let russell = rows.iter().find(|r| r["code"] == "239742").unwrap();
    assert_eq!(russell["date"], last_date.as_str());
    assert_eq!(russell["group"], "leveraged-funds");
    assert_eq!(russell["net"], *last_net as f64);
    assert_eq!(russell["change"], (last_net - two_weeks_before) as f64);
    for r in rows {
        assert_eq!(r["date"], last_date.as_str());
        if let Some(i) = r["cot_index"].as_f64() {
            assert!((0.0..=100.0).contains(&i), "{r}");
        }
    }
    // Sorted by the size of the z-score.
    let z: Vec<f64> = rows
        .iter()
        .filter_map(|r| r["z_score"].as_f64())
        .map(f64::abs)
        .collect();
    assert!(z.windows(2).all(|w| w[0] >= w[1]));
    // --extreme keeps the markets at the top or bottom of their window.
    let extreme = json(&cftc(&[
        "screen",
        "--data",
        dir.to_str().unwrap(),
        "--report",
        "tff",
        "--extreme",
        "--json",
    ]));
    for r in extreme.as_array().unwrap() {
        let i = r["cot_index"].as_f64().unwrap();
        assert!(i == 0.0 || i == 100.0, "{r}");
    }
    // A filter that matches nothing exits with status 3, for cron jobs:
    // eight weeks of samples cannot hold a record (a year of changes to beat).
    let out = cftc(&[
        "screen",
        "--data",
        "data-samples/tff_futures_only.txt",
        "--report",
        "tff",
        "--records",
    ]);
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The CSV lines of a `cftc` run, each split at its commas, the header
/// first.
fn csv_lines(out: &Output) -> Vec<Vec<String>> {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

/// `cftc` over the shared TFF files of 2018 and 2019: `command`, `--data`
/// twice, then `extra`.
fn tff_2018_2019(dir: &Path, command: &str, extra: &[&str]) -> Output {
    let (y18, y19) = (
        dir.join("tff_fut/2018/FinFut18.txt"),
        dir.join("tff_fut/2019/FinFut19.txt"),
    );
    let mut args = vec![
        command,
        "--data",
        y18.to_str().unwrap(),
        "--data",
        y19.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    cftc(&args)
}

/// Point in time (issue 24): the shared TFF 2018-2019 files asked what was
/// known on 2019-01-15 end with the report of 2018-12-18, the last CFTC
/// published (Friday 2018-12-21, 3:30 pm EST) before the 2018-19 shutdown;
/// the next, of 2018-12-24, came out on 2019-02-01 (CFTC's announcement of
/// 2019-01-29). Dates are read off the files with the csv crate.
#[test]
fn history_as_known_at_ends_where_cftc_had_published() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let (y18, y19) = (
        dir.join("tff_fut/2018/FinFut18.txt"),
        dir.join("tff_fut/2019/FinFut19.txt"),
    );
    let (long, short) = (
        "Lev_Money_Positions_Long_All",
        "Lev_Money_Positions_Short_All",
    );
    let mut weeks: Vec<String> = raw_nets(&y18, "239742", long, short)
        .into_iter()
        .chain(raw_nets(&y19, "239742", long, short))
        .map(|(d, _)| d)
        .collect();
    weeks.dedup();
    assert!(weeks.iter().any(|d| d == "2018-12-24"));
    assert!(weeks.iter().any(|d| d.starts_with("2019-")));
    let run = |extra: &[&str]| {
        let mut args = vec!["--market", "russell 2000", "-g", "leveraged-funds"];
        args.extend_from_slice(extra);
        tff_2018_2019(&dir, "history", &args)
    };
    let lines = csv_lines(&run(&["--csv", "--as-known-at", "2019-01-15"]));
    let col = |name: &str| lines[0].iter().position(|h| h == name).unwrap();
    let (released, estimated) = (col("released"), col("release_estimated"));
    let dates: Vec<&str> = lines[1..].iter().map(|l| l[0].as_str()).collect();
    let known: Vec<&str> = weeks
        .iter()
        .map(String::as_str)
        .filter(|d| *d <= "2018-12-18")
        .collect();
    assert_eq!(dates, known);
    let last = lines.last().unwrap();
    assert_eq!(last[0], "2018-12-18");
    assert_eq!(last[released], "2018-12-21T20:30:00+00:00");
    assert_eq!(last[estimated], "false");
    // A minute before the catch-up's first release, and at it.
    let last_date = |moment: &str| {
        let lines = csv_lines(&run(&["--csv", "--as-known-at", moment]));
        lines.last().unwrap()[0].clone()
    };
    assert_eq!(last_date("2019-02-01T15:29"), "2018-12-18");
    assert_eq!(last_date("2019-02-01T15:30"), "2018-12-24");
    assert_eq!(last_date("2019-02-01T20:30:00Z"), "2018-12-24");
    // The main job's JSON says when, for its headline, swings and extremes.
    let v = json(&run(&["--json", "--as-known-at", "2019-01-15"]));
    assert_eq!(v["as_known_at"], "2019-01-16T04:59:59Z");
    assert_eq!(v["headline"]["date"], "2018-12-18");
    assert_eq!(v["headline"]["released"], "2018-12-21T20:30:00Z");
    assert_eq!(v["last_date"], "2018-12-18");
    for s in v["top_swings"].as_array().unwrap() {
        assert!(s["released"].as_str().unwrap() <= "2019-01-16T04:59:59Z");
    }
    assert!(v["most_bullish"]["released"].is_string());
    // Without the flag, everything the files hold.
    let all = json(&run(&["--json"]));
    assert!(all["as_known_at"].is_null());
    assert!(all["last_date"].as_str().unwrap() > "2019-12-01");
}

/// The release-aligned series: one line per Friday, the latest week
/// published by 4 pm that day. Over the 2018-19 shutdown the report of
/// 2018-12-18 stands until Friday 2019-02-01 brings the one of 2018-12-24.
#[test]
fn history_aligned_on_release() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let lines = csv_lines(&tff_2018_2019(
        &dir,
        "history",
        &[
            "--market",
            "russell 2000",
            "-g",
            "leveraged-funds",
            "--align",
            "release",
            "--csv",
        ],
    ));
    assert_eq!(lines[0][..2], ["date", "net"].map(String::from));
    let as_of = lines[0].iter().position(|h| h == "as_of").unwrap();
    let row = |friday: &str| {
        lines
            .iter()
            .find(|l| l[0] == friday)
            .unwrap_or_else(|| panic!("no line for {friday}"))
            .clone()
    };
    for friday in [
        "2018-12-28",
        "2019-01-04",
        "2019-01-11",
        "2019-01-18",
        "2019-01-25",
    ] {
        assert_eq!(row(friday)[as_of], "2018-12-18", "{friday}");
    }
    assert_eq!(row("2019-02-01")[as_of], "2018-12-24");
    assert_eq!(row("2019-03-08")[as_of], "2019-03-05");
    for l in &lines[1..] {
        let day: cftc_cot::NaiveDate = l[0].parse().unwrap();
        assert_eq!(chrono::Datelike::weekday(&day), chrono::Weekday::Fri);
        assert!(l[as_of] <= l[0]);
    }
}

/// A screen as known at a moment takes the latest report out by then,
/// every market of it (codes read off the file).
#[test]
fn screen_as_known_at() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let y18 = dir.join("tff_fut/2018/FinFut18.txt");
    let out = tff_2018_2019(
        &dir,
        "screen",
        &["--report", "tff", "--as-known-at", "2019-01-15", "--json"],
    );
    let rows = json(&out);
    let rows = rows.as_array().unwrap();
    let mut reader = csv::Reader::from_path(&y18).unwrap();
    let headers = reader.headers().unwrap().clone();
    let col = |n: &str| headers.iter().position(|h| h.trim() == n).unwrap();
    let (d, c) = (
        col("Report_Date_as_YYYY-MM-DD"),
        col("CFTC_Contract_Market_Code"),
    );
    let codes: std::collections::BTreeSet<String> = reader
        .records()
        .map(|r| r.unwrap())
        .filter(|r| r[d].trim() == "2018-12-18")
        .map(|r| r[c].trim().to_string())
        .collect();
    assert_eq!(rows.len(), codes.len());
    for r in rows {
        assert_eq!(r["date"], "2018-12-18");
        assert_eq!(r["released"], "2018-12-21T20:30:00Z");
        assert!(codes.contains(r["code"].as_str().unwrap()));
    }
}

/// The market directory as known at a moment: a market's last report is
/// the last one out by then, and a week published after it is not there.
#[test]
fn markets_as_known_at() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let y19 = dir.join("tff_fut/2019/FinFut19.txt");
    let run = |extra: &[&str]| {
        let mut args = vec!["--search", "russell", "--json"];
        args.extend_from_slice(extra);
        json(&tff_2018_2019(&dir, "markets", &args))
    };
    let emini = |v: &serde_json::Value| {
        v.as_array()
            .unwrap()
            .iter()
            .find(|m| m["code"] == "239742")
            .unwrap()
            .clone()
    };
    // Read off the files: the E-mini's last week of 2019.
    let last_2019 = raw_nets(
        &y19,
        "239742",
        "Lev_Money_Positions_Long_All",
        "Lev_Money_Positions_Short_All",
    )
    .last()
    .unwrap()
    .0
    .clone();
    assert_eq!(emini(&run(&[]))["last_date"], last_2019.as_str());
    assert_eq!(
        emini(&run(&["--as-known-at", "2019-01-15"]))["last_date"],
        "2018-12-18"
    );
    assert_eq!(
        emini(&run(&["--as-known-at", "2019-02-01T16:00"]))["last_date"],
        "2018-12-24"
    );
}
