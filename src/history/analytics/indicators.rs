//! Positioning indicators over trailing windows: COT index, percentile rank,
//! z-score.

use serde::{Deserialize, Serialize};

use super::extremes::{rolling_max, rolling_min};
use super::{Series, Window};

/// Where one reading stands in its trailing window: the COT index, the
/// percentile rank and the z-score. The answer core that
/// [`Snapshot`](crate::history::Snapshot),
/// [`SeriesSummary`](crate::history::analytics::SeriesSummary) and
/// [`ScreenRow`](crate::history::screen::ScreenRow) share, flattened into
/// their JSON (`cot_index`, `percentile`, `z_score`).
///
/// ```
/// use cftc_cot::history::analytics::{Series, Standing, Window};
/// use chrono::NaiveDate;
/// let d = |day| NaiveDate::from_ymd_opt(2025, 1, day).unwrap();
/// let s = Series::from_pairs([(d(7), 0.0), (d(14), 10.0), (d(21), 5.0)])?;
/// let now = Standing::at(&s, Window::years(3), 2);
/// assert_eq!(now.cot_index, Some(50.0));
/// assert!(now.percentile.is_some() && now.z_score.is_some());
/// # Ok::<(), cftc_cot::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Standing {
    /// The COT index, 0 to 100 ([`cot_index`]).
    pub cot_index: Option<f64>,
    /// The percentile rank, 0 to 100 ([`percentile_rank`]).
    pub percentile: Option<f64>,
    /// The z-score ([`z_score`]).
    pub z_score: Option<f64>,
}

impl Standing {
    /// The standing of the reading at `index` in its trailing `window`
    /// (all `None` past the series' end).
    pub fn at(series: &Series, window: Window, index: usize) -> Standing {
        let at = |v: Vec<Option<f64>>| v.get(index).copied().flatten();
        Standing {
            cot_index: at(cot_index(series, window)),
            percentile: at(percentile_rank(series, window)),
            z_score: at(z_score(series, window)),
        }
    }
}

/// The COT index: where each reading sits between the lowest (0) and highest
/// (100) reading of its trailing window. `None` when the window is flat.
/// O(n).
///
/// ```
/// use cftc_cot::history::analytics::{Series, Window, cot_index};
/// use chrono::NaiveDate;
/// let d = |day| NaiveDate::from_ymd_opt(2025, 1, day).unwrap();
/// let s = Series::from_pairs([(d(7), 0.0), (d(14), 10.0), (d(21), 5.0)])?;
/// assert_eq!(cot_index(&s, Window::years(3)), [None, Some(100.0), Some(50.0)]);
/// # Ok::<(), cftc_cot::Error>(())
/// ```
pub fn cot_index(series: &Series, window: Window) -> Vec<Option<f64>> {
    let max = rolling_max(series, window);
    let min = rolling_min(series, window);
    series
        .values()
        .iter()
        .zip(max.iter().zip(&min))
        .map(|(&v, (&hi, &lo))| (hi > lo).then(|| (v - lo) / (hi - lo) * 100.0))
        .collect()
}

/// The percentile rank of each reading in its trailing window: the percent
/// of the window's readings (itself included) at or below it. O(n log n),
/// with a Fenwick tree over the values' ranks. Always `Some` (a reading is
/// at or below itself); `Option` like the other indicators, so the three
/// line up.
pub fn percentile_rank(series: &Series, window: Window) -> Vec<Option<f64>> {
    let values = series.values();
    let starts = window.starts(series.dates());
    // Rank every value among all values (ties share a rank).
    let mut sorted: Vec<f64> = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted.dedup();
    let rank = |v: f64| sorted.partition_point(|x| *x < v);
    let mut tree = Fenwick::new(sorted.len());
    let mut lo = 0;
    let mut out = Vec::with_capacity(values.len());
    for (i, (&v, &start)) in values.iter().zip(&starts).enumerate() {
        tree.add(rank(v), 1);
        while lo < start {
            if let Some(&old) = values.get(lo) {
                tree.add(rank(old), -1);
            }
            lo += 1;
        }
        let at_or_below = tree.prefix(rank(v));
        let n = (i + 1 - start) as f64;
        out.push(Some(at_or_below as f64 / n * 100.0));
    }
    out
}

/// The z-score of each reading in its trailing window: (value − mean) /
/// standard deviation (population) of the window's readings, itself
/// included. `None` with fewer than 2 readings or no spread. O(n).
pub fn z_score(series: &Series, window: Window) -> Vec<Option<f64>> {
    let values = series.values();
    let starts = window.starts(series.dates());
    // Running sums of (value - shift). Variance as E[x²] - mean² loses digits
    // when the window sits far from the shift (large values have left it,
    // or the series drifted): then the sums are rebuilt from the window,
    // recentred on it. That happens rarely, so the cost stays linear.
    let mut shift = values.first().copied().unwrap_or(0.0);
    let (mut sum, mut sum_sq) = (0.0f64, 0.0f64);
    let mut lo = 0;
    let mut out = Vec::with_capacity(values.len());
    for (i, (&v, &start)) in values.iter().zip(&starts).enumerate() {
        let x = v - shift;
        sum += x;
        sum_sq += x * x;
        while lo < start {
            let y = values.get(lo).copied().unwrap_or(shift) - shift;
            sum -= y;
            sum_sq -= y * y;
            lo += 1;
        }
        let n = (i + 1 - start) as f64;
        let mut mean = sum / n;
        let mut variance = sum_sq / n - mean * mean;
        if mean * mean > 1e6 * variance.max(0.0) && mean != 0.0 {
            let window = values.get(start..=i).unwrap_or_default();
            shift = window.first().copied().unwrap_or(v);
            sum = window.iter().map(|w| w - shift).sum();
            sum_sq = window.iter().map(|w| (w - shift) * (w - shift)).sum();
            mean = sum / n;
            variance = sum_sq / n - mean * mean;
        }
        let sd = variance.max(0.0).sqrt();
        // Relative to the data's scale, a spread this small is rounding noise.
        let scale = (mean.abs() + (v - shift).abs()).max(1.0);
        out.push((n >= 2.0 && sd > 1e-9 * scale).then(|| (v - shift - mean) / sd));
    }
    out
}

/// A Fenwick (binary indexed) tree of counts.
struct Fenwick {
    tree: Vec<i64>,
}

impl Fenwick {
    fn new(n: usize) -> Self {
        Fenwick {
            tree: vec![0; n + 1],
        }
    }

    /// Adds `delta` at 0-based position `i`.
    fn add(&mut self, i: usize, delta: i64) {
        let mut k = i + 1;
        while let Some(slot) = self.tree.get_mut(k) {
            *slot += delta;
            k += k & k.wrapping_neg();
        }
    }

    /// The sum of positions `0..=i`.
    fn prefix(&self, i: usize) -> i64 {
        let mut k = i + 1;
        let mut total = 0;
        while k > 0 {
            total += self.tree.get(k).copied().unwrap_or(0);
            k -= k & k.wrapping_neg();
        }
        total
    }
}
