//! `cftc markets`: every market in the data, with its names and dates.

use cftc_cot::ReportKind;
use cftc_cot::source::directory::Directory;

use crate::args::MarketsArgs;
use crate::failure::Failure;
use crate::output::{json, say};
use crate::sources::{mode, source};

pub fn run(a: MarketsArgs) -> Result<(), Failure> {
    let source = source(&a.data);
    let (directory, skipped) = match a.as_known_at {
        Some(moment) => {
            eprintln!(
                "cftc: as known at {}: only the reports CFTC had published by then (every file read, the index not used)",
                cftc_cot::records::calendar::new_york(moment)
            );
            Directory::as_known_at(&source, mode(&a.data), moment)?
        }
        None => Directory::from_source(&source, mode(&a.data))?,
    };
    for warning in directory.index_summary().map_or(&[][..], |s| &s.warnings) {
        eprintln!("cftc: warning: {warning}");
    }
    if directory.is_empty() {
        let mut text = format!("no COT files in {source}");
        if a.data.data.is_empty() {
            text.push_str(
                "; fill the cache with `cftc download` (or a mirror in CFTC_COT_BASE_URL), or pass --data DIR with CFTC's files",
            );
        }
        return Err(Failure::Message(text));
    }
    let keep = |reports: &[ReportKind]| a.report.is_none_or(|r| reports.contains(&r));
    if let Some(query) = &a.search {
        let found: Vec<_> = directory
            .search(query)
            .into_iter()
            .filter(|m| keep(&m.market.reports))
            .collect();
        if a.json {
            return json(&found);
        }
        if found.is_empty() {
            return Err(Failure::Message(format!(
                "no market matching {query:?} among the {} codes of {source}",
                directory.len()
            )));
        }
        for m in &found {
            say(&m.market.to_string());
            if let Some(note) = &m.note {
                say(&format!("    note: {note}"));
            }
        }
        return Ok(());
    }
    let all: Vec<_> = directory
        .markets()
        .into_iter()
        .filter(|m| keep(&m.reports))
        .collect();
    if a.json {
        return json(&all);
    }
    for m in &all {
        say(&m.to_string());
    }
    crate::output::skipped(&skipped);
    Ok(())
}
