//! The flags of the cache's commands: `download`, `vintages`, `revisions`.

use std::path::PathBuf;

use cftc_cot::ReportKind;
use clap::Args;

use super::parse_report;

#[derive(Args)]
pub struct DownloadArgs {
    /// The reports (default: legacy and TFF)
    #[arg(long, value_parser = parse_report)]
    pub report: Vec<ReportKind>,
    /// Futures and options combined instead of futures only
    #[arg(long)]
    pub combined: bool,
    /// The first year (default: the report's first archive)
    #[arg(long)]
    pub from: Option<i32>,
    /// The last year (default: this year)
    #[arg(long)]
    pub to: Option<i32>,
    /// Use the cache only and say what is missing
    #[arg(long)]
    pub offline: bool,
    /// The cache directory (default: CFTC_COT_CACHE or the platform's)
    #[arg(long, value_name = "DIR")]
    pub cache: Option<PathBuf>,
    /// Ask CFTC about every cached archive now, closed years included
    /// (conditional requests: an unchanged archive costs no body; a changed
    /// one is kept beside the old as a new vintage)
    #[arg(long, conflicts_with = "offline")]
    pub revalidate: bool,
}

#[derive(Args)]
pub struct VintagesArgs {
    /// Only this archive (`deacot2019.zip`)
    pub archive: Option<String>,
    /// Keep the last N copies of every archive and remove the older ones
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub prune: Option<u32>,
    /// The cache directory (default: CFTC_COT_CACHE or the platform's)
    #[arg(long, value_name = "DIR")]
    pub cache: Option<PathBuf>,
    /// Print JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub struct RevisionsArgs {
    /// The archive (`deacot2019.zip`), as `cftc vintages` names it
    pub archive: String,
    /// The earlier copy's digest, or a unique prefix (default: the one
    /// before the latest)
    #[arg(long, value_name = "DIGEST")]
    pub from: Option<String>,
    /// The later copy's digest, or a unique prefix (default: the latest)
    #[arg(long, value_name = "DIGEST")]
    pub to: Option<String>,
    /// The cache directory (default: CFTC_COT_CACHE or the platform's)
    #[arg(long, value_name = "DIR")]
    pub cache: Option<PathBuf>,
    /// Print JSON
    #[arg(long)]
    pub json: bool,
}
