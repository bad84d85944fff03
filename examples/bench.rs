//! The programs behind the side-by-side benchmark (`benches/compare.py`).
//!
//! ```text
//! cargo run --release --example bench -- corpus OUT_DIR    # build the corpus
//! cargo run --release --example bench -- floor DIR         # inflate every member, discard the bytes
//! cargo run --release --example bench -- history DIR       # the Russell 2000 history from every archive
//! cargo run --release --example bench -- parse DIR         # every row of every archive, fully typed
//! cargo run --release --example bench -- excel FILE        # every row of a workbook, fully typed
//! ```
//!
//! The corpus is the size of CFTC's real history — about 300 MB of legacy
//! futures-only text in 40 yearly archives and 40 MB of TFF in 20 — made by
//! repeating the rows of the real files in `CFTC_COT_DATA` (default
//! `../shared/cftc`) under yearly archive names. No number is invented; a
//! repeated row is a duplicate the merge removes.

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use cftc_cot::TraderGroup;
use cftc_cot::history::HistoryBuilder;
use cftc_cot::read::{Filter, ReaderBuilder, ZipMember};
use cftc_cot::records::registry::Family;
use cftc_cot::source::Source;
use cftc_cot::{ReportKind, Scope};

#[path = "support/say.rs"]
#[macro_use]
mod say;

/// Legacy archives: 1986-2025, about 7.5 MB of text each.
const LEGACY_YEARS: std::ops::RangeInclusive<i32> = 1986..=2025;
const LEGACY_BYTES: usize = 7_500_000;
/// TFF archives: 2006-2025, about 2 MB each.
const TFF_YEARS: std::ops::RangeInclusive<i32> = 2006..=2025;
const TFF_BYTES: usize = 2_000_000;

/// The header of `text` and its rows repeated to about `target` bytes.
pub fn repeated(text: &[u8], target: usize) -> Vec<u8> {
    let split = text.iter().position(|&b| b == b'\n').map_or(0, |i| i + 1);
    let (header, rows) = text.split_at(split);
    let mut out = Vec::with_capacity(target + text.len());
    out.extend_from_slice(header);
    while out.len() < target && !rows.is_empty() {
        let room = target - out.len();
        if room >= rows.len() {
            out.extend_from_slice(rows);
            continue;
        }
        // The last whole row that fits.
        let part = rows.get(..room).unwrap_or(rows);
        let cut = part.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        out.extend_from_slice(part.get(..cut).unwrap_or_default());
        break;
    }
    out
}

fn write_zip(path: &Path, member: &str, text: &[u8]) -> io::Result<()> {
    let mut zip = zip::ZipWriter::new(File::create(path)?);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file(member, options).map_err(io::Error::other)?;
    zip.write_all(text)?;
    zip.finish().map_err(io::Error::other)?;
    Ok(())
}

/// Builds the corpus in `out` (`legacy/` and `tff/`), unless already there.
pub fn build_corpus(data: &Path, out: &Path) -> io::Result<()> {
    let marker = out.join("complete");
    if marker.exists() {
        return Ok(());
    }
    let read = |p: &str| std::fs::read(data.join(p));
    let legacy_old = [
        read("legacy_fut/2002/Annual.TXT")?,
        read("legacy_fut/2004/annual.txt")?,
    ];
    let legacy_new = [
        read("legacy_fut/2024_partial_thru_0123/annual.txt")?,
        read("legacy_fut/2025_partial_thru_0318/annual.txt")?,
    ];
    let tff = [
        "tff_fut/2015/FinFutYY.txt",
        "tff_fut/2017/FinFut17.txt",
        "tff_fut/2018/FinFut18.txt",
        "tff_fut/2019/FinFut19.txt",
        "tff_fut/2020_partial_thru_1124/FinFutYY.txt",
        "tff_fut/2021/FinFutYY.txt",
        "tff_fut/2022/FinFutYY.txt",
        "tff_fut/2024/FinFutYY.txt",
    ]
    .map(read)
    .into_iter()
    .collect::<io::Result<Vec<_>>>()?;
    std::fs::create_dir_all(out.join("legacy"))?;
    std::fs::create_dir_all(out.join("tff"))?;
    for (i, year) in LEGACY_YEARS.enumerate() {
        // Old padded layout for the early years, current layout after.
        let pool = if year <= 2005 {
            &legacy_old
        } else {
            &legacy_new
        };
        let source = &pool[i % 2];
        let text = repeated(source, LEGACY_BYTES);
        write_zip(
            &out.join(format!("legacy/deacot{year}.zip")),
            "annual.txt",
            &text,
        )?;
    }
    for (i, year) in TFF_YEARS.enumerate() {
        let text = repeated(&tff[i % tff.len()], TFF_BYTES);
        write_zip(
            &out.join(format!("tff/fut_fin_txt_{year}.zip")),
            "FinFutYY.txt",
            &text,
        )?;
    }
    File::create(marker)?;
    Ok(())
}

