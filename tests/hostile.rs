//! Hostile input: every input here is made by the test. The strict reader
//! must return the typed error that says where and what; the lenient reader
//! must keep every good row and count every bad one; nothing may panic.

use crate::common;

use std::io::{Cursor, Write};

use cftc_cot::ErrorKind;
use cftc_cot::read::{Filter, ReadSummary, ReaderBuilder};
use cftc_cot::records::schema;
use cftc_cot::{CotRecord, Error, FieldProblem, LayoutProblem, ReportKind, ZipProblem};
use proptest::prelude::*;

/// The legacy sample: a header and 24 good rows.
fn legacy() -> Vec<u8> {
    std::fs::read("data-samples/legacy_futures_only.txt").unwrap()
}

fn tff() -> Vec<u8> {
    std::fs::read("data-samples/tff_futures_only.txt").unwrap()
}

fn lines(text: &[u8]) -> Vec<Vec<u8>> {
    text.split_inclusive(|&b| b == b'\n')
        .map(<[u8]>::to_vec)
        .collect()
}

/// Replaces field `field` (0-based) of line `line` (0-based, header = 0).
fn with_field(text: &[u8], line: usize, field: usize, value: &[u8]) -> Vec<u8> {
    let mut all = lines(text);
    let row = String::from_utf8(all[line].clone()).unwrap();
    let (body, end) = row.split_at(row.trim_end_matches(['\r', '\n']).len());
    // The sample's numeric fields hold no quotes or commas: split is safe
    // for the columns this test touches (after the quoted name).
    let name_end = body.find("\",").unwrap() + 1;
    let (name, rest) = body.split_at(name_end);
    let mut fields: Vec<String> = rest.split(',').map(str::to_owned).collect();
    fields[field] = String::from_utf8_lossy(value).into_owned();
    let new = format!("{name}{}{end}", fields.join(","));
    all[line] = new.into_bytes();
    all.concat()
}

fn strict(text: &[u8]) -> Result<Vec<CotRecord>, Error> {
    Ok(ReaderBuilder::new()
        .from_reader(text, "hostile.txt")?
        .read_all()?
        .0)
}

fn lenient(text: &[u8]) -> (Vec<CotRecord>, ReadSummary) {
    ReaderBuilder::new()
        .lenient()
        .from_reader(text, "hostile.txt")
        .unwrap()
        .read_all()
        .unwrap()
}

/// A field error at a line and column, with its problem.
fn field_error(err: &Error) -> (u64, String, FieldProblem) {
    match err.kind() {
        ErrorKind::Field {
            location, problem, ..
        } => (
            location.line,
            location.column.as_ref().unwrap().name.clone(),
            *problem,
        ),
        other => panic!("not a field error: {other}"),
    }
}

/// Bad values in a position column: strict names line, column and value;
/// lenient keeps the other 23 rows and reports the one.
#[test]
fn bad_numbers() {
    let cases: [(&[u8], FieldProblem); 6] = [
        (b"abc", FieldProblem::NotAnInteger),
        (b"1e5", FieldProblem::NotAnInteger),
        (b"--3", FieldProblem::NotAnInteger),
        (b"99999999999999999999", FieldProblem::Overflow),
        (b"  -5", FieldProblem::Negative),
        (b"12.5", FieldProblem::NotAnInteger),
    ];
    for (value, problem) in cases {
        // Field 8 after the name is "Noncommercial Positions-Long (All)"
        // (row field 8: index 7 of the split after the name is column 9).
        let text = with_field(&legacy(), 5, 8, value);
        let err = strict(&text).unwrap_err();
        let (line, column, got) = field_error(&err);
        assert_eq!((line, got), (6, problem), "{err}");
        assert_eq!(column, "Noncommercial Positions-Long (All)");
        assert!(
            err.to_string()
                .starts_with("hostile.txt, line 6 (001602 WHEAT-SRW), column 9"),
            "{err}"
        );
        let (records, report) = lenient(&text);
        assert_eq!(records.len(), 23);
        assert_eq!((report.rows, report.skipped), (24, 1));
    }
    // Negative open interest.
    let text = with_field(&legacy(), 2, 7, b"-100");
    let (_, column, problem) = field_error(&strict(&text).unwrap_err());
    assert_eq!(
        (column.as_str(), problem),
        ("Open Interest (All)", FieldProblem::Negative)
    );
}

