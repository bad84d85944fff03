//! A reading summed up as a market news story would.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Series;
use super::change::{Change, Changes, RecordFlags, k_week_changes, record_flags};
use super::extremes::{Extent, extremes};

/// Who and what a headline is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subject {
    /// Who holds the position: `Hedge funds`, `Large speculators`; for
    /// plain values, what the series is: `Weekly ETF flows`.
    pub who: String,
    /// The market: `Russell 2000 futures` (empty for plain values).
    pub market: String,
    /// The unit of the values: `E-mini equivalents`, `contracts`.
    pub unit: String,
    /// Net positions (long, short, bullish) or plain values (up, down,
    /// highest).
    #[serde(default)]
    pub measure: Measure,
}

impl Subject {
    /// A net position: "Hedge funds in Russell 2000 futures ... net long
    /// 66,766 E-mini equivalents".
    pub fn positions(who: &str, market: &str, unit: &str) -> Self {
        Subject {
            who: who.into(),
            market: market.into(),
            unit: unit.into(),
            measure: Measure::Positions,
        }
    }

    /// Plain values, such as weekly ETF flows: "Weekly flows rose by 5,000
    /// ... to 12,000 dollars; the highest reading in 3 years". `unit` may be
    /// empty.
    pub fn values(name: &str, unit: &str) -> Self {
        Subject {
            who: name.into(),
            market: String::new(),
            unit: unit.into(),
            measure: Measure::Values,
        }
    }
}

/// What a series' values are, for the words of a headline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Net positions: long or short, bullish or bearish.
    #[default]
    Positions,
    /// Plain values: up or down, highest or lowest.
    Values,
}

/// A change of side over the k weeks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignFlip {
    /// From net short to net long.
    ShortToLong,
    /// From net long to net short.
    LongToShort,
}

/// The facts behind a headline, and the sentence built from them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Headline {
    /// The reading's date.
    pub date: NaiveDate,
    /// Its value (the net position).
    pub net: f64,
    /// k.
    pub weeks: u32,
    /// The k-week change ending on the date, if the report k weeks earlier
    /// exists and the two can be compared.
    pub change: Option<Change>,
    /// Why there is no k-week change although the report k weeks earlier
    /// exists ([`Changes::left_out`]).
    pub change_left_out: Option<String>,
    /// The change is a rise larger than every earlier change it could be
    /// compared with ([`record_flags`]).
    pub record_increase: bool,
    /// The change is a fall larger than every earlier one.
    pub record_decrease: bool,
    /// What the change was compared with: how many earlier changes, back to
    /// which reading, and whether a gap stopped the comparison.
    pub record: Option<RecordFlags>,
    /// The last earlier reading at least as high, gaps or not (`None`: the
    /// highest of the data).
    pub most_bullish_since: Option<NaiveDate>,
    /// The last earlier reading at least as low (`None`: the lowest).
    pub most_bearish_since: Option<NaiveDate>,
    /// How far back it is the highest, never across a gap.
    pub bullish_extent: Extent,
    /// How far back it is the lowest, never across a gap.
    pub bearish_extent: Extent,
    /// A change of side over the k weeks.
    pub sign_flip: Option<SignFlip>,
    /// One plain English sentence, built from the facts above.
    pub sentence: String,
}

