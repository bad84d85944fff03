//! A record into typed cells, in its report's column order (the inverse of
//! [`decode`](super::decode)).

use std::borrow::Cow;

use rust_decimal::Decimal;

use crate::records::figures::Figures;
use crate::records::schema::Tail;
use crate::records::{Concentration, Contracts, CotRecord, Market, Percent, Traders};

/// One column of a record on its way out, with how CFTC writes it.
#[derive(Debug)]
pub(crate) enum Cell<'a> {
    /// Always quoted (names, units, the quoted code copies).
    Quoted(&'a str),
    /// A code field, padded to a width in the current style.
    Code(Cow<'a, str>, usize),
    /// A code field in quotes, padded inside them (the Supplemental file's
    /// `"001602","CBT ",00,"001 "`).
    QuotedCode(Cow<'a, str>, usize),
    /// The ISO date column (never padded).
    Plain(String),
    Int(Option<i64>, usize),
    Dec(Option<Decimal>, usize),
}

const POS: usize = 8;
const PCT: usize = 7;
const TRADERS: usize = 7;
const CONC: usize = 8;

fn id_cells<'a>(
    cells: &mut Vec<Cell<'a>>,
    market: &'a Market,
    date: chrono::NaiveDate,
    quoted_codes: bool,
) {
    let code = |s: &'a str, width| {
        if quoted_codes {
            Cell::QuotedCode(s.into(), width)
        } else {
            Cell::Code(s.into(), width)
        }
    };
    cells.push(Cell::Quoted(&market.market_and_exchange_names));
    cells.push(Cell::Code(date.format("%y%m%d").to_string().into(), 0));
    cells.push(Cell::Plain(date.to_string()));
    cells.push(code(market.code.as_str(), 0));
    cells.push(code(&market.market_code, 4));
    cells.push(Cell::Code(market.region_code.as_str().into(), 0));
    cells.push(code(&market.commodity_code, 4));
}

/// The trailing text columns the report has, from its description.
fn tail_cells<'a>(cells: &mut Vec<Cell<'a>>, record: &'a CotRecord, subgroup: &'a str) {
    let market = record.market();
    for tail in record.kind().schema().tail {
        cells.push(Cell::Quoted(match tail {
            Tail::Units => &market.contract_units,
            Tail::QuotedCode => &market.quoted_codes.contract_market_code,
            Tail::QuotedMarket => &market.quoted_codes.market_code,
            Tail::QuotedCommodity => &market.quoted_codes.commodity_code,
            Tail::SubGroup => subgroup,
            Tail::Scope => record.scope().cftc_name(),
        }));
    }
}

fn ints<'a, B: Figures<Contracts>>(cells: &mut Vec<Cell<'a>>, block: &B) {
    block.columns(&mut |v| cells.push(Cell::Int(*v, POS)));
}

fn pcts<'a, B: Figures<Percent>>(cells: &mut Vec<Cell<'a>>, block: &B) {
    block.columns(&mut |v| cells.push(Cell::Dec(*v, PCT)));
}

fn counts<'a, B: Figures<Traders>>(cells: &mut Vec<Cell<'a>>, block: &B) {
    block.columns(&mut |v| cells.push(Cell::Int(v.map(i64::from), TRADERS)));
}

fn concentration(cells: &mut Vec<Cell<'_>>, block: &Concentration) {
    block.columns(&mut |v| cells.push(Cell::Dec(*v, CONC)));
}

/// A typed value of one column: what [`encode`] gives for each column of a
/// record, in file order. Exports that keep types
/// ([`export`](crate::export)), the API's JSON and
/// [reconciliation](crate::source::reconcile) are made of these.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Value {
    /// Names, codes, units, the YYMMDD date: text as read.
    Text(String),
    /// The as-of date.
    Date(chrono::NaiveDate),
    /// Contracts, changes, trader counts.
    Int(Option<i64>),
    /// Percents and concentration ratios.
    Dec(Option<Decimal>),
}

impl std::fmt::Display for Value {
    /// The value as CFTC's text layout has it, unpadded: a missing number
    /// is `.`, a date is `YYYY-MM-DD`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Text(s) => f.write_str(s),
            Value::Date(d) => write!(f, "{d}"),
            Value::Int(Some(v)) => write!(f, "{v}"),
            Value::Dec(Some(v)) => write!(f, "{v}"),
            Value::Int(None) | Value::Dec(None) => f.write_str("."),
        }
    }
}

/// Every column of a record as a typed value, in the order of its report's
/// layout ([`ReportKind::column_names`](crate::ReportKind::column_names)).
///
/// ```
/// use cftc_cot::read::ReaderBuilder;
/// use cftc_cot::read::codec::{Value, encode};
///
/// let record = ReaderBuilder::new()
///     .from_path("data-samples/tff_futures_only.txt")?
///     .next()
///     .unwrap()?;
/// let values = encode(&record);
/// assert_eq!(values.len(), record.kind().columns());
/// assert_eq!(values[2], Value::Date(record.date()));
/// # Ok::<(), cftc_cot::Error>(())
/// ```
pub fn encode(record: &CotRecord) -> Vec<Value> {
    record_cells(record)
        .into_iter()
        .map(|cell| match cell {
            Cell::Quoted(s) => Value::Text(s.to_string()),
            Cell::Code(s, _) | Cell::QuotedCode(s, _) => Value::Text(s.into_owned()),
            Cell::Plain(_) => Value::Date(record.date()),
            Cell::Int(v, _) => Value::Int(v),
            Cell::Dec(v, _) => Value::Dec(v),
        })
        .collect()
}

/// Every column of a record, in the order of its report's description:
/// positions of each crop, changes, percents of each crop, trader counts of
/// each crop, concentration of each crop, the trailing text.
pub(crate) fn record_cells(record: &CotRecord) -> Vec<Cell<'_>> {
    let mut cells = Vec::with_capacity(record.kind().columns());
    let quoted = record.kind().schema().quoted_id_codes;
    id_cells(&mut cells, record.market(), record.date(), quoted);
    macro_rules! crops {
        ($crops:expr, $change:expr) => {{
            let crops = $crops;
            for c in crops {
                ints(&mut cells, &c.positions);
            }
            ints(&mut cells, $change);
            for c in crops {
                pcts(&mut cells, &c.percent_of_open_interest);
            }
            for c in crops {
                counts(&mut cells, &c.traders);
            }
            for c in crops {
                concentration(&mut cells, &c.concentration);
            }
        }};
    }
    let subgroup = match record {
        CotRecord::Legacy(r) => {
            crops!([&r.all, &r.old, &r.other], &r.change);
            ""
        }
        CotRecord::Disaggregated(r) => {
            crops!([&r.all, &r.old, &r.other], &r.change);
            r.subgroup_code.as_str()
        }
        CotRecord::Tff(r) => {
            ints(&mut cells, &r.positions);
            ints(&mut cells, &r.change);
            pcts(&mut cells, &r.percent_of_open_interest);
            counts(&mut cells, &r.traders);
            concentration(&mut cells, &r.concentration);
            r.subgroup_code.as_str()
        }
        CotRecord::Supplemental(r) => {
            ints(&mut cells, &r.positions);
            ints(&mut cells, &r.change);
            pcts(&mut cells, &r.percent_of_open_interest);
            counts(&mut cells, &r.traders);
            ""
        }
    };
    tail_cells(&mut cells, record, subgroup);
    cells
}