#[test]
fn bad_dates() {
    // An impossible YYMMDD, an impossible ISO date, and the two disagreeing.
    let bad_yymmdd = with_field(&legacy(), 3, 1, b"250230");
    let (line, column, problem) = field_error(&strict(&bad_yymmdd).unwrap_err());
    assert_eq!(
        (line, column.as_str(), problem),
        (4, "As of Date in Form YYMMDD", FieldProblem::NotADate)
    );
    let bad_iso = with_field(&legacy(), 3, 2, b"2025-02-30");
    let (_, column, problem) = field_error(&strict(&bad_iso).unwrap_err());
    assert_eq!(
        (column.as_str(), problem),
        ("As of Date in Form YYYY-MM-DD", FieldProblem::NotADate)
    );
    let disagree = with_field(&legacy(), 3, 1, b"250304");
    match strict(&disagree).unwrap_err().into_kind() {
        ErrorKind::DateMismatch {
            location,
            yymmdd,
            other,
        } => {
            assert_eq!(location.line, 4);
            assert_eq!(yymmdd, "250304");
            assert_ne!(other, "2025-03-04");
        }
        other => panic!("{other}"),
    }
    for text in [bad_yymmdd, bad_iso, disagree] {
        let (records, report) = lenient(&text);
        assert_eq!((records.len(), report.skipped), (23, 1));
    }
}

#[test]
fn empty_header_only_and_unknown_headers() {
    assert!(matches!(
        strict(b"").map_err(cftc_cot::Error::into_kind),
        Err(ErrorKind::Empty { .. })
    ));
    let header_only = lines(&legacy())[0].clone();
    let (records, report) = lenient(&header_only);
    assert!(records.is_empty());
    assert_eq!(report.rows, 0);
    let unknown = b"date,value\n2025-01-07,1\n";
    match strict(unknown).unwrap_err().into_kind() {
        ErrorKind::UnknownLayout { location, problem } => {
            assert_eq!(location.source, "hostile.txt");
            assert_eq!(problem, LayoutProblem::Neither { fields: 2 });
        }
        other => panic!("{other}"),
    }
    // An HTML page (here saved under a zip's name: it is read as text).
    let tmp = common::temp_dir();
    let html = tmp.path().join("deacot2025.zip");
    std::fs::write(&html, "<!DOCTYPE html><html><body>404</body></html>\n").unwrap();
    let err = ReaderBuilder::new().from_path(&html).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::UnknownLayout { .. }),
        "{err}"
    );
    assert!(err.to_string().contains("deacot2025.zip"));
}

#[test]
fn rows_of_the_wrong_width_or_kind() {
    // A legacy header with TFF rows: every row has 87 fields, not 129.
    let mut mixed = lines(&legacy())[0].clone();
    for row in lines(&tff()).into_iter().skip(1) {
        mixed.extend(row);
    }
    match strict(&mixed).unwrap_err().into_kind() {
        ErrorKind::FieldCount {
            location,
            expected: 129,
            found: 87,
            ..
        } => assert_eq!(location.line, 2),
        other => panic!("{other}"),
    }
    let (records, report) = lenient(&mixed);
    assert!(records.is_empty());
    assert_eq!((report.rows, report.skipped), (16, 16));
    // One row short of a field, one with an extra field.
    let mut all = lines(&legacy());
    let short = String::from_utf8(all[3].clone()).unwrap();
    let cut = short.trim_end().rfind(',').unwrap();
    all[3] = format!("{}\r\n", &short[..cut]).into_bytes();
    let long = String::from_utf8(all[7].clone()).unwrap();
    all[7] = format!("{},\"extra\"\r\n", long.trim_end()).into_bytes();
    let text = all.concat();
    match strict(&text).unwrap_err().into_kind() {
        ErrorKind::FieldCount {
            location,
            found: 128,
            ..
        } => assert_eq!(location.line, 4),
        other => panic!("{other}"),
    }
    let (records, report) = lenient(&text);
    assert_eq!((records.len(), report.skipped), (22, 2));
    let lines_reported: Vec<u64> = report
        .errors
        .iter()
        .map(|e| e.location().unwrap().line)
        .collect();
    assert_eq!(lines_reported, [4, 8]);
}

