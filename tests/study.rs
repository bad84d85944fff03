//! The library's main job, called as a library: sources that account for
//! every input, studies that refuse what cannot be answered, snapshots,
//! swings and extremes checked against the points they come from, the
//! market directory, and JSON whose numbers are numbers.

use crate::common;

use cftc_cot::TraderGroup;
use cftc_cot::history::Unit;
use cftc_cot::history::analytics::{Subject, Window, headline};
use cftc_cot::history::study::Study;
use cftc_cot::read::{Mode, ReaderBuilder};
use cftc_cot::records::registry::Family;
use cftc_cot::source::directory::Directory;
use cftc_cot::source::{SkipReason, Source};
use cftc_cot::{ReportKind, Scope};

/// A directory with one good legacy file, a TFF file, a truncated zip, an
/// HTML page saved as `.txt` and a zip made by macOS.
fn mixed_dir() -> tempfile::TempDir {
    let tmp = common::temp_dir();
    let dir = tmp.path();
    std::fs::copy(
        "data-samples/legacy_futures_only.txt",
        dir.join("annual.txt"),
    )
    .unwrap();
    std::fs::copy(
        "data-samples/tff_futures_only.txt",
        dir.join("FinFutYY.txt"),
    )
    .unwrap();
    let zip = std::fs::read("data-samples/deacot2025_sample.zip").unwrap();
    std::fs::write(dir.join("deacot2024.zip"), &zip[..zip.len() / 2]).unwrap();
    std::fs::write(dir.join("page.txt"), "<html><body>moved</body></html>\n").unwrap();
    tmp
}

#[test]
fn a_source_names_every_input_and_why_it_was_left_out() {
    let tmp = mixed_dir();
    let lenient = ReaderBuilder::new().lenient();
    let loaded = Source::dir(tmp.path())
        .load(&lenient, ReportKind::Legacy, Scope::FuturesOnly)
        .unwrap();
    assert_eq!(loaded.read.len(), 1);
    assert!(loaded.read[0].path.ends_with("annual.txt"));
    let reasons: Vec<(String, String)> = loaded
        .skipped
        .iter()
        .map(|s| {
            (
                s.path.file_name().unwrap().to_string_lossy().into_owned(),
                s.reason.to_string(),
            )
        })
        .collect();
    assert_eq!(reasons.len(), 3, "{reasons:?}");
    assert!(matches!(
        loaded
            .skipped
            .iter()
            .find(|s| s.path.ends_with("FinFutYY.txt"))
            .unwrap()
            .reason,
        SkipReason::OtherReport {
            kind: ReportKind::Tff,
            scope: Scope::FuturesOnly
        }
    ));
    let why = |name: &str| &reasons.iter().find(|(n, _)| n == name).unwrap().1;
    assert!(why("page.txt").starts_with("not a COT file"), "{reasons:?}");
    assert!(
        why("deacot2024.zip").starts_with("unreadable"),
        "{reasons:?}"
    );
    // Strict: the broken zip is an error that names it.
    let err = Source::dir(tmp.path())
        .load(
            &ReaderBuilder::new(),
            ReportKind::Legacy,
            Scope::FuturesOnly,
        )
        .unwrap_err();
    assert!(err.to_string().contains("deacot2024.zip"), "{err}");
}

#[test]
fn years_keep_only_their_rows() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let legacy = dir.join("legacy_fut");
    let load = |source: Source| {
        source
            .load(
                &ReaderBuilder::new(),
                ReportKind::Legacy,
                Scope::FuturesOnly,
            )
            .unwrap()
    };
    let all = load(Source::dir(&legacy));
    let only = load(Source::dir(&legacy).years(2002..=2004));
    let in_range = all
        .merged
        .records
        .iter()
        .filter(|r| (2002..=2004).contains(&chrono::Datelike::year(&r.date())))
        .count();
    assert!(in_range > 0 && in_range < all.merged.records.len());
    assert_eq!(only.merged.records.len(), in_range);
}

