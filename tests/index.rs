//! The market directory's index: a warm question opens no file, and the
//! index follows the files (a new file, a changed one, a removed one, a
//! damaged index), always answering what reading the files answers.
//! Expected codes and dates are read off the files with `csv`, not with
//! the crate's reader.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use cftc_cot::read::Mode;
use cftc_cot::source::Source;
use cftc_cot::source::directory::Directory;

/// Code -> last report date (YYYY-MM-DD) of a CFTC text file, read with
/// csv by its header names.
fn codes_and_last_dates(path: &Path) -> BTreeMap<String, String> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header = reader.headers().unwrap().clone();
    // Legacy files spell their headers with spaces, the others with `_`.
    let column = |want: &dyn Fn(&str) -> bool| {
        header
            .iter()
            .position(|h| want(&h.trim().to_ascii_lowercase().replace(' ', "_")))
            .unwrap_or_else(|| panic!("a column in {}", path.display()))
    };
    let code = column(&|h| h == "cftc_contract_market_code");
    let date = column(&|h| h.ends_with("yyyy-mm-dd"));
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    for row in reader.records() {
        let row = row.unwrap();
        let (c, d) = (row[code].trim().to_string(), row[date].trim().to_string());
        let last = out.entry(c).or_default();
        if d > *last {
            *last = d;
        }
    }
    out
}

struct Setup {
    _tmp: tempfile::TempDir,
    data: PathBuf,
    index: PathBuf,
    real: PathBuf,
}

fn setup() -> Option<Setup> {
    let real = common::data_dir()?;
    let tmp = common::temp_dir();
    let data = tmp.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::copy(
        real.join("legacy_fut/2024_partial_thru_0123/annual.txt"),
        data.join("legacy_2024.txt"),
    )
    .unwrap();
    std::fs::copy(
        real.join("tff_fut/2026_partial_thru_0317/FinFutYY.txt"),
        data.join("tff_2026.txt"),
    )
    .unwrap();
    // Files written just now are "racy" (modified within two seconds of
    // their indexing) and checked by content: date them an hour back, as
    // files at rest are.
    for f in ["legacy_2024.txt", "tff_2026.txt"] {
        age(&data.join(f));
    }
    Some(Setup {
        index: tmp.path().join("index"),
        data,
        _tmp: tmp,
        real,
    })
}

fn age(path: &Path) {
    let file = std::fs::File::options().write(true).open(path).unwrap();
    file.set_modified(SystemTime::now() - Duration::from_secs(3600))
        .unwrap();
}

fn indexed(s: &Setup, mode: Mode) -> Directory {
    let source = Source::dir(&s.data).index_dir(&s.index);
    Directory::from_source(&source, mode).unwrap().0
}

fn unindexed(s: &Setup) -> Directory {
    Directory::from_source(&Source::dir(&s.data).no_index(), Mode::Lenient)
        .unwrap()
        .0
}

/// Every code of the files, with its last date, as the directory says.
fn listed(d: &Directory) -> BTreeMap<String, String> {
    d.markets()
        .into_iter()
        .map(|m| (m.code.to_string(), m.last_date.to_string()))
        .collect()
}

fn expected(files: &[PathBuf]) -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    for f in files {
        for (code, last) in codes_and_last_dates(f) {
            let slot = out.entry(code).or_default();
            if last > *slot {
                *slot = last;
            }
        }
    }
    out
}

#[test]
fn a_warm_question_opens_no_file_and_answers_the_same() {
    let Some(s) = setup() else { return };
    let cold = indexed(&s, Mode::Lenient);
    let c = cold.index_summary().unwrap();
    assert_eq!((c.files_read, c.files_from_index, c.merged), (2, 0, false));
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    let warm = indexed(&s, Mode::Lenient);
    let w = warm.index_summary().unwrap();
    assert_eq!((w.files_read, w.files_from_index, w.merged), (0, 2, true));
    assert_eq!(warm.markets(), cold.markets());
    assert_eq!(warm.markets(), unindexed(&s).markets());
    let files = [s.data.join("legacy_2024.txt"), s.data.join("tff_2026.txt")];
    assert_eq!(listed(&warm), expected(&files));
    // Strict questions use the index too: no row of these files is bad.
    let strict = indexed(&s, Mode::Strict);
    assert_eq!(strict.index_summary().unwrap().files_read, 0);
    assert_eq!(strict.markets(), cold.markets());
}