#[test]
fn odd_bytes_and_huge_fields() {
    // Non-UTF-8 in a name is kept (read as Latin-1), not an error.
    let text = legacy();
    let at = text.windows(5).position(|w| w == b"WHEAT").unwrap();
    let mut latin = text.clone();
    latin[at + 1] = 0xC9; // É
    let records = strict(&latin).unwrap();
    assert_eq!(records.len(), 24);
    assert!(
        records[0]
            .market()
            .market_and_exchange_names
            .starts_with("W\u{c9}EAT")
    );
    // A 10 MB field: the row fails with a short message, the others stay.
    let huge = vec![b'7'; 10 << 20];
    let text = with_field(&legacy(), 9, 10, &huge);
    let err = strict(&text).unwrap_err();
    let message = err.to_string();
    assert!(message.len() < 400, "{} bytes", message.len());
    assert!(
        matches!(
            err.kind(),
            ErrorKind::Field {
                problem: FieldProblem::Overflow,
                ..
            }
        ),
        "{err}"
    );
    let (records, report) = lenient(&text);
    assert_eq!((records.len(), report.skipped), (23, 1));
}

/// Blank lines are no rows, and the lines after them are numbered right.
#[test]
fn blank_lines() {
    let bad = with_field(&legacy(), 5, 8, b"oops");
    let mut all = lines(&bad);
    all.insert(3, b"\r\n".to_vec());
    all.insert(3, b"\n".to_vec());
    all.insert(0, b"\n".to_vec());
    all.push(b"\r\n".to_vec());
    let text = all.concat();
    for filter in [
        Filter::all(),
        Filter::codes(["001602", "13874A", "239742"]).unwrap(),
    ] {
        let (records, report) = ReaderBuilder::new()
            .lenient()
            .filter(filter)
            .from_reader(text.as_slice(), "blank.txt")
            .unwrap()
            .read_all()
            .unwrap();
        assert_eq!((records.len(), report.rows, report.skipped), (23, 24, 1));
        // The bad row was line 6; one blank line before the header and two
        // before it move it to line 9.
        assert_eq!(
            report.errors[0].location().unwrap().line,
            9,
            "{}",
            report.errors[0]
        );
    }
}

/// A line that never ends is an error, not an ever-growing buffer.
#[test]
fn endless_lines_are_refused() {
    let mut text = lines(&legacy())[..3].concat();
    text.extend(std::iter::repeat_n(b'x', 3 << 20));
    for filter in [Filter::all(), Filter::codes(["239742"]).unwrap()] {
        let mut reader = ReaderBuilder::new()
            .lenient()
            .filter(filter)
            .max_line(1 << 20)
            .from_reader(text.as_slice(), "endless.txt")
            .unwrap();
        let results: Vec<_> = (&mut reader).collect();
        match results
            .last()
            .map(|r| r.as_ref().map_err(cftc_cot::Error::kind))
        {
            Some(Err(ErrorKind::LineTooLong { limit, location })) => {
                assert_eq!(*limit, 1 << 20);
                assert_eq!(location.source, "endless.txt");
            }
            other => panic!("{other:?}"),
        }
    }
    // The header line alone, endless: refused when the reader opens.
    let endless_header = vec![b'"'; 2 << 20];
    let err = ReaderBuilder::new()
        .max_line(1 << 20)
        .from_reader(endless_header.as_slice(), "h.txt")
        .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::LineTooLong { .. }), "{err}");
}

#[test]
fn cut_in_a_quoted_field() {
    let text = legacy();
    // Cut inside the quoted contract units of the last row.
    let last_units = text
        .windows(10)
        .rposition(|w| w == b"(CONTRACTS" || w == b"($50 X S&P" || w == b"(RUSSEL 20")
        .unwrap();
    let cut = &text[..last_units + 5];
    let err = strict(cut).unwrap_err();
    match err.kind() {
        ErrorKind::FieldCount { location, .. } => assert_eq!(location.line, 25),
        other => panic!("{other}"),
    }
    let (records, report) = lenient(cut);
    assert_eq!((records.len(), report.rows, report.skipped), (23, 24, 1));
}

