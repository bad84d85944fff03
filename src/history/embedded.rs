//! A snapshot of the Russell 2000 positions built into the crate, so the
//! main job answers on a machine that has no network and no cache.
//!
//! The snapshot is a compact file derived from CFTC's files by a committed
//! command (`cargo run --release --example make_snapshot`): for every
//! Russell 2000 row (the micro included) of the legacy and TFF reports,
//! futures only and combined, the open interest and the long and short
//! positions of every trader group, with the market name, and nothing
//! else. It is as old as the crate's release and covers the years of the
//! files it was made from ([`Embedded::coverage`]); fresh data come from
//! CFTC ([`Source::cache`](crate::source::Source::cache)) or from files
//! ([`Source::dir`](crate::source::Source::dir)).
//!
//! ```
//! use cftc_cot::history::embedded;
//! use cftc_cot::history::HistoryBuilder;
//! use cftc_cot::TraderGroup;
//! use cftc_cot::records::registry::Family;
//! let snapshot = embedded::russell_2000()?;
//! let history = HistoryBuilder::new(Family::russell_2000())
//!     .group(TraderGroup::LeveragedFunds)
//!     .build_positions(snapshot.positions(TraderGroup::LeveragedFunds))?;
//! assert!(history.points().len() > 100);
//! for c in snapshot.coverage() {
//!     println!("{c}");
//! }
//! # Ok::<(), cftc_cot::Error>(())
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::io::Write;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Location, SeriesProblem, show_raw};
use crate::history::Position;
use crate::records::TraderGroup;
use crate::records::{ContractMarketCode, CotRecord, ReportKind, Scope};

/// The snapshot file, as committed (`snapshot/russell2000.csv`).
const RUSSELL_2000: &str = include_str!("../../snapshot/russell2000.csv");

/// The file name used in errors about the embedded snapshot.
const NAME: &str = "embedded snapshot snapshot/russell2000.csv";

/// The first line of a snapshot file, with its format version.
const MAGIC: &str = "# cftc-cot snapshot 1";

/// A snapshot of positions: what [`russell_2000`] returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Embedded {
    rows: Vec<Row>,
    /// The comment lines at the top of the file (how it was made).
    pub about: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Row {
    kind: ReportKind,
    scope: Scope,
    code: ContractMarketCode,
    date: NaiveDate,
    market_name: String,
    open_interest: i64,
    /// Long and short of each group of the report, in [`TraderGroup::of`] order.
    groups: Vec<Option<(i64, i64)>>,
}

/// What a snapshot holds for one report and scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage {
    /// The report.
    pub kind: ReportKind,
    /// The scope.
    pub scope: Scope,
    /// The first as-of date.
    pub first: NaiveDate,
    /// The last as-of date.
    pub last: NaiveDate,
    /// Rows (one per code and date).
    pub rows: usize,
}

impl fmt::Display for Coverage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}: {} rows from {} to {}",
            self.kind, self.scope, self.rows, self.first, self.last
        )
    }
}

/// The Russell 2000 snapshot built into this version of the crate.
pub fn russell_2000() -> Result<Embedded, Error> {
    Embedded::parse(RUSSELL_2000, NAME)
}

impl Embedded {
    /// Reads a snapshot file's text; `name` names it in errors.
    pub fn parse(text: &str, name: &str) -> Result<Embedded, Error> {
        let bad = |line: usize, problem: SeriesProblem| {
            Error::from(ErrorKind::InvalidSeries {
                location: Box::new(Location {
                    line: line as u64,
                    ..Location::input(name.to_string(), None)
                }),
                problem,
            })
        };
        let mut lines = text.lines().enumerate();
        match lines.next() {
            Some((_, first)) if first.trim_end() == MAGIC => {}
            _ => return Err(bad(1, SeriesProblem::FirstLine { expected: MAGIC })),
        }
        let mut about = Vec::new();
        let mut rows: Vec<Row> = Vec::new();
        // A name is written only where it changes for its code, report and
        // scope: an empty name repeats the last one.
        let mut names: BTreeMap<(ReportKind, Scope, ContractMarketCode), String> = BTreeMap::new();
        for (i, line) in lines {
            let number = i + 1;
            if let Some(comment) = line.strip_prefix('#') {
                about.push(comment.trim().to_string());
                continue;
            }
            if line.trim().is_empty() {
                continue;
            }
            let fields = split_csv(line).ok_or_else(|| {
                bad(
                    number,
                    SeriesProblem::Field {
                        what: "line (bad quoting)",
                        value: show_raw(line.as_bytes()),
                    },
                )
            })?;
            let mut row = parse_row(&fields).map_err(|detail| bad(number, detail))?;
            let key = (row.kind, row.scope, row.code);
            if row.market_name.is_empty() {
                row.market_name = names
                    .get(&key)
                    .cloned()
                    .ok_or_else(|| bad(number, SeriesProblem::NoName))?;
            } else {
                names.insert(key, row.market_name.clone());
            }
            rows.push(row);
        }
        Ok(Embedded { rows, about })
    }

