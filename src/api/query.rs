//! Datasets and SoQL queries.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::records::{ContractMarketCode, ReportKind, Scope, UnknownName};

use super::fields;

/// One of CFTC's public-reporting datasets: a report and a scope.
///
/// ```
/// use cftc_cot::api::Dataset;
/// use cftc_cot::{ReportKind, Scope};
/// let tff = Dataset::new(ReportKind::Tff, Scope::FuturesOnly).unwrap();
/// assert_eq!(tff.id(), "gpe5-46if");
/// assert_eq!("jun7-fc8e".parse::<Dataset>().unwrap().kind, ReportKind::Legacy);
/// // The Supplemental report exists only combined.
/// assert!(Dataset::new(ReportKind::Supplemental, Scope::FuturesOnly).is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Dataset {
    /// The report.
    pub kind: ReportKind,
    /// Futures only or combined.
    pub scope: Scope,
}

/// Every dataset, with its id (FORMAT.md section 5).
pub const DATASETS: [(ReportKind, Scope, &str); 7] = [
    (ReportKind::Legacy, Scope::FuturesOnly, "6dca-aqww"),
    (ReportKind::Legacy, Scope::Combined, "jun7-fc8e"),
    (ReportKind::Disaggregated, Scope::FuturesOnly, "72hh-3qpy"),
    (ReportKind::Disaggregated, Scope::Combined, "kh3c-gbw2"),
    (ReportKind::Tff, Scope::FuturesOnly, "gpe5-46if"),
    (ReportKind::Tff, Scope::Combined, "yw9f-hn96"),
    (ReportKind::Supplemental, Scope::Combined, "4zgm-a668"),
];

impl Dataset {
    /// The dataset of a report and scope, if CFTC publishes one.
    pub fn new(kind: ReportKind, scope: Scope) -> Option<Dataset> {
        DATASETS
            .iter()
            .any(|(k, s, _)| *k == kind && *s == scope)
            .then_some(Dataset { kind, scope })
    }

    /// The dataset id (`6dca-aqww`, ...).
    pub fn id(&self) -> &'static str {
        DATASETS
            .iter()
            .find(|(k, s, _)| *k == self.kind && *s == self.scope)
            .map_or("", |(_, _, id)| id)
    }

    /// The letter that ends a row's `id`: `F` futures only, `C` combined.
    pub fn id_suffix(&self) -> char {
        match self.scope {
            Scope::FuturesOnly => 'F',
            Scope::Combined => 'C',
        }
    }
}

impl fmt::Display for Dataset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({} {})", self.id(), self.kind, self.scope)
    }
}

impl FromStr for Dataset {
    type Err = UnknownName;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DATASETS
            .iter()
            .find(|(_, _, id)| id.eq_ignore_ascii_case(s.trim()))
            .map(|(kind, scope, _)| Dataset {
                kind: *kind,
                scope: *scope,
            })
            .ok_or_else(|| UnknownName(s.to_owned()))
    }
}

/// What to ask a dataset for: contract market codes, a date range, a
/// fragment of the market name. Empty means everything.
///
/// ```
/// use cftc_cot::api::Query;
/// use cftc_cot::NaiveDate;
/// let q = Query::new()
///     .codes(["239742".parse()?])
///     .from(NaiveDate::from_ymd_opt(2017, 1, 1).unwrap())
///     .name_contains("o'reilly");
/// assert_eq!(
///     q.where_clause().unwrap(),
///     "cftc_contract_market_code in ('239742') \
///      AND report_date_as_yyyy_mm_dd >= '2017-01-01T00:00:00.000' \
///      AND upper(market_and_exchange_names) like '%O''REILLY%'"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Query {
    /// Contract market codes (any of them).
    pub codes: Vec<ContractMarketCode>,
    /// The first as-of date.
    pub from: Option<NaiveDate>,
    /// The last as-of date.
    pub to: Option<NaiveDate>,
    /// A fragment of `market_and_exchange_names`, matched without case.
    pub name_contains: Option<String>,
}

