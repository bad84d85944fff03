//! The public surface's shape, checked from the source text: what docs.rs
//! shows at the top, what the binary is made of, what library messages say.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// At most eight public modules at the root, documentation modules
/// included.
#[test]
fn at_most_eight_public_top_level_modules() {
    let lib = std::fs::read_to_string("src/lib.rs").unwrap();
    let public: Vec<&str> = lib
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pub mod "))
        .map(|l| l.trim_end_matches(';'))
        .collect();
    assert!(public.len() <= 8, "{public:?}");
    for expected in ["records", "read", "source", "history", "export", "cookbook"] {
        assert!(public.contains(&expected), "{expected} missing: {public:?}");
    }
}

/// The binary is thin: no file of it over 300 lines.
#[test]
fn no_file_of_the_binary_over_300_lines() {
    let mut files = Vec::new();
    rust_files(Path::new("src/bin/cftc"), &mut files);
    assert!(files.len() >= 10, "{files:?}");
    for f in files {
        let lines = std::fs::read_to_string(&f).unwrap().lines().count();
        assert!(lines <= 300, "{}: {lines} lines", f.display());
    }
}

/// No library message names a command-line flag (`--unit`, `--data`,
/// `--market`, ...): the library's users never typed one. Only string
/// literals outside comments and doc comments are looked at; the binary
/// adds its own hints.
#[test]
fn no_flag_in_a_library_string() {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    let mut found = Vec::new();
    for f in files.iter().filter(|f| !f.starts_with("src/bin")) {
        let text = std::fs::read_to_string(f).unwrap();
        // Unit tests at the end of a file may build command lines.
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        // Comments out, then every string literal, multi-line ones too.
        let code: Vec<&str> = code
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect();
        let code = code.join("\n");
        for literal in string_literals(&code) {
            // `--word` not glued to a word before it (`(--unit)`, "pass
            // --data DIR" count; "a--b" does not).
            let bytes = literal.as_bytes();
            let flag = bytes.windows(3).enumerate().any(|(at, w)| {
                w[0] == b'-'
                    && w[1] == b'-'
                    && w[2].is_ascii_lowercase()
                    && (at == 0 || !bytes[at - 1].is_ascii_alphanumeric())
            });
            if flag {
                found.push(format!("{}: {literal}", f.display()));
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}

/// The error is one pointer: `Result<T>` stays small on every path.
#[test]
fn an_error_is_small() {
    assert!(std::mem::size_of::<cftc_cot::Error>() <= 16);
    assert!(std::mem::size_of::<cftc_cot::Result<()>>() <= 16);
}

/// No error kind carries its detail as a bare sentence: every field of
/// every variant is typed (a problem enum, a number, a name), and another
/// library's error is kept whole as the source.
#[test]
fn no_error_kind_has_a_bare_detail_string() {
    let text = std::fs::read_to_string("src/error/mod.rs").unwrap();
    let kinds = text
        .split("pub enum ErrorKind {")
        .nth(1)
        .and_then(|t| t.split("\n}\n").next())
        .expect("the ErrorKind enum");
    assert!(kinds.lines().count() > 300, "the whole enum");
    assert!(!kinds.contains("detail"), "a detail field is left");
    assert!(
        !kinds.contains("why: String"),
        "a why: String field is left"
    );
}

/// The problems are typed: a program tells the cases apart without
/// reading the message, and the message still reads as before.
#[test]
fn problems_are_typed_values() {
    use cftc_cot::history::analytics::Series;
    use cftc_cot::read::ReaderBuilder;
    use cftc_cot::{ErrorKind, LayoutProblem, NotText, SeriesProblem};
    let err = ReaderBuilder::new()
        .from_reader(&b"%PDF-1.7\n1 0 obj\n"[..], "report.txt")
        .unwrap_err();
    match err.kind() {
        ErrorKind::UnknownLayout { problem, .. } => {
            assert_eq!(*problem, LayoutProblem::NotText(NotText::Pdf));
        }
        other => panic!("{other}"),
    }
    assert!(err.to_string().contains("a PDF document"), "{err}");
    assert!(err.is_not_cot());
    let err = Series::from_csv_reader(&b"date,value\n2025-01-07,1\n2025-01-14,lots\n"[..], "s.csv")
        .unwrap_err();
    match err.kind() {
        ErrorKind::InvalidSeries {
            problem: SeriesProblem::Field { what, value },
            location,
        } => {
            assert_eq!((*what, value.as_str(), location.line), ("value", "lots", 3));
        }
        other => panic!("{other}"),
    }
    let err = Series::from_csv_reader(&b"2025-01-07,1\n2025-01-07,2\n"[..], "s.csv").unwrap_err();
    let day = cftc_cot::NaiveDate::from_ymd_opt(2025, 1, 7).unwrap();
    assert!(
        matches!(err.kind(), ErrorKind::InvalidSeries { problem: SeriesProblem::DateTwice(d), .. } if *d == day),
        "{err}"
    );
}

/// docs.rs builds every feature, with feature badges.
#[test]
fn docs_rs_builds_every_feature() {
    let manifest = std::fs::read_to_string("Cargo.toml").unwrap();
    let section = manifest
        .split("[package.metadata.docs.rs]")
        .nth(1)
        .expect("a [package.metadata.docs.rs] section");
    assert!(section.contains("all-features = true"));
    assert!(section.contains("docsrs"));
    let lib = std::fs::read_to_string("src/lib.rs").unwrap();
    assert!(lib.contains("#![cfg_attr(docsrs, feature(doc_cfg))]"));
}

/// The string literals of Rust source text (escapes kept as written; a
/// character literal `'"'` is skipped).
fn string_literals(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = code.chars().peekable();
    let mut current: Option<String> = None;
    while let Some(c) = chars.next() {
        match (&mut current, c) {
            (None, '\'') if chars.peek() == Some(&'"') => {
                chars.next();
            }
            (None, '"') => current = Some(String::new()),
            (Some(s), '\\') => {
                s.push(c);
                if let Some(n) = chars.next() {
                    s.push(n);
                }
            }
            (Some(_), '"') => out.extend(current.take()),
            (Some(s), c) => s.push(c),
            (None, _) => {}
        }
    }
    out
}