#[test]
fn a_new_file_is_the_only_one_read() {
    let Some(s) = setup() else { return };
    indexed(&s, Mode::Lenient);
    let new = s.data.join("legacy_2025.txt");
    std::fs::copy(
        s.real.join("legacy_fut/2025_partial_thru_0318/annual.txt"),
        &new,
    )
    .unwrap();
    age(&new);
    let d = indexed(&s, Mode::Lenient);
    let summary = d.index_summary().unwrap();
    assert_eq!((summary.files_read, summary.files_from_index), (1, 2));
    let files = [
        s.data.join("legacy_2024.txt"),
        s.data.join("tff_2026.txt"),
        new,
    ];
    assert_eq!(listed(&d), expected(&files));
    assert_eq!(d.markets(), unindexed(&s).markets());
}

#[test]
fn a_changed_file_is_read_again_and_a_touched_one_is_not() {
    let Some(s) = setup() else { return };
    indexed(&s, Mode::Lenient);
    let tff = s.data.join("tff_2026.txt");
    // Touched: a new time, the same bytes. Known by its content.
    std::fs::File::options()
        .write(true)
        .open(&tff)
        .unwrap()
        .set_modified(SystemTime::now() - Duration::from_secs(1800))
        .unwrap();
    let touched = indexed(&s, Mode::Lenient);
    let t = touched.index_summary().unwrap();
    assert_eq!((t.files_read, t.files_from_index), (0, 2));
    // Changed: its latest week dropped (rows of the last date removed).
    let text = std::fs::read_to_string(&tff).unwrap();
    let last = codes_and_last_dates(&tff).into_values().max().unwrap();
    let kept: Vec<&str> = text.lines().filter(|l| !l.contains(&last)).collect();
    assert!(kept.len() < text.lines().count());
    std::fs::write(&tff, kept.join("\n") + "\n").unwrap();
    age(&tff);
    let changed = indexed(&s, Mode::Lenient);
    let c = changed.index_summary().unwrap();
    assert_eq!((c.files_read, c.files_from_index), (1, 1));
    let files = [s.data.join("legacy_2024.txt"), tff];
    assert_eq!(listed(&changed), expected(&files));
    assert_eq!(changed.markets(), unindexed(&s).markets());
}

#[test]
fn a_removed_file_leaves_the_answer() {
    let Some(s) = setup() else { return };
    let before = indexed(&s, Mode::Lenient);
    let legacy = s.data.join("legacy_2024.txt");
    let only_legacy: BTreeSet<String> = {
        let tff = codes_and_last_dates(&s.data.join("tff_2026.txt"));
        codes_and_last_dates(&legacy)
            .into_keys()
            .filter(|c| !tff.contains_key(c))
            .collect()
    };
    assert!(!only_legacy.is_empty());
    assert!(listed(&before).keys().any(|c| only_legacy.contains(c)));
    std::fs::remove_file(&legacy).unwrap();
    let after = indexed(&s, Mode::Lenient);
    assert!(!after.index_summary().unwrap().merged);
    assert!(!listed(&after).keys().any(|c| only_legacy.contains(c)));
    assert_eq!(listed(&after), expected(&[s.data.join("tff_2026.txt")]));
}

