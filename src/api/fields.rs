//! The API's field names for every column of every report.
//!
//! CFTC's public-reporting datasets name their fields after the text
//! columns, lowercased, but not by one rule: some drop the `_all` suffix
//! (`lev_money_positions_long`), duplicates in the Old and Other blocks get
//! `_1` and `_2` (`tot_rept_positions_short_1`), and CFTC's typos are kept
//! (`noncomm_postions_spread_all`, `change_in_noncomm_spead_all`,
//! `swap__positions_short_all`). The tables below give, for each report,
//! the field of each figure column in the text layout's order, so a JSON
//! row is laid out as a text row and read by the same parser
//! ([`ReportSchema`](crate::records::schema::ReportSchema) drives both).
//!
//! Sources: the legacy and TFF tables are FORMAT.md sections 1.1 and 2.1
//! (aligned by position, checked against a full TFF record and legacy
//! excerpts of the API); the Disaggregated table follows the same pattern
//! and matches every field of the API's gold rows in
//! `other_formats/socrata_api_snippets`; the Supplemental table is the
//! names public clients use (no record of that dataset was available).
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
use crate::records::schema::{ID_COLUMNS, Tail};

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

/// The field of each figure column of a report, in text-layout order
/// (column 8 of the text file first).
pub fn figure_fields(kind: ReportKind) -> &'static [&'static str] {
    match kind {
        ReportKind::Legacy => &LEGACY,
        ReportKind::Tff => &TFF,
        ReportKind::Disaggregated => &DISAGGREGATED,
        ReportKind::Supplemental => &SUPPLEMENTAL,
    }
}

