//! `cftc inspect`: a summary of each file.

use std::path::PathBuf;

use cftc_cot::read::ReaderBuilder;
use clap::Args;

use crate::args::ScopeArg;
use crate::failure::Failure;
use crate::output::{json, say};

#[derive(Args)]
pub struct InspectArgs {
    /// CFTC files: text, zip or Excel
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The scope of legacy files whose name does not say it
    #[arg(long, value_enum)]
    pub scope: Option<ScopeArg>,
    /// One JSON object per file
    #[arg(long)]
    pub json: bool,
}

pub fn run(a: InspectArgs) -> Result<(), Failure> {
    let mut builder = ReaderBuilder::new();
    if let Some(scope) = a.scope {
        builder = builder.scope(scope.into());
    }
    let mut failed = 0;
    for path in &a.paths {
        match cftc_cot::read::inspect::inspect(path, &builder) {
            Ok(summary) if a.json => json(&summary)?,
            Ok(summary) => say(&summary.to_string()),
            Err(e) => {
                eprintln!("cftc: {e}");
                failed += 1;
            }
        }
    }
    if failed > 0 {
        return Err(Failure::Message(format!(
            "{failed} of {} files could not be read",
            a.paths.len()
        )));
    }
    Ok(())
}