fn zips(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for sub in ["legacy", "tff"] {
        let d = dir.join(sub);
        if d.is_dir() {
            for e in std::fs::read_dir(d)? {
                out.push(e?.path());
            }
        }
    }
    out.sort();
    Ok(out)
}

fn run() -> Result<String, Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(cmd), Some(dir)) = (args.next(), args.next()) else {
        return Err("usage: bench corpus|floor|history|parse DIR".into());
    };
    let dir = PathBuf::from(dir);
    let start = Instant::now();
    let what = match cmd.as_str() {
        "corpus" => {
            let data = std::env::var_os("CFTC_COT_DATA")
                .map_or_else(|| PathBuf::from("../shared/cftc"), PathBuf::from);
            build_corpus(&data, &dir)?;
            format!("corpus in {}", dir.display())
        }
        "floor" => {
            // Inflate every member with the same zip crate and discard the
            // bytes, on as many threads as the crate's readers use (pin the
            // process to one core with `taskset -c 0` for the one-core floor).
            let paths = zips(&dir)?;
            let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
            let next = std::sync::atomic::AtomicUsize::new(0);
            let total: u64 = std::thread::scope(|s| {
                let workers: Vec<_> = (0..threads)
                    .map(|_| {
                        s.spawn(|| -> io::Result<u64> {
                            let mut buf = vec![0u8; 1 << 16];
                            let mut total = 0u64;
                            while let Some(path) =
                                paths.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
                            {
                                let name = path.display().to_string();
                                let mut member =
                                    ZipMember::open(File::open(path)?, &name, u64::MAX)
                                        .map_err(io::Error::other)?;
                                loop {
                                    let n = member.read(&mut buf)?;
                                    if n == 0 {
                                        break;
                                    }
                                    total += n as u64;
                                }
                            }
                            Ok(total)
                        })
                    })
                    .collect();
                workers
                    .into_iter()
                    .map(|w| w.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                    .sum::<io::Result<u64>>()
            })?;
            format!("inflated {total} bytes on {threads} threads")
        }
        "history" => {
            let family = Family::russell_2000();
            let builder = ReaderBuilder::new()
                .lenient()
                .filter(Filter::all().with_codes(family.codes()));
            let mut points = 0;
            for (sub, kind, group) in [
                ("legacy", ReportKind::Legacy, TraderGroup::NonCommercial),
                ("tff", ReportKind::Tff, TraderGroup::LeveragedFunds),
            ] {
                let read = Source::dir(dir.join(sub)).load(&builder, kind, Scope::FuturesOnly)?;
                let history = HistoryBuilder::new(family.clone())
                    .group(group)
                    .build(&read.merged.records)?;
                points += history.points().len();
            }
            format!("{points} weekly points")
        }
        "parse" => {
            let mut rows = 0u64;
            for path in zips(&dir)? {
                let reader = ReaderBuilder::new().lenient().from_path(&path)?;
                for record in reader {
                    record?;
                    rows += 1;
                }
            }
            format!("{rows} typed records")
        }
        // `dir` is a workbook here (bare or zipped): every row typed.
        "excel" => {
            let reader = ReaderBuilder::new().lenient().from_path(&dir)?;
            let mut rows = 0u64;
            for record in reader {
                record?;
                rows += 1;
            }
            format!("{rows} typed records from a workbook")
        }
        other => return Err(format!("unknown command {other:?}").into()),
    };
    Ok(format!("{what} in {:.3} s", start.elapsed().as_secs_f64()))
}

#[allow(dead_code)] // also compiled into benches/parse.rs, which has its own main
fn main() -> ExitCode {
    match run() {
        Ok(line) => {
            say!("{line}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("bench: {e}");
            ExitCode::FAILURE
        }
    }
}
