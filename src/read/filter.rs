//! Choosing rows from their raw bytes, before any typed parsing.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::read::codec::fields;
use crate::records::ContractMarketCode;

/// Which rows a [`Reader`](crate::read::Reader) returns: by contract market
/// code and by as-of date range (both ends included).
///
/// The filter looks at the raw code and YYMMDD bytes of each row, so rows of
/// other markets are dropped before their 80 to 130 fields are parsed.
/// A row whose code or date cannot be read is never dropped by the filter:
/// it goes on to the typed parser, which reports it.
///
/// ```
/// use cftc_cot::read::Filter;
/// use chrono::NaiveDate;
/// let filter = Filter::codes(["239742", "23977A"])?
///     .from(NaiveDate::from_ymd_opt(2017, 1, 1).unwrap());
/// assert!(filter.matches_code(&"23977A".parse()?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    codes: Option<Vec<ContractMarketCode>>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
}

impl Filter {
    /// A filter that keeps every row.
    pub fn all() -> Self {
        Filter::default()
    }

    /// Keeps only the given contract market codes.
    pub fn codes<I, S>(codes: I) -> Result<Self, crate::records::InvalidCode>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let codes = codes
            .into_iter()
            .map(|s| s.as_ref().parse())
            .collect::<Result<Vec<ContractMarketCode>, _>>()?;
        Ok(Filter::default().with_codes(codes))
    }

    /// Keeps only the given codes (replacing any earlier code list).
    pub fn with_codes(mut self, codes: impl IntoIterator<Item = ContractMarketCode>) -> Self {
        let mut codes: Vec<_> = codes.into_iter().collect();
        codes.sort();
        codes.dedup();
        self.codes = Some(codes);
        self
    }

    /// Keeps rows dated on or after `date`.
    pub fn from(mut self, date: NaiveDate) -> Self {
        self.from = Some(date);
        self
    }

    /// Keeps rows dated on or before `date`.
    pub fn to(mut self, date: NaiveDate) -> Self {
        self.to = Some(date);
        self
    }

    /// The codes kept, or `None` for all.
    pub fn code_list(&self) -> Option<&[ContractMarketCode]> {
        self.codes.as_deref()
    }

    /// The date range kept.
    pub fn date_range(&self) -> (Option<NaiveDate>, Option<NaiveDate>) {
        (self.from, self.to)
    }

    /// True when the filter keeps everything.
    pub fn is_all(&self) -> bool {
        self.codes.is_none() && self.from.is_none() && self.to.is_none()
    }

    /// Whether a code passes.
    pub fn matches_code(&self, code: &ContractMarketCode) -> bool {
        self.codes.as_ref().is_none_or(|c| c.contains(code))
    }

    /// Whether a date passes.
    pub fn matches_date(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|f| date >= f) && self.to.is_none_or(|t| date <= t)
    }

    /// False only for a row that is certainly not wanted: its code (and
    /// YYMMDD) read cleanly and fall outside the filter.
    pub(crate) fn keeps_raw(&self, code: &[u8], yymmdd: &[u8]) -> bool {
        if let Some(codes) = &self.codes {
            let raw = code.trim_ascii();
            if !codes.iter().any(|c| c.as_bytes() == raw)
                && ContractMarketCode::from_bytes(raw).is_some()
            {
                return false;
            }
        }
        if (self.from.is_some() || self.to.is_some())
            && let Ok(date) = fields::yymmdd(yymmdd)
        {
            return self.matches_date(date);
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_matching() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let f = Filter::codes(["239742"])
            .unwrap()
            .from(d(2024, 1, 1))
            .to(d(2024, 12, 31));
        assert!(f.keeps_raw(b"239742 ", b"240102"));
        assert!(!f.keeps_raw(b"001602", b"240102"));
        assert!(!f.keeps_raw(b"239742", b"231226"));
        // Unreadable values go on to the parser, which reports them.
        assert!(f.keeps_raw(b"23974", b"240102"));
        assert!(f.keeps_raw(b"239742", b"24x102"));
        assert!(Filter::all().keeps_raw(b"anything", b""));
        assert!(Filter::codes(["2397"]).is_err());
    }
}
