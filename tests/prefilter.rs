//! The raw-bytes prefilter never changes what a reader returns or reports:
//! on the samples and on randomly damaged copies of them, a filtered read
//! returns exactly the matching records of an unfiltered read, accounts for
//! every row, and reports errors at the same lines.

use cftc_cot::read::{Filter, ReadSummary, ReaderBuilder};
use cftc_cot::{CotRecord, Error};
use chrono::NaiveDate;
use proptest::prelude::*;

fn read(text: &[u8], filter: Option<&Filter>) -> Result<(Vec<CotRecord>, ReadSummary), Error> {
    let mut builder = ReaderBuilder::new().lenient();
    if let Some(f) = filter {
        builder = builder.filter(f.clone());
    }
    let mut reader = builder.from_reader(text, "sample.txt")?;
    let mut out = Vec::new();
    for r in &mut reader {
        out.push(r?);
    }
    Ok((out, reader.into_summary()))
}

fn samples() -> Vec<Vec<u8>> {
    [
        "legacy_futures_only.txt",
        "legacy_old_layout_annual.txt",
        "tff_futures_only.txt",
        "deafut.txt",
        "disaggregated_f_year.txt",
        "f_disagg.txt",
        "supplemental_annualci.txt",
    ]
    .iter()
    .map(|n| std::fs::read(format!("data-samples/{n}")).unwrap())
    .collect()
}

fn filters() -> Vec<Filter> {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    vec![
        Filter::codes(["239742"]).unwrap(),
        Filter::codes(["001602", "239741"]).unwrap(),
        Filter::codes(["088691", "002602"]).unwrap(),
        Filter::all().from(d(2025, 2, 1)),
        Filter::codes(["13874A"]).unwrap().to(d(2025, 2, 11)),
    ]
}

fn same_outcome(text: &[u8], filter: &Filter) -> Result<(), TestCaseError> {
    let full = read(text, None);
    let filtered = read(text, Some(filter));
    match (full, filtered) {
        (Ok((all, full_report)), Ok((kept, report))) => {
            let expected: Vec<CotRecord> = all
                .into_iter()
                .filter(|r| filter.matches_code(&r.code()) && filter.matches_date(r.date()))
                .collect();
            prop_assert_eq!(&kept, &expected);
            prop_assert_eq!(report.rows, full_report.rows);
            prop_assert_eq!(
                report.records + report.filtered_out + report.skipped,
                report.rows
            );
            // A bad row the filter passed is reported at the same line.
            let full_lines: Vec<u64> = full_report
                .errors
                .iter()
                .filter_map(|e| Some(e.location()?.line))
                .collect();
            for e in &report.errors {
                let line = e.location().map(|l| l.line).unwrap_or(0);
                if report.skipped <= cftc_cot::read::KEPT_ERRORS as u64
                    && full_report.skipped <= cftc_cot::read::KEPT_ERRORS as u64
                {
                    prop_assert!(
                        full_lines.contains(&line),
                        "line {} not in {:?}",
                        line,
                        full_lines
                    );
                }
            }
        }
        // The layout is decided on the first row, which is never filtered.
        (Err(a), Err(b)) => prop_assert_eq!(a.to_string(), b.to_string()),
        (a, b) => prop_assert!(
            false,
            "full {:?} vs filtered {:?}",
            a.map(|x| x.1),
            b.map(|x| x.1)
        ),
    }
    Ok(())
}

#[test]
fn samples_filter_like_a_full_read() {
    for text in samples() {
        for filter in filters() {
            same_outcome(&text, &filter).unwrap();
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Damage a sample with quotes, commas, newlines and junk at random
    /// places; the filtered read must still agree with the full read.
    #[test]
    fn damaged_samples_filter_like_a_full_read(
        which in 0usize..4,
        f in 0usize..4,
        edits in prop::collection::vec((0.0f64..1.0, prop::sample::select(vec![&b"\""[..], b",", b"\n", b"\r\n", b"\"\"", b"x", b".", b"\"a\nb\""])), 0..8),
    ) {
        let mut text = samples()[which].clone();
        for (at, bytes) in edits {
            let i = ((text.len() as f64) * at) as usize;
            text.splice(i..i, bytes.iter().copied());
        }
        same_outcome(&text, &filters()[f])?;
    }
}