/// The headline of the reading on `date` with its `k`-week change; `None`
/// when the series has no reading on that date.
///
/// ```
/// use cftc_cot::history::analytics::{Series, Subject, headline};
/// use chrono::{Duration, NaiveDate};
/// let start = NaiveDate::from_ymd_opt(2024, 1, 2).unwrap();
/// // Two years of small weekly moves, then a jump from short to long.
/// let mut pairs: Vec<(NaiveDate, f64)> = (0..104)
///     .map(|i| (start + Duration::weeks(i), -30_000.0 + (i % 5) as f64 * 1_000.0))
///     .collect();
/// let last = start + Duration::weeks(104);
/// pairs.push((last, 45_000.0));
/// let s = Series::from_pairs(pairs)?;
/// let subject = Subject::positions("Hedge funds", "Russell 2000 futures", "E-mini equivalents");
/// let h = headline(&s, last, 2, &subject).unwrap();
/// assert!(h.record_increase);
/// assert_eq!(
///     h.sentence,
///     "Hedge funds in Russell 2000 futures went from net short 28,000 to net long 45,000 \
///      E-mini equivalents in the two weeks to 2025-12-30, the biggest two-week swing toward \
///      long and the most bullish reading since at least 2024-01-02, when the data begin."
/// );
/// # Ok::<(), cftc_cot::Error>(())
/// ```
pub fn headline(series: &Series, date: NaiveDate, k: u32, subject: &Subject) -> Option<Headline> {
    headline_from(series, &k_week_changes(series, k), date, subject)
}

/// [`headline`] from changes computed elsewhere, such as
/// [`History::k_week_changes`](crate::history::History::k_week_changes),
/// which compares like with like across contract changes.
pub fn headline_from(
    series: &Series,
    changes: &Changes,
    date: NaiveDate,
    subject: &Subject,
) -> Option<Headline> {
    let i = series.index_of(date)?;
    let net = series.values().get(i).copied()?;
    let k = changes.weeks;
    let flags = record_flags(changes);
    let at = changes.changes.binary_search_by_key(&date, |c| c.end).ok();
    let change = at.and_then(|j| changes.changes.get(j)).cloned();
    let flag = at.and_then(|j| flags.get(j)).copied();
    let change_left_out = changes
        .left_out
        .iter()
        .find(|l| l.end == date)
        .map(|l| l.reason.clone());
    // Extremes only need the readings up to the date.
    let e = extremes(&series.prefix(i)).last().copied()?;
    let sign_flip = change.as_ref().and_then(|c| {
        if c.from < 0.0 && c.to > 0.0 {
            Some(SignFlip::ShortToLong)
        } else if c.from > 0.0 && c.to < 0.0 {
            Some(SignFlip::LongToShort)
        } else {
            None
        }
    });
    let mut h = Headline {
        date,
        net,
        weeks: k,
        change,
        change_left_out,
        record_increase: flag.is_some_and(|f| f.record_increase),
        record_decrease: flag.is_some_and(|f| f.record_decrease),
        record: flag,
        most_bullish_since: e.last_at_least_as_high,
        most_bearish_since: e.last_at_least_as_low,
        bullish_extent: e.bullish_span(),
        bearish_extent: e.bearish_span(),
        sign_flip,
        sentence: String::new(),
    };
    h.sentence = sentence(&h, subject);
    Some(h)
}

/// An extreme shorter than this is not worth a clause.
const MIN_EXTREME_WEEKS: u32 = 4;

