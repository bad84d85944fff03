//! Helpers shared by the integration tests.
#![allow(dead_code)] // each test module uses a different part

use std::path::{Path, PathBuf};

/// The directory of the real CFTC files: `CFTC_COT_DATA`, default
/// `../shared/cftc`. `None` (the test is skipped, with a note) when it does
/// not exist, except under CI, where a missing directory fails the test.
pub fn data_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("CFTC_COT_DATA")
        .map_or_else(|| PathBuf::from("../shared/cftc"), PathBuf::from);
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var_os("CI").is_some() {
        panic!(
            "CFTC_COT_DATA directory {} is missing: under CI the real files are required",
            dir.display()
        );
    }
    eprintln!("skipped: real CFTC files not found at {}", dir.display());
    None
}

/// One file row of `SOURCES.md`.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: String,
    pub rows: u64,
    pub first: String,
    pub last: String,
    pub russell_rows: u64,
}

/// The file table of `SOURCES.md`: every file with its row count, date range
/// and number of Russell 2000 rows, as documented beside the data.
pub fn sources(dir: &Path) -> Vec<Source> {
    let text = std::fs::read_to_string(dir.join("SOURCES.md")).expect("SOURCES.md");
    let mut out = Vec::new();
    for line in text.lines() {
        if !line.starts_with("| `") {
            continue;
        }
        let cells: Vec<&str> = line.split(" | ").collect();
        // | `path` (member..) | size | sha | origin | rows | dates (weeks) | russell | notes |
        if cells.len() < 7 {
            continue;
        }
        let path = cells[0].trim_start_matches("| `");
        let path = &path[..path.find('`').expect("closing backtick")];
        let Ok(rows) = cells[4].trim().parse::<u64>() else {
            continue;
        };
        let dates: Vec<&str> = cells[5].split_whitespace().collect();
        let russell_rows = russell_count(cells[6]);
        out.push(Source {
            path: path.to_owned(),
            rows,
            first: dates[0].to_owned(),
            last: dates[2].to_owned(),
            russell_rows,
        });
    }
    assert!(out.len() > 20, "SOURCES.md table not found");
    out
}

/// The Russell 2000 row count of a SOURCES.md cell: either `N: NAME [CODE]
/// n rows ...; ...` (the first table) or `NAME [CODE] n rows ...; ...` (the
/// table added on 2026-11-23), where the count is the sum of the `n rows`.
fn russell_count(cell: &str) -> u64 {
    if let Some(n) = cell.split(':').next().and_then(|n| n.trim().parse().ok()) {
        return n;
    }
    let words: Vec<&str> = cell.split_whitespace().collect();
    words
        .windows(2)
        .filter(|w| w[1] == "rows")
        .map(|w| w[0].parse::<u64>().expect("row count before `rows`"))
        .sum()
}

/// A fresh temporary directory, removed when dropped.
pub fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// Zips `text` into `dir/archive` with one deflated member `member`, as CFTC
/// publishes its yearly files.
pub fn zip_file(dir: &Path, archive: &str, member: &str, text: &[u8]) -> PathBuf {
    use std::io::Write;
    let path = dir.join(archive);
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).expect("create zip"));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file(member, options).expect("start member");
    zip.write_all(text).expect("write member");
    zip.finish().expect("finish zip");
    path
}

pub mod server;
pub mod soql;

/// The `cftc` binary with its cache (and so its market index) in a
/// directory of the tests' own, never the user's.
pub fn cftc_command(bin: &str) -> std::process::Command {
    let mut c = std::process::Command::new(bin);
    c.env(
        "CFTC_COT_CACHE",
        std::env::temp_dir().join("cftc-cot-tests-cache"),
    );
    c
}