#[test]
fn one_key_twice_in_one_file() {
    let mut all = lines(&legacy());
    // The same row again, with another open interest.
    let again = with_field(&all[1].clone(), 0, 7, b"  999999");
    all.push(again);
    let text = all.concat();
    // Reading keeps both (nothing is dropped); merging keeps the later one
    // and says it replaced one; a history refuses the unmerged input.
    let records = strict(&text).unwrap();
    assert_eq!(records.len(), 25);
    let merged = cftc_cot::source::merge::merge([records.clone()]);
    assert_eq!((merged.records.len(), merged.replaced), (24, 1));
    let wheat = cftc_cot::records::registry::Family {
        name: "wheat".into(),
        members: vec![cftc_cot::records::registry::Contract {
            code: "001602".parse().unwrap(),
            name: "Wheat".into(),
            underlying: "Wheat".into(),
            exchange: "CBT".into(),
            multiplier: rust_decimal::Decimal::new(50, 0),
            from: chrono::NaiveDate::from_ymd_opt(1980, 1, 1).unwrap(),
            until: None,
            aliases: vec![],
            note: String::new(),
        }],
    };
    let err = cftc_cot::history::HistoryBuilder::new(wheat)
        .build(&records)
        .unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::DuplicateRecord { .. }),
        "{err}"
    );
}

fn zip_with(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, body) in members {
        w.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        w.write_all(body).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn read_zip(bytes: Vec<u8>) -> Result<(Vec<CotRecord>, ReadSummary), Error> {
    ReaderBuilder::new()
        .member_limit(10 << 20)
        .from_zip(Cursor::new(bytes), "hostile.zip")?
        .read_all()
}

#[test]
fn hostile_zips() {
    let good = legacy();
    assert!(
        matches!(read_zip(zip_with(&[])).map_err(cftc_cot::Error::into_kind), Err(ErrorKind::ZipMembers { found, .. }) if found.is_empty())
    );
    match read_zip(zip_with(&[("annual.txt", &good), ("ANNUAL2.TXT", &good)]))
        .map_err(cftc_cot::Error::into_kind)
    {
        Err(ErrorKind::ZipMembers { found, .. }) => {
            assert_eq!(found, ["annual.txt", "ANNUAL2.TXT"])
        }
        other => panic!("{other:?}"),
    }
    // Thousands of members: the message names a few and the count
    // (issue 14, item 10), not a megabyte of names.
    let names: Vec<String> = (0..3000).map(|i| format!("part{i:05}.txt")).collect();
    let members: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b"x"[..])).collect();
    let err = read_zip(zip_with(&members)).unwrap_err();
    let text = err.to_string();
    assert!(text.len() < 300, "{} bytes: {text}", text.len());
    assert!(
        text.contains("3000 members") && text.contains("2995 more"),
        "{text}"
    );
    match read_zip(zip_with(&[("../../etc/annual.txt", &good)])).map_err(cftc_cot::Error::into_kind)
    {
        Err(ErrorKind::Zip { location, problem }) => {
            assert!(matches!(problem, ZipProblem::UnsafeName), "{problem}");
            assert_eq!(location.member.as_deref(), Some("../../etc/annual.txt"));
        }
        other => panic!("{other:?}"),
    }
    // Truncated: the central directory is gone.
    let whole = zip_with(&[("annual.txt", &good)]);
    let truncated = whole[..whole.len() / 2].to_vec();
    assert!(matches!(
        read_zip(truncated).map_err(cftc_cot::Error::into_kind),
        Err(ErrorKind::Zip { .. })
    ));
    // A bomb: 50 MB of one byte, declared as 1,000 bytes.
    let bomb_body = vec![b' '; 50 << 20];
    let mut bomb = zip_with(&[("annual.txt", &bomb_body)]);
    let declared = 1000u32.to_le_bytes();
    bomb[22..26].copy_from_slice(&declared);
    let central = bomb.windows(4).rposition(|w| w == b"PK\x01\x02").unwrap();
    bomb[central + 24..central + 28].copy_from_slice(&declared);
    match read_zip(bomb).map_err(cftc_cot::Error::into_kind) {
        Err(ErrorKind::ZipTooLarge {
            location, declared, ..
        }) => {
            assert_eq!(declared, 1000);
            assert_eq!(location.member.as_deref(), Some("annual.txt"));
        }
        other => panic!("{other:?}"),
    }
    // A member larger than the caller's cap, honestly declared.
    let big = zip_with(&[("annual.txt", &vec![b'x'; 11 << 20])]);
    assert!(matches!(
        read_zip(big).map_err(cftc_cot::Error::into_kind),
        Err(ErrorKind::ZipTooLarge { .. })
    ));
    // A good zip reads like its text.
    let (records, _) = read_zip(zip_with(&[("Annual.TXT", &good)])).unwrap();
    assert_eq!(records, strict(&good).unwrap());
}

