//! Merging several files into one history.
//!
//! CFTC's multi-year archive (`deacot1986_2016.zip`) overlaps the yearly files
//! of the same years, and a yearly file is republished every week with
//! revisions. Merging keeps one record per (code, date, kind, scope), the one
//! from the newest input, and says how many it replaced.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;

use crate::error::Result;
use crate::read::{ReadSummary, ReaderBuilder};
use crate::records::{CotRecord, RecordKey};

/// A merged history: records sorted by date, then code, kind and scope.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Merged {
    /// One record per key, sorted by date, code, kind and scope.
    pub records: Vec<CotRecord>,
    /// How many records were replaced by a later input's record with the
    /// same key.
    pub replaced: usize,
}

/// Builds a merged history batch by batch; a later batch is newer and wins.
///
/// ```
/// use cftc_cot::source::merge::Merger;
/// use cftc_cot::read::ReaderBuilder;
/// let path = "data-samples/legacy_futures_only.txt";
/// let mut merger = Merger::new();
/// for _ in 0..2 {
///     let (records, _) = ReaderBuilder::new().from_path(path)?.read_all()?;
///     merger.add(records);
/// }
/// let merged = merger.finish();
/// assert_eq!(merged.replaced, merged.records.len());
/// # Ok::<(), cftc_cot::Error>(())
/// ```
#[derive(Debug, Default)]
pub struct Merger {
    index: HashMap<RecordKey, usize>,
    records: Vec<CotRecord>,
    replaced: usize,
}

impl Merger {
    /// An empty merger.
    pub fn new() -> Self {
        Merger::default()
    }

    /// Adds records newer than everything added before.
    pub fn add(&mut self, records: impl IntoIterator<Item = CotRecord>) {
        for record in records {
            match self.index.get(&record.key()) {
                Some(&at) => {
                    if let Some(slot) = self.records.get_mut(at) {
                        *slot = record;
                        self.replaced += 1;
                    }
                }
                None => {
                    self.index.insert(record.key(), self.records.len());
                    self.records.push(record);
                }
            }
        }
    }

    /// The merged history, sorted.
    pub fn finish(self) -> Merged {
        let mut records = self.records;
        records.sort_by_key(|r| (r.date(), r.code(), r.kind(), r.scope()));
        Merged {
            records,
            replaced: self.replaced,
        }
    }
}

/// Merges batches of records; later batches are newer and win.
pub fn merge<I, B>(batches: I) -> Merged
where
    I: IntoIterator<Item = B>,
    B: IntoIterator<Item = CotRecord>,
{
    let mut merger = Merger::new();
    for batch in batches {
        merger.add(batch);
    }
    merger.finish()
}

/// Reads files (text, zip or Excel) with the same options and merges them;
/// files later in the list are newer and win (list the multi-year archive
/// first, then the yearly files in order). Returns each file's report too.
/// Every file must be readable; for directories, the cache, and inputs of
/// several reports, use [`Source`](crate::source::Source).
pub fn read_merged<P: AsRef<Path>>(
    builder: &ReaderBuilder,
    paths: impl IntoIterator<Item = P>,
) -> Result<(Merged, Vec<ReadSummary>)> {
    let mut merger = Merger::new();
    let mut reports = Vec::new();
    for path in paths {
        let (batch, report) = builder.from_path(path)?.read_all()?;
        merger.add(batch);
        reports.push(report);
    }
    Ok((merger.finish(), reports))
}