#[test]
fn a_study_refuses_what_cannot_be_answered() {
    let refused = |study: Study, words: &[&str]| {
        let err = study.validate().unwrap_err();
        assert_eq!(err.cause(), cftc_cot::Cause::Question);
        for w in words {
            assert!(err.to_string().contains(w), "{w}: {err}");
        }
    };
    refused(
        Study::russell_2000().group(TraderGroup::ManagedMoney),
        &["Disaggregated report", "leveraged-funds", "noncommercial"],
    );
    refused(
        Study::russell_2000().group(TraderGroup::IndexTraders),
        &["combined only"],
    );
    let gold = Study::of_code("088691".parse().unwrap(), "GOLD").group(TraderGroup::ManagedMoney);
    assert!(
        gold.validate().is_ok(),
        "a code of unknown size is counted in contracts"
    );
    refused(
        gold.unit(Unit::EminiEquivalents),
        &["not in the registry", "contracts"],
    );
    refused(Study::russell_2000().weeks(0), &["1 to 520"]);
    // A code the registry knows keeps its sizes.
    let emini = Study::of_code("239742".parse().unwrap(), "E-mini");
    assert!(emini.family().members.len() >= 2);
    assert!(emini.validate().is_ok());
}

#[test]
fn an_empty_history_says_which_files_were_there() {
    let tmp = mixed_dir();
    let err = Study::russell_2000()
        .group(TraderGroup::DisaggregatedNonreportable)
        .run(&Source::dir(tmp.path()), Mode::Lenient)
        .unwrap_err();
    assert!(err.to_string().contains("Disaggregated"), "{err}");
    // Leveraged funds in a directory with TFF rows but no Russell rows of
    // the asked scope: the error names the report and what was there.
    let err = Study::russell_2000()
        .group(TraderGroup::LeveragedFunds)
        .scope(Scope::Combined)
        .run(&Source::dir(tmp.path()), Mode::Lenient)
        .unwrap_err();
    let text = err.to_string();
    assert!(text.contains("tff combined"), "{text}");
    assert!(text.contains("tff futures-only"), "{text}");
}

/// The report's numbers against the history's points, computed here.
#[test]
fn the_report_agrees_with_the_points() {
    let Some(dir) = common::data_dir() else {
        return;
    };
    let study = Study::russell_2000()
        .group(TraderGroup::LeveragedFunds)
        .weeks(3)
        .window(Window::years(2));
    let (history, report) = study.run(&Source::dir(&dir), Mode::Lenient).unwrap();
    let nets: Vec<(chrono::NaiveDate, f64)> = history
        .points()
        .iter()
        .map(|p| (p.date, p.net.to_string().parse().unwrap()))
        .collect();
    let max = nets
        .iter()
        .cloned()
        .fold(None::<(chrono::NaiveDate, f64)>, |b, x| match b {
            Some(b) if b.1 >= x.1 => Some(b),
            _ => Some(x),
        });
    let best = report.most_bullish.unwrap();
    assert_eq!((best.date, best.net), max.unwrap());
    let last = nets.last().unwrap();
    let h = report.headline.as_ref().unwrap();
    assert_eq!((h.date, h.net), *last);
    assert_eq!(h.change_weeks, 3);
    assert_eq!(h.window_days, Window::years(2).length_days());
    // The swings are sorted by size and each is a difference of two points.
    let sizes: Vec<f64> = report.top_swings.iter().map(|s| s.change.abs()).collect();
    assert!(sizes.windows(2).all(|w| w[0] >= w[1]), "{sizes:?}");
    for s in report.top_swings.iter().filter(|s| s.partial.is_none()) {
        let at = |d| nets.iter().find(|(x, _)| *x == d).unwrap().1;
        assert_eq!(s.change, at(s.end) - at(s.start));
    }
    // The CSV holds one line per point, with the same nets.
    let mut csv = Vec::new();
    history.write_csv(&mut csv, "t").unwrap();
    let text = String::from_utf8(csv).unwrap();
    assert_eq!(text.lines().count(), nets.len() + 1);
    let second = text.lines().nth(1).unwrap();
    assert!(
        second.starts_with(&format!("{},{}", nets[0].0, nets[0].1)),
        "{second}"
    );
    // JSON numbers are numbers.
    let v = serde_json::to_value(&report).unwrap();
    assert!(v["contracts"][0]["multiplier"].is_number());
    assert!(v["headline"]["net"].is_number());
    assert!(v["most_bullish"]["net"].is_number());
    let h = serde_json::to_value(&history).unwrap();
    assert!(h["points"][0]["net"].is_number());
}

