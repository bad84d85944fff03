//! CFTC's public-reporting API as a second source, against a stand-in
//! server on 127.0.0.1 that answers SoQL from rows built out of the real
//! text files (tests/common/soql.rs builds them independently of the
//! crate: field names from FORMAT.md, values from the `csv` crate).
#![cfg(feature = "api")]

use crate::common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use cftc_cot::ErrorKind;
use cftc_cot::TraderGroup;
use cftc_cot::api::{ApiClient, Dataset, Decoding, Query, json};
use cftc_cot::history::study::Study;
use cftc_cot::read::{Mode, ReaderBuilder};
use cftc_cot::source::Source;
use cftc_cot::source::reconcile::reconcile;
use cftc_cot::{CotRecord, FieldProblem, ReportKind, Scope};
use common::soql::{Api, api_rows};
use serde_json::Value;

const TFF_FILES: [&str; 12] = [
    "tff_fut/2010_from_0720/FinFutYY.txt",
    "tff_fut/2011/FinFutYY.txt",
    "tff_fut/2012/FinFutYY.txt",
    "tff_fut/2015/FinFutYY.txt",
    "tff_fut/2017/FinFut17.txt",
    "tff_fut/2018/FinFut18.txt",
    "tff_fut/2019/FinFut19.txt",
    "tff_fut/2020_partial_thru_1124/FinFutYY.txt",
    "tff_fut/2021/FinFutYY.txt",
    "tff_fut/2022/FinFutYY.txt",
    "tff_fut/2025_partial_thru_0429/FinFutYY.txt",
    "tff_fut/2026_partial_thru_0317/FinFutYY.txt",
];

fn client(api: &Api, cache: &Path) -> ApiClient {
    ApiClient::new()
        .base_url(&api.base)
        .cache_dir(cache)
        .retries(3, Duration::from_millis(50))
}

fn file_records(path: &Path) -> Vec<CotRecord> {
    ReaderBuilder::new()
        .from_path(path)
        .unwrap()
        .read_all()
        .unwrap()
        .0
}

fn market_mut(r: &mut CotRecord) -> &mut cftc_cot::records::Market {
    match r {
        CotRecord::Legacy(x) => &mut x.market,
        CotRecord::Tff(x) => &mut x.market,
        CotRecord::Disaggregated(x) => &mut x.market,
        CotRecord::Supplemental(x) => &mut x.market,
    }
}

/// What the API cannot carry: the quoted code copies; and the region is a city.
fn as_from_api(mut r: CotRecord) -> CotRecord {
    let m = market_mut(&mut r);
    m.quoted_codes = Default::default();
    m.region_code = match m.region_code.as_str() {
        "00" => "CHI".into(),
        "01" => "NYC".into(),
        other => other.into(),
    };
    r
}

#[test]
fn api_rows_of_the_real_files_read_as_the_files_records_page_by_page() {
    let Some(data) = common::data_dir() else {
        return;
    };
    let api = Api::start();
    let cache = common::temp_dir();
    for (path, legacy, id) in [
        ("tff_fut/2024/FinFutYY.txt", false, "gpe5-46if"),
        (
            "legacy_fut/2024_partial_thru_0123/annual.txt",
            true,
            "6dca-aqww",
        ),
    ] {
        let file = data.join(path);
        api.set(id, api_rows(&data, &file, legacy));
        let expected: Vec<CotRecord> = file_records(&file).into_iter().map(as_from_api).collect();
        let dataset: Dataset = id.parse().unwrap();
        let read = client(&api, cache.path())
            .page_size(700)
            .fetch(dataset, &Query::new(), Mode::Strict)
            .unwrap();
        assert_eq!(read.summary.decoding.skipped, 0);
        assert!(
            read.summary.decoding.unknown_fields.is_empty(),
            "{:?}",
            read.summary.decoding.unknown_fields
        );
        assert_eq!(
            read.summary.pages,
            expected.len() as u64 / 700 + 1,
            "{path}"
        );
        let mut got: Vec<CotRecord> = read.into_records();
        let key = |r: &CotRecord| (r.date(), r.code());
        got.sort_by_key(key);
        let mut expected = expected;
        expected.sort_by_key(key);
        assert_eq!(got.len(), expected.len(), "{path}");
        for (g, e) in got.iter().zip(&expected) {
            assert_eq!(g, e, "{path}");
        }
    }
    // Every page asked for the next offset of a stable order.
    let offsets: Vec<String> = api
        .requests()
        .iter()
        .filter(|(p, _)| p.contains("gpe5-46if"))
        .map(|(p, _)| p.rsplit_once("%24offset=").unwrap().1.to_string())
        .collect();
    let expected: Vec<String> = (0..offsets.len()).map(|i| (i * 700).to_string()).collect();
    assert_eq!(offsets, expected);
}