/// Errors in a zip name the archive, the member and the line.
#[test]
fn errors_in_zips_name_the_member() {
    let text = with_field(&legacy(), 4, 8, b"oops");
    let err = read_zip(zip_with(&[("annual.txt", &text)])).unwrap_err();
    let location = err.location().unwrap();
    assert_eq!(location.source, "hostile.zip");
    assert_eq!(location.member.as_deref(), Some("annual.txt"));
    assert_eq!(location.line, 5);
    assert!(
        err.to_string()
            .starts_with("hostile.zip [annual.txt], line 5 (001602 WHEAT-SRW), column 9"),
        "{err}"
    );
}

fn check_accounting(bytes: &[u8]) -> Result<(), TestCaseError> {
    for filter in [Filter::all(), Filter::codes(["239742"]).unwrap()] {
        if let Ok(mut reader) = ReaderBuilder::new()
            .lenient()
            .filter(filter)
            .from_reader(bytes, "p.txt")
        {
            let mut fatal = false;
            for r in &mut reader {
                if r.is_err() {
                    fatal = true;
                    break;
                }
            }
            let r = reader.summary();
            if !fatal {
                prop_assert_eq!(r.records + r.filtered_out + r.skipped, r.rows);
            }
        }
    }
    // Strict: records, then at most one error.
    if let Ok(reader) = ReaderBuilder::new().from_reader(bytes, "p.txt") {
        let results: Vec<_> = reader.collect();
        let errors = results.iter().filter(|r| r.is_err()).count();
        prop_assert!(errors <= 1);
        prop_assert!(errors == 0 || results.last().is_some_and(Result::is_err));
    }
    Ok(())
}

/// A small synthetic file of a report that has no sample: its header from
/// the report's description, and rows of plain figures (they need not add
/// up: the reader does not check).
fn synthetic(kind: ReportKind) -> Vec<u8> {
    let schema = kind.schema();
    let mut text = schema
        .columns
        .iter()
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(",");
    text.push_str("\r\n");
    let o = schema.offsets();
    for week in 0..5 {
        let day = 2 + 7 * week;
        let mut cells = vec![
            "\"WHEAT-SRW - CHICAGO BOARD OF TRADE\"".to_string(),
            format!("2401{day:02}"),
            format!("2024-01-{day:02}"),
            "001602".into(),
            "CBT ".into(),
            "00".into(),
            "001 ".into(),
        ];
        for i in schema::ID_COLUMNS..o.tail {
            let in_percent = o
                .percent
                .iter()
                .any(|p| (*p..*p + schema.positions_width()).contains(&i));
            let in_concentration = o
                .concentration
                .iter()
                .any(|c| (*c..*c + schema::CONCENTRATION_WIDTH).contains(&i));
            cells.push(if in_percent || in_concentration {
                "  12.5".into()
            } else {
                format!("{:>8}", 100 + i)
            });
        }
        for t in schema.tail {
            cells.push(match t {
                schema::Tail::Units => "\"(CONTRACTS OF 5,000 BUSHELS)\"".into(),
                schema::Tail::QuotedCode => "\"001602\"".into(),
                schema::Tail::QuotedMarket => "\"CBT \"".into(),
                schema::Tail::QuotedCommodity => "\"001 \"".into(),
                schema::Tail::SubGroup => "\"A10\"".into(),
                schema::Tail::Scope => "\"FutOnly\"".into(),
            });
        }
        text.push_str(&cells.join(","));
        text.push_str("\r\n");
    }
    text.into_bytes()
}

