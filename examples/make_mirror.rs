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
//! Like CFTC's own directory, the mirror has the multi-year archives that
//! the downloader asks for first — `deacot1986_2016.zip` (member
//! `FUT86_16.txt`: the legacy futures-only years 1986, 1988, 2002 and 2004
//! under one header) and `fin_fut_txt_2006_2016.zip` (`F_TFF_2006_2016.txt`:
//! TFF 2010-2012 and 2015) — and beside them the yearly archives of the same
//! years, which overlap them, as CFTC's do. `--no-multi-year` leaves the
//! multi-year archives out, for the downloader's fallback to yearly files.

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

/// (multi-year archive, member, the files it joins under one header).
const MULTI_YEAR: [(&str, &str, &[&str]); 2] = [
    (
        "deacot1986_2016.zip",
        "FUT86_16.txt",
        &[
            "legacy_fut/1986/deacot1986.zip",
            "legacy_fut/1988/deacot1988.zip",
            "legacy_fut/2002/Annual.TXT",
            "legacy_fut/2004/annual.txt",
        ],
    ),
    (
        "fin_fut_txt_2006_2016.zip",
        "F_TFF_2006_2016.txt",
        &[
            "tff_fut/2010_from_0720/FinFutYY.txt",
            "tff_fut/2011/FinFutYY.txt",
            "tff_fut/2012/FinFutYY.txt",
            "tff_fut/2015/FinFutYY.txt",
        ],
    ),
];

/// A text file's bytes, or the one member of a zip.
fn text_of(path: &std::path::Path) -> Result<Vec<u8>, Box<dyn std::error::Error>> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    if !bytes.starts_with(b"PK") {
        return Ok(bytes);
    }
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))?;
    let mut member = archive.by_index(0)?;
    let mut text = Vec::new();
    std::io::Read::read_to_end(&mut member, &mut text)?;
    Ok(text)
}

/// Files joined under the first one's header: every other file's first
/// line (its header) is dropped.
fn joined(data: &std::path::Path, files: &[&str]) -> Result<Vec<u8>, Box<dyn std::error::Error>> {
    let mut out = Vec::new();
    for (i, file) in files.iter().enumerate() {
        let text = text_of(&data.join(file))?;
        let body = if i == 0 {
            &text[..]
        } else {
            let end = text
                .iter()
                .position(|b| *b == b'\n')
                .map_or(text.len(), |p| p + 1);
            &text[end..]
        };
        out.extend_from_slice(body);
        if !out.ends_with(b"\n") {
            out.extend_from_slice(b"\r\n");
        }
    }
    Ok(out)
}

fn write_zip(
    path: &std::path::Path,
    member: &str,
    bytes: &[u8],
) -> Result<(), Box<dyn std::error::Error>> {
    let mut zip = zip::ZipWriter::new(File::create(path)?);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file(member, options)?;
    zip.write_all(bytes)?;
    zip.finish()?;
    Ok(())
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut out = None;
    let mut multi_year = true;
    for arg in args.by_ref() {
        match arg.as_str() {
            "--no-multi-year" => multi_year = false,
            other => out = Some(PathBuf::from(other)),
        }
    }
    let out = out.ok_or("usage: make_mirror [--no-multi-year] OUT_DIR")?;
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
        let mut writer = cftc_cot::export::write::WriterBuilder::new().from_writer(&mut text);
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
        write_zip(&out.join(archive), member, &bytes)?;
        say!("{archive} <- {text}");
    }
    if multi_year {
        for (archive, member, files) in MULTI_YEAR {
            write_zip(&out.join(archive), member, &joined(&data, files)?)?;
            say!("{archive} <- {}", files.join(" + "));
        }
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
