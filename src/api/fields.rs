//! The API's field names for every column of every report.
//!
//! CFTC's public-reporting datasets name their fields after the text
//! columns, lowercased, but not by one rule: some drop the `_all` suffix
//! (`lev_money_positions_long`), duplicates in the Old and Other blocks get
//! `_1` and `_2` (`tot_rept_positions_short_1`), and CFTC's typos are kept
//! (`noncomm_postions_spread_all`, `change_in_noncomm_spead_all`,
//! `swap__positions_short_all`). Each report's description names the API
//! field of every column beside its header name
//! ([`ColumnNames`](crate::records::schema::ColumnNames), in the tables of
//! [`schema`](crate::records::schema), which also cite where each came
//! from), so a JSON row is laid out as a text row and read by the same
//! parser. This module finds a field's column and a column's field.
//!
//! Matching is forgiving where the names are uncertain: a field is found by
//! its name lowercased, with `__` read as `_`, `postions` as `positions`
//! and `spead` as `spread`, and the text header's own name (lowercased) is
//! accepted too. A field that matches nothing is not dropped silently: the
//! reader counts it in [`Decoding::unknown_fields`](super::Decoding::unknown_fields).
//!
//! ```
//! use cftc_cot::api::fields;
//! use cftc_cot::ReportKind;
//! // Column 11 (1-based) of the legacy text file, with CFTC's typo.
//! assert_eq!(fields::column_field(ReportKind::Legacy, 10), Some("noncomm_postions_spread_all"));
//! assert_eq!(fields::field_column(ReportKind::Legacy, "noncomm_postions_spread_all"), Some(10));
//! // Managed money long, All, in the Disaggregated report.
//! assert_eq!(fields::field_column(ReportKind::Disaggregated, "m_money_positions_long_all"), Some(13));
//! ```

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::records::ReportKind;
use crate::records::schema::ID_COLUMNS;

/// `id`: YYMMDD, the contract market code and `F` (futures only) or `C`.
pub const ID: &str = "id";
/// The as-of date, `2025-08-05T00:00:00.000`.
pub const DATE: &str = "report_date_as_yyyy_mm_dd";
/// `Market and Exchange Names`.
pub const NAME: &str = "market_and_exchange_names";
/// `CFTC Contract Market Code`.
pub const CODE: &str = "cftc_contract_market_code";
/// `CFTC Market Code in Initials` (`"CME "`, with CFTC's padding).
pub const MARKET: &str = "cftc_market_code";
/// `CFTC Region Code`: a city code here (`CHI`, `NYC`), `00`/`01` in the files.
pub const REGION: &str = "cftc_region_code";
/// `CFTC Commodity Code`.
pub const COMMODITY: &str = "cftc_commodity_code";
/// `Contract Units`.
pub const UNITS: &str = "contract_units";
/// `CFTC_SubGroup_Code` (every dataset has it, the legacy text files do not).
pub const SUBGROUP: &str = "cftc_subgroup_code";
/// `FutOnly_or_Combined`: `FutOnly` or `Combined`.
pub const SCOPE: &str = "futonly_or_combined";

/// Fields the API adds to the text files' columns, kept in
/// [`ApiDetails`](super::ApiDetails).
pub const DETAILS: [&str; 6] = [
    "yyyy_report_week_ww",
    "contract_market_name",
    "commodity_name",
    "commodity",
    "commodity_subgroup_name",
    "commodity_group_name",
];

/// The API field of a text column (0-based), if the API has one: the
/// identification columns, the figures, the units, the subgroup and the
/// scope. The YYMMDD column and the quoted code copies have none.
pub fn column_field(kind: ReportKind, index: usize) -> Option<&'static str> {
    kind.schema().api_fields.get(index).copied().flatten()
}

/// The text column (0-based) of an API figure field, found as the
/// [module docs](self) say.
pub fn field_column(kind: ReportKind, field: &str) -> Option<usize> {
    lookup(kind).get(&normalize(field)).copied()
}