impl Query {
    /// Everything in the dataset.
    pub fn new() -> Self {
        Query::default()
    }

    /// Only these contract market codes.
    pub fn codes(mut self, codes: impl IntoIterator<Item = ContractMarketCode>) -> Self {
        self.codes = codes.into_iter().collect();
        self.codes.sort();
        self.codes.dedup();
        self
    }

    /// From this as-of date on.
    pub fn from(mut self, date: NaiveDate) -> Self {
        self.from = Some(date);
        self
    }

    /// Up to this as-of date.
    pub fn to(mut self, date: NaiveDate) -> Self {
        self.to = Some(date);
        self
    }

    /// Markets whose name contains this text (any case).
    pub fn name_contains(mut self, text: impl Into<String>) -> Self {
        self.name_contains = Some(text.into());
        self
    }

    /// The SoQL `$where` clause, or `None` for the whole dataset. Every
    /// value is a quoted SoQL string with its quotes doubled, so no value
    /// can end the string and add to the query.
    pub fn where_clause(&self) -> Option<String> {
        let mut parts = Vec::new();
        if !self.codes.is_empty() {
            let list: Vec<String> = self.codes.iter().map(|c| quote(c.as_str())).collect();
            parts.push(format!("{} in ({})", fields::CODE, list.join(",")));
        }
        if let Some(d) = self.from {
            parts.push(format!("{} >= {}", fields::DATE, quote(&timestamp(d))));
        }
        if let Some(d) = self.to {
            parts.push(format!("{} <= {}", fields::DATE, quote(&timestamp(d))));
        }
        if let Some(name) = &self.name_contains {
            let pattern = format!("%{}%", name.trim().to_uppercase());
            parts.push(format!("upper({}) like {}", fields::NAME, quote(&pattern)));
        }
        (!parts.is_empty()).then(|| parts.join(" AND "))
    }

    /// The query string of one page: `$where`, a stable `$order` (date,
    /// then the row id, unique in every dataset) and `$limit`/`$offset`,
    /// percent-encoded.
    pub fn page_query(&self, limit: u64, offset: u64) -> String {
        let mut params = Vec::new();
        if let Some(w) = self.where_clause() {
            params.push(("$where", w));
        }
        params.push(("$order", format!("{} ASC,{} ASC", fields::DATE, fields::ID)));
        params.push(("$limit", limit.to_string()));
        params.push(("$offset", offset.to_string()));
        params
            .iter()
            .map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v)))
            .collect::<Vec<_>>()
            .join("&")
    }
}

impl fmt::Display for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.where_clause() {
            Some(w) => f.write_str(&w),
            None => f.write_str("every row"),
        }
    }
}

/// The API's timestamp of a date.
pub(crate) fn timestamp(date: NaiveDate) -> String {
    format!("{}T00:00:00.000", date.format("%Y-%m-%d"))
}

/// A SoQL string literal.
pub(crate) fn quote(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}

/// Percent-encoding of a query-string component: everything but RFC 3986's
/// unreserved characters.
pub(crate) fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 2);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datasets_round_trip() {
        for (kind, scope, id) in DATASETS {
            let d = Dataset::new(kind, scope).unwrap();
            assert_eq!(d.id(), id);
            assert_eq!(id.parse::<Dataset>().unwrap(), d);
        }
        assert!("abcd-1234".parse::<Dataset>().is_err());
    }

    #[test]
    fn quotes_cannot_escape() {
        let q = Query::new().name_contains("x' OR '1'='1");
        let w = q.where_clause().unwrap();
        assert_eq!(
            w,
            "upper(market_and_exchange_names) like '%X'' OR ''1''=''1%'"
        );
        assert!(q.page_query(10, 20).ends_with("&%24limit=10&%24offset=20"));
        assert_eq!(percent_encode("a b&c='%'"), "a%20b%26c%3D%27%25%27");
        assert_eq!(Query::new().where_clause(), None);
    }
}
