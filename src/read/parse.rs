//! One raw CSV record to one typed record, by column position.
//!
//! Columns are read by position (CFTC's header spellings drift between years,
//! the positions do not), and every failure names its column from
//! [`crate::schema`].

use chrono::NaiveDate;
use csv::ByteRecord;

use crate::error::{Column, Error, FieldProblem, Location, show_raw};
use crate::read::fields;
use crate::records::{
    Concentration, ContractMarketCode, CotRecord, DisaggregatedCrop, DisaggregatedPositions,
    DisaggregatedRecord, DisaggregatedTraders, LegacyCrop, LegacyPositions, LegacyRecord,
    LegacyTraders, LongShort, LongShortSpread, Market, QuotedCodes, ReportKind, Scope,
    TffPositions, TffRecord, TffTraders,
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
        Error::Field {
            location: Box::new(self.at_column(index)),
            value: show_raw(self.raw(index)),
            problem,
        }
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
            return Err(Error::DateMismatch {
                location: Box::new(self.at_column(2)),
                yymmdd: show_raw(self.raw(1).trim_ascii()),
                other: show_raw(self.raw(2).trim_ascii()),
            });
        }
        Ok(date)
    }

    fn market(&self, units: usize) -> Result<Market, Error> {
        let name = self.text(0);
        if name.is_empty() {
            return Err(self.field_error(0, FieldProblem::Empty));
        }
        Ok(Market {
            market_and_exchange_names: name,
            code: self.code()?,
            market_code: self.text(4),
            region_code: self.text(5),
            commodity_code: self.text(6),
            contract_units: self.text(units),
            quoted_codes: QuotedCodes {
                contract_market_code: self.text(units + 1),
                market_code: self.text(units + 2),
                commodity_code: self.text(units + 3),
            },
        })
    }

    fn ls<T>(
        &self,
        at: usize,
        parse: fn(&[u8]) -> Result<T, FieldProblem>,
    ) -> Result<LongShort<T>, Error> {
        Ok(LongShort {
            long: self.get(at, parse)?,
            short: self.get(at + 1, parse)?,
        })
    }

    fn lss<T>(
        &self,
        at: usize,
        parse: fn(&[u8]) -> Result<T, FieldProblem>,
    ) -> Result<LongShortSpread<T>, Error> {
        Ok(LongShortSpread {
            long: self.get(at, parse)?,
            short: self.get(at + 1, parse)?,
            spread: self.get(at + 2, parse)?,
        })
    }

    fn concentration(&self, at: usize) -> Result<Concentration, Error> {
        Ok(Concentration {
            gross_4: self.ls(at, fields::decimal)?,
            gross_8: self.ls(at + 2, fields::decimal)?,
            net_4: self.ls(at + 4, fields::decimal)?,
            net_8: self.ls(at + 6, fields::decimal)?,
        })
    }

    /// A legacy block of 10: open interest, non-commercial long/short/spread,
    /// commercial, total reportable and nonreportable long/short. The
    /// nonreportable pair is read with `derived` (see [`legacy`]).
    fn legacy_positions<T>(
        &self,
        at: usize,
        parse: fn(&[u8]) -> Result<T, FieldProblem>,
        derived: fn(&[u8]) -> Result<T, FieldProblem>,
    ) -> Result<LegacyPositions<T>, Error> {
        Ok(LegacyPositions {
            open_interest: self.get(at, parse)?,
            noncommercial: self.lss(at + 1, parse)?,
            commercial: self.ls(at + 4, parse)?,
            total_reportable: self.ls(at + 6, parse)?,
            nonreportable: self.ls(at + 8, derived)?,
        })
    }

    fn legacy_traders(&self, at: usize) -> Result<LegacyTraders, Error> {
        Ok(LegacyTraders {
            total: self.get(at, fields::count)?,
            noncommercial: self.lss(at + 1, fields::count)?,
            commercial: self.ls(at + 4, fields::count)?,
            total_reportable: self.ls(at + 6, fields::count)?,
        })
    }

    fn legacy_crop(
        &self,
        position: fn(&[u8]) -> Result<Option<i64>, FieldProblem>,
        positions: usize,
        percent: usize,
        traders: usize,
        concentration: usize,
    ) -> Result<LegacyCrop, Error> {
        Ok(LegacyCrop {
            positions: self.legacy_positions(positions, position, fields::integer)?,
            percent_of_open_interest: self.legacy_positions(
                percent,
                fields::decimal,
                fields::decimal,
            )?,
            traders: self.legacy_traders(traders)?,
            concentration: self.concentration(concentration)?,
        })
    }

    /// A TFF block of 17: open interest, four categories of long/short/spread,
    /// total reportable and nonreportable long/short.
    fn tff_positions<T>(
        &self,
        at: usize,
        parse: fn(&[u8]) -> Result<T, FieldProblem>,
        derived: fn(&[u8]) -> Result<T, FieldProblem>,
    ) -> Result<TffPositions<T>, Error> {
        Ok(TffPositions {
            open_interest: self.get(at, parse)?,
            dealer: self.lss(at + 1, parse)?,
            asset_manager: self.lss(at + 4, parse)?,
            leveraged_funds: self.lss(at + 7, parse)?,
            other_reportables: self.lss(at + 10, parse)?,
            total_reportable: self.ls(at + 13, parse)?,
            nonreportable: self.ls(at + 15, derived)?,
        })
    }

    fn tff_traders(&self, at: usize) -> Result<TffTraders, Error> {
        Ok(TffTraders {
            total: self.get(at, fields::count)?,
            dealer: self.lss(at + 1, fields::count)?,
            asset_manager: self.lss(at + 4, fields::count)?,
            leveraged_funds: self.lss(at + 7, fields::count)?,
            other_reportables: self.lss(at + 10, fields::count)?,
            total_reportable: self.ls(at + 13, fields::count)?,
        })
    }

    /// A Disaggregated block of 16: open interest, producer/merchant
    /// long/short, swap dealers, managed money and other reportables
    /// long/short/spread, total reportable and nonreportable long/short.
    fn disaggregated_positions<T>(
        &self,
        at: usize,
        parse: fn(&[u8]) -> Result<T, FieldProblem>,
        derived: fn(&[u8]) -> Result<T, FieldProblem>,
    ) -> Result<DisaggregatedPositions<T>, Error> {
        Ok(DisaggregatedPositions {
            open_interest: self.get(at, parse)?,
            producer_merchant: self.ls(at + 1, parse)?,
            swap_dealers: self.lss(at + 3, parse)?,
            managed_money: self.lss(at + 6, parse)?,
            other_reportables: self.lss(at + 9, parse)?,
            total_reportable: self.ls(at + 12, parse)?,
            nonreportable: self.ls(at + 14, derived)?,
        })
    }

    fn disaggregated_traders(&self, at: usize) -> Result<DisaggregatedTraders, Error> {
        Ok(DisaggregatedTraders {
            total: self.get(at, fields::count)?,
            producer_merchant: self.ls(at + 1, fields::count)?,
            swap_dealers: self.lss(at + 3, fields::count)?,
            managed_money: self.lss(at + 6, fields::count)?,
            other_reportables: self.lss(at + 9, fields::count)?,
            total_reportable: self.ls(at + 12, fields::count)?,
        })
    }

    fn disaggregated_crop(
        &self,
        position: fn(&[u8]) -> Result<Option<i64>, FieldProblem>,
        positions: usize,
        percent: usize,
        traders: usize,
        concentration: usize,
    ) -> Result<DisaggregatedCrop, Error> {
        Ok(DisaggregatedCrop {
            positions: self.disaggregated_positions(positions, position, fields::integer)?,
            percent_of_open_interest: self.disaggregated_positions(
                percent,
                fields::decimal,
                fields::decimal,
            )?,
            traders: self.disaggregated_traders(traders)?,
            concentration: self.concentration(concentration)?,
        })
    }

    /// The `FutOnly_or_Combined` column of the reports that have one.
    pub fn scope_column(&self) -> Result<Scope, Error> {
        let at = self.kind.scope_column().unwrap_or(usize::MAX);
        Scope::from_cftc(self.raw(at)).ok_or_else(|| Error::ScopeMismatch {
            location: Box::new(self.at_column(at)),
            value: show_raw(self.raw(at)),
            expected: "FutOnly or Combined".into(),
        })
    }
}