#[test]
fn the_directory_finds_markets_by_any_name() {
    let (directory, skipped) =
        Directory::from_source(&Source::dir("data-samples"), Mode::Lenient).unwrap();
    assert!(skipped.is_empty(), "{skipped:?}");
    let russell = directory.search("russell");
    assert!(!russell.is_empty());
    for m in &russell {
        assert!(
            Family::russell_2000_with_micro()
                .codes()
                .contains(&m.market.code),
            "{}",
            m.market.code
        );
    }
    let by_code = directory.search("239742");
    assert_eq!(by_code.len(), 1);
    assert!(by_code[0].market.reports.contains(&ReportKind::Tff));
    let resolved = directory
        .resolve("russell e-mini", ReportKind::Tff, Scope::FuturesOnly)
        .unwrap();
    assert_eq!(resolved.best.market.code.as_str(), "239742");
    let err = directory
        .resolve("unobtainium", ReportKind::Legacy, Scope::FuturesOnly)
        .unwrap_err();
    assert!(
        matches!(err.kind(), cftc_cot::ErrorKind::UnknownMarket { query, .. } if query == "unobtainium"),
        "{err:?}"
    );
    // A library message names no command-line flag: the binary adds its own.
    assert!(!err.to_string().contains("--"), "{err}");
}

#[test]
fn headlines_speak_of_their_subject() {
    use chrono::{Duration, NaiveDate};
    let start = NaiveDate::from_ymd_opt(2024, 1, 2).unwrap();
    let mut pairs: Vec<(NaiveDate, f64)> = (0..80)
        .map(|i| (start + Duration::weeks(i), 100.0 + (i % 4) as f64))
        .collect();
    pairs.push((start + Duration::weeks(80), 900.0));
    let s = cftc_cot::history::analytics::Series::from_pairs(pairs).unwrap();
    let last = *s.dates().last().unwrap();
    let values = headline(&s, last, 1, &Subject::values("Weekly flows", "dollars")).unwrap();
    assert!(
        values.sentence.starts_with("Weekly flows rose by 797"),
        "{}",
        values.sentence
    );
    assert!(
        values.sentence.contains("to 900 dollars"),
        "{}",
        values.sentence
    );
    assert!(
        values.sentence.contains("the biggest one-week rise"),
        "{}",
        values.sentence
    );
    assert!(!values.sentence.contains("net long"), "{}", values.sentence);
    let positions = headline(
        &s,
        last,
        1,
        &Subject::positions("Hedge funds", "Russell 2000 futures", "contracts"),
    )
    .unwrap();
    assert!(
        positions.sentence.contains("net long 900 contracts"),
        "{}",
        positions.sentence
    );
}

/// An error returned from `main` prints its sentence, not a struct.
#[test]
fn errors_print_readably_and_dates_need_no_extra_crate() {
    let err = Study::russell_2000()
        .group(TraderGroup::ManagedMoney)
        .validate()
        .unwrap_err();
    // Debug: the kind, then the sentence (no struct dump).
    assert_eq!(format!("{err:?}"), format!("GroupNotForMarket: {err}"));
    let date: cftc_cot::NaiveDate = "2018-09-11".parse().unwrap();
    let same: cftc_cot::chrono::NaiveDate = date;
    assert_eq!(same, date);
}
