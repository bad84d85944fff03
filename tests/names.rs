//! Issue 23, item 1: a name resolves to the market a trader means. The
//! expected code is read off CFTC's legacy files here, with the `csv`
//! crate and a rule of its own: among the codes any of whose names (over
//! every year) holds every word of the query as a whole word (a plural
//! allowed), the one with the largest open interest in its latest report.

use crate::common;

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use cftc_cot::read::Mode;
use cftc_cot::source::Source;
use cftc_cot::source::directory::Directory;
use cftc_cot::{ReportKind, Scope};

/// Per code: every name, and (latest date, its open interest).
fn codes_of(dir: &Path) -> HashMap<String, (Vec<String>, (String, i64))> {
    let mut out: HashMap<String, (Vec<String>, (String, i64))> = HashMap::new();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .flat_map(|d| std::fs::read_dir(d.path()).unwrap().flatten())
        .map(|e| e.path())
        .collect();
    files.sort();
    for path in files {
        let text = if path.extension().is_some_and(|e| e == "zip") {
            let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
            let mut bytes = Vec::new();
            zip.by_index(0).unwrap().read_to_end(&mut bytes).unwrap();
            String::from_utf8_lossy(&bytes).into_owned()
        } else {
            String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned()
        };
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(text.as_bytes());
        let headers = reader.headers().unwrap().clone();
        let find = |f: &dyn Fn(&str) -> bool| headers.iter().position(|h| f(h.trim())).unwrap();
        let date = find(&|h| h.contains("YYYY-MM-DD"));
        let code =
            find(&|h| h.contains("Contract Market Code") || h == "CFTC_Contract_Market_Code");
        let oi = find(&|h| h.starts_with("Open Interest"));
        for row in reader.records().flatten() {
            let (Some(name), Some(c), Some(d)) = (row.get(0), row.get(code), row.get(date)) else {
                continue;
            };
            let open = row.get(oi).and_then(|v| v.trim().parse().ok()).unwrap_or(0);
            let entry = out
                .entry(c.trim().to_string())
                .or_insert((Vec::new(), (String::new(), 0)));
            if !entry.0.iter().any(|n| n == name.trim()) {
                entry.0.push(name.trim().to_string());
            }
            let reading = (d.trim().to_string(), open);
            if reading > entry.1 {
                entry.1 = reading;
            }
        }
    }
    out
}

fn words(text: &str) -> Vec<String> {
    text.to_uppercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn expected(codes: &HashMap<String, (Vec<String>, (String, i64))>, query: &str) -> String {
    let wanted = words(query);
    codes
        .iter()
        .filter(|(_, (names, _))| {
            names.iter().any(|n| {
                let have = words(n);
                wanted
                    .iter()
                    .all(|w| have.contains(w) || have.contains(&format!("{w}S")))
            })
        })
        .max_by_key(|(c, (_, (_, oi)))| (*oi, (*c).clone()))
        .map(|(c, _)| c.clone())
        .unwrap()
}

#[test]
fn names_resolve_as_traders_mean_them() {
    let Some(data) = common::data_dir() else {
        return;
    };
    let dir = data.join("legacy_fut");
    let codes = codes_of(&dir);
    let source = Source::dir(&dir);
    let (directory, _) = Directory::from_source(&source, Mode::Lenient).unwrap();
    for (query, issue_says) in [
        ("crude oil", "067651"),
        ("euro", "099741"),
        ("natural gas", "023651"),
        ("eurodollar", "132741"),
        ("gold", "088691"),
    ] {
        let want = expected(&codes, query);
        // The files agree with what the issue was told.
        assert_eq!(want, issue_says, "{query}");
        let resolved = directory
            .resolve(query, ReportKind::Legacy, Scope::FuturesOnly)
            .unwrap();
        assert_eq!(resolved.best.market.code.as_str(), want, "{query}");
        let found = source
            .find_market(query, ReportKind::Legacy, Scope::FuturesOnly, Mode::Lenient)
            .unwrap();
        assert_eq!(found.codes.len(), 1, "{query}");
        assert_eq!(found.codes[0].as_str(), want, "{query}");
        // The answer says what was chosen and how to pick another.
        let note = found.note.unwrap_or_default();
        assert!(note.contains(&want), "{query}: {note}");
    }
}

/// The CLI answers by the same lookup.
#[cfg(feature = "cli")]
#[test]
fn the_cli_finds_wti_for_crude_oil() {
    let Some(data) = common::data_dir() else {
        return;
    };
    let out = common::cftc_command(env!("CARGO_BIN_EXE_cftc"))
        .args([
            "history",
            "--data",
            data.join("legacy_fut/2025_partial_thru_0318")
                .to_str()
                .unwrap(),
            "--market",
            "crude oil",
            "--json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["codes"][0], "067651", "{report}");
}
