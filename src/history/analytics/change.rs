//! k-week changes, the largest swings, and record swings.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Series;
use super::series::Segment;

/// How far a reading's date may be from exactly k weeks after the start
/// reading: holiday weeks move the as-of date to a Monday or Wednesday.
pub const DATE_TOLERANCE_DAYS: i64 = 3;

/// The change between two readings k weeks apart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    /// `None` when the change compares the two whole readings. `Some(what)`
    /// when the readings hold different contracts and the change is
    /// computed on the contracts reported at both ends only, with what
    /// changed (`"239742 entered"`); `from` and `to` are then the sums over
    /// those contracts, and the change is never a record. See
    /// [`History::k_week_changes`](crate::history::History::k_week_changes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partial: Option<String>,
}

/// A k-week change that is not computed, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeftOut {
    /// The earlier reading's date.
    pub start: NaiveDate,
    /// The later reading's date.
    pub end: NaiveDate,
    /// Why (`"no contract reported at both ends: 23977A left, 239742 entered"`).
    pub reason: String,
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
    /// Changes whose readings cannot be compared, by end date.
    #[serde(default)]
    pub left_out: Vec<LeftOut>,
    /// The series' runs of readings between gaps: how far back a record
    /// can look.
    #[serde(default)]
    pub segments: Vec<Segment>,
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
/// use cftc_cot::history::analytics::{Series, k_week_changes};
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
    let mut left_out = Vec::new();
    let segments = series.segments();
    let Some(&first) = dates.first() else {
        return Changes {
            weeks: k,
            changes,
            gaps,
            left_out: Vec::new(),
            segments,
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
            Some((_, start)) if k > 0 && series.crosses_break(start, end).is_some() => {
                let at = series.crosses_break(start, end).unwrap_or(end);
                left_out.push(LeftOut {
                    start,
                    end,
                    reason: format!(
                        "what the series is made of changes on {at}: not like with like \
                         (a history's change counts the contracts at both ends)"
                    ),
                });
            }
            Some((j, start)) if k > 0 => {
                let from = values.get(j).copied().unwrap_or(f64::NAN);
                changes.push(Change {
                    start,
                    end,
                    from,
                    to,
                    change: to - from,
                    partial: None,
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
        left_out,
        segments,
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

/// How many earlier changes a change must beat to be called a record: a
/// year of weekly reports. Beating a handful of changes is not news, and
/// the first weeks of a series (or of the data after a gap) would otherwise
/// be "records" one after another.
pub const MIN_EARLIER_CHANGES: usize = 52;

/// Whether a change set a record when it happened, and against what.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordFlags {
    /// The change's end date.
    pub end: NaiveDate,
    /// A rise larger than every earlier change: "the biggest k-week
    /// increase since ...".
    pub record_increase: bool,
    /// A fall larger than every earlier fall (more negative than every
    /// earlier change).
    pub record_decrease: bool,
    /// Larger in size than every earlier change, either way.
    pub record_swing: bool,
    /// How many earlier changes it was compared with: those ending before
    /// it and starting in the same [`Segment`] (no gap between).
    pub compared_with: usize,
    /// The first reading the comparison could look back to: the start of
    /// the segment, where the data begin or resume after a gap. `None` when
    /// the change itself spans a gap (then it is compared with nothing).
    pub compared_since: Option<NaiveDate>,
    /// The last reading before the gap that bounds the comparison; `None`
    /// when the comparison reaches back to where the data begin.
    pub gap_before: Option<NaiveDate>,
}

/// For every change, whether it was a record at the time, with
/// [`MIN_EARLIER_CHANGES`]. O(n).
///
/// A change is a record increase only if it is positive and larger than
/// every earlier change, a record decrease only if it is negative and
/// smaller than every earlier change; "earlier" means ending before it with
/// both readings in the same run of data (a record never reaches across a
/// gap, see [`Segment`]); and it needs at least [`MIN_EARLIER_CHANGES`]
/// of them. A change computed on part of the contracts
/// ([`Change::partial`]) or spanning a gap is never a record, but is
/// compared against like any other.
pub fn record_flags(changes: &Changes) -> Vec<RecordFlags> {
    record_flags_with(changes, MIN_EARLIER_CHANGES)
}

/// [`record_flags`] with another minimum of earlier changes.
pub fn record_flags_with(changes: &Changes, min_earlier: usize) -> Vec<RecordFlags> {
    let segments = &changes.segments;
    // The segment of each change's end, found by walking both in date order.
    let mut seg = 0usize;
    let mut current: Option<usize> = None;
    let mut max = f64::NEG_INFINITY;
    let mut min = f64::INFINITY;
    let mut max_abs = f64::NEG_INFINITY;
    let mut count = 0usize;
    let mut out = Vec::with_capacity(changes.changes.len());
    for c in &changes.changes {
        while segments.get(seg).is_some_and(|s| s.last < c.end) {
            seg += 1;
        }
        let segment = segments.get(seg).filter(|s| s.first <= c.end);
        if current != Some(seg) {
            current = Some(seg);
            max = f64::NEG_INFINITY;
            min = f64::INFINITY;
            max_abs = f64::NEG_INFINITY;
            count = 0;
        }
        let inside = segment.filter(|s| s.first <= c.start);
        let Some(s) = inside else {
            out.push(RecordFlags {
                end: c.end,
                record_increase: false,
                record_decrease: false,
                record_swing: false,
                compared_with: 0,
                compared_since: None,
                gap_before: segment.and_then(|s| s.gap_before),
            });
            continue;
        };
        let eligible = count >= min_earlier && c.partial.is_none();
        out.push(RecordFlags {
            end: c.end,
            record_increase: eligible && c.change > 0.0 && c.change > max,
            record_decrease: eligible && c.change < 0.0 && c.change < min,
            record_swing: eligible && c.change != 0.0 && c.change.abs() > max_abs,
            compared_with: count,
            compared_since: Some(s.first),
            gap_before: s.gap_before,
        });
        max = max.max(c.change);
        min = min.min(c.change);
        max_abs = max_abs.max(c.change.abs());
        count += 1;
    }
    out
}