#[test]
fn the_russell_history_from_the_api_is_the_history_from_the_archives() {
    let Some(data) = common::data_dir() else {
        return;
    };
    let api = Api::start();
    let cache = common::temp_dir();
    let files: Vec<PathBuf> = TFF_FILES.iter().map(|f| data.join(f)).collect();
    let rows = files
        .iter()
        .flat_map(|f| api_rows(&data, f, false))
        .collect();
    api.set("gpe5-46if", rows);
    let study = Study::russell_2000().group(TraderGroup::LeveragedFunds);
    let (from_files, files_report) = study.run(&Source::paths(files), Mode::Strict).unwrap();
    let (from_api, api_report) = study
        .run(&Source::api(client(&api, cache.path())), Mode::Strict)
        .unwrap();
    assert!(from_files.points().len() > 500);
    assert_eq!(from_api.points(), from_files.points());
    assert_eq!(api_report.headline, files_report.headline);
    assert_eq!(api_report.top_swings, files_report.top_swings);
    assert_eq!(api_report.most_bullish, files_report.most_bullish);
    assert_eq!(api_report.contracts, files_report.contracts);
    // One query for the family's codes, not the whole dataset.
    let asked = &api.requests()[0].0;
    assert!(
        asked.contains("cftc_contract_market_code%20in%20%28%27"),
        "{asked}"
    );
}

#[test]
fn reconciliation_is_clean_on_identical_data_and_finds_every_planted_difference() {
    let Some(data) = common::data_dir() else {
        return;
    };
    let file = data.join("tff_fut/2024/FinFutYY.txt");
    let mut rows = api_rows(&data, &file, false);
    let archives = file_records(&file);
    let api = Api::start();
    let cache = common::temp_dir();
    let dataset: Dataset = "gpe5-46if".parse().unwrap();
    api.set(dataset.id(), rows.clone());
    let read = |max_age| {
        client(&api, cache.path())
            .max_age(max_age)
            .fetch(dataset, &Query::new(), Mode::Strict)
            .unwrap()
            .into_records()
    };
    let same = reconcile(&read(Duration::from_secs(3600)), &archives);
    assert!(same.is_clean(), "{same}");
    assert_eq!(same.compared, archives.len() as u64);

    // Plant: a week the API lacks, a revised value, a value the API lost.
    let missing = rows.remove(10);
    let revised = &mut rows[20];
    let old = revised["lev_money_positions_long"]
        .as_str()
        .unwrap()
        .to_string();
    // A plausible revision: one contract more (a position beyond open
    // interest would be refused as no report CFTC published).
    let new_value = (old.trim().parse::<i64>().unwrap() + 1).to_string();
    revised.insert(
        "lev_money_positions_long".into(),
        Value::String(new_value.clone()),
    );
    let revised_id = revised["id"].as_str().unwrap().to_string();
    let lost = &mut rows[30];
    let lost_value = lost.remove("open_interest_all").unwrap();
    let lost_id = lost["id"].as_str().unwrap().to_string();
    api.set(dataset.id(), rows);
    let found = reconcile(&read(Duration::ZERO), &archives).named("api", "archives");
    assert!(!found.is_clean());
    assert!(found.only_first.is_empty());
    assert_eq!(found.only_second.len(), 1);
    let gone = found.only_second[0];
    assert_eq!(
        format!("{}{}F", gone.date.format("%y%m%d"), gone.code),
        missing["id"].as_str().unwrap()
    );
    assert_eq!(found.differences.len(), 2, "{found}");
    let id_of = |d: &cftc_cot::source::reconcile::Difference| {
        format!("{}{}F", d.key.date.format("%y%m%d"), d.key.code)
    };
    let by_column = |c: &str| found.differences.iter().find(|d| d.column == c).unwrap();
    let lev = by_column("Lev_Money_Positions_Long_All");
    assert_eq!(
        (id_of(lev), lev.first.as_deref(), lev.second.as_deref()),
        (revised_id, Some(new_value.as_str()), Some(old.trim()))
    );
    let oi = by_column("Open_Interest_All");
    assert_eq!(
        (id_of(oi), oi.first.clone(), oi.second.clone()),
        (
            lost_id,
            None,
            Some(lost_value.as_str().unwrap().to_string())
        )
    );
    assert!(found.to_string().contains("only in archives"), "{found}");
}

