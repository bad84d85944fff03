//! Builds a local mirror of CFTC's archive directory from the real text
//! files in `CFTC_COT_DATA` (default `../shared/cftc`), under CFTC's own
//! archive and member names, for trying the downloader without the internet.
//!
//! ```text
//! cargo run --release --example make_mirror -- target/mirror
//! python3 -m http.server 8000 --bind 127.0.0.1 --directory target/mirror &
//! CFTC_COT_BASE_URL=http://127.0.0.1:8000/ CFTC_COT_CACHE=target/cot-cache \
//!     cargo run --release --example russell2000
//! ```
//!
//! The mirror has no multi-year archive, so the downloader falls back to the
//! yearly archives for 2016 and before, as it does for any mirror that lacks
//! one.

use std::fs::File;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[path = "support/say.rs"]
#[macro_use]
mod say;

/// (file under the data directory, archive name, member name).
const FILES: [(&str, &str, &str); 22] = [
    ("legacy_fut/2002/Annual.TXT", "deacot2002.zip", "Annual.TXT"),
    ("legacy_fut/2004/annual.txt", "deacot2004.zip", "annual.txt"),
    (
        "legacy_fut/2024_partial_thru_0123/annual.txt",
        "deacot2024.zip",
        "annual.txt",
    ),
    (
        "legacy_fut/2025_partial_thru_0318/annual.txt",
        "deacot2025.zip",
        "annual.txt",
    ),
    (
        "legacy_futopt/2026_partial_thru_0303/annualof.txt",
        "deahistfo2026.zip",
        "annualof.txt",
    ),
    (
        "tff_fut/2010_from_0720/FinFutYY.txt",
        "fut_fin_txt_2010.zip",
        "FinFutYY.txt",
    ),
    (
        "tff_fut/2011/FinFutYY.txt",
        "fut_fin_txt_2011.zip",
        "FinFutYY.txt",
    ),
    (
        "tff_fut/2012/FinFutYY.txt",
        "fut_fin_txt_2012.zip",
        "FinFutYY.txt",
    ),
    (
        "tff_fut/2015/FinFutYY.txt",
        "fut_fin_txt_2015.zip",
        "FinFutYY.txt",
    ),
    (
        "tff_fut/2017/FinFut17.txt",
        "fut_fin_txt_2017.zip",
        "FinFutYY.txt",
    ),
    (
        "tff_fut/2018/FinFut18.txt",
        "fut_fin_txt_2018.zip",
        "FinFutYY.txt",
    ),
    (
        "tff_fut/2019/FinFut19.txt",
        "fut_fin_txt_2019.zip",
        "FinFutYY.txt",
    ),
    // The full 2020 year (52 damaged Canadian dollar rows; the reader skips
    // and counts them).
    (
        "tff_fut/2020_modified_full/F_TFF_2020.txt",
        "fut_fin_txt_2020.zip",
        "FinFutYY.txt",
    ),
    (
        "tff_fut/2021/FinFutYY.txt",
        "fut_fin_txt_2021.zip",
        "FinFutYY.txt",
    ),
    (
        "tff_fut/2022/FinFutYY.txt",
        "fut_fin_txt_2022.zip",
        "FinFutYY.txt",
    ),
    (
        "tff_fut/2024/FinFutYY.txt",
        "fut_fin_txt_2024.zip",
        "FinFutYY.txt",
    ),
    (
        "tff_fut/2025_partial_thru_0429/FinFutYY.txt",
        "fut_fin_txt_2025.zip",
        "FinFutYY.txt",
    ),
    (
        "tff_fut/2026_partial_thru_0317/FinFutYY.txt",
        "fut_fin_txt_2026.zip",
        "FinFutYY.txt",
    ),
    (
        "tff_futopt/2012/FinComYY.txt",
        "com_fin_txt_2012.zip",
        "FinComYY.txt",
    ),
    (
        "tff_futopt/2013/FinComYY.txt",
        "com_fin_txt_2013.zip",
        "FinComYY.txt",
    ),
    (
        "tff_futopt/2022/FinComYY.txt",
        "com_fin_txt_2022.zip",
        "FinComYY.txt",
    ),
    (
        "tff_futopt/2024_partial_thru_0723/FinComYY.txt",
        "com_fin_txt_2024.zip",
        "FinComYY.txt",
    ),
];

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let out = PathBuf::from(
        std::env::args()
            .nth(1)
            .ok_or("usage: make_mirror OUT_DIR")?,
    );
    let data = std::env::var_os("CFTC_COT_DATA")
        .map_or_else(|| PathBuf::from("../shared/cftc"), PathBuf::from);
    std::fs::create_dir_all(&out)?;
    // The 2023 TFF futures-only year exists here only as CFTC's Excel file:
    // the mirror serves it as the text archive CFTC publishes beside it,
    // written from the workbook's records.
    {
        let (archive, member) = ("fut_fin_txt_2023.zip", "FinFutYY.txt");
        let xls = data.join("tff_fut_xls/2023_partial_thru_1031/FinFutYY_xls.zip");
        let (records, _) = cftc_cot::read::ReaderBuilder::new()
            .from_path(&xls)?
            .read_all()?;
        let mut text = Vec::new();
        let mut writer = cftc_cot::write::WriterBuilder::new().from_writer(&mut text);
        for r in &records {
            writer.write(r)?;
        }
        writer.flush()?;
        drop(writer);
        let mut zip = zip::ZipWriter::new(File::create(out.join(archive))?);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file(member, options)?;
        zip.write_all(&text)?;
        zip.finish()?;
        say!("{archive} <- {}", xls.display());
    }
    for (text, archive, member) in FILES {
        let bytes = std::fs::read(data.join(text))
            .map_err(|e| format!("{}: {e}", data.join(text).display()))?;
        let mut zip = zip::ZipWriter::new(File::create(out.join(archive))?);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file(member, options)?;
        zip.write_all(&bytes)?;
        zip.finish()?;
        say!("{archive} <- {text}");
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("make_mirror: {e}");
            ExitCode::FAILURE
        }
    }
}
