//! `cftc reconcile`: CFTC's API against the archives, field by field.

use cftc_cot::read::{Filter, ReaderBuilder};
use cftc_cot::source::Source;
use cftc_cot::{ReportKind, Scope};

use crate::args::ReconcileArgs;
use crate::args::{DataArgs, SourceArg};
use crate::failure::Failure;
use crate::output::{json, say};
use crate::sources::{market_codes, mode, source};

/// Reconciles; `false` when the sources differ.
pub fn run(a: ReconcileArgs) -> Result<bool, Failure> {
    let scope = if a.combined || a.report == ReportKind::Supplemental {
        Scope::Combined
    } else {
        Scope::FuturesOnly
    };
    let data = DataArgs {
        data: a.data.clone(),
        source: SourceArg::Archives,
        offline: a.offline,
        strict: a.strict,
    };
    let archives_source = source(&data);
    let codes = market_codes(&archives_source, &a.market, a.report, scope, mode(&data))?;
    let mut filter = Filter::all().with_codes(codes);
    if let Some(d) = a.from {
        filter = filter.from(d);
    }
    if let Some(d) = a.to {
        filter = filter.to(d);
    }
    let builder = ReaderBuilder::new().mode(mode(&data)).filter(filter);
    let archives = archives_source
        .load(&builder, a.report, scope)
        .map_err(|e| Failure::from_source(e, &data))?;
    let api = Source::api(crate::sources::api_client(a.offline)).load(&builder, a.report, scope)?;
    let mut result =
        cftc_cot::source::reconcile::reconcile(&api.merged.records, &archives.merged.records)
            .named("api", "archives");
    // The API's rows given twice with different values, which its merge
    // would otherwise hide.
    result.conflicting_first = api.conflicting.clone();
    result.conflicting_second = archives.conflicting.clone();
    for read in api.read.iter().chain(&archives.read) {
        for w in &read.summary.warnings {
            eprintln!(
                "{}: warning: {}",
                read.path.display(),
                crate::output::printable(w)
            );
        }
    }
    if a.json {
        json(&result)?;
    } else {
        say(result.to_string().trim_end());
    }
    Ok(result.is_clean())
}