#[test]
fn synthetic_files_of_the_new_reports_read() {
    for kind in [ReportKind::Disaggregated, ReportKind::Supplemental] {
        let text = synthetic(kind);
        let (records, report) = ReaderBuilder::new()
            .from_reader(text.as_slice(), "x.txt")
            .unwrap()
            .read_all()
            .unwrap();
        assert_eq!((records.len(), report.skipped), (5, 0), "{kind}");
        assert!(records.iter().all(|r| r.kind() == kind));
        // A row with one field too many names the report's width.
        let short = with_field(&text, 2, 20, b"1,2");
        let err = strict(&short).unwrap_err();
        assert!(
            err.to_string().contains(&format!("{}", kind.columns())),
            "{err}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn mutated_new_reports_never_panic(
        which in 0usize..2,
        edits in prop::collection::vec((0.0f64..1.0, any::<u8>(), 0usize..3), 1..20),
    ) {
        let kind = [ReportKind::Disaggregated, ReportKind::Supplemental][which];
        let mut text = synthetic(kind);
        for (at, byte, op) in edits {
            let i = ((text.len() as f64) * at) as usize;
            match op {
                0 => text.insert(i, byte),
                1 if i < text.len() => { text.remove(i); }
                _ => if let Some(b) = text.get_mut(i) { *b = byte },
            }
        }
        check_accounting(&text)?;
    }

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        check_accounting(&bytes)?;
        let _ = ReaderBuilder::new().member_limit(1 << 20).from_zip(Cursor::new(bytes), "p.zip").map(|r| r.count());
    }

    #[test]
    fn mutated_samples_never_panic(
        which in 0usize..2,
        edits in prop::collection::vec((0.0f64..1.0, any::<u8>(), 0usize..3), 1..20),
    ) {
        let mut text = if which == 0 { legacy() } else { tff() };
        for (at, byte, op) in edits {
            let i = ((text.len() as f64) * at) as usize;
            match op {
                0 => text.insert(i, byte),
                1 if i < text.len() => { text.remove(i); }
                _ => if let Some(b) = text.get_mut(i) { *b = byte },
            }
        }
        check_accounting(&text)?;
        // The same bytes in a zip, under a cap.
        let zip = zip_with(&[("annual.txt", &text)]);
        let _ = ReaderBuilder::new().lenient().member_limit(1 << 20).from_zip(Cursor::new(zip), "p.zip").map(|r| r.count());
    }

    #[test]
    fn mutated_zips_never_panic(edits in prop::collection::vec((0.0f64..1.0, any::<u8>()), 1..8)) {
        let mut zip = zip_with(&[("annual.txt", &legacy())]);
        for (at, byte) in edits {
            let i = ((zip.len() as f64) * at) as usize;
            if let Some(b) = zip.get_mut(i) {
                *b = byte;
            }
        }
        match ReaderBuilder::new().lenient().member_limit(1 << 20).from_zip(Cursor::new(zip), "p.zip") {
            Ok(reader) => {
                for r in reader {
                    if r.is_err() {
                        break;
                    }
                }
            }
            Err(e) => prop_assert!(e.location().is_some()),
        }
    }
}

