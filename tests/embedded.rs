//! The embedded Russell 2000 snapshot: made from the real files by the
//! committed command, equal to them row by row, and giving the same
//! histories as the files.

use crate::common;

use std::collections::HashMap;
use std::process::Command;

use cftc_cot::Scope;
use cftc_cot::TraderGroup;
use cftc_cot::history::embedded::{self, Embedded};
use cftc_cot::history::study::Study;
use cftc_cot::read::Mode;
use cftc_cot::source::Source;

fn example(name: &str) -> std::path::PathBuf {
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().unwrap().parent().unwrap().join("examples");
    dir.join(format!("{name}{}", std::env::consts::EXE_SUFFIX))
}

/// The committed file is exactly what `make_snapshot` makes from the real
/// files: nothing in it was edited by hand.
#[test]
fn committed_snapshot_is_what_make_snapshot_makes() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let tmp = common::temp_dir();
    let out = tmp.path().join("russell2000.csv");
    let made = Command::new(example("make_snapshot"))
        .args([
            "--data",
            dir.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let fresh = std::fs::read_to_string(&out).unwrap();
    let committed = std::fs::read_to_string("snapshot/russell2000.csv").unwrap();
    assert!(
        fresh == committed,
        "snapshot/russell2000.csv is stale: run make_snapshot"
    );
}

/// Leveraged funds and open interest of every Russell 2000 row of the 2018
/// TFF file, read by header name with the `csv` crate alone, against the
/// snapshot's.
#[test]
fn snapshot_rows_match_the_raw_file() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let mut raw = csv::Reader::from_path(dir.join("tff_fut/2018/FinFut18.txt")).unwrap();
    let headers = raw.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h.trim() == name).unwrap();
    let (date, code, oi, long, short) = (
        col("Report_Date_as_YYYY-MM-DD"),
        col("CFTC_Contract_Market_Code"),
        col("Open_Interest_All"),
        col("Lev_Money_Positions_Long_All"),
        col("Lev_Money_Positions_Short_All"),
    );
    let mut expected: HashMap<(String, String), (i64, i64, i64)> = HashMap::new();
    for row in raw.records() {
        let row = row.unwrap();
        let c = row[code].trim().to_string();
        if !["239742", "23977A", "239777", "239747"].contains(&c.as_str()) {
            continue;
        }
        let n = |i: usize| row[i].trim().parse::<i64>().unwrap();
        expected.insert(
            (c, row[date].trim().to_string()),
            (n(oi), n(long), n(short)),
        );
    }
    // 52 weeks of the CME E-mini and the ICE mini until it ended in 2018.
    assert_eq!(expected.len(), 76);
    let snapshot = embedded::russell_2000().unwrap();
    let mut got = HashMap::new();
    for p in snapshot.positions(TraderGroup::LeveragedFunds) {
        let p = p.unwrap();
        if p.scope == Scope::FuturesOnly && p.date.to_string().starts_with("2018-") {
            got.insert(
                (p.code.to_string(), p.date.to_string()),
                (p.open_interest, p.long, p.short),
            );
        }
    }
    assert_eq!(got, expected);
}

/// Every group's history from the snapshot equals the history from the
/// files, in both reports and both scopes.
#[test]
fn snapshot_histories_equal_the_files() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let snapshot = embedded::russell_2000().unwrap();
    for kind in [cftc_cot::ReportKind::Legacy, cftc_cot::ReportKind::Tff] {
        for scope in [Scope::FuturesOnly, Scope::Combined] {
            let first = Study::russell_2000().group(TraderGroup::of(kind).next().unwrap());
            let loaded = first
                .scope(scope)
                .load(&Source::dir(&dir), Mode::Strict)
                .unwrap();
            for group in TraderGroup::of(kind) {
                let study = Study::russell_2000().group(group).scope(scope);
                let from_files = study.history(&loaded.merged.records).unwrap();
                let from_snapshot = study
                    .history_from_positions(snapshot.positions(group))
                    .unwrap();
                assert!(from_files.points().len() > 100, "{group} {scope}");
                assert_eq!(from_files, from_snapshot, "{group} {scope}");
            }
        }
    }
}

#[test]
fn coverage_says_what_the_snapshot_holds() {
    let snapshot = embedded::russell_2000().unwrap();
    let coverage = snapshot.coverage();
    assert_eq!(coverage.len(), 4, "{coverage:?}");
    assert_eq!(
        coverage.iter().map(|c| c.rows).sum::<usize>(),
        snapshot.len()
    );
    let tff = coverage
        .iter()
        .find(|c| c.kind == cftc_cot::ReportKind::Tff && c.scope == Scope::FuturesOnly)
        .unwrap();
    assert_eq!(tff.first.to_string(), "2010-07-20");
}

/// A damaged snapshot is a typed error with its line, never a panic.
#[test]
fn damaged_snapshot_text_is_an_error_with_its_line() {
    let good = "# cftc-cot snapshot 1\n\
        legacy,futures_only,239742,2024-01-02,\"RUSSELL E-MINI - CME\",100,1,2,3,4,5,6\n";
    assert_eq!(Embedded::parse(good, "t").unwrap().len(), 1);
    for (bad, line, what) in [
        ("no magic\n", 1, "first line"),
        (
            "# cftc-cot snapshot 1\nlegacy,futures_only,239742,2024-01-02,,100,1,2,3,4,5,6\n",
            2,
            "no market name",
        ),
        (
            "# cftc-cot snapshot 1\nlegacy,futures_only,239742,2024-13-02,\"X\",100,1,2,3,4,5,6\n",
            2,
            "date",
        ),
        (
            "# cftc-cot snapshot 1\nlegacy,futures_only,239742,2024-01-02,\"X\",100,1,2\n",
            2,
            "fields",
        ),
        (
            "# cftc-cot snapshot 1\ntff,futures_only,239742,2024-01-02,\"X\",1e9,1,2\n",
            2,
            "open interest",
        ),
        (
            "# cftc-cot snapshot 1\nlegacy,futures_only,239742,2024-01-02,\"X,100\n",
            2,
            "quoting",
        ),
    ] {
        let err = Embedded::parse(bad, "t").unwrap_err().to_string();
        assert!(
            err.contains(&format!("line {line}")) || err.contains(&format!(":{line}")),
            "{err}"
        );
        assert!(err.contains(what), "{what}: {err}");
    }
}