/// The key a field is matched by: lowercase, `__` as `_`, and CFTC's two
/// spelling slips read as meant.
pub(crate) fn normalize(field: &str) -> String {
    let mut s = field.trim().to_ascii_lowercase();
    while s.contains("__") {
        s = s.replace("__", "_");
    }
    s.replace("postions", "positions")
        .replace("spead", "spread")
}

fn lookup(kind: ReportKind) -> &'static HashMap<String, usize> {
    static MAPS: [OnceLock<HashMap<String, usize>>; 4] = [
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
    ];
    let slot = match kind {
        ReportKind::Legacy => &MAPS[0],
        ReportKind::Tff => &MAPS[1],
        ReportKind::Disaggregated => &MAPS[2],
        ReportKind::Supplemental => &MAPS[3],
    };
    slot.get_or_init(|| {
        let mut map = HashMap::new();
        let schema = kind.schema();
        let names = schema.columns;
        let figures = ID_COLUMNS..schema.derived().offsets.tail;
        for (column, field) in schema.api_fields.iter().enumerate() {
            let Some(field) = field.filter(|_| figures.contains(&column)) else {
                continue;
            };
            // The text header's own name first, so that the API's name wins
            // where the two would differ.
            if kind != ReportKind::Legacy
                && let Some(header) = names.get(column)
            {
                map.insert(normalize(header), column);
            }
            map.insert(normalize(field), column);
        }
        map
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_report_has_one_field_per_figure_column_and_no_key_twice() {
        for kind in ReportKind::ALL {
            let schema = kind.schema();
            let tail = schema.derived().offsets.tail;
            // Two columns sharing a key would make one of them unreachable.
            let mut seen = HashMap::new();
            for column in ID_COLUMNS..tail {
                let field = column_field(kind, column);
                let Some(f) = field else {
                    panic!("{kind}: figure column {column} without an API field");
                };
                assert!(
                    seen.insert(normalize(f), column).is_none(),
                    "{kind}: {f} twice"
                );
                assert_eq!(field_column(kind, f), Some(column), "{kind}: {f}");
                if kind != ReportKind::Legacy {
                    let header = schema.columns[column];
                    assert_eq!(field_column(kind, header), Some(column), "{kind}: {header}");
                }
            }
            // The identification and tail columns carry the names the
            // decoder matches by constant.
            let ids = [
                Some(NAME),
                None,
                Some(DATE),
                Some(CODE),
                Some(MARKET),
                Some(REGION),
                Some(COMMODITY),
            ];
            assert_eq!(schema.api_fields[..ID_COLUMNS], ids, "{kind}");
            assert_eq!(
                column_field(kind, kind.units_column()),
                Some(UNITS),
                "{kind}"
            );
            if let Some(scope) = kind.scope_column() {
                assert_eq!(column_field(kind, scope), Some(SCOPE), "{kind}");
            }
            let subgroup = schema.tail_column(crate::records::schema::Tail::SubGroup);
            if let Some(subgroup) = subgroup {
                assert_eq!(column_field(kind, subgroup), Some(SUBGROUP), "{kind}");
            }
            assert_eq!(schema.api_fields.len(), schema.columns.len());
        }
    }

    #[test]
    fn typos_and_case_are_matched() {
        let d = ReportKind::Disaggregated;
        assert_eq!(
            field_column(d, "swap__positions_short_all"),
            field_column(d, "swap_positions_short_all")
        );
        assert_eq!(field_column(d, "Swap__Positions_Short_All"), Some(11));
        assert_eq!(
            field_column(ReportKind::Supplemental, "NComm_Postions_Long_All_NoCIT"),
            Some(8)
        );
        assert_eq!(field_column(ReportKind::Tff, "no_such_field"), None);
        assert_eq!(column_field(ReportKind::Tff, 86), Some(SCOPE));
        assert_eq!(column_field(ReportKind::Legacy, 125), Some(UNITS));
        assert_eq!(column_field(ReportKind::Legacy, 126), None);
    }
}