/// Parses a legacy row (129 fields, already counted).
///
/// What may be negative, by block (DESIGN.md, "What may be negative"):
/// changes, anything; the Old and Other crops, anything (CFTC books spreads
/// between crop years there: 2004 has nonreportable -51); in the All crop,
/// only the nonreportable positions and their percents, which CFTC derives
/// as open interest minus reportable positions (1986-1989 have rows where
/// reportable exceeds open interest: soybean oil on 1988-01-15, nonreportable
/// short -174,540). Open interest, the reportable categories of All and
/// trader counts are never negative.
pub(crate) fn legacy(row: &Row<'_>, scope: Scope) -> Result<CotRecord, Error> {
    Ok(CotRecord::Legacy(LegacyRecord {
        market: row.market(125)?,
        date: row.date()?,
        scope,
        all: row.legacy_crop(fields::position, 7, 47, 77, 101)?,
        old: row.legacy_crop(fields::integer, 17, 57, 85, 109)?,
        other: row.legacy_crop(fields::integer, 27, 67, 93, 117)?,
        change: row.legacy_positions(37, fields::integer, fields::integer)?,
    }))
}

/// Parses a TFF row (87 fields, already counted); the scope is the row's own.
pub(crate) fn tff(row: &Row<'_>, scope: Scope) -> Result<CotRecord, Error> {
    Ok(CotRecord::Tff(TffRecord {
        market: row.market(81)?,
        date: row.date()?,
        scope,
        subgroup_code: row.text(85),
        // Nonreportable is derived here too and read as printed.
        positions: row.tff_positions(7, fields::position, fields::integer)?,
        change: row.tff_positions(24, fields::integer, fields::integer)?,
        percent_of_open_interest: row.tff_positions(41, fields::decimal, fields::decimal)?,
        traders: row.tff_traders(58)?,
        concentration: row.concentration(73)?,
    }))
}

/// Parses a Disaggregated row (191 fields, already counted); the scope is
/// the row's own. What may be negative is as for [`legacy`].
pub(crate) fn disaggregated(row: &Row<'_>, scope: Scope) -> Result<CotRecord, Error> {
    Ok(CotRecord::Disaggregated(DisaggregatedRecord {
        market: row.market(185)?,
        date: row.date()?,
        scope,
        subgroup_code: row.text(189),
        all: row.disaggregated_crop(fields::position, 7, 71, 119, 161)?,
        old: row.disaggregated_crop(fields::integer, 23, 87, 133, 169)?,
        other: row.disaggregated_crop(fields::integer, 39, 103, 147, 177)?,
        change: row.disaggregated_positions(55, fields::integer, fields::integer)?,
    }))
}