#[test]
fn pages_survive_429s_a_slow_body_is_cut_off_and_the_cache_answers_when_the_api_is_down() {
    let Some(data) = common::data_dir() else {
        return;
    };
    let api = Api::start();
    let cache = common::temp_dir();
    let dataset: Dataset = "gpe5-46if".parse().unwrap();
    let rows = api_rows(&data, &data.join("tff_fut/2024/FinFutYY.txt"), false);
    let emini = rows
        .iter()
        .filter(|r| r["cftc_contract_market_code"] == "239742")
        .count();
    assert!(emini > 50);
    api.set(dataset.id(), rows);
    let query = Query::new().codes(["239742".parse().unwrap()]);

    // Two 429s with Retry-After: 1, then the rows; the token is sent.
    api.too_many.store(2, std::sync::atomic::Ordering::Relaxed);
    let started = std::time::Instant::now();
    let read = client(&api, cache.path())
        .app_token("secret-token")
        .fetch(dataset, &query, Mode::Strict)
        .unwrap();
    assert!(started.elapsed() >= Duration::from_secs(2));
    assert_eq!(read.rows.len(), emini);
    assert!(!read.summary.from_cache);
    assert_eq!(api.requests().len(), 3);
    assert!(
        api.requests()
            .iter()
            .all(|(_, t)| t.as_deref() == Some("secret-token"))
    );

    // Fresh in the cache: no request.
    let again = client(&api, cache.path())
        .fetch(dataset, &query, Mode::Strict)
        .unwrap();
    assert!(again.summary.from_cache);
    assert_eq!(api.requests().len(), 3);
    assert_eq!(again.rows, read.rows);

    // A body that stalls past the deadline is a timeout, and with a cached
    // answer the cached answer is used and says why.
    *api.stall.lock().unwrap() = Some(Duration::from_secs(5));
    let slow = client(&api, common::temp_dir().path())
        .deadline(Duration::from_millis(800))
        .fetch(dataset, &query, Mode::Strict)
        .unwrap_err();
    assert!(matches!(slow.kind(), ErrorKind::Timeout { .. }), "{slow}");
    let stale = client(&api, cache.path())
        .deadline(Duration::from_millis(800))
        .max_age(Duration::ZERO)
        .fetch(dataset, &query, Mode::Strict)
        .unwrap();
    assert!(stale.summary.from_cache);
    assert!(
        stale
            .summary
            .stale
            .as_deref()
            .unwrap()
            .contains("timed out"),
        "{:?}",
        stale.summary.stale
    );
    *api.stall.lock().unwrap() = None;
    api.down.store(true, std::sync::atomic::Ordering::Relaxed);
    let down = client(&api, cache.path())
        .max_age(Duration::ZERO)
        .fetch(dataset, &query, Mode::Strict)
        .unwrap();
    assert_eq!(down.rows, read.rows);
    // Offline with nothing cached says so.
    let offline = client(&api, common::temp_dir().path())
        .offline(true)
        .fetch(dataset, &query, Mode::Strict)
        .unwrap_err();
    assert!(
        matches!(offline.kind(), ErrorKind::Offline { .. }),
        "{offline}"
    );
}

/// The JSON blocks of the transcribed API records.
fn snippets(data: &Path) -> Vec<Value> {
    let text =
        std::fs::read_to_string(data.join("other_formats/socrata_api_snippets/README.md")).unwrap();
    text.split("```json")
        .skip(1)
        .map(|b| serde_json::from_str(b.split("```").next().unwrap()).unwrap())
        .collect()
}

fn decode(value: &Value, dataset: &str) -> (Vec<cftc_cot::api::ApiRow>, Decoding) {
    let list = match value {
        Value::Array(_) => value.clone(),
        other => Value::Array(vec![other.clone()]),
    };
    let mut decoding = Decoding::default();
    let rows = json::decode(
        &serde_json::to_vec(&list).unwrap(),
        dataset.parse().unwrap(),
        "snippet",
        1,
        Mode::Strict,
        &mut decoding,
    )
    .unwrap();
    (rows, decoding)
}

#[test]
fn the_transcribed_api_records_decode_with_the_values_they_show() {
    let Some(data) = common::data_dir() else {
        return;
    };
    let blocks = snippets(&data);
    assert_eq!(blocks.len(), 3);
    // 1. TFF, Australian dollar, 2025-08-05 (values read off the record).
    let (rows, decoding) = decode(&blocks[0], "gpe5-46if");
    assert!(
        decoding.unknown_fields.is_empty(),
        "{:?}",
        decoding.unknown_fields
    );
    let row = &rows[0];
    let tff = row.record.as_tff().unwrap();
    assert_eq!(tff.date.to_string(), "2025-08-05");
    assert_eq!(tff.market.code.as_str(), "232741");
    assert_eq!(
        (
            tff.market.market_code.as_str(),
            tff.market.region_code.as_str(),
            tff.market.commodity_code.as_str()
        ),
        ("CME", "CHI", "232")
    );
    assert_eq!(tff.positions.open_interest, Some(163900));
    assert_eq!(tff.positions.dealer.long, Some(69127));
    assert_eq!(tff.positions.leveraged_funds.long, Some(19628));
    assert_eq!(tff.positions.leveraged_funds.short, Some(30092));
    assert_eq!(tff.positions.total_reportable.short, Some(143154));
    assert_eq!(tff.change.dealer.short, Some(-690));
    assert_eq!(
        tff.percent_of_open_interest
            .asset_manager
            .short
            .unwrap()
            .to_string(),
        "62.1"
    );
    assert_eq!(tff.concentration.net_8.short.unwrap().to_string(), "62.9");
    // Absent fields are missing values, not zeros.
    assert_eq!(tff.traders.dealer.short, None);
    assert_eq!(tff.traders.other_reportables.spread, None);
    assert_eq!(tff.traders.dealer.long, Some(13));
    assert_eq!(tff.subgroup_code, "F10");
    assert_eq!(tff.market.contract_units, "(CONTRACTS OF AUD 100,000)");
    assert_eq!(row.details.id.as_deref(), Some("250805232741F"));
    assert_eq!(
        row.details.report_week.as_deref(),
        Some("2025 Report Week 31")
    );
    assert_eq!(
        row.details.commodity_group_name.as_deref(),
        Some("FINANCIAL INSTRUMENTS")
    );

    // 2. Disaggregated gold, two weeks, the double-underscore fields.
    let (rows, decoding) = decode(&blocks[1], "72hh-3qpy");
    assert!(
        decoding.unknown_fields.is_empty(),
        "{:?}",
        decoding.unknown_fields
    );
    let d = rows[0].record.as_disaggregated().unwrap();
    assert_eq!(d.date.to_string(), "2026-09-29");
    assert_eq!(d.all.positions.producer_merchant.long, Some(18200));
    assert_eq!(d.all.positions.swap_dealers.short, Some(244539));
    assert_eq!(d.all.positions.swap_dealers.spread, Some(25796));
    assert_eq!(d.all.positions.managed_money.long, Some(131711));
    assert_eq!(d.all.positions.managed_money.spread, Some(36294));
    assert_eq!(d.all.positions.other_reportables.spread, Some(12811));
    assert_eq!(d.change.managed_money.short, Some(3083));
    assert_eq!(d.all.traders.managed_money.long, Some(80));
    assert_eq!(d.all.positions.nonreportable.short, Some(16449));
    assert_eq!(
        rows[1]
            .record
            .as_disaggregated()
            .unwrap()
            .all
            .positions
            .managed_money
            .long,
        Some(135699)
    );

    // 3. Legacy gold, the "postions" field.
    let (rows, decoding) = decode(&blocks[2], "6dca-aqww");
    assert!(
        decoding.unknown_fields.is_empty(),
        "{:?}",
        decoding.unknown_fields
    );
    let l = rows[0].record.as_legacy().unwrap();
    assert_eq!(l.all.positions.noncommercial.long, Some(249736));
    assert_eq!(l.all.positions.noncommercial.spread, Some(49105));
    assert_eq!(l.all.positions.commercial.short, Some(309798));
    assert_eq!(l.all.positions.total_reportable.short, Some(390007));
    assert_eq!(l.all.traders.noncommercial.short, Some(53));
    assert_eq!(l.old.positions.open_interest, None);
}

