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
use crate::read::{ReadReport, ReaderBuilder};
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
/// use cftc_cot::merge::Merger;
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

/// Reads files (text or zip) with the same options and merges them; files
/// later in the list are newer and win (list the multi-year archive first,
/// then the yearly files in order). Returns each file's report too.
pub fn read_merged<P: AsRef<Path>>(
    builder: &ReaderBuilder,
    paths: impl IntoIterator<Item = P>,
) -> Result<(Merged, Vec<ReadReport>)> {
    let mut merger = Merger::new();
    let mut reports = Vec::new();
    for path in paths {
        let (batch, report) = builder.from_path(path)?.read_all()?;
        merger.add(batch);
        reports.push(report);
    }
    Ok((merger.finish(), reports))
}

/// Why [`read_dir`] left a file out.
#[derive(Debug)]
pub enum Skipped {
    /// Not a COT file, zip or workbook (a re-export with other columns, a
    /// workbook without a COT sheet, an empty file, ...).
    NotCot(crate::Error),
    /// A COT file of another report or scope than asked for.
    Other {
        /// Its report kind.
        kind: crate::ReportKind,
        /// Its scope.
        scope: crate::Scope,
    },
}

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Skipped::NotCot(e) => write!(f, "not a COT file: {e}"),
            Skipped::Other { kind, scope } => write!(f, "a {kind} {scope} file"),
        }
    }
}

/// What [`read_dir`] found.
#[derive(Debug, Default)]
pub struct DirectoryRead {
    /// The merged history of every file of the report and scope asked for.
    pub merged: Merged,
    /// Each file read, in merge order (oldest coverage first).
    pub reports: Vec<ReadReport>,
    /// Files left out, and why.
    pub skipped: Vec<(std::path::PathBuf, Skipped)>,
}

/// Reads every `.txt`, `.csv`, `.zip`, `.xls` and `.xlsx` file under `dir` (recursively) that
/// is a `kind` report of `scope`, and merges them. Files are merged in order
/// of the last date they hold (then path), so a file covering later weeks
/// counts as newer and its values win. Files that are not COT files, or of
/// another report or scope, are listed in `skipped`; an I/O error or a broken
/// CFTC file is an error.
pub fn read_dir(
    builder: &ReaderBuilder,
    dir: impl AsRef<Path>,
    kind: crate::ReportKind,
    scope: crate::Scope,
) -> Result<DirectoryRead> {
    let mut paths = Vec::new();
    collect_files(dir.as_ref(), &mut paths)?;
    paths.sort();
    let mut out = DirectoryRead::default();
    let mut batches = Vec::new();
    // Files are read in parallel (inflating is most of the work), and
    // merged afterwards in a fixed order, so the result does not depend on
    // which thread finished first.
    for (path, result) in paths
        .iter()
        .zip(parallel_map(&paths, |p| read_one(builder, p, kind, scope)))
    {
        match result? {
            FileRead::Records(last, batch, report) => {
                batches.push((last, path.clone(), batch, report))
            }
            FileRead::Skipped(why) => out.skipped.push((path.clone(), why)),
        }
    }
    batches.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    let mut merger = Merger::new();
    for (_, _, batch, report) in batches {
        merger.add(batch);
        out.reports.push(report);
    }
    out.merged = merger.finish();
    Ok(out)
}

enum FileRead {
    Records(Option<chrono::NaiveDate>, Vec<CotRecord>, ReadReport),
    Skipped(Skipped),
}

fn read_one(
    builder: &ReaderBuilder,
    path: &Path,
    kind: crate::ReportKind,
    scope: crate::Scope,
) -> Result<FileRead> {
    let reader = match builder.from_path(path) {
        Ok(r) => r,
        Err(
            e @ (crate::Error::UnknownLayout { .. }
            | crate::Error::ZipMembers { .. }
            | crate::Error::Excel { .. }
            | crate::Error::Empty { .. }),
        ) => return Ok(FileRead::Skipped(Skipped::NotCot(e))),
        Err(e) => return Err(e),
    };
    let file_scope = reader.scope().0;
    if reader.kind() != kind || file_scope != scope {
        return Ok(FileRead::Skipped(Skipped::Other {
            kind: reader.kind(),
            scope: file_scope,
        }));
    }
    let (batch, report) = reader.read_all()?;
    let last = batch.iter().map(CotRecord::date).max();
    Ok(FileRead::Records(last, batch, report))
}

/// `f` over `items` on up to as many threads as the machine has cores;
/// results in the items' order.
pub(crate) fn parallel_map<T: Sync, U: Send>(items: &[T], f: impl Fn(&T) -> U + Sync) -> Vec<U> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if threads <= 1 {
        return items.iter().map(&f).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut done: Vec<(usize, U)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(item) = items.get(i) else {
                            break;
                        };
                        mine.push((i, f(item)));
                    }
                    mine
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| {
                w.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, u)| u).collect()
}

fn collect_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> Result<()> {
    let io = |source| crate::Error::Io {
        location: Box::new(crate::Location::input(dir.display().to_string(), None)),
        source,
    };
    let mut seen = std::collections::HashSet::new();
    walk(dir, out, &mut seen).map_err(io)
}

/// Collects the data files under `dir`. Directory symlinks are not
/// followed (two links to `.` would make the walk endless); a file reached
/// twice (a symlink to it) is read once; only regular files are taken (a
/// FIFO named `*.txt` would block the reader forever).
fn walk(
    dir: &Path,
    out: &mut Vec<std::path::PathBuf>,
    seen: &mut std::collections::HashSet<std::path::PathBuf>,
) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let kind = entry.file_type()?;
        if kind.is_dir() {
            walk(&path, out, seen)?;
            continue;
        }
        let is_data = path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
            ["txt", "csv", "zip", "xls", "xlsx"].contains(&e.to_ascii_lowercase().as_str())
        });
        // A symlink counts as what it points to, if that is a regular file.
        let regular = std::fs::metadata(&path).is_ok_and(|m| m.is_file());
        if is_data && regular {
            let real = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
            if seen.insert(real) {
                out.push(path);
            }
        }
    }
    Ok(())
}
