//! `cftc vintages` and `cftc revisions`: the copies of each archive the
//! cache has held, and what changed between two of them.

use cftc_cot::source::download::Downloader;

use crate::args::{RevisionsArgs, VintagesArgs};
use crate::failure::Failure;
use crate::output::{json, say};
use crate::sources::downloader;

fn cache(dir: &Option<std::path::PathBuf>) -> Downloader {
    let d = downloader(true);
    match dir {
        Some(dir) => d.cache_dir(dir),
        None => d,
    }
}

pub fn run(a: VintagesArgs) -> Result<(), Failure> {
    let d = cache(&a.cache);
    if let Some(keep) = a.prune {
        let removed = d.prune_vintages(keep as usize)?;
        say(&format!(
            "kept the last {keep} cop{} of each archive; {removed} older cop{} removed",
            if keep == 1 { "y" } else { "ies" },
            if removed == 1 { "y" } else { "ies" }
        ));
        return Ok(());
    }
    let names = match &a.archive {
        Some(name) => vec![name.clone()],
        None => d.archives_with_vintages(),
    };
    let all: Vec<_> = names.iter().flat_map(|n| d.vintages(n)).collect();
    if a.json {
        return json(&all);
    }
    if all.is_empty() {
        say(&format!(
            "no copies kept in {} yet: one is kept each time a download brings new content",
            d.cache_path().display()
        ));
        return Ok(());
    }
    for v in &all {
        say(&format!(
            "{:24} {}  fetched {}{}",
            v.archive,
            v.digest,
            v.fetched.format("%Y-%m-%d %H:%M UTC"),
            v.last_modified
                .as_deref()
                .map_or(String::new(), |l| format!("  Last-Modified {l}"))
        ));
    }
    Ok(())
}

/// `false` when the two copies differ.
pub fn revisions(a: RevisionsArgs) -> Result<bool, Failure> {
    let d = cache(&a.cache);
    let r = d.revisions(&a.archive, a.from.as_deref(), a.to.as_deref())?;
    if a.json {
        json(&r)?;
    } else {
        say(&format!(
            "{}: {} ({}) -> {} ({})",
            r.archive,
            r.from.digest,
            r.from.fetched.format("%Y-%m-%d %H:%M UTC"),
            r.to.digest,
            r.to.fetched.format("%Y-%m-%d %H:%M UTC")
        ));
        say(r.changes.to_string().trim_end());
    }
    Ok(r.changes.is_clean())
}