/// Every row of a real file of each report: text -> record -> API JSON ->
/// record gives the record back (the API has no quoted code copies).
#[test]
fn every_record_survives_text_to_api_json_and_back_for_every_report() {
    let Some(data) = common::data_dir() else {
        return;
    };
    let mut covered = std::collections::BTreeSet::new();
    for (path, scope) in [
        (
            "legacy_fut/2024_partial_thru_0123/annual.txt",
            Scope::FuturesOnly,
        ),
        ("tff_fut/2010_from_0720/FinFutYY.txt", Scope::FuturesOnly),
        ("tff_futopt/2012/FinComYY.txt", Scope::Combined),
        (
            "disagg_fut/2019/fut_disagg_txt_2019.zip",
            Scope::FuturesOnly,
        ),
        ("cit/2024_partial_thru_0723/annualci.txt", Scope::Combined),
    ] {
        let records = ReaderBuilder::new()
            .scope(scope)
            .from_path(data.join(path))
            .unwrap()
            .read_all()
            .unwrap()
            .0;
        assert!(records.len() > 300, "{path}");
        let kind = records[0].kind();
        let rows: Vec<Value> = records
            .iter()
            .map(|r| Value::Object(json::encode(r, None)))
            .collect();
        let mut decoding = Decoding::default();
        let back = json::decode(
            &serde_json::to_vec(&rows).unwrap(),
            Dataset::new(kind, scope).unwrap(),
            path,
            1,
            Mode::Strict,
            &mut decoding,
        )
        .unwrap();
        assert!(decoding.unknown_fields.is_empty());
        assert_eq!(back.len(), records.len());
        for (b, mut r) in back.into_iter().zip(records) {
            market_mut(&mut r).quoted_codes = Default::default();
            assert_eq!(b.record, r, "{path}");
        }
        covered.insert(kind);
    }
    // Every report, not just the ones a file list happened to hold.
    assert_eq!(covered, ReportKind::ALL.into_iter().collect());
}

