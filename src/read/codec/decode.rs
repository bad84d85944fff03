//! One raw CSV record to one typed record, by column position.
//!
//! Columns are read by position (CFTC's header spellings drift between years,
//! the positions do not), where the report's [`ReportSchema`] puts them, and
//! every failure names its column from it.

use chrono::NaiveDate;
use csv::ByteRecord;

use crate::error::{Column, Error, ErrorKind, FieldProblem, Location, show_raw};
use crate::read::codec::fields;
use crate::records::figures::Figures;
use crate::records::schema::{ReportSchema, Tail};
use crate::records::{
    Concentration, ContractMarketCode, Contracts, CotRecord, DisaggregatedCrop,
    DisaggregatedPositions, DisaggregatedRecord, DisaggregatedTraders, LegacyCrop, LegacyPositions,
    LegacyRecord, LegacyTraders, Market, Percent, QuotedCodes, ReportKind, Scope,
    SupplementalRecord, TffRecord, Traders,
};

/// A raw row with what is needed to say where an error is.
pub(crate) struct Row<'a> {
    pub record: &'a ByteRecord,
    pub kind: ReportKind,
    /// The file-level location; line and byte are filled from the record.
    pub location: &'a Location,
}

impl Row<'_> {
    pub fn raw(&self, index: usize) -> &[u8] {
        self.record.get(index).unwrap_or_default()
    }

    pub fn here(&self) -> Location {
        let mut location = self.location.clone();
        if let Some(p) = self.record.position() {
            location.line = p.line();
            location.byte = p.byte();
            location.record = p.record() + 1;
        }
        location
    }

    pub fn at_column(&self, index: usize) -> Location {
        let mut location = self.here();
        location.column = Some(Column {
            index,
            name: self
                .kind
                .column_names()
                .get(index)
                .copied()
                .unwrap_or("?")
                .to_owned(),
        });
        location
    }

    fn field_error(&self, index: usize, problem: FieldProblem) -> Error {
        Error::from(ErrorKind::Field {
            location: Box::new(self.at_column(index)),
            value: show_raw(self.raw(index)),
            problem,
        })
    }

    fn get<T>(
        &self,
        index: usize,
        parse: fn(&[u8]) -> Result<T, FieldProblem>,
    ) -> Result<T, Error> {
        parse(self.raw(index)).map_err(|p| self.field_error(index, p))
    }

    fn text(&self, index: usize) -> String {
        fields::text(self.raw(index))
    }

    /// The contract market code column (index 3).
    pub fn code(&self) -> Result<ContractMarketCode, Error> {
        ContractMarketCode::from_bytes(self.raw(3))
            .ok_or_else(|| self.field_error(3, FieldProblem::NotAContractCode))
    }

    /// The as-of date: YYMMDD (index 1), cross-checked with the date column (index 2).
    pub fn date(&self) -> Result<NaiveDate, Error> {
        let date = self.get(1, fields::yymmdd)?;
        let other = self.get(2, fields::date_column)?;
        if date != other {
            return Err(Error::from(ErrorKind::DateMismatch {
                location: Box::new(self.at_column(2)),
                yymmdd: show_raw(self.raw(1).trim_ascii()),
                other: show_raw(self.raw(2).trim_ascii()),
            }));
        }
        Ok(date)
    }

    /// The identification columns and the trailing text columns the
    /// report has (a missing quoted copy reads as empty).
    fn market(&self, schema: &ReportSchema) -> Result<Market, Error> {
        let name = self.text(0);
        if name.is_empty() {
            return Err(self.field_error(0, FieldProblem::Empty));
        }
        let tail = |t: Tail| {
            schema
                .tail_column(t)
                .map(|i| self.text(i))
                .unwrap_or_default()
        };
        Ok(Market {
            market_and_exchange_names: name,
            code: self.code()?,
            market_code: self.text(4),
            region_code: self.text(5),
            commodity_code: self.text(6),
            contract_units: tail(Tail::Units),
            quoted_codes: QuotedCodes {
                contract_market_code: tail(Tail::QuotedCode),
                market_code: tail(Tail::QuotedMarket),
                commodity_code: tail(Tail::QuotedCommodity),
            },
        })
    }

    /// A block of figures from column `at` on, each column read with
    /// `parse(column offset inside the block, raw)`.
    fn block<T, B: Figures<T>>(
        &self,
        at: usize,
        parse: impl Fn(usize, &[u8]) -> Result<T, FieldProblem>,
    ) -> Result<B, Error> {
        let mut i = 0;
        B::from_columns(&mut || {
            let column = at + i;
            let value = parse(i, self.raw(column)).map_err(|p| self.field_error(column, p));
            i += 1;
            value
        })
    }

    /// Positions of crop `crop` (0 is All): in All only the columns the
    /// schema marks (nonreportable, derived by CFTC) may be negative; in the
    /// Old and Other crops anything may be (CFTC books spreads between crop
    /// years there: 2004 has nonreportable -51).
    fn positions<B: Figures<Contracts>>(
        &self,
        schema: &ReportSchema,
        at: usize,
        crop: usize,
    ) -> Result<B, Error> {
        let negative = &schema.derived().may_be_negative;
        self.block(at, |i, raw| {
            if crop > 0 || negative.get(i).copied().unwrap_or(true) {
                fields::integer(raw)
            } else {
                fields::position(raw)
            }
        })
    }

    /// Changes may be negative anywhere.
    fn changes<B: Figures<Contracts>>(&self, at: usize) -> Result<B, Error> {
        self.block(at, |_, raw| fields::integer(raw))
    }

    fn percents<B: Figures<Percent>>(&self, at: usize) -> Result<B, Error> {
        self.block(at, |_, raw| fields::decimal(raw))
    }

    fn traders<B: Figures<Traders>>(&self, at: usize) -> Result<B, Error> {
        self.block(at, |_, raw| fields::count(raw))
    }

    fn concentration(&self, at: usize) -> Result<Concentration, Error> {
        self.block(at, |_, raw| fields::decimal(raw))
    }

    /// The `FutOnly_or_Combined` column of the reports that have one.
    pub fn scope_column(&self) -> Result<Scope, Error> {
        let at = self.kind.scope_column().unwrap_or(usize::MAX);
        Scope::from_cftc(self.raw(at)).ok_or_else(|| {
            Error::from(ErrorKind::ScopeMismatch {
                location: Box::new(self.at_column(at)),
                value: show_raw(self.raw(at)),
                expected: "FutOnly or Combined".into(),
            })
        })
    }

    fn subgroup(&self, schema: &ReportSchema) -> String {
        schema
            .tail_column(Tail::SubGroup)
            .map(|i| self.text(i))
            .unwrap_or_default()
    }
}

