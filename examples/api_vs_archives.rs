//! Bytes and time to the Russell 2000 history (TFF, leveraged funds)
//! through CFTC's public-reporting API versus through the yearly archives,
//! both served from 127.0.0.1 with fresh caches: the archives from a mirror
//! made by `make_mirror`, the API by the tests' stand-in, which answers SoQL
//! from rows built out of the same text files.
//!
//! ```text
//! cargo run --release --example make_mirror -- target/mirror
//! cargo run --release --features api --example api_vs_archives -- target/mirror
//! ```

use std::path::PathBuf;
use std::time::Instant;

use cftc_cot::TraderGroup;
use cftc_cot::api::ApiClient;
use cftc_cot::history::study::Study;
use cftc_cot::read::Mode;
use cftc_cot::source::Source;
use cftc_cot::source::download::Downloader;

#[path = "../tests/common/server.rs"]
#[allow(dead_code)]
mod server;
#[path = "../tests/common/soql.rs"]
#[allow(dead_code)]
mod soql;

/// The TFF futures-only text files the mirror's archives are made of.
const TFF_FILES: [&str; 13] = [
    "tff_fut/2010_from_0720/FinFutYY.txt",
    "tff_fut/2011/FinFutYY.txt",
    "tff_fut/2012/FinFutYY.txt",
    "tff_fut/2015/FinFutYY.txt",
    "tff_fut/2017/FinFut17.txt",
    "tff_fut/2018/FinFut18.txt",
    "tff_fut/2019/FinFut19.txt",
    "tff_fut/2020_modified_full/F_TFF_2020.txt",
    "tff_fut/2021/FinFutYY.txt",
    "tff_fut/2022/FinFutYY.txt",
    "tff_fut/2024/FinFutYY.txt",
    "tff_fut/2025_partial_thru_0429/FinFutYY.txt",
    "tff_fut/2026_partial_thru_0317/FinFutYY.txt",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mirror = PathBuf::from(
        std::env::args()
            .nth(1)
            .ok_or("usage: api_vs_archives MIRROR_DIR")?,
    );
    let data =
        PathBuf::from(std::env::var("CFTC_COT_DATA").unwrap_or_else(|_| "../shared/cftc".into()));
    let server = soql::Api::start();
    server.state.lock().map_err(|_| "lock")?.files = Some(mirror);
    let mut rows: Vec<soql::Row> = TFF_FILES
        .iter()
        .flat_map(|f| soql::api_rows(&data, &data.join(f), false))
        .collect();
    // The mirror's 2023 archive comes from CFTC's Excel file; its rows go to
    // the API as the crate writes them.
    let (excel, _) = cftc_cot::read::ReaderBuilder::new()
        .lenient()
        .from_path(data.join("tff_fut_xls/2023_partial_thru_1031/FinFutYY_xls.zip"))?
        .read_all()?;
    rows.extend(excel.iter().map(|r| cftc_cot::api::json::encode(r, None)));
    server.set("gpe5-46if", rows);
    let history_base = server.base.replace("/resource/", "/history/");
    let study = Study::russell_2000().group(TraderGroup::LeveragedFunds);
    let cache = std::env::temp_dir().join(format!("cftc-api-vs-archives-{}", std::process::id()));

    let sent = |s: &soql::Api| s.state.lock().map(|st| st.bytes_sent).unwrap_or(0);
    let started = Instant::now();
    let archives = Source::cache(
        Downloader::new()
            .base_url(&history_base)
            .newcot_url(&history_base)
            .cache_dir(cache.join("archives")),
    )
    .years(2010..=2026);
    let (a, _) = study.run(&archives, Mode::Lenient)?;
    let archive_time = started.elapsed();
    let archive_bytes = sent(&server);

    let started = Instant::now();
    let api = Source::api(
        ApiClient::new()
            .base_url(&server.base)
            .cache_dir(cache.join("api")),
    );
    let (b, _) = study.run(&api, Mode::Lenient)?;
    let api_time = started.elapsed();
    let api_bytes = sent(&server) - archive_bytes;
    let requests = server.requests();
    let count = |p: &str| requests.iter().filter(|(r, _)| r.starts_with(p)).count();
    println!(
        "Russell 2000, TFF leveraged funds, {} weeks, fresh caches, 127.0.0.1:",
        a.points().len()
    );
    println!(
        "  archives: {:>10} bytes in {:>2} requests, {:>6.0} ms",
        archive_bytes,
        count("/history/"),
        archive_time.as_secs_f64() * 1e3
    );
    println!(
        "  API:      {:>10} bytes in {:>2} requests, {:>6.0} ms",
        api_bytes,
        count("/resource/"),
        api_time.as_secs_f64() * 1e3
    );
    let differing: Vec<_> = a
        .points()
        .iter()
        .zip(b.points())
        .filter(|(x, y)| x != y)
        .map(|(x, _)| x.date)
        .collect();
    println!(
        "  same history: {} ({} and {} weeks{})",
        a.points() == b.points(),
        a.points().len(),
        b.points().len(),
        if differing.is_empty() {
            String::new()
        } else {
            format!(", differing on {differing:?}")
        }
    );
    let _ = std::fs::remove_dir_all(&cache);
    Ok(())
}