#[test]
fn bad_answers_and_rows_say_where_and_what() {
    let dataset: Dataset = "gpe5-46if".parse().unwrap();
    let run = |text: &str, mode| {
        json::decode(
            text.as_bytes(),
            dataset,
            "https://x/gpe5-46if.json",
            1,
            mode,
            &mut Decoding::default(),
        )
    };
    let base = r#"{"id":"250805232741F","market_and_exchange_names":"AUSTRALIAN DOLLAR - CHICAGO MERCANTILE EXCHANGE","report_date_as_yyyy_mm_dd":"2025-08-05T00:00:00.000","cftc_contract_market_code":"232741","open_interest_all":"163900""#;
    // A number instead of a string is read; an object is not.
    let ok = run(
        &format!("[{base},\"lev_money_positions_long\":19628}}]"),
        Mode::Strict,
    )
    .unwrap();
    assert_eq!(
        ok[0]
            .record
            .as_tff()
            .unwrap()
            .positions
            .leveraged_funds
            .long,
        Some(19628)
    );
    let e = run(
        &format!("[{base},\"lev_money_positions_long\":{{\"a\":1}}}}]"),
        Mode::Strict,
    )
    .unwrap_err();
    assert!(
        matches!(
            e.kind(),
            ErrorKind::Field {
                problem: FieldProblem::NotText,
                ..
            }
        ),
        "{e}"
    );
    assert!(
        e.to_string()
            .contains("row 1, field \"lev_money_positions_long\""),
        "{e}"
    );
    // An id of another week.
    let wrong = base.replace("250805232741F", "250729232741F");
    let e = run(&format!("[{wrong}}}]"), Mode::Strict).unwrap_err();
    assert!(
        matches!(
            e.kind(),
            ErrorKind::Field {
                problem: FieldProblem::IdMismatch,
                ..
            }
        ),
        "{e}"
    );
    // A bad number names its field; lenient mode skips the row and counts it.
    let bad = base.replace("\"163900\"", "\"16x900\"");
    let two = format!("[{base}}},{bad}}}]");
    let e = run(&two, Mode::Strict).unwrap_err();
    assert!(
        e.to_string().contains("row 2, field \"open_interest_all\""),
        "{e}"
    );
    let mut decoding = Decoding::default();
    let rows = json::decode(
        two.as_bytes(),
        dataset,
        "x",
        1,
        Mode::Lenient,
        &mut decoding,
    )
    .unwrap();
    assert_eq!((rows.len(), decoding.rows, decoding.skipped), (1, 2, 1));
    // Not rows at all.
    let e = run(r#"{"error":true,"message":"query failed"}"#, Mode::Lenient).unwrap_err();
    assert!(
        matches!(e.kind(), ErrorKind::Api { .. }) && e.to_string().contains("query failed"),
        "{e}"
    );
    let e = run("<html>", Mode::Lenient).unwrap_err();
    assert!(e.to_string().contains("not JSON"), "{e}");
    // A field no table knows is counted, not dropped silently.
    let mut decoding = Decoding::default();
    json::decode(
        format!("[{base},\"lev_money_positions_lng\":\"1\"}}]").as_bytes(),
        dataset,
        "x",
        1,
        Mode::Strict,
        &mut decoding,
    )
    .unwrap();
    assert_eq!(
        decoding.unknown_fields.get("lev_money_positions_lng"),
        Some(&1)
    );
    // A futures-only dataset's row that says Combined.
    let e = run(
        &format!("[{base},\"futonly_or_combined\":\"Combined\"}}]"),
        Mode::Strict,
    )
    .unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::ScopeMismatch { .. }), "{e}");
}

#[cfg(feature = "cli")]
fn cftc(args: &[&str], api: &Api, cache: &Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_cftc"))
        .args(args)
        .env("CFTC_COT_API_URL", &api.base)
        .env("CFTC_COT_CACHE", cache)
        .env("CFTC_COT_BASE_URL", "http://127.0.0.1:9/")
        .output()
        .unwrap()
}

