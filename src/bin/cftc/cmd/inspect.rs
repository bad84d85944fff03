//! `cftc inspect`: a summary of each file.

use cftc_cot::read::ReaderBuilder;

use crate::args::InspectArgs;
use crate::failure::Failure;
use crate::output::{json, say};

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
