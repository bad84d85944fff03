//! k-week changes, the largest swings, and record swings.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Series;

/// How far a reading's date may be from exactly k weeks after the start
/// reading: holiday weeks move the as-of date to a Monday or Wednesday.
pub const DATE_TOLERANCE_DAYS: i64 = 3;

/// The change between two readings k weeks apart.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// The earlier reading's date.
    pub start: NaiveDate,
    /// The later reading's date.
    pub end: NaiveDate,
    /// The earlier value.
    pub from: f64,
    /// The later value.
    pub to: f64,
    /// `to - from`.
    pub change: f64,
}

/// Every k-week change of a series, and the readings that have none because
/// the report k weeks earlier is missing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Changes {
    /// k.
    pub weeks: u32,
    /// One change per reading that has a start reading, by end date.
    pub changes: Vec<Change>,
    /// End dates with no reading k weeks earlier (within ±3 days) although
    /// the series had begun: a missing report is never bridged.
    pub gaps: Vec<NaiveDate>,
}

impl Changes {
    /// The change ending on a date.
    pub fn ending(&self, date: NaiveDate) -> Option<&Change> {
        self.changes
            .binary_search_by_key(&date, |c| c.end)
            .ok()
            .and_then(|i| self.changes.get(i))
    }
}

/// The change between readings whose dates are `k × 7` days apart, within
/// ±[`DATE_TOLERANCE_DAYS`]; the closest such reading is taken. O(n log n).
///
/// ```
/// use cftc_cot::analytics::{Series, k_week_changes};
/// use chrono::NaiveDate;
/// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
/// // 2025-01-21 is missing: the change ending 2025-01-28 has no start.
/// let s = Series::from_pairs([(d(1, 7), 1.0), (d(1, 14), 3.0), (d(1, 28), 10.0)])?;
/// let c = k_week_changes(&s, 1);
/// assert_eq!(c.changes.len(), 1);
/// assert_eq!(c.changes[0].change, 2.0);
/// assert_eq!(c.gaps, [d(1, 28)]);
/// # Ok::<(), cftc_cot::Error>(())
/// ```
pub fn k_week_changes(series: &Series, k: u32) -> Changes {
    let dates = series.dates();
    let values = series.values();
    let span = i64::from(k) * 7;
    let mut changes = Vec::new();
    let mut gaps = Vec::new();
    let Some(&first) = dates.first() else {
        return Changes {
            weeks: k,
            changes,
            gaps,
        };
    };
    for (i, (&end, &to)) in dates.iter().zip(values).enumerate() {
        let target = end - chrono::Duration::days(span);
        let earlier = dates.get(..i).unwrap_or_default();
        // The closest earlier reading to the target date.
        let at = earlier.partition_point(|d| *d < target);
        let best = [at.checked_sub(1), Some(at)]
            .into_iter()
            .flatten()
            .filter_map(|j| Some((j, *earlier.get(j)?)))
            .filter(|(_, d)| (*d - target).num_days().abs() <= DATE_TOLERANCE_DAYS)
            .min_by_key(|(_, d)| (*d - target).num_days().abs());
        match best {
            Some((j, start)) if k > 0 => {
                let from = values.get(j).copied().unwrap_or(f64::NAN);
                changes.push(Change {
                    start,
                    end,
                    from,
                    to,
                    change: to - from,
                });
            }
            _ if (target - first).num_days() >= -DATE_TOLERANCE_DAYS && k > 0 => gaps.push(end),
            _ => {}
        }
    }
    Changes {
        weeks: k,
        changes,
        gaps,
    }
}

/// The `n` largest increases, largest first (ties: the earlier first).
pub fn largest_increases(changes: &[Change], n: usize) -> Vec<Change> {
    top_by(changes, n, |c| c.change)
}

/// The `n` largest decreases, most negative first.
pub fn largest_decreases(changes: &[Change], n: usize) -> Vec<Change> {
    top_by(changes, n, |c| -c.change)
}

/// The `n` largest moves either way, by size.
pub fn largest_swings(changes: &[Change], n: usize) -> Vec<Change> {
    top_by(changes, n, |c| c.change.abs())
}

fn top_by(changes: &[Change], n: usize, key: impl Fn(&Change) -> f64) -> Vec<Change> {
    let mut sorted: Vec<Change> = changes.to_vec();
    sorted.sort_by(|a, b| key(b).total_cmp(&key(a)).then(a.end.cmp(&b.end)));
    sorted.truncate(n);
    sorted
}

/// Whether a change set a record when it happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordFlags {
    /// The change's end date.
    pub end: NaiveDate,
    /// Larger than every earlier increase (strictly): "the biggest k-week
    /// increase on record".
    pub record_increase: bool,
    /// More negative than every earlier change (strictly).
    pub record_decrease: bool,
    /// Larger in size than every earlier change, either way.
    pub record_swing: bool,
}

/// For every change, whether it was a record at the time, against the
/// changes that ended earlier. The first change is a record of one. O(n).
pub fn record_flags(changes: &[Change]) -> Vec<RecordFlags> {
    let mut max = f64::NEG_INFINITY;
    let mut min = f64::INFINITY;
    let mut max_abs = f64::NEG_INFINITY;
    changes
        .iter()
        .map(|c| {
            let flags = RecordFlags {
                end: c.end,
                record_increase: c.change > max,
                record_decrease: c.change < min,
                record_swing: c.change.abs() > max_abs,
            };
            max = max.max(c.change);
            min = min.min(c.change);
            max_abs = max_abs.max(c.change.abs());
            flags
        })
        .collect()
}