#[cfg(feature = "cli")]
#[test]
fn the_cli_answers_from_the_api_as_from_the_archives_and_reconciles_them() {
    let Some(data) = common::data_dir() else {
        return;
    };
    let api = Api::start();
    let files: Vec<String> = TFF_FILES
        .iter()
        .map(|f| data.join(f).display().to_string())
        .collect();
    let rows = TFF_FILES
        .iter()
        .flat_map(|f| api_rows(&data, &data.join(f), false))
        .collect();
    api.set("gpe5-46if", rows);
    let json = |out: std::process::Output| -> Value {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let mut args = vec!["history", "--group", "leveraged-funds", "--json"];
    for f in &files {
        args.extend(["--data", f.as_str()]);
    }
    let from_files = json(cftc(&args, &api, common::temp_dir().path()));
    let cache = common::temp_dir();
    let from_api = json(cftc(
        &[
            "history",
            "--source",
            "api",
            "--group",
            "leveraged-funds",
            "--json",
        ],
        &api,
        cache.path(),
    ));
    for key in [
        "first_date",
        "last_date",
        "points",
        "headline",
        "top_swings",
        "most_bullish",
        "most_bearish",
        "contracts",
    ] {
        assert_eq!(from_api[key], from_files[key], "{key}");
    }
    assert!(
        from_api["source"]
            .as_str()
            .unwrap()
            .starts_with("api http://127.0.0.1")
    );
    // Any market by code: its name comes from the API's recent rows.
    let emini = json(cftc(
        &[
            "history",
            "--source",
            "api",
            "--market",
            "239742",
            "--group",
            "leveraged-funds",
            "--json",
        ],
        &api,
        cache.path(),
    ));
    assert_eq!(emini["codes"], serde_json::json!(["239742"]));
    // Or by name, looked up in the dataset's recent rows.
    let by_name = json(cftc(
        &[
            "history",
            "--source",
            "api",
            "--market",
            "russell e-mini",
            "--group",
            "leveraged-funds",
            "--json",
        ],
        &api,
        cache.path(),
    ));
    assert_eq!(by_name["codes"], serde_json::json!(["239742"]));
    assert_eq!(by_name["points"], emini["points"]);
    // The screen of every TFF market reads the same from either source.
    let mut screen_args = vec!["screen", "--report", "tff", "--json"];
    for f in &files {
        screen_args.extend(["--data", f.as_str()]);
    }
    let screen_files = json(cftc(&screen_args, &api, common::temp_dir().path()));
    let screen_api = json(cftc(
        &["screen", "--source", "api", "--report", "tff", "--json"],
        &api,
        cache.path(),
    ));
    assert!(screen_files.as_array().unwrap().len() > 50);
    assert_eq!(screen_api, screen_files);

    // Export: the E-mini's rows from the API into Parquet, one per week.
    #[cfg(feature = "parquet")]
    {
        let out = common::temp_dir();
        let path = out.path().join("emini.parquet");
        let path_arg = path.display().to_string();
        let done = cftc(
            &[
                "export",
                "--source",
                "api",
                "--report",
                "tff",
                "--market",
                "239742",
                "--parquet",
                path_arg.as_str(),
            ],
            &api,
            cache.path(),
        );
        assert!(
            done.status.success(),
            "{}",
            String::from_utf8_lossy(&done.stderr)
        );
        let weeks = TFF_FILES
            .iter()
            .flat_map(|f| api_rows(&data, &data.join(f), false))
            .filter(|r| r["cftc_contract_market_code"] == "239742")
            .count();
        let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(
            std::fs::File::open(&path).unwrap(),
        )
        .unwrap();
        assert_eq!(reader.metadata().file_metadata().num_rows() as usize, weeks);
        assert!(weeks > 200, "{weeks}");
    }

    // Reconciliation: identical, then one revised value.
    let file = data.join("tff_fut/2024/FinFutYY.txt");
    let file_arg = file.display().to_string();
    let reconcile_args = [
        "reconcile",
        "--data",
        file_arg.as_str(),
        "--market",
        "239742",
        "--report",
        "tff",
        "--from",
        "2024-01-01",
        "--to",
        "2024-12-31",
    ];
    api.set("gpe5-46if", api_rows(&data, &file, false));
    let clean = cftc(&reconcile_args, &api, common::temp_dir().path());
    let text = String::from_utf8_lossy(&clean.stdout);
    assert_eq!(
        clean.status.code(),
        Some(0),
        "{text}{}",
        String::from_utf8_lossy(&clean.stderr)
    );
    assert!(text.contains("0 with differences"), "{text}");
    let mut rows = api_rows(&data, &file, false);
    let row = rows
        .iter_mut()
        .find(|r| r["cftc_contract_market_code"] == "239742")
        .unwrap();
    row.insert(
        "dealer_positions_short_all".into(),
        Value::String("1".into()),
    );
    api.set("gpe5-46if", rows);
    let differs = cftc(&reconcile_args, &api, common::temp_dir().path());
    let text = String::from_utf8_lossy(&differs.stdout);
    assert_eq!(differs.status.code(), Some(3), "{text}");
    assert!(text.contains("Dealer_Positions_Short_All 1 / "), "{text}");
}

#[test]
fn two_runs_asking_at_once_make_one_request() {
    let Some(data) = common::data_dir() else {
        return;
    };
    let api = Api::start();
    let cache = common::temp_dir();
    let dataset: Dataset = "gpe5-46if".parse().unwrap();
    api.set(
        dataset.id(),
        api_rows(&data, &data.join("tff_fut/2024/FinFutYY.txt"), false),
    );
    // Each body takes a while, so that the second run finds the first's lock.
    *api.stall.lock().unwrap() = Some(Duration::from_millis(500));
    let query = Query::new().codes(["239742".parse().unwrap()]);
    let runs: Vec<_> = (0..2)
        .map(|_| {
            let c = client(&api, cache.path());
            let q = query.clone();
            std::thread::spawn(move || c.fetch(dataset, &q, Mode::Strict).unwrap())
        })
        .collect();
    let reads: Vec<_> = runs.into_iter().map(|r| r.join().unwrap()).collect();
    assert_eq!(api.requests().len(), 1);
    assert_eq!(reads[0].rows, reads[1].rows);
    assert_eq!(reads.iter().filter(|r| r.summary.from_cache).count(), 1);
}

mod no_panic {
    use super::*;
    use proptest::prelude::*;

    fn value() -> impl Strategy<Value = Value> {
        prop_oneof![
            Just(Value::Null),
            any::<i64>().prop_map(Value::from),
            "[ -~]{0,12}".prop_map(Value::String),
            prop::collection::vec(any::<u8>(), 0..4).prop_map(Value::from),
        ]
    }

    fn field() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::sample::select(
                cftc_cot::records::schema::TFF_TABLE
                    .iter()
                    .filter_map(|c| c.api)
                    .collect::<Vec<_>>()
            )
            .prop_map(str::to_string),
            prop::sample::select(vec![
                "id",
                "report_date_as_yyyy_mm_dd",
                "market_and_exchange_names",
                "cftc_contract_market_code",
                "futonly_or_combined",
                "contract_units",
            ])
            .prop_map(str::to_string),
            "[a-z_]{1,20}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        /// Any list of objects of any fields and values decodes to rows or
        /// to a typed error, in either mode, and a lenient decoder accounts
        /// for every row.
        #[test]
        fn any_rows_decode_or_fail_with_a_sentence(
            rows in prop::collection::vec(prop::collection::btree_map(field(), value(), 0..12), 0..6),
            lenient in any::<bool>(),
        ) {
            let list: Vec<Value> = rows
                .into_iter()
                .map(|m| Value::Object(m.into_iter().collect()))
                .collect();
            let bytes = serde_json::to_vec(&list).unwrap();
            let mode = if lenient { Mode::Lenient } else { Mode::Strict };
            let mut decoding = Decoding::default();
            match json::decode(&bytes, "gpe5-46if".parse().unwrap(), "p", 1, mode, &mut decoding) {
                Ok(decoded) => {
                    prop_assert_eq!(decoded.len() as u64 + decoding.skipped, list.len() as u64);
                }
                Err(e) => prop_assert!(!e.to_string().is_empty()),
            }
        }

        /// Arbitrary bytes are an error or rows, never a panic.
        #[test]
        fn any_bytes_are_an_answer_or_an_error(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
            let _ = json::decode(&bytes, "6dca-aqww".parse().unwrap(), "p", 1, Mode::Lenient, &mut Decoding::default());
        }
    }
}