    /// One group's positions, for
    /// [`HistoryBuilder::build_positions`](crate::history::HistoryBuilder::build_positions).
    pub fn positions(
        &self,
        group: TraderGroup,
    ) -> impl Iterator<Item = Result<Position, Error>> + '_ {
        let kind = group.report();
        let slot = TraderGroup::of(kind).position(|g| g == group);
        self.rows
            .iter()
            .filter(move |r| r.kind == kind)
            .map(move |r| {
                let (long, short) = slot
                    .and_then(|i| r.groups.get(i).copied().flatten())
                    .ok_or_else(|| {
                        Error::from(ErrorKind::MissingValue {
                            code: r.code,
                            date: r.date,
                            what: format!("{group} long/short in the embedded snapshot"),
                        })
                    })?;
                Ok(Position {
                    group,
                    scope: r.scope,
                    code: r.code,
                    date: r.date,
                    market_name: r.market_name.clone(),
                    long,
                    short,
                    open_interest: r.open_interest,
                })
            })
    }

    /// What the snapshot holds, per report and scope.
    pub fn coverage(&self) -> Vec<Coverage> {
        let mut by: BTreeMap<(ReportKind, Scope), Coverage> = BTreeMap::new();
        for r in &self.rows {
            let c = by.entry((r.kind, r.scope)).or_insert(Coverage {
                kind: r.kind,
                scope: r.scope,
                first: r.date,
                last: r.date,
                rows: 0,
            });
            c.first = c.first.min(r.date);
            c.last = c.last.max(r.date);
            c.rows += 1;
        }
        by.into_values().collect()
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether it holds no row.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

fn parse_row(fields: &[String]) -> Result<Row, SeriesProblem> {
    // The six fields every row has, then a long and a short per group.
    const FIXED: usize = 6;
    let field = |i: usize| {
        fields
            .get(i)
            .map(String::as_str)
            .ok_or(SeriesProblem::FieldCount {
                found: fields.len(),
                expected: FIXED,
            })
    };
    fn parsed<T: std::str::FromStr>(text: &str, what: &'static str) -> Result<T, SeriesProblem> {
        text.parse().map_err(|_| SeriesProblem::Field {
            what,
            value: show_raw(text.as_bytes()),
        })
    }
    let kind: ReportKind = parsed(field(0)?, "report")?;
    let scope: Scope = parsed(field(1)?, "scope")?;
    let code: ContractMarketCode = parsed(field(2)?, "code")?;
    let date: NaiveDate = parsed(field(3)?, "date")?;
    let market_name = field(4)?.to_string();
    let open_interest: i64 = parsed(field(5)?, "open interest")?;
    let count = TraderGroup::of(kind).count();
    if fields.len() != FIXED + 2 * count {
        return Err(SeriesProblem::FieldCount {
            found: fields.len(),
            expected: FIXED + 2 * count,
        });
    }
    let mut groups = Vec::with_capacity(count);
    for g in 0..count {
        let (l, s) = (6 + 2 * g, 7 + 2 * g);
        let (long, short) = (field(l)?, field(s)?);
        if long.is_empty() && short.is_empty() {
            groups.push(None);
        } else {
            groups.push(Some((parsed(long, "long")?, parsed(short, "short")?)));
        }
    }
    Ok(Row {
        kind,
        scope,
        code,
        date,
        market_name,
        open_interest,
        groups,
    })
}

/// Writes a snapshot of `records` (merged: one per code, date, report and
/// scope; legacy and TFF only) in the format [`Embedded::parse`] reads.
/// `about` lines go at the top as comments. Records of other reports are
/// left out; a record without open interest is an error.
pub fn write_snapshot<'a>(
    records: impl IntoIterator<Item = &'a CotRecord>,
    about: &[String],
    mut out: impl Write,
    name: &str,
) -> Result<usize, Error> {
    let io = |source| {
        Error::from(ErrorKind::Io {
            location: Box::new(Location::input(name.to_string(), None)),
            source,
        })
    };
    let mut text = String::new();
    text.push_str(MAGIC);
    text.push('\n');
    for line in about {
        text.push_str("# ");
        text.push_str(line);
        text.push('\n');
    }
    let mut rows: Vec<&'a CotRecord> = records
        .into_iter()
        .filter(|r| matches!(r.kind(), ReportKind::Legacy | ReportKind::Tff))
        .collect();
    rows.sort_by_key(|r| (r.kind(), r.scope(), r.date(), r.code()));
    let mut n = 0;
    let mut names: BTreeMap<(ReportKind, Scope, ContractMarketCode), &str> = BTreeMap::new();
    for r in rows {
        let name = r.market().market_and_exchange_names.as_str();
        let key = (r.kind(), r.scope(), r.code());
        let shown = if names.get(&key) == Some(&name) {
            String::new()
        } else {
            names.insert(key, name);
            quote(name)
        };
        let open_interest = r.open_interest().ok_or_else(|| {
            Error::from(ErrorKind::MissingValue {
                code: r.code(),
                date: r.date(),
                what: "open interest".into(),
            })
        })?;
        let mut fields = vec![
            r.kind().as_str().to_string(),
            r.scope().as_str().to_string(),
            r.code().as_str().to_string(),
            r.date().to_string(),
            shown,
            open_interest.to_string(),
        ];
        for group in TraderGroup::of(r.kind()) {
            match group.long_short(r) {
                Some((l, s)) => {
                    fields.push(l.to_string());
                    fields.push(s.to_string());
                }
                None => {
                    fields.push(String::new());
                    fields.push(String::new());
                }
            }
        }
        text.push_str(&fields.join(","));
        text.push('\n');
        n += 1;
    }
    out.write_all(text.as_bytes()).map_err(io)?;
    out.flush().map_err(io)?;
    Ok(n)
}

/// A market name as one CSV field.
fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// Splits one line of CSV (quotes double themselves); `None` on an
/// unterminated quote.
fn split_csv(line: &str) -> Option<Vec<String>> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut chars = line.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (false, ',') => fields.push(std::mem::take(&mut field)),
            (false, '"') if field.is_empty() => quoted = true,
            (true, '"') => {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    quoted = false;
                }
            }
            (_, c) => field.push(c),
        }
    }
    if quoted {
        return None;
    }
    fields.push(field);
    Some(fields)
}
