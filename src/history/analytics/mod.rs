//! Questions asked of a dated series: swings, records, extremes, indicators,
//! headlines.
//!
//! Everything here is a pure function of a [`Series`], so the same analysis
//! runs on a [`History`](crate::history::History)'s net positions
//! ([`History::net_series`](crate::history::History::net_series)) or on any
//! `date,value` CSV. Every function is linear or n·log n, and is tested
//! against brute-force reference implementations on random series with gaps
//! and ties.
//!
//! | question | function |
//! |---|---|
//! | how much did it move in k weeks? | [`k_week_changes`] (never bridges a missing report) |
//! | the biggest moves in the data | [`largest_increases`], [`largest_decreases`], [`largest_swings`] |
//! | was it a record at the time? | [`record_flags`] (never across a gap) |
//! | the most bullish / bearish since when? | [`extremes`], [`Extent`] (never across a gap) |
//! | where are the gaps? | [`Series::gaps`], [`Series::segments`], [`Cadence`] |
//! | highest and lowest in a trailing window | [`rolling_max`], [`rolling_min`] |
//! | where in its range? | [`cot_index`], [`percentile_rank`], [`z_score`] |
//! | the story | [`headline`] |
//! | all of it, for a user's series | [`SeriesSummary`] |

mod change;
mod extremes;
mod headline;
mod indicators;
mod series;
mod summary;

pub use change::{
    Change, Changes, DATE_TOLERANCE_DAYS, LeftOut, MIN_EARLIER_CHANGES, RecordFlags,
    k_week_changes, largest_decreases, largest_increases, largest_swings, record_flags,
    record_flags_with,
};
pub use extremes::{Extent, Extremes, extremes, rolling_max, rolling_min};
pub use headline::{Headline, Measure, SignFlip, Subject, format_number, headline, headline_from};
pub use indicators::{Standing, cot_index, percentile_rank, z_score};
pub use series::{Cadence, Gap, Segment, Series, Window};
pub use summary::SeriesSummary;