/// Issue 22, item 8: the answer is cached page by page; a cached page that
/// is damaged is moved aside and fetched again, and offline the error names
/// the cache file, not the server. Killed runs' temporary pages are
/// removed; arbitrary bytes as the meta or a page give a typed outcome.
#[test]
fn a_damaged_cached_page_is_fetched_again_and_offline_names_the_file() {
    let Some(data) = common::data_dir() else {
        return;
    };
    let file = data.join("tff_fut/2024/FinFutYY.txt");
    let api = Api::start();
    let cache = common::temp_dir();
    let dataset: Dataset = "gpe5-46if".parse().unwrap();
    api.set(dataset.id(), api_rows(&data, &file, false));
    let c = client(&api, cache.path()).page_size(700);
    let first = c.fetch(dataset, &Query::new(), Mode::Strict).unwrap();
    assert!(first.summary.pages > 1, "{}", first.summary);
    let asked = api.requests().len();
    let dir = cache.path().join(dataset.id());
    let page = |n: u64| {
        std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .find(|p| p.to_string_lossy().ends_with(&format!(".{n}.json")))
            .unwrap()
    };
    // A dead run's temporary page, a little old.
    let dead = {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        pid
    };
    let part = dir.join(format!(".abc.0.{dead}.1.part"));
    std::fs::write(&part, b"[{").unwrap();
    std::fs::File::options()
        .write(true)
        .open(&part)
        .unwrap()
        .set_modified(std::time::SystemTime::now() - Duration::from_secs(120))
        .unwrap();
    // The second page cut in half.
    let second = page(1);
    let bytes = std::fs::read(&second).unwrap();
    std::fs::write(&second, &bytes[..bytes.len() / 2]).unwrap();
    let again = c.fetch(dataset, &Query::new(), Mode::Strict).unwrap();
    assert_eq!(again.rows.len(), first.rows.len());
    assert!(again.rows == first.rows);
    assert!(!again.summary.from_cache, "{}", again.summary);
    assert_eq!(api.requests().len(), asked + first.summary.pages as usize);
    assert!(std::fs::read_dir(&dir).unwrap().flatten().any(|e| {
        e.file_name()
            .to_string_lossy()
            .ends_with(".meta.json.damaged")
    }));
    if std::path::Path::new("/proc/self").exists() {
        assert!(!part.exists(), "a dead run's temporary page is removed");
    }
    // Offline: the error names the cache file.
    std::fs::write(page(0), b"<html>not json</html>").unwrap();
    let err = c
        .clone()
        .offline(true)
        .fetch(dataset, &Query::new(), Mode::Strict)
        .unwrap_err();
    match err.kind() {
        ErrorKind::DamagedCache { location, .. } => {
            assert_eq!(location.source, page(0).display().to_string());
        }
        other => panic!("{other}"),
    }
    assert!(!err.to_string().contains(&api.base), "{err}");
    // Arbitrary bytes as the meta file, then as a page: never a panic; a
    // run that can reach the API answers.
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for round in 0..8 {
        c.fetch(dataset, &Query::new(), Mode::Strict).unwrap();
        let len = (seed % 300) as usize;
        let junk: Vec<u8> = (0..len)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                (seed >> 24) as u8
            })
            .collect();
        let target = if round % 2 == 0 {
            std::fs::read_dir(&dir)
                .unwrap()
                .flatten()
                .map(|e| e.path())
                .find(|p| p.to_string_lossy().ends_with(".meta.json"))
                .unwrap()
        } else {
            page(round % 3)
        };
        std::fs::write(&target, &junk).unwrap();
        match c
            .clone()
            .offline(true)
            .fetch(dataset, &Query::new(), Mode::Strict)
        {
            Ok(read) => assert_eq!(read.rows.len(), first.rows.len()),
            Err(e) => assert!(
                matches!(
                    e.kind(),
                    ErrorKind::DamagedCache { .. } | ErrorKind::Offline { .. }
                ),
                "{e}"
            ),
        }
        let read = c.fetch(dataset, &Query::new(), Mode::Strict).unwrap();
        assert_eq!(read.rows.len(), first.rows.len());
    }
}

