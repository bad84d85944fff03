//! Summarises CFTC Commitments of Traders files: kind, scope, rows, dates,
//! markets and self-check failures.
//!
//! ```text
//! cargo run --release --example inspect -- [--json] [--scope futures_only|combined] PATH...
//! ```
//!
//! Each PATH is a text file or a zip archive as CFTC publishes it. Bad rows
//! are skipped and counted (the first few are shown); a file that cannot be
//! read at all ends the program with one line on stderr and exit code 1.

use std::process::ExitCode;

use cftc_cot::Scope;
use cftc_cot::read::ReaderBuilder;
use cftc_cot::read::inspect::inspect;

#[path = "support/say.rs"]
#[macro_use]
mod say;

fn main() -> ExitCode {
    let mut json = false;
    let mut builder = ReaderBuilder::new();
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => json = true,
            "--scope" => match args.next().map(|s| s.parse::<Scope>()) {
                Some(Ok(scope)) => builder = builder.scope(scope),
                _ => {
                    eprintln!("inspect: --scope takes futures_only or combined");
                    return ExitCode::from(2);
                }
            },
            "-h" | "--help" => {
                say!("usage: inspect [--json] [--scope futures_only|combined] PATH...");
                return ExitCode::SUCCESS;
            }
            _ => paths.push(arg),
        }
    }
    if paths.is_empty() {
        eprintln!("usage: inspect [--json] [--scope futures_only|combined] PATH...");
        return ExitCode::from(2);
    }
    // Every path is tried; any unreadable one makes the exit code 1.
    let mut failed = false;
    for path in &paths {
        match inspect(path, &builder) {
            Ok(summary) if json => match serde_json::to_string(&summary) {
                Ok(line) => say!("{line}"),
                Err(e) => {
                    eprintln!("inspect: {path}: {e}");
                    failed = true;
                }
            },
            Ok(summary) => say!("{summary}"),
            Err(e) => {
                eprintln!("inspect: {e}");
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
