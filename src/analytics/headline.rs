//! A reading summed up as a market news story would.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Series;
use super::change::{Change, k_week_changes, record_flags};
use super::extremes::{Extent, extremes};

/// Who and what a headline is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subject {
    /// Who holds the position: `Hedge funds`, `Large speculators`.
    pub who: String,
    /// The market: `Russell 2000 futures`.
    pub market: String,
    /// The unit of the values: `E-mini equivalents`, `contracts`.
    pub unit: String,
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
    /// The k-week change ending on the date, if the report k weeks earlier exists.
    pub change: Option<Change>,
    /// The change is the largest increase on record at the time.
    pub record_increase: bool,
    /// The change is the largest decrease on record at the time.
    pub record_decrease: bool,
    /// The last earlier reading at least as high (`None`: highest on record).
    pub most_bullish_since: Option<NaiveDate>,
    /// The last earlier reading at least as low (`None`: lowest on record).
    pub most_bearish_since: Option<NaiveDate>,
    /// How far back it is the highest.
    pub bullish_extent: Extent,
    /// How far back it is the lowest.
    pub bearish_extent: Extent,
    /// A change of side over the k weeks.
    pub sign_flip: Option<SignFlip>,
    /// One plain English sentence.
    pub sentence: String,
}

/// The headline of the reading on `date` with its `k`-week change; `None`
/// when the series has no reading on that date.
///
/// ```
/// use cftc_cot::analytics::{Series, Subject, headline};
/// use chrono::NaiveDate;
/// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
/// let s = Series::from_pairs([
///     (d(1, 7), 20_000.0), (d(1, 14), -30_000.0), (d(1, 21), -25_000.0), (d(1, 28), 45_000.0),
/// ])?;
/// let subject = Subject {
///     who: "Hedge funds".into(),
///     market: "Russell 2000 futures".into(),
///     unit: "E-mini equivalents".into(),
/// };
/// let h = headline(&s, d(1, 28), 2, &subject).unwrap();
/// assert!(h.record_increase);
/// assert_eq!(
///     h.sentence,
///     "Hedge funds in Russell 2000 futures went from net short 30,000 to net long 45,000 \
///      E-mini equivalents in the two weeks to 2025-01-28, the biggest two-week swing toward \
///      long on record; the most bullish reading on record."
/// );
/// # Ok::<(), cftc_cot::Error>(())
/// ```
pub fn headline(series: &Series, date: NaiveDate, k: u32, subject: &Subject) -> Option<Headline> {
    let i = series.index_of(date)?;
    let net = series.values().get(i).copied()?;
    let changes = k_week_changes(series, k);
    let flags = record_flags(&changes.changes);
    let at = changes.changes.binary_search_by_key(&date, |c| c.end).ok();
    let change = at.and_then(|j| changes.changes.get(j)).copied();
    let flag = at.and_then(|j| flags.get(j)).copied();
    // Extremes only need the readings up to the date.
    let upto = Series::from_sorted_unchecked(series.iter().take(i + 1).collect());
    let e = extremes(&upto).last().copied()?;
    let sign_flip = change.and_then(|c| {
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
        record_increase: flag.is_some_and(|f| f.record_increase) && changes.changes.len() > 1,
        record_decrease: flag.is_some_and(|f| f.record_decrease) && changes.changes.len() > 1,
        most_bullish_since: e.last_at_least_as_high,
        most_bearish_since: e.last_at_least_as_low,
        bullish_extent: e.bullish_span(),
        bearish_extent: e.bearish_span(),
        sign_flip,
        sentence: String::new(),
    };
    h.sentence = sentence(&h, subject, i > 0);
    Some(h)
}

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

fn sentence(h: &Headline, s: &Subject, has_history: bool) -> String {
    let weeks = if h.weeks == 1 {
        "week".to_owned()
    } else {
        format!("{} weeks", number_word(h.weeks))
    };
    let k_week = format!("{}-week", number_word(h.weeks));
    let mut out = format!("{} in {} ", s.who, s.market);
    match (h.change, h.sign_flip) {
        (Some(c), Some(_)) => out.push_str(&format!(
            "went from {} to {} {} in the {weeks} to {}",
            side(c.from),
            side(c.to),
            s.unit,
            h.date
        )),
        (Some(c), None) => {
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
        (None, _) => out.push_str(&format!("were {} {} on {}", side(h.net), s.unit, h.date)),
    }
    if h.record_increase {
        out.push_str(&format!(
            ", the biggest {k_week} swing toward long on record"
        ));
    } else if h.record_decrease {
        out.push_str(&format!(
            ", the biggest {k_week} swing toward short on record"
        ));
    }
    if has_history {
        let extreme = match (h.bullish_extent, h.bearish_extent) {
            (Extent::Record, _) => Some("the most bullish reading on record".to_owned()),
            (_, Extent::Record) => Some("the most bearish reading on record".to_owned()),
            (b @ Extent::Since { weeks, .. }, _) if weeks >= 4 => b
                .phrase()
                .map(|p| format!("the most bullish reading in {p}")),
            (_, b @ Extent::Since { weeks, .. }) if weeks >= 4 => b
                .phrase()
                .map(|p| format!("the most bearish reading in {p}")),
            _ => None,
        };
        if let Some(extreme) = extreme {
            out.push_str("; ");
            out.push_str(&extreme);
        }
    }
    out.push('.');
    out
}