/// Issue 22, item 7: what no report CFTC published says is not taken on
/// trust. One field twice in a row (the same key, or a case variant), a
/// report date decades ahead and a position beyond open interest are
/// errors in strict mode and skipped, counted rows in lenient mode; two
/// rows with one `id` and different values are an error in strict mode,
/// kept with a warning in lenient mode, and listed by reconciliation.
#[test]
fn answers_are_checked_not_taken_on_trust() {
    let (records, _) = ReaderBuilder::new()
        .from_path("data-samples/tff_futures_only.txt")
        .unwrap()
        .read_all()
        .unwrap();
    let dataset = Dataset::new(ReportKind::Tff, Scope::FuturesOnly).unwrap();
    let row = |r: &CotRecord| serde_json::to_string(&Value::Object(json::encode(r, None))).unwrap();
    let decode = |rows: &[String], mode: Mode| {
        let mut decoding = Decoding::default();
        let bytes = format!("[{}]", rows.join(","));
        json::decode(bytes.as_bytes(), dataset, "test", 1, mode, &mut decoding)
            .map(|rows| (rows, decoding))
    };
    let good: Vec<String> = records.iter().map(row).collect();
    let (all, clean) = decode(&good, Mode::Strict).unwrap();
    assert_eq!(all.len(), records.len());
    assert_eq!((clean.skipped, clean.conflicting_ids.len()), (0, 0));

    let problem_of = |e: cftc_cot::Error| match e.into_kind() {
        ErrorKind::Field { problem, .. } => problem,
        other => panic!("{other}"),
    };
    // One key twice: the raw JSON, since a map keeps one of them.
    let oi = records[0].open_interest().unwrap();
    let twice = good[0].replacen(
        "\"open_interest_all\":",
        &format!(
            "\"open_interest_all\":\"{}\",\"open_interest_all\":",
            oi + 1
        ),
        1,
    );
    let case_variant = good[0].replacen(
        "\"open_interest_all\":",
        &format!(
            "\"OPEN_INTEREST_ALL\":\"{}\",\"open_interest_all\":",
            oi + 1
        ),
        1,
    );
    // A date 30 years ahead, id and all.
    let mut ahead = records[1].clone();
    let far = ahead.date() + chrono::Days::new(30 * 365);
    match &mut ahead {
        CotRecord::Tff(t) => {
            t.date = far;
        }
        _ => unreachable!("a TFF sample"),
    }
    // A leveraged-funds long of far more than open interest.
    let mut beyond = records[2].clone();
    match &mut beyond {
        CotRecord::Tff(t) => t.positions.leveraged_funds.long = Some(56_000_000_000_000_000),
        _ => unreachable!("a TFF sample"),
    }
    let cases = [
        (twice, FieldProblem::DuplicateKey),
        (case_variant, FieldProblem::DuplicateKey),
        (row(&ahead), FieldProblem::InTheFuture),
        (row(&beyond), FieldProblem::BeyondOpenInterest),
    ];
    for (bad, expected) in &cases {
        let rows = [good[3].clone(), bad.clone()];
        let err = decode(&rows, Mode::Strict).unwrap_err();
        assert_eq!(problem_of(err), *expected);
        let (kept, decoding) = decode(&rows, Mode::Lenient).unwrap();
        assert_eq!((kept.len(), decoding.skipped), (1, 1), "{expected:?}");
    }
    // The same id twice: identical rows are one row; different values are
    // an error, or both kept with a warning.
    let (same, decoding) = decode(&[good[4].clone(), good[4].clone()], Mode::Strict).unwrap();
    assert_eq!((same.len(), decoding.repeated_rows), (1, 1));
    let mut revised = records[4].clone();
    match &mut revised {
        CotRecord::Tff(t) => t.positions.dealer.long = t.positions.dealer.long.map(|v| v + 1),
        _ => unreachable!("a TFF sample"),
    }
    let rows = [good[4].clone(), row(&revised)];
    let err = decode(&rows, Mode::Strict).unwrap_err();
    assert_eq!(problem_of(err), FieldProblem::ConflictingDuplicate);
    let (both, decoding) = decode(&rows, Mode::Lenient).unwrap();
    assert_eq!(both.len(), 2);
    assert_eq!(decoding.conflicting_ids.len(), 1);
    let summary = decoding.read_summary("test", 2, 0);
    assert!(
        summary
            .warnings
            .iter()
            .any(|w| w.contains("different values")),
        "{:?}",
        summary.warnings
    );
    let api: Vec<CotRecord> = both.into_iter().map(|r| r.record).collect();
    let found = reconcile(&api, &records);
    assert_eq!(found.conflicting_first, [records[4].key()]);
    assert!(!found.is_clean());
    assert!(found.to_string().contains("twice in first"), "{found}");
}