/// The API field of a text column (0-based), if the API has one: the
/// identification columns, the figures, the units, the subgroup and the
/// scope. The YYMMDD column and the quoted code copies have none.
pub fn column_field(kind: ReportKind, index: usize) -> Option<&'static str> {
    match index {
        0 => return Some(NAME),
        1 => return None,
        2 => return Some(DATE),
        3 => return Some(CODE),
        4 => return Some(MARKET),
        5 => return Some(REGION),
        6 => return Some(COMMODITY),
        _ => {}
    }
    let figures = figure_fields(kind);
    if let Some(name) = figures.get(index - ID_COLUMNS) {
        return Some(name);
    }
    let schema = kind.schema();
    [
        (Tail::Units, UNITS),
        (Tail::SubGroup, SUBGROUP),
        (Tail::Scope, SCOPE),
    ]
    .into_iter()
    .find(|(tail, _)| schema.tail_column(*tail) == Some(index))
    .map(|(_, name)| name)
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
        let names = kind.column_names();
        for (i, field) in figure_fields(kind).iter().enumerate() {
            let column = ID_COLUMNS + i;
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

/// Legacy, columns 8-125 (FORMAT.md section 1.1).
pub const LEGACY: [&str; 118] = [
    "open_interest_all",
    "noncomm_positions_long_all",
    "noncomm_positions_short_all",
    "noncomm_postions_spread_all",
    "comm_positions_long_all",
    "comm_positions_short_all",
    "tot_rept_positions_long_all",
    "tot_rept_positions_short",
    "nonrept_positions_long_all",
    "nonrept_positions_short_all",
    "open_interest_old",
    "noncomm_positions_long_old",
    "noncomm_positions_short_old",
    "noncomm_positions_spread",
    "comm_positions_long_old",
    "comm_positions_short_old",
    "tot_rept_positions_long_old",
    "tot_rept_positions_short_1",
    "nonrept_positions_long_old",
    "nonrept_positions_short_old",
    "open_interest_other",
    "noncomm_positions_long_other",
    "noncomm_positions_short_other",
    "noncomm_positions_spread_1",
    "comm_positions_long_other",
    "comm_positions_short_other",
    "tot_rept_positions_long_other",
    "tot_rept_positions_short_2",
    "nonrept_positions_long_other",
    "nonrept_positions_short_other",
    "change_in_open_interest_all",
    "change_in_noncomm_long_all",
    "change_in_noncomm_short_all",
    "change_in_noncomm_spead_all",
    "change_in_comm_long_all",
    "change_in_comm_short_all",
    "change_in_tot_rept_long_all",
    "change_in_tot_rept_short",
    "change_in_nonrept_long_all",
    "change_in_nonrept_short_all",
    "pct_of_open_interest_all",
    "pct_of_oi_noncomm_long_all",
    "pct_of_oi_noncomm_short_all",
    "pct_of_oi_noncomm_spread",
    "pct_of_oi_comm_long_all",
    "pct_of_oi_comm_short_all",
    "pct_of_oi_tot_rept_long_all",
    "pct_of_oi_tot_rept_short",
    "pct_of_oi_nonrept_long_all",
    "pct_of_oi_nonrept_short_all",
    "pct_of_open_interest_old",
    "pct_of_oi_noncomm_long_old",
    "pct_of_oi_noncomm_short_old",
    "pct_of_oi_noncomm_spread_1",
    "pct_of_oi_comm_long_old",
    "pct_of_oi_comm_short_old",
    "pct_of_oi_tot_rept_long_old",
    "pct_of_oi_tot_rept_short_1",
    "pct_of_oi_nonrept_long_old",
    "pct_of_oi_nonrept_short_old",
    "pct_of_open_interest_other",
    "pct_of_oi_noncomm_long_other",
    "pct_of_oi_noncomm_short_other",
    "pct_of_oi_noncomm_spread_2",
    "pct_of_oi_comm_long_other",
    "pct_of_oi_comm_short_other",
    "pct_of_oi_tot_rept_long_other",
    "pct_of_oi_tot_rept_short_2",
    "pct_of_oi_nonrept_long_other",
    "pct_of_oi_nonrept_short_other",
    "traders_tot_all",
    "traders_noncomm_long_all",
    "traders_noncomm_short_all",
    "traders_noncomm_spread_all",
    "traders_comm_long_all",
    "traders_comm_short_all",
    "traders_tot_rept_long_all",
    "traders_tot_rept_short_all",
    "traders_tot_old",
    "traders_noncomm_long_old",
    "traders_noncomm_short_old",
    "traders_noncomm_spead_old",
    "traders_comm_long_old",
    "traders_comm_short_old",
    "traders_tot_rept_long_old",
    "traders_tot_rept_short_old",
    "traders_tot_other",
    "traders_noncomm_long_other",
    "traders_noncomm_short_other",
    "traders_noncomm_spread_other",
    "traders_comm_long_other",
    "traders_comm_short_other",
    "traders_tot_rept_long_other",
    "traders_tot_rept_short_other",
    "conc_gross_le_4_tdr_long",
    "conc_gross_le_4_tdr_short",
    "conc_gross_le_8_tdr_long",
    "conc_gross_le_8_tdr_short",
    "conc_net_le_4_tdr_long_all",
    "conc_net_le_4_tdr_short_all",
    "conc_net_le_8_tdr_long_all",
    "conc_net_le_8_tdr_short_all",
    "conc_gross_le_4_tdr_long_1",
    "conc_gross_le_4_tdr_short_1",
    "conc_gross_le_8_tdr_long_1",
    "conc_gross_le_8_tdr_short_1",
    "conc_net_le_4_tdr_long_old",
    "conc_net_le_4_tdr_short_old",
    "conc_net_le_8_tdr_long_old",
    "conc_net_le_8_tdr_short_old",
    "conc_gross_le_4_tdr_long_2",
    "conc_gross_le_4_tdr_short_2",
    "conc_gross_le_8_tdr_long_2",
    "conc_gross_le_8_tdr_short_2",
    "conc_net_le_4_tdr_long_other",
    "conc_net_le_4_tdr_short_other",
    "conc_net_le_8_tdr_long_other",
    "conc_net_le_8_tdr_short_other",
];

/// Traders in Financial Futures, columns 8-81 (FORMAT.md section 2.1).
pub const TFF: [&str; 74] = [
    "open_interest_all",
    "dealer_positions_long_all",
    "dealer_positions_short_all",
    "dealer_positions_spread_all",
    "asset_mgr_positions_long",
    "asset_mgr_positions_short",
    "asset_mgr_positions_spread",
    "lev_money_positions_long",
    "lev_money_positions_short",
    "lev_money_positions_spread",
    "other_rept_positions_long",
    "other_rept_positions_short",
    "other_rept_positions_spread",
    "tot_rept_positions_long_all",
    "tot_rept_positions_short",
    "nonrept_positions_long_all",
    "nonrept_positions_short_all",
    "change_in_open_interest_all",
    "change_in_dealer_long_all",
    "change_in_dealer_short_all",
    "change_in_dealer_spread_all",
    "change_in_asset_mgr_long",
    "change_in_asset_mgr_short",
    "change_in_asset_mgr_spread",
    "change_in_lev_money_long",
    "change_in_lev_money_short",
    "change_in_lev_money_spread",
    "change_in_other_rept_long",
    "change_in_other_rept_short",
    "change_in_other_rept_spread",
    "change_in_tot_rept_long_all",
    "change_in_tot_rept_short",
    "change_in_nonrept_long_all",
    "change_in_nonrept_short_all",
    "pct_of_open_interest_all",
    "pct_of_oi_dealer_long_all",
    "pct_of_oi_dealer_short_all",
    "pct_of_oi_dealer_spread_all",
    "pct_of_oi_asset_mgr_long",
    "pct_of_oi_asset_mgr_short",
    "pct_of_oi_asset_mgr_spread",
    "pct_of_oi_lev_money_long",
    "pct_of_oi_lev_money_short",
    "pct_of_oi_lev_money_spread",
    "pct_of_oi_other_rept_long",
    "pct_of_oi_other_rept_short",
    "pct_of_oi_other_rept_spread",
    "pct_of_oi_tot_rept_long_all",
    "pct_of_oi_tot_rept_short",
    "pct_of_oi_nonrept_long_all",
    "pct_of_oi_nonrept_short_all",
    "traders_tot_all",
    "traders_dealer_long_all",
    "traders_dealer_short_all",
    "traders_dealer_spread_all",
    "traders_asset_mgr_long_all",
    "traders_asset_mgr_short_all",
    "traders_asset_mgr_spread",
    "traders_lev_money_long_all",
    "traders_lev_money_short_all",
    "traders_lev_money_spread",
    "traders_other_rept_long_all",
    "traders_other_rept_short",
    "traders_other_rept_spread",
    "traders_tot_rept_long_all",
    "traders_tot_rept_short_all",
    "conc_gross_le_4_tdr_long",
    "conc_gross_le_4_tdr_short",
    "conc_gross_le_8_tdr_long",
    "conc_gross_le_8_tdr_short",
    "conc_net_le_4_tdr_long_all",
    "conc_net_le_4_tdr_short_all",
    "conc_net_le_8_tdr_long_all",
    "conc_net_le_8_tdr_short_all",
];

/// Disaggregated, columns 8-185.
pub const DISAGGREGATED: [&str; 178] = [
    "open_interest_all",
    "prod_merc_positions_long",
    "prod_merc_positions_short",
    "swap_positions_long_all",
    "swap__positions_short_all",
    "swap__positions_spread_all",
    "m_money_positions_long_all",
    "m_money_positions_short_all",
    "m_money_positions_spread",
    "other_rept_positions_long",
    "other_rept_positions_short",
    "other_rept_positions_spread",
    "tot_rept_positions_long_all",
    "tot_rept_positions_short",
    "nonrept_positions_long_all",
    "nonrept_positions_short_all",
    "open_interest_old",
    "prod_merc_positions_long_1",
    "prod_merc_positions_short_1",
    "swap_positions_long_old",
    "swap__positions_short_old",
    "swap__positions_spread_old",
    "m_money_positions_long_old",
    "m_money_positions_short_old",
    "m_money_positions_spread_1",
    "other_rept_positions_long_1",
    "other_rept_positions_short_1",
    "other_rept_positions_spread_1",
    "tot_rept_positions_long_old",
    "tot_rept_positions_short_1",
    "nonrept_positions_long_old",
    "nonrept_positions_short_old",
    "open_interest_other",
    "prod_merc_positions_long_2",
    "prod_merc_positions_short_2",
    "swap_positions_long_other",
    "swap__positions_short_other",
    "swap__positions_spread_other",
    "m_money_positions_long_other",
    "m_money_positions_short_other",
    "m_money_positions_spread_2",
    "other_rept_positions_long_2",
    "other_rept_positions_short_2",
    "other_rept_positions_spread_2",
    "tot_rept_positions_long_other",
    "tot_rept_positions_short_2",
    "nonrept_positions_long_other",
    "nonrept_positions_short_other",
    "change_in_open_interest_all",
    "change_in_prod_merc_long",
    "change_in_prod_merc_short",
    "change_in_swap_long_all",
    "change_in_swap_short_all",
    "change_in_swap_spread_all",
    "change_in_m_money_long_all",
    "change_in_m_money_short_all",
    "change_in_m_money_spread",
    "change_in_other_rept_long",
    "change_in_other_rept_short",
    "change_in_other_rept_spread",
    "change_in_tot_rept_long_all",
    "change_in_tot_rept_short",
    "change_in_nonrept_long_all",
    "change_in_nonrept_short_all",
    "pct_of_open_interest_all",
    "pct_of_oi_prod_merc_long",
    "pct_of_oi_prod_merc_short",
    "pct_of_oi_swap_long_all",
    "pct_of_oi_swap_short_all",
    "pct_of_oi_swap_spread_all",
    "pct_of_oi_m_money_long_all",
    "pct_of_oi_m_money_short_all",
    "pct_of_oi_m_money_spread",
    "pct_of_oi_other_rept_long",
    "pct_of_oi_other_rept_short",
    "pct_of_oi_other_rept_spread",
    "pct_of_oi_tot_rept_long_all",
    "pct_of_oi_tot_rept_short",
    "pct_of_oi_nonrept_long_all",
    "pct_of_oi_nonrept_short_all",
    "pct_of_open_interest_old",
    "pct_of_oi_prod_merc_long_1",
    "pct_of_oi_prod_merc_short_1",
    "pct_of_oi_swap_long_old",
    "pct_of_oi_swap_short_old",
    "pct_of_oi_swap_spread_old",
    "pct_of_oi_m_money_long_old",
    "pct_of_oi_m_money_short_old",
    "pct_of_oi_m_money_spread_1",
    "pct_of_oi_other_rept_long_1",
    "pct_of_oi_other_rept_short_1",
    "pct_of_oi_other_rept_spread_1",
    "pct_of_oi_tot_rept_long_old",
    "pct_of_oi_tot_rept_short_1",
    "pct_of_oi_nonrept_long_old",
    "pct_of_oi_nonrept_short_old",
    "pct_of_open_interest_other",
    "pct_of_oi_prod_merc_long_2",
    "pct_of_oi_prod_merc_short_2",
    "pct_of_oi_swap_long_other",
    "pct_of_oi_swap_short_other",
    "pct_of_oi_swap_spread_other",
    "pct_of_oi_m_money_long_other",
    "pct_of_oi_m_money_short_other",
    "pct_of_oi_m_money_spread_2",
    "pct_of_oi_other_rept_long_2",
    "pct_of_oi_other_rept_short_2",
    "pct_of_oi_other_rept_spread_2",
    "pct_of_oi_tot_rept_long_other",
    "pct_of_oi_tot_rept_short_2",
    "pct_of_oi_nonrept_long_other",
    "pct_of_oi_nonrept_short_other",
    "traders_tot_all",
    "traders_prod_merc_long_all",
    "traders_prod_merc_short_all",
    "traders_swap_long_all",
    "traders_swap_short_all",
    "traders_swap_spread_all",
    "traders_m_money_long_all",
    "traders_m_money_short_all",
    "traders_m_money_spread_all",
    "traders_other_rept_long_all",
    "traders_other_rept_short",
    "traders_other_rept_spread",
    "traders_tot_rept_long_all",
    "traders_tot_rept_short_all",
    "traders_tot_old",
    "traders_prod_merc_long_old",
    "traders_prod_merc_short_old",
    "traders_swap_long_old",
    "traders_swap_short_old",
    "traders_swap_spread_old",
    "traders_m_money_long_old",
    "traders_m_money_short_old",
    "traders_m_money_spread_old",
    "traders_other_rept_long_old",
    "traders_other_rept_short_1",
    "traders_other_rept_spread_1",
    "traders_tot_rept_long_old",
    "traders_tot_rept_short_old",
    "traders_tot_other",
    "traders_prod_merc_long_other",
    "traders_prod_merc_short_other",
    "traders_swap_long_other",
    "traders_swap_short_other",
    "traders_swap_spread_other",
    "traders_m_money_long_other",
    "traders_m_money_short_other",
    "traders_m_money_spread_other",
    "traders_other_rept_long_other",
    "traders_other_rept_short_2",
    "traders_other_rept_spread_2",
    "traders_tot_rept_long_other",
    "traders_tot_rept_short_other",
    "conc_gross_le_4_tdr_long",
    "conc_gross_le_4_tdr_short",
    "conc_gross_le_8_tdr_long",
    "conc_gross_le_8_tdr_short",
    "conc_net_le_4_tdr_long_all",
    "conc_net_le_4_tdr_short_all",
    "conc_net_le_8_tdr_long_all",
    "conc_net_le_8_tdr_short_all",
    "conc_gross_le_4_tdr_long_1",
    "conc_gross_le_4_tdr_short_1",
    "conc_gross_le_8_tdr_long_1",
    "conc_gross_le_8_tdr_short_1",
    "conc_net_le_4_tdr_long_old",
    "conc_net_le_4_tdr_short_old",
    "conc_net_le_8_tdr_long_old",
    "conc_net_le_8_tdr_short_old",
    "conc_gross_le_4_tdr_long_2",
    "conc_gross_le_4_tdr_short_2",
    "conc_gross_le_8_tdr_long_2",
    "conc_gross_le_8_tdr_short_2",
    "conc_net_le_4_tdr_long_other",
    "conc_net_le_4_tdr_short_other",
    "conc_net_le_8_tdr_long_other",
    "conc_net_le_8_tdr_short_other",
];

/// Supplemental (Commodity Index Traders), columns 8-53.
pub const SUPPLEMENTAL: [&str; 46] = [
    "open_interest_all",
    "ncomm_postions_long_all_nocit",
    "ncomm_postions_short_all_nocit",
    "ncomm_postions_spread_all_nocit",
    "comm_positions_long_all_nocit",
    "comm_positions_short_all_nocit",
    "tot_rept_positions_long_all",
    "tot_rept_positions_short",
    "nonrept_positions_long_all",
    "nonrept_positions_short_all",
    "cit_positions_long_all",
    "cit_positions_short_all",
    "change_open_interest_all",
    "change_noncomm_long_all_nocit",
    "change_noncomm_short_all_nocit",
    "change_noncomm_spead_all_nocit",
    "change_comm_long_all_nocit",
    "change_comm_short_all_nocit",
    "change_tot_rept_long_all",
    "change_tot_rept_short_all",
    "change_nonrept_long_all",
    "change_nonrept_short_all",
    "change_cit_long_all",
    "change_cit_short_all",
    "pct_open_interest_all",
    "pct_oi_noncomm_long_all_nocit",
    "pct_oi_noncomm_short_all_nocit",
    "pct_oi_noncomm_spread_all_nocit",
    "pct_oi_comm_long_all_nocit",
    "pct_oi_comm_short_all_nocit",
    "pct_oi_tot_rept_long_all_nocit",
    "pct_oi_tot_rept_short_all_nocit",
    "pct_oi_nonrept_long_all_nocit",
    "pct_oi_nonrept_short_all_nocit",
    "pct_oi_cit_long_all",
    "pct_oi_cit_short_all",
    "traders_tot_all",
    "traders_noncomm_long_all_nocit",
    "traders_noncomm_short_all_nocit",
    "traders_noncomm_spread_all_nocit",
    "traders_comm_long_all_nocit",
    "traders_comm_short_all_nocit",
    "traders_tot_rept_long_all_nocit",
    "traders_tot_rept_short_all_nocit",
    "traders_cit_long_all",
    "traders_cit_short_all",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_report_has_one_field_per_figure_column_and_no_key_twice() {
        for kind in ReportKind::ALL {
            let schema = kind.schema();
            let figures = schema.derived().offsets.tail - ID_COLUMNS;
            assert_eq!(figure_fields(kind).len(), figures, "{kind}");
            // Two columns sharing a key would make one of them unreachable.
            let mut seen = HashMap::new();
            for (i, f) in figure_fields(kind).iter().enumerate() {
                assert!(seen.insert(normalize(f), i).is_none(), "{kind}: {f} twice");
            }
            for (i, f) in figure_fields(kind).iter().enumerate() {
                assert_eq!(field_column(kind, f), Some(ID_COLUMNS + i), "{kind}: {f}");
                assert_eq!(column_field(kind, ID_COLUMNS + i), Some(*f));
            }
            if kind != ReportKind::Legacy {
                for (i, header) in kind
                    .column_names()
                    .iter()
                    .enumerate()
                    .take(ID_COLUMNS + figures)
                    .skip(ID_COLUMNS)
                {
                    assert_eq!(field_column(kind, header), Some(i), "{kind}: {header}");
                }
            }
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