/// Links to `.` do not make a directory walk endless, a file reached twice
/// is read once, and a FIFO named `*.txt` is never opened (it would block).
#[cfg(unix)]
#[test]
fn directory_walks_skip_loops_duplicates_and_fifos() {
    let tmp = common::temp_dir();
    let dir = tmp.path();
    std::fs::copy(
        "data-samples/legacy_futures_only.txt",
        dir.join("annual.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink(".", dir.join("loop1")).unwrap();
    std::os::unix::fs::symlink(".", dir.join("loop2")).unwrap();
    std::os::unix::fs::symlink(dir.join("annual.txt"), dir.join("again.txt")).unwrap();
    let fifo = dir.join("pipe.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    let builder = ReaderBuilder::new();
    let read = cftc_cot::source::Source::dir(dir)
        .load(
            &builder,
            cftc_cot::ReportKind::Legacy,
            cftc_cot::Scope::FuturesOnly,
        )
        .unwrap();
    assert_eq!(read.read.len(), 1);
    assert_eq!(read.merged.records.len(), 24);
    if made.is_ok_and(|s| s.success()) {
        let err = ReaderBuilder::new().from_path(&fifo).unwrap_err();
        assert!(err.to_string().contains("not a regular file"), "{err}");
    }
}

/// Issue 14, item 4: a header that swaps two columns (leveraged funds'
/// long and short, data included) is refused in strict mode and read with
/// a warning in lenient mode; a mere respelling is neither.
#[test]
fn a_header_that_contradicts_the_layout_is_caught() {
    let text = std::fs::read_to_string("data-samples/tff_futures_only.txt").unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let long = header
        .iter()
        .position(|h| h.trim_matches('"') == "Lev_Money_Positions_Long_All")
        .unwrap();
    let short = long + 1;
    assert_eq!(
        header[short].trim_matches('"'),
        "Lev_Money_Positions_Short_All"
    );
    // Swap the two columns in every line; the rows' quoted fields hold no
    // commas before column 60, so a plain split is exact there.
    let swap = |line: &str| {
        let mut cells: Vec<&str> = line.split(',').collect();
        cells.swap(long, short);
        cells.join(",")
    };
    let swapped: String = text.lines().map(|l| swap(l) + "\n").collect();
    let err = ReaderBuilder::new()
        .from_reader(swapped.as_bytes(), "swapped.txt")
        .unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::HeaderMismatch { .. }),
        "{err}"
    );
    let msg = err.to_string();
    assert!(
        msg.contains("Lev_Money_Positions_Short_All") && msg.contains("1 more"),
        "{msg}"
    );
    let (records, report) = ReaderBuilder::new()
        .lenient()
        .from_reader(swapped.as_bytes(), "swapped.txt")
        .unwrap()
        .read_all()
        .unwrap();
    assert_eq!(records.len(), 16);
    assert_eq!(report.warnings.len(), 1, "{report}");
    // A respelling of the same column is no contradiction.
    let respelled = text.replacen(
        "\"Lev_Money_Positions_Long_All\"",
        "\"Lev Money Positions-Long (All)\"",
        1,
    );
    let reader = ReaderBuilder::new()
        .from_reader(respelled.as_bytes(), "respelled.txt")
        .unwrap();
    assert!(reader.layout().header_mismatches.is_empty());
    // The study reports the warning, and the main job's text prints it.
    let tmp = common::temp_dir();
    std::fs::write(tmp.path().join("FinFutYY.txt"), &swapped).unwrap();
    let (_, report) = cftc_cot::history::study::Study::russell_2000()
        .group(cftc_cot::TraderGroup::LeveragedFunds)
        .run(
            &cftc_cot::source::Source::dir(tmp.path()),
            cftc_cot::read::Mode::Lenient,
        )
        .unwrap();
    assert_eq!(report.warnings.len(), 1);
    assert!(report.to_string().contains("warning: "), "{report}");
}

/// Issue 14, item 6: files that are not COT text say what they are, in one
/// line, whether read directly or met in a directory.
#[test]
fn files_that_are_not_cot_text_say_what_they_are() {
    let legacy = std::fs::read("data-samples/legacy_futures_only.txt").unwrap();
    let gzip = {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(&legacy).unwrap();
        e.finish().unwrap()
    };
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            String::from_utf8(legacy.clone())
                .unwrap()
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes()),
        )
        .collect();
    let trailing: Vec<u8> = String::from_utf8(legacy.clone())
        .unwrap()
        .lines()
        .map(|l| format!("{l},\n"))
        .collect::<String>()
        .into_bytes();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("annual.txt.gz.txt", gzip, "gzip"),
        ("utf16.txt", utf16, "UTF-16"),
        (
            "report.txt",
            b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n".to_vec(),
            "PDF",
        ),
        (
            "page.txt",
            b"<!DOCTYPE html>\n<html><body>Not found</body></html>\n".to_vec(),
            "HTML",
        ),
        ("trailing.txt", trailing, "ends with a comma"),
    ];
    let tmp = common::temp_dir();
    for (name, bytes, what) in &cases {
        let err = ReaderBuilder::new()
            .from_reader(bytes.as_slice(), name)
            .unwrap_err();
        let text = err.to_string();
        assert!(text.contains(what), "{name}: {text}");
        assert_eq!(text.lines().count(), 1, "{text}");
        std::fs::write(tmp.path().join(name), bytes).unwrap();
    }
    let loaded = cftc_cot::source::Source::dir(tmp.path())
        .load(
            &ReaderBuilder::new().lenient(),
            cftc_cot::ReportKind::Legacy,
            cftc_cot::Scope::FuturesOnly,
        )
        .unwrap();
    assert!(loaded.read.is_empty());
    assert_eq!(loaded.skipped.len(), cases.len());
    for s in &loaded.skipped {
        let (_, _, what) = cases.iter().find(|(n, _, _)| s.path.ends_with(n)).unwrap();
        assert!(s.to_string().contains(what), "{s}");
    }
}