/// `12,345` style, rounded to whole units (decimals for small values).
pub fn format_number(v: f64) -> String {
    let magnitude = v.abs();
    if magnitude < 100.0 && magnitude.fract() != 0.0 {
        return format!("{magnitude:.1}");
    }
    let digits = format!("{:.0}", magnitude);
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

fn side(v: f64) -> String {
    if v > 0.0 {
        format!("net long {}", format_number(v))
    } else if v < 0.0 {
        format!("net short {}", format_number(v))
    } else {
        "flat".into()
    }
}

fn number_word(k: u32) -> String {
    const WORDS: [&str; 13] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    WORDS
        .get(k as usize)
        .map_or_else(|| k.to_string(), |w| (*w).to_owned())
}

/// A value with its unit, when there is one.
fn with_unit(value: String, unit: &str) -> String {
    if unit.is_empty() {
        value
    } else {
        format!("{value} {unit}")
    }
}

/// A plain value with its sign.
fn signed(v: f64) -> String {
    if v < 0.0 {
        format!("-{}", format_number(v))
    } else {
        format_number(v)
    }
}

fn sentence(h: &Headline, s: &Subject) -> String {
    let weeks = if h.weeks == 1 {
        "week".to_owned()
    } else {
        format!("{} weeks", number_word(h.weeks))
    };
    let k_week = format!("{}-week", number_word(h.weeks));
    let positions = s.measure == Measure::Positions;
    let mut out = if s.market.is_empty() {
        format!("{} ", s.who)
    } else {
        format!("{} in {} ", s.who, s.market)
    };
    match (&h.change, h.sign_flip, positions) {
        (Some(c), Some(_), true) => out.push_str(&format!(
            "went from {} to {} {} in the {weeks} to {}",
            side(c.from),
            side(c.to),
            s.unit,
            h.date
        )),
        (Some(c), None, true) => {
            let verb = if c.change == 0.0 {
                "held".to_owned()
            } else {
                let more = (c.change > 0.0) == (c.to > 0.0);
                let what = if c.to > 0.0 { "long" } else { "short" };
                format!(
                    "{} their net {what} position by {}",
                    if more { "raised" } else { "cut" },
                    format_number(c.change)
                )
            };
            out.push_str(&format!(
                "{verb} in the {weeks} to {}, to {} {}",
                h.date,
                side(c.to),
                s.unit
            ));
        }
        (None, _, true) => out.push_str(&format!("were {} {} on {}", side(h.net), s.unit, h.date)),
        (Some(c), _, false) => {
            let verb = if c.change > 0.0 {
                format!("rose by {}", format_number(c.change))
            } else if c.change < 0.0 {
                format!("fell by {}", format_number(c.change))
            } else {
                "held".to_owned()
            };
            out.push_str(&format!(
                "{verb} in the {weeks} to {}, from {} to {}",
                h.date,
                signed(c.from),
                with_unit(signed(c.to), &s.unit)
            ));
        }
        (None, _, false) => out.push_str(&format!(
            "stood at {} on {}",
            with_unit(signed(h.net), &s.unit),
            h.date
        )),
    }
    if let Some(what) = h.change.as_ref().and_then(|c| c.partial.as_deref()) {
        out.push_str(&format!(
            " (counting only the contracts reported in both weeks: {what})"
        ));
    }
    if let Some(why) = &h.change_left_out {
        out.push_str(&format!(" (no {k_week} change: {why})"));
    }
    let record_since = |f: &RecordFlags| match (f.compared_since, f.gap_before) {
        (Some(since), Some(gap)) => {
            format!("since at least {since}, when the data resume after a gap from {gap}")
        }
        (Some(since), None) => format!("since at least {since}, when the data begin"),
        (None, _) => String::new(),
    };
    let bullish = h.bullish_extent.weeks();
    let bearish = h.bearish_extent.weeks();
    let (high, low) = if positions {
        ("most bullish", "most bearish")
    } else {
        ("highest", "lowest")
    };
    let extreme = if bullish >= MIN_EXTREME_WEEKS && bullish >= bearish {
        Some((high, h.bullish_extent))
    } else if bearish >= MIN_EXTREME_WEEKS {
        Some((low, h.bearish_extent))
    } else {
        None
    };
    let swing = |increase: bool| match (positions, increase) {
        (true, true) => format!("the biggest {k_week} swing toward long"),
        (true, false) => format!("the biggest {k_week} swing toward short"),
        (false, true) => format!("the biggest {k_week} rise"),
        (false, false) => format!("the biggest {k_week} fall"),
    };
    let record = h.record.filter(|f| f.record_increase || f.record_decrease);
    match (record, extreme) {
        // One span for both claims: say it once.
        (Some(f), Some((which, Extent::AtLeastSince { from, .. })))
            if f.compared_since == Some(from) =>
        {
            out.push_str(&format!(
                ", {} and the {which} reading {}",
                swing(f.record_increase),
                record_since(&f)
            ));
        }
        (record, extreme) => {
            if let Some(f) = record {
                out.push_str(&format!(
                    ", {} {}",
                    swing(f.record_increase),
                    record_since(&f)
                ));
            }
            if let Some((which, extent)) = extreme {
                out.push_str(&format!("; the {which} reading {}", extent.claim()));
            }
        }
    }
    out.push('.');
    out
}