#[test]
fn a_damaged_index_is_rebuilt_and_an_unwritable_one_is_said() {
    let Some(s) = setup() else { return };
    let good = indexed(&s, Mode::Lenient).markets();
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in [s.index.clone(), s.index.join("parts")] {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_file() {
                files.push(p);
            }
        }
    }
    assert!(files.len() >= 4, "{files:?}");
    let damages: [&[u8]; 4] = [
        b"",
        b"\xff\xfe not text",
        b"# skipped 0\ncode,report\n999999,legacy\n",
        b"path,size,modified_ns,checked_ns,digest,skipped_rows\n/etc/passwd,1,1,9999999999999,../../x,0\n",
    ];
    for damage in damages {
        for f in &files {
            std::fs::write(f, damage).unwrap();
        }
        for mode in [Mode::Lenient, Mode::Strict] {
            let d = indexed(&s, mode);
            assert_eq!(d.markets(), good, "{damage:?}");
        }
    }
    // An index that cannot be written: the same answer, and a warning.
    let blocked = s._tmp.path().join("blocked");
    std::fs::write(&blocked, b"a file where the index directory would be").unwrap();
    let source = Source::dir(&s.data).index_dir(blocked.join("index"));
    let (d, _) = Directory::from_source(&source, Mode::Lenient).unwrap();
    assert_eq!(d.markets(), good);
    let warnings = &d.index_summary().unwrap().warnings;
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("could not be saved"), "{warnings:?}");
}

#[test]
fn a_strict_question_does_not_trust_a_lenient_part() {
    let Some(s) = setup() else { return };
    // A bad row: the first data row's open interest made a word.
    let tff = s.data.join("tff_2026.txt");
    let mut reader = csv::Reader::from_path(&tff).unwrap();
    let header = reader.headers().unwrap().clone();
    let oi = header
        .iter()
        .position(|h| h.trim() == "Open_Interest_All")
        .unwrap();
    let mut rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let bad: Vec<&str> = rows[0]
        .iter()
        .enumerate()
        .map(|(i, c)| if i == oi { "lots" } else { c })
        .collect();
    rows[0] = csv::StringRecord::from(bad);
    let mut w = csv::Writer::from_path(&tff).unwrap();
    w.write_record(&header).unwrap();
    for r in &rows {
        w.write_record(r).unwrap();
    }
    w.flush().unwrap();
    drop(w);
    age(&tff);
    let lenient = indexed(&s, Mode::Lenient);
    assert_eq!(lenient.index_summary().unwrap().files_read, 2);
    let source = Source::dir(&s.data).index_dir(&s.index);
    let err = Directory::from_source(&source, Mode::Strict).unwrap_err();
    assert!(err.is_row_error(), "{err}");
    assert!(err.to_string().contains("tff_2026.txt"), "{err}");
}

/// A screen read market group by market group (bounded memory) answers
/// what one screen over every record answers, for each report here.
#[test]
fn a_screen_in_passes_is_the_screen_of_every_record() {
    use cftc_cot::history::screen::{ScreenOptions, screen, screen_source};
    use cftc_cot::read::ReaderBuilder;
    use cftc_cot::{ReportKind, Scope};
    let Some(s) = setup() else { return };
    let source = Source::dir(&s.data).index_dir(&s.index);
    let builder = ReaderBuilder::new();
    for report in [ReportKind::Legacy, ReportKind::Tff] {
        let mut options = ScreenOptions::new(report);
        options.rows_per_pass = 300;
        let screened = screen_source(&source, &builder, &options).unwrap();
        assert!(screened.passes > 3, "{report}: {}", screened.passes);
        let all = source.load(&builder, report, Scope::FuturesOnly).unwrap();
        let whole = screen(&all.merged.records, &options).unwrap();
        assert!(!whole.is_empty());
        assert_eq!(screened.rows, whole, "{report}");
        // Each input listed once, its records summed over the passes.
        let records: u64 = screened.loaded.read.iter().map(|r| r.summary.records).sum();
        let once: u64 = all.read.iter().map(|r| r.summary.records).sum();
        assert_eq!(records, once, "{report}");
        assert_eq!(screened.loaded.read.len(), all.read.len());
    }
    // A date no market reported on is the same error either way.
    let mut options = ScreenOptions::new(ReportKind::Tff);
    options.at = Some("2026-03-18".parse().unwrap());
    options.rows_per_pass = 300;
    let err = screen_source(&source, &builder, &options).unwrap_err();
    assert!(
        matches!(err.kind(), cftc_cot::ErrorKind::NoReading { .. }),
        "{err}"
    );
}