/// Issue 14, item 5: a zip made by macOS (with `__MACOSX/._FinFutYY.txt`)
/// reads its one data member; in a directory it is read, not skipped.
#[test]
fn a_zip_made_by_macos_reads_its_data_member() {
    let tff = std::fs::read("data-samples/tff_futures_only.txt").unwrap();
    let resource_fork = b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        ";
    let bytes = zip_with(&[
        ("FinFutYY.txt", &tff),
        ("__MACOSX/._FinFutYY.txt", resource_fork),
        ("._FinFutYY.txt", resource_fork),
    ]);
    let (records, report) = read_zip(bytes.clone()).unwrap();
    assert_eq!(records.len(), 16);
    assert_eq!(report.skipped, 0);
    let tmp = common::temp_dir();
    std::fs::write(tmp.path().join("fut_fin_txt_2025.zip"), &bytes).unwrap();
    let loaded = cftc_cot::source::Source::dir(tmp.path())
        .load(
            &ReaderBuilder::new(),
            ReportKind::Tff,
            cftc_cot::Scope::FuturesOnly,
        )
        .unwrap();
    assert_eq!(loaded.read.len(), 1);
    assert!(loaded.skipped.is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any two position columns of the TFF header swapped, data and all:
    /// strict reading refuses the file, lenient reading warns (issue 14,
    /// item 4).
    #[test]
    fn any_swapped_position_columns_are_caught(a in 0usize..12, b in 0usize..12) {
        prop_assume!(a != b);
        let text = std::fs::read_to_string("data-samples/tff_futures_only.txt").unwrap();
        let header: Vec<String> = text.lines().next().unwrap().split(',').map(str::to_owned).collect();
        let positions: Vec<usize> = header
            .iter()
            .enumerate()
            .filter(|(_, h)| h.contains("_Positions_Long_All") || h.contains("_Positions_Short_All"))
            .map(|(i, _)| i)
            .collect();
        prop_assert_eq!(positions.len(), 12);
        let (i, j) = (positions[a], positions[b]);
        let swapped: String = text
            .lines()
            .map(|l| {
                let mut cells: Vec<&str> = l.split(',').collect();
                cells.swap(i, j);
                cells.join(",") + "\n"
            })
            .collect();
        let strict = ReaderBuilder::new().from_reader(swapped.as_bytes(), "s.txt");
        let refused = matches!(strict.map_err(cftc_cot::Error::into_kind), Err(ErrorKind::HeaderMismatch { .. }));
        prop_assert!(refused, "columns {} and {} swapped were not refused", i, j);
        let (records, report) = ReaderBuilder::new()
            .lenient()
            .from_reader(swapped.as_bytes(), "s.txt")
            .unwrap()
            .read_all()
            .unwrap();
        prop_assert_eq!(records.len(), 16);
        prop_assert_eq!(report.warnings.len(), 1);
    }
}