/// Block `i` of a list of block starts (the schema has them all).
fn nth(starts: &[usize], i: usize) -> usize {
    starts.get(i).copied().unwrap_or(usize::MAX)
}

/// Parses a row of any report (its field count already checked): the
/// report's [`ReportSchema`] gives every block's place, the record type
/// which field holds it.
pub(crate) fn record(row: &Row<'_>, scope: Scope) -> Result<CotRecord, Error> {
    let schema = row.kind.schema();
    let o = &schema.derived().offsets;
    let market = row.market(schema)?;
    let date = row.date()?;
    macro_rules! crop {
        ($crop:ty, $i:expr) => {
            <$crop>::from_blocks(
                row.positions(schema, nth(&o.positions, $i), $i)?,
                row.percents(nth(&o.percent, $i))?,
                row.traders(nth(&o.traders, $i))?,
                row.concentration(nth(&o.concentration, $i))?,
            )
        };
    }
    Ok(match row.kind {
        ReportKind::Legacy => CotRecord::Legacy(LegacyRecord {
            market,
            date,
            scope,
            all: crop!(LegacyCrop, 0),
            old: crop!(LegacyCrop, 1),
            other: crop!(LegacyCrop, 2),
            change: row.changes(o.change)?,
        }),
        ReportKind::Tff => CotRecord::Tff(TffRecord {
            subgroup_code: row.subgroup(schema),
            market,
            date,
            scope,
            positions: row.positions(schema, nth(&o.positions, 0), 0)?,
            change: row.changes(o.change)?,
            percent_of_open_interest: row.percents(nth(&o.percent, 0))?,
            traders: row.traders(nth(&o.traders, 0))?,
            concentration: row.concentration(nth(&o.concentration, 0))?,
        }),
        ReportKind::Disaggregated => CotRecord::Disaggregated(DisaggregatedRecord {
            subgroup_code: row.subgroup(schema),
            market,
            date,
            scope,
            all: crop!(DisaggregatedCrop, 0),
            old: crop!(DisaggregatedCrop, 1),
            other: crop!(DisaggregatedCrop, 2),
            change: row.changes(o.change)?,
        }),
        ReportKind::Supplemental => CotRecord::Supplemental(SupplementalRecord {
            market,
            date,
            scope,
            positions: row.positions(schema, nth(&o.positions, 0), 0)?,
            change: row.changes(o.change)?,
            percent_of_open_interest: row.percents(nth(&o.percent, 0))?,
            traders: row.traders(nth(&o.traders, 0))?,
        }),
    })
}

trait FromBlocks<P, Q, T> {
    fn from_blocks(positions: P, percent: Q, traders: T, concentration: Concentration) -> Self;
}

impl FromBlocks<LegacyPositions<Contracts>, LegacyPositions<Percent>, LegacyTraders>
    for LegacyCrop
{
    fn from_blocks(
        positions: LegacyPositions<Contracts>,
        percent_of_open_interest: LegacyPositions<Percent>,
        traders: LegacyTraders,
        concentration: Concentration,
    ) -> Self {
        LegacyCrop {
            positions,
            percent_of_open_interest,
            traders,
            concentration,
        }
    }
}

impl
    FromBlocks<
        DisaggregatedPositions<Contracts>,
        DisaggregatedPositions<Percent>,
        DisaggregatedTraders,
    > for DisaggregatedCrop
{
    fn from_blocks(
        positions: DisaggregatedPositions<Contracts>,
        percent_of_open_interest: DisaggregatedPositions<Percent>,
        traders: DisaggregatedTraders,
        concentration: Concentration,
    ) -> Self {
        DisaggregatedCrop {
            positions,
            percent_of_open_interest,
            traders,
            concentration,
        }
    }
}
