//! `cftc`: the CFTC Commitments of Traders on the command line.
//!
//! A thin program over the `cftc_cot` library: `args` parses the flags,
//! each subcommand under `cmd/` asks the library and prints, `failure`
//! adds this program's hints to the library's errors. See `cftc --help`.

mod args;
mod cmd;
mod failure;
mod output;
mod sources;

use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::History(a) => cmd::history::run(a),
        Command::Markets(a) => cmd::markets::run(a),
        Command::Screen(a) => match cmd::screen::run(a) {
            Ok(true) => Ok(()),
            // A filter matched nothing: exit status 3, for cron jobs.
            Ok(false) => return ExitCode::from(3),
            Err(e) => Err(e),
        },
        Command::Export(a) => cmd::export::run(a),
        Command::Reconcile(a) => match cmd::reconcile::run(a) {
            Ok(true) => Ok(()),
            // The sources differ: exit status 3, for cron jobs.
            Ok(false) => return ExitCode::from(3),
            Err(e) => Err(e),
        },
        Command::Inspect(a) => cmd::inspect::run(a),
        Command::Download(a) => cmd::download::run(a),
        Command::Vintages(a) => cmd::vintages::run(a),
        Command::Revisions(a) => match cmd::vintages::revisions(a) {
            Ok(true) => Ok(()),
            // The copies differ: exit status 3, as `reconcile`.
            Ok(false) => return ExitCode::from(3),
            Err(e) => Err(e),
        },
        Command::Extremes(a) => cmd::extremes::run(a),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cftc: {}", output::printable(&e.to_string()));
            ExitCode::FAILURE
        }
    }
}
