//! One description per report layout: its columns, in file order, and the
//! trader categories its blocks repeat.
//!
//! A [`ReportSchema`] says everything the crate needs to know about a
//! report's text layout: the header names (as CFTC writes them, typos
//! included, stripped of padding), the trader categories of its position
//! blocks in column order (with or without a spreading column, and their
//! role in CFTC's identities), whether the blocks repeat for the All, Old
//! and Other crop years, whether it has concentration ratios, and its
//! trailing text columns. From it follow every column's offset, which
//! figures may be negative, the identities [`check`](crate::records::check)
//! evaluates and the categories a history can follow. The reader, the
//! writer, the checks and the trader groups all work from it; a record type
//! only says which of its fields holds which block.
//!
//! ```
//! use cftc_cot::records::schema::ReportSchema;
//! use cftc_cot::ReportKind;
//! let disaggregated = ReportSchema::of(ReportKind::Disaggregated);
//! assert_eq!(disaggregated.columns.len(), 191);
//! assert_eq!(disaggregated.positions_width(), 16);
//! // Managed money long is the 14th column (1-based) of the file.
//! let at = disaggregated.positions_column(0, "managed_money").unwrap();
//! assert_eq!(disaggregated.columns[at], "M_Money_Positions_Long_All");
//! ```

use crate::records::ReportKind;

/// What a trader category is to CFTC's identities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// A category of reportable traders: its long (and spreading) positions
    /// add up to open interest with the others'.
    Reportable,
    /// The total of reportable positions.
    TotalReportable,
    /// Nonreportable positions: open interest minus reportable, which CFTC
    /// derives, so they may be negative (1986-1989).
    Nonreportable,
}

/// One trader category of a report's position blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Category {
    /// The record field's name (`noncommercial`, `managed_money`, ...).
    pub name: &'static str,
    /// Whether it has a spreading column after long and short.
    pub spread: bool,
    /// Its role in the identities.
    pub role: Role,
}

impl Category {
    const fn new(name: &'static str, spread: bool, role: Role) -> Self {
        Category { name, spread, role }
    }

    /// Columns it takes in a position block: 2, or 3 with spreading.
    pub const fn width(&self) -> usize {
        if self.spread { 3 } else { 2 }
    }
}

/// A trailing text column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tail {
    /// `Contract Units`.
    Units,
    /// The quoted copy of the contract market code.
    QuotedCode,
    /// The quoted copy of the market code.
    QuotedMarket,
    /// The quoted copy of the commodity code.
    QuotedCommodity,
    /// `CFTC_SubGroup_Code`.
    SubGroup,
    /// `FutOnly_or_Combined`.
    Scope,
}

/// The names of one column of a report: its header name in the text files and its
/// field in CFTC's public-reporting API, side by side so that the two
/// cannot drift apart.
///
/// ```
/// use cftc_cot::records::schema::TFF_TABLE;
/// assert_eq!(TFF_TABLE[8].name, "Dealer_Positions_Long_All");
/// assert_eq!(TFF_TABLE[8].api, Some("dealer_positions_long_all"));
/// // The YYMMDD column has no API field.
/// assert_eq!(TFF_TABLE[1].api, None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ColumnNames {
    /// The header name, as CFTC writes it, stripped of padding.
    pub name: &'static str,
    /// The field of CFTC's public-reporting API, if the API has the column
    /// (the YYMMDD column and the quoted code copies it has not).
    pub api: Option<&'static str>,
}

impl ColumnNames {
    const fn api(name: &'static str, api: &'static str) -> Self {
        ColumnNames {
            name,
            api: Some(api),
        }
    }

    const fn text(name: &'static str) -> Self {
        ColumnNames { name, api: None }
    }
}

/// The header names of a table, in order.
const fn names<const N: usize>(table: &[ColumnNames; N]) -> [&'static str; N] {
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = table[i].name;
        i += 1;
    }
    out
}

/// The API fields of a table, in order.
const fn api_fields<const N: usize>(table: &[ColumnNames; N]) -> [Option<&'static str>; N] {
    let mut out = [None; N];
    let mut i = 0;
    while i < N {
        out[i] = table[i].api;
        i += 1;
    }
    out
}

/// Header names of the legacy report, from [`LEGACY_TABLE`].
pub const LEGACY_COLUMNS: [&str; 129] = names(&LEGACY_TABLE);
/// Header names of the TFF report, from [`TFF_TABLE`].
pub const TFF_COLUMNS: [&str; 87] = names(&TFF_TABLE);
/// Header names of the Disaggregated report, from [`DISAGGREGATED_TABLE`].
pub const DISAGGREGATED_COLUMNS: [&str; 191] = names(&DISAGGREGATED_TABLE);
/// Header names of the Supplemental report, from [`SUPPLEMENTAL_TABLE`].
pub const SUPPLEMENTAL_COLUMNS: [&str; 54] = names(&SUPPLEMENTAL_TABLE);

const LEGACY_API: [Option<&str>; 129] = api_fields(&LEGACY_TABLE);
const TFF_API: [Option<&str>; 87] = api_fields(&TFF_TABLE);
const DISAGGREGATED_API: [Option<&str>; 191] = api_fields(&DISAGGREGATED_TABLE);
const SUPPLEMENTAL_API: [Option<&str>; 54] = api_fields(&SUPPLEMENTAL_TABLE);

/// The description of one report's text layout. See the [module docs](self).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportSchema {
    /// The report.
    pub kind: ReportKind,
    /// Header names in file order.
    pub columns: &'static [&'static str],
    /// The API field of each column, in file order (`None` where the API
    /// has no such field).
    pub api_fields: &'static [Option<&'static str>],
    /// Trader categories of a position block, in column order, after open
    /// interest.
    pub categories: &'static [Category],
    /// Whether positions, percents, trader counts and concentration repeat
    /// for All, Old and Other crop years (changes are for All only).
    pub crops: bool,
    /// Whether concentration ratios follow the trader counts.
    pub concentration: bool,
    /// The text columns after the figures.
    pub tail: &'static [Tail],
    /// Whether the contract market, market and commodity codes are quoted
    /// in every row (the Supplemental file: `"001602","CBT ",00,"001 "`).
    pub quoted_id_codes: bool,
}

/// Where each block of a layout starts (0-based columns).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offsets {
    /// Positions of All, then Old and Other if the report has crops.
    pub positions: Vec<usize>,
    /// Changes since the previous report (All).
    pub change: usize,
    /// Percents of open interest, per crop.
    pub percent: Vec<usize>,
    /// Trader counts, per crop.
    pub traders: Vec<usize>,
    /// Concentration ratios, per crop (empty without them).
    pub concentration: Vec<usize>,
    /// The first trailing text column.
    pub tail: usize,
}

/// What follows from a description, kept for the reader.
#[derive(Debug)]
pub(crate) struct Derived {
    pub offsets: Offsets,
    pub may_be_negative: Vec<bool>,
}

/// The identification columns before the figures.
pub const ID_COLUMNS: usize = 7;
/// Columns of a concentration block: gross and net, 4 and 8 traders, long and short.
pub const CONCENTRATION_WIDTH: usize = 8;

const LEGACY_CATEGORIES: [Category; 4] = [
    Category::new("noncommercial", true, Role::Reportable),
    Category::new("commercial", false, Role::Reportable),
    Category::new("total_reportable", false, Role::TotalReportable),
    Category::new("nonreportable", false, Role::Nonreportable),
];

const TFF_CATEGORIES: [Category; 6] = [
    Category::new("dealer", true, Role::Reportable),
    Category::new("asset_manager", true, Role::Reportable),
    Category::new("leveraged_funds", true, Role::Reportable),
    Category::new("other_reportables", true, Role::Reportable),
    Category::new("total_reportable", false, Role::TotalReportable),
    Category::new("nonreportable", false, Role::Nonreportable),
];

const DISAGGREGATED_CATEGORIES: [Category; 6] = [
    Category::new("producer_merchant", false, Role::Reportable),
    Category::new("swap_dealers", true, Role::Reportable),
    Category::new("managed_money", true, Role::Reportable),
    Category::new("other_reportables", true, Role::Reportable),
    Category::new("total_reportable", false, Role::TotalReportable),
    Category::new("nonreportable", false, Role::Nonreportable),
];

const SUPPLEMENTAL_CATEGORIES: [Category; 5] = [
    Category::new("noncommercial", true, Role::Reportable),
    Category::new("commercial", false, Role::Reportable),
    Category::new("total_reportable", false, Role::TotalReportable),
    Category::new("nonreportable", false, Role::Nonreportable),
    Category::new("index_traders", false, Role::Reportable),
];

const CODES_TAIL: [Tail; 4] = [
    Tail::Units,
    Tail::QuotedCode,
    Tail::QuotedMarket,
    Tail::QuotedCommodity,
];

const FINANCIAL_TAIL: [Tail; 6] = [
    Tail::Units,
    Tail::QuotedCode,
    Tail::QuotedMarket,
    Tail::QuotedCommodity,
    Tail::SubGroup,
    Tail::Scope,
];

/// The legacy report.
pub const LEGACY: ReportSchema = ReportSchema {
    kind: ReportKind::Legacy,
    columns: &LEGACY_COLUMNS,
    api_fields: &LEGACY_API,
    categories: &LEGACY_CATEGORIES,
    crops: true,
    concentration: true,
    tail: &CODES_TAIL,
    quoted_id_codes: false,
};

/// Traders in Financial Futures.
pub const TFF: ReportSchema = ReportSchema {
    kind: ReportKind::Tff,
    columns: &TFF_COLUMNS,
    api_fields: &TFF_API,
    categories: &TFF_CATEGORIES,
    crops: false,
    concentration: true,
    tail: &FINANCIAL_TAIL,
    quoted_id_codes: false,
};

/// The Disaggregated report.
pub const DISAGGREGATED: ReportSchema = ReportSchema {
    kind: ReportKind::Disaggregated,
    columns: &DISAGGREGATED_COLUMNS,
    api_fields: &DISAGGREGATED_API,
    categories: &DISAGGREGATED_CATEGORIES,
    crops: true,
    concentration: true,
    tail: &FINANCIAL_TAIL,
    quoted_id_codes: false,
};

/// The Supplemental report (Commodity Index Traders).
pub const SUPPLEMENTAL: ReportSchema = ReportSchema {
    kind: ReportKind::Supplemental,
    columns: &SUPPLEMENTAL_COLUMNS,
    api_fields: &SUPPLEMENTAL_API,
    categories: &SUPPLEMENTAL_CATEGORIES,
    crops: false,
    concentration: false,
    tail: &[Tail::Units],
    quoted_id_codes: true,
};

impl ReportSchema {
    /// The description of a report.
    pub fn of(kind: ReportKind) -> &'static ReportSchema {
        match kind {
            ReportKind::Legacy => &LEGACY,
            ReportKind::Tff => &TFF,
            ReportKind::Disaggregated => &DISAGGREGATED,
            ReportKind::Supplemental => &SUPPLEMENTAL,
        }
    }

    /// Columns of a position block: open interest and every category.
    pub fn positions_width(&self) -> usize {
        1 + self.categories.iter().map(Category::width).sum::<usize>()
    }

    /// Columns of a trader-count block: the total and every category but
    /// nonreportable.
    pub fn traders_width(&self) -> usize {
        1 + self
            .categories
            .iter()
            .filter(|c| c.role != Role::Nonreportable)
            .map(Category::width)
            .sum::<usize>()
    }

    /// 3 with crop years (All, Old, Other), else 1.
    pub fn crop_count(&self) -> usize {
        if self.crops { 3 } else { 1 }
    }

    /// The offsets and sign rules of a report, computed once: the reader
    /// asks for them on every row.
    pub(crate) fn derived(&self) -> &'static Derived {
        static CACHE: [std::sync::OnceLock<Derived>; 4] = [
            std::sync::OnceLock::new(),
            std::sync::OnceLock::new(),
            std::sync::OnceLock::new(),
            std::sync::OnceLock::new(),
        ];
        let slot = match self.kind {
            ReportKind::Legacy => &CACHE[0],
            ReportKind::Tff => &CACHE[1],
            ReportKind::Disaggregated => &CACHE[2],
            ReportKind::Supplemental => &CACHE[3],
        };
        let schema = ReportSchema::of(self.kind);
        slot.get_or_init(|| Derived {
            offsets: schema.offsets(),
            may_be_negative: schema.may_be_negative(),
        })
    }

    /// Where each block starts.
    pub fn offsets(&self) -> Offsets {
        let crops = self.crop_count();
        let (p, t) = (self.positions_width(), self.traders_width());
        let mut at = ID_COLUMNS;
        let mut run = |width: usize, n: usize| {
            let starts: Vec<usize> = (0..n).map(|i| at + i * width).collect();
            at += width * n;
            starts
        };
        let positions = run(p, crops);
        let change = run(p, 1).first().copied().unwrap_or_default();
        let percent = run(p, crops);
        let traders = run(t, crops);
        let concentration = if self.concentration {
            run(CONCENTRATION_WIDTH, crops)
        } else {
            Vec::new()
        };
        Offsets {
            positions,
            change,
            percent,
            traders,
            concentration,
            tail: at,
        }
    }

    /// The column of a trailing text column, if the report has it.
    pub fn tail_column(&self, tail: Tail) -> Option<usize> {
        let at = self.derived().offsets.tail;
        self.tail.iter().position(|t| *t == tail).map(|i| at + i)
    }

    /// Offset of a category's long column inside a position block.
    pub fn category_offset(&self, name: &str) -> Option<usize> {
        let mut at = 1;
        for c in self.categories {
            if c.name == name {
                return Some(at);
            }
            at += c.width();
        }
        None
    }

    /// The file column of a category's long position in crop `crop` (0: All).
    pub fn positions_column(&self, crop: usize, name: &str) -> Option<usize> {
        let start = *self.offsets().positions.get(crop)?;
        Some(start + self.category_offset(name)?)
    }

    /// For each column of a position block of All: whether a negative value
    /// is a figure CFTC prints (nonreportable, derived as open interest
    /// minus reportable) rather than an impossible one.
    pub fn may_be_negative(&self) -> Vec<bool> {
        let mut out = vec![false];
        for c in self.categories {
            out.extend(std::iter::repeat_n(
                c.role == Role::Nonreportable,
                c.width(),
            ));
        }
        out
    }

    /// CFTC's identities over the values of a position block (column
    /// order): the long side, the short side, reportable plus nonreportable
    /// long, the same short. `None` where a value is missing.
    pub fn identity_sums(&self, values: &[Option<i64>]) -> [Option<i64>; 4] {
        let mut long = Some(0i64);
        let mut short = Some(0i64);
        let mut total = [None, None];
        let mut nonreportable = [None, None];
        let add =
            |acc: Option<i64>, v: Option<&Option<i64>>| -> Option<i64> { acc?.checked_add((*v?)?) };
        let mut at = 1;
        for c in self.categories {
            let (l, s, spread) = (values.get(at), values.get(at + 1), values.get(at + 2));
            match c.role {
                Role::Reportable => {
                    long = add(long, l);
                    short = add(short, s);
                    if c.spread {
                        long = add(long, spread);
                        short = add(short, spread);
                    }
                }
                Role::TotalReportable => total = [l.copied().flatten(), s.copied().flatten()],
                Role::Nonreportable => {
                    nonreportable = [l.copied().flatten(), s.copied().flatten()];
                    long = add(long, l);
                    short = add(short, s);
                }
            }
            at += c.width();
        }
        let sum = |a: Option<i64>, b: Option<i64>| a?.checked_add(b?);
        [
            long,
            short,
            sum(total[0], nonreportable[0]),
            sum(total[1], nonreportable[1]),
        ]
    }
}

/// Every column of the legacy report (129): its header name and its API
/// field (FORMAT.md section 1.1, aligned by position and checked against
/// legacy excerpts of the API).
pub const LEGACY_TABLE: [ColumnNames; 129] = [
    ColumnNames::api("Market and Exchange Names", "market_and_exchange_names"),
    ColumnNames::text("As of Date in Form YYMMDD"),
    ColumnNames::api("As of Date in Form YYYY-MM-DD", "report_date_as_yyyy_mm_dd"),
    ColumnNames::api("CFTC Contract Market Code", "cftc_contract_market_code"),
    ColumnNames::api("CFTC Market Code in Initials", "cftc_market_code"),
    ColumnNames::api("CFTC Region Code", "cftc_region_code"),
    ColumnNames::api("CFTC Commodity Code", "cftc_commodity_code"),
    ColumnNames::api("Open Interest (All)", "open_interest_all"),
    ColumnNames::api(
        "Noncommercial Positions-Long (All)",
        "noncomm_positions_long_all",
    ),
    ColumnNames::api(
        "Noncommercial Positions-Short (All)",
        "noncomm_positions_short_all",
    ),
    ColumnNames::api(
        "Noncommercial Positions-Spreading (All)",
        "noncomm_postions_spread_all",
    ),
    ColumnNames::api("Commercial Positions-Long (All)", "comm_positions_long_all"),
    ColumnNames::api(
        "Commercial Positions-Short (All)",
        "comm_positions_short_all",
    ),
    ColumnNames::api(
        "Total Reportable Positions-Long (All)",
        "tot_rept_positions_long_all",
    ),
    ColumnNames::api(
        "Total Reportable Positions-Short (All)",
        "tot_rept_positions_short",
    ),
    ColumnNames::api(
        "Nonreportable Positions-Long (All)",
        "nonrept_positions_long_all",
    ),
    ColumnNames::api(
        "Nonreportable Positions-Short (All)",
        "nonrept_positions_short_all",
    ),
    ColumnNames::api("Open Interest (Old)", "open_interest_old"),
    ColumnNames::api(
        "Noncommercial Positions-Long (Old)",
        "noncomm_positions_long_old",
    ),
    ColumnNames::api(
        "Noncommercial Positions-Short (Old)",
        "noncomm_positions_short_old",
    ),
    ColumnNames::api(
        "Noncommercial Positions-Spreading (Old)",
        "noncomm_positions_spread",
    ),
    ColumnNames::api("Commercial Positions-Long (Old)", "comm_positions_long_old"),
    ColumnNames::api(
        "Commercial Positions-Short (Old)",
        "comm_positions_short_old",
    ),
    ColumnNames::api(
        "Total Reportable Positions-Long (Old)",
        "tot_rept_positions_long_old",
    ),
    ColumnNames::api(
        "Total Reportable Positions-Short (Old)",
        "tot_rept_positions_short_1",
    ),
    ColumnNames::api(
        "Nonreportable Positions-Long (Old)",
        "nonrept_positions_long_old",
    ),
    ColumnNames::api(
        "Nonreportable Positions-Short (Old)",
        "nonrept_positions_short_old",
    ),
    ColumnNames::api("Open Interest (Other)", "open_interest_other"),
    ColumnNames::api(
        "Noncommercial Positions-Long (Other)",
        "noncomm_positions_long_other",
    ),
    ColumnNames::api(
        "Noncommercial Positions-Short (Other)",
        "noncomm_positions_short_other",
    ),
    ColumnNames::api(
        "Noncommercial Positions-Spreading (Other)",
        "noncomm_positions_spread_1",
    ),
    ColumnNames::api(
        "Commercial Positions-Long (Other)",
        "comm_positions_long_other",
    ),
    ColumnNames::api(
        "Commercial Positions-Short (Other)",
        "comm_positions_short_other",
    ),
    ColumnNames::api(
        "Total Reportable Positions-Long (Other)",
        "tot_rept_positions_long_other",
    ),
    ColumnNames::api(
        "Total Reportable Positions-Short (Other)",
        "tot_rept_positions_short_2",
    ),
    ColumnNames::api(
        "Nonreportable Positions-Long (Other)",
        "nonrept_positions_long_other",
    ),
    ColumnNames::api(
        "Nonreportable Positions-Short (Other)",
        "nonrept_positions_short_other",
    ),
    ColumnNames::api(
        "Change in Open Interest (All)",
        "change_in_open_interest_all",
    ),
    ColumnNames::api(
        "Change in Noncommercial-Long (All)",
        "change_in_noncomm_long_all",
    ),
    ColumnNames::api(
        "Change in Noncommercial-Short (All)",
        "change_in_noncomm_short_all",
    ),
    ColumnNames::api(
        "Change in Noncommercial-Spreading (All)",
        "change_in_noncomm_spead_all",
    ),
    ColumnNames::api("Change in Commercial-Long (All)", "change_in_comm_long_all"),
    ColumnNames::api(
        "Change in Commercial-Short (All)",
        "change_in_comm_short_all",
    ),
    ColumnNames::api(
        "Change in Total Reportable-Long (All)",
        "change_in_tot_rept_long_all",
    ),
    ColumnNames::api(
        "Change in Total Reportable-Short (All)",
        "change_in_tot_rept_short",
    ),
    ColumnNames::api(
        "Change in Nonreportable-Long (All)",
        "change_in_nonrept_long_all",
    ),
    ColumnNames::api(
        "Change in Nonreportable-Short (All)",
        "change_in_nonrept_short_all",
    ),
    ColumnNames::api("% of Open Interest (OI) (All)", "pct_of_open_interest_all"),
    ColumnNames::api(
        "% of OI-Noncommercial-Long (All)",
        "pct_of_oi_noncomm_long_all",
    ),
    ColumnNames::api(
        "% of OI-Noncommercial-Short (All)",
        "pct_of_oi_noncomm_short_all",
    ),
    ColumnNames::api(
        "% of OI-Noncommercial-Spreading (All)",
        "pct_of_oi_noncomm_spread",
    ),
    ColumnNames::api("% of OI-Commercial-Long (All)", "pct_of_oi_comm_long_all"),
    ColumnNames::api("% of OI-Commercial-Short (All)", "pct_of_oi_comm_short_all"),
    ColumnNames::api(
        "% of OI-Total Reportable-Long (All)",
        "pct_of_oi_tot_rept_long_all",
    ),
    ColumnNames::api(
        "% of OI-Total Reportable-Short (All)",
        "pct_of_oi_tot_rept_short",
    ),
    ColumnNames::api(
        "% of OI-Nonreportable-Long (All)",
        "pct_of_oi_nonrept_long_all",
    ),
    ColumnNames::api(
        "% of OI-Nonreportable-Short (All)",
        "pct_of_oi_nonrept_short_all",
    ),
    ColumnNames::api("% of Open Interest (OI)(Old)", "pct_of_open_interest_old"),
    ColumnNames::api(
        "% of OI-Noncommercial-Long (Old)",
        "pct_of_oi_noncomm_long_old",
    ),
    ColumnNames::api(
        "% of OI-Noncommercial-Short (Old)",
        "pct_of_oi_noncomm_short_old",
    ),
    ColumnNames::api(
        "% of OI-Noncommercial-Spreading (Old)",
        "pct_of_oi_noncomm_spread_1",
    ),
    ColumnNames::api("% of OI-Commercial-Long (Old)", "pct_of_oi_comm_long_old"),
    ColumnNames::api("% of OI-Commercial-Short (Old)", "pct_of_oi_comm_short_old"),
    ColumnNames::api(
        "% of OI-Total Reportable-Long (Old)",
        "pct_of_oi_tot_rept_long_old",
    ),
    ColumnNames::api(
        "% of OI-Total Reportable-Short (Old)",
        "pct_of_oi_tot_rept_short_1",
    ),
    ColumnNames::api(
        "% of OI-Nonreportable-Long (Old)",
        "pct_of_oi_nonrept_long_old",
    ),
    ColumnNames::api(
        "% of OI-Nonreportable-Short (Old)",
        "pct_of_oi_nonrept_short_old",
    ),
    ColumnNames::api(
        "% of Open Interest (OI) (Other)",
        "pct_of_open_interest_other",
    ),
    ColumnNames::api(
        "% of OI-Noncommercial-Long (Other)",
        "pct_of_oi_noncomm_long_other",
    ),
    ColumnNames::api(
        "% of OI-Noncommercial-Short (Other)",
        "pct_of_oi_noncomm_short_other",
    ),
    ColumnNames::api(
        "% of OI-Noncommercial-Spreading (Other)",
        "pct_of_oi_noncomm_spread_2",
    ),
    ColumnNames::api(
        "% of OI-Commercial-Long (Other)",
        "pct_of_oi_comm_long_other",
    ),
    ColumnNames::api(
        "% of OI-Commercial-Short (Other)",
        "pct_of_oi_comm_short_other",
    ),
    ColumnNames::api(
        "% of OI-Total Reportable-Long (Other)",
        "pct_of_oi_tot_rept_long_other",
    ),
    ColumnNames::api(
        "% of OI-Total Reportable-Short (Other)",
        "pct_of_oi_tot_rept_short_2",
    ),
    ColumnNames::api(
        "% of OI-Nonreportable-Long (Other)",
        "pct_of_oi_nonrept_long_other",
    ),
    ColumnNames::api(
        "% of OI-Nonreportable-Short (Other)",
        "pct_of_oi_nonrept_short_other",
    ),
    ColumnNames::api("Traders-Total (All)", "traders_tot_all"),
    ColumnNames::api(
        "Traders-Noncommercial-Long (All)",
        "traders_noncomm_long_all",
    ),
    ColumnNames::api(
        "Traders-Noncommercial-Short (All)",
        "traders_noncomm_short_all",
    ),
    ColumnNames::api(
        "Traders-Noncommercial-Spreading (All)",
        "traders_noncomm_spread_all",
    ),
    ColumnNames::api("Traders-Commercial-Long (All)", "traders_comm_long_all"),
    ColumnNames::api("Traders-Commercial-Short (All)", "traders_comm_short_all"),
    ColumnNames::api(
        "Traders-Total Reportable-Long (All)",
        "traders_tot_rept_long_all",
    ),
    ColumnNames::api(
        "Traders-Total Reportable-Short (All)",
        "traders_tot_rept_short_all",
    ),
    ColumnNames::api("Traders-Total (Old)", "traders_tot_old"),
    ColumnNames::api(
        "Traders-Noncommercial-Long (Old)",
        "traders_noncomm_long_old",
    ),
    ColumnNames::api(
        "Traders-Noncommercial-Short (Old)",
        "traders_noncomm_short_old",
    ),
    ColumnNames::api(
        "Traders-Noncommercial-Spreading (Old)",
        "traders_noncomm_spead_old",
    ),
    ColumnNames::api("Traders-Commercial-Long (Old)", "traders_comm_long_old"),
    ColumnNames::api("Traders-Commercial-Short (Old)", "traders_comm_short_old"),
    ColumnNames::api(
        "Traders-Total Reportable-Long (Old)",
        "traders_tot_rept_long_old",
    ),
    ColumnNames::api(
        "Traders-Total Reportable-Short (Old)",
        "traders_tot_rept_short_old",
    ),
    ColumnNames::api("Traders-Total (Other)", "traders_tot_other"),
    ColumnNames::api(
        "Traders-Noncommercial-Long (Other)",
        "traders_noncomm_long_other",
    ),
    ColumnNames::api(
        "Traders-Noncommercial-Short (Other)",
        "traders_noncomm_short_other",
    ),
    ColumnNames::api(
        "Traders-Noncommercial-Spreading (Other)",
        "traders_noncomm_spread_other",
    ),
    ColumnNames::api("Traders-Commercial-Long (Other)", "traders_comm_long_other"),
    ColumnNames::api(
        "Traders-Commercial-Short (Other)",
        "traders_comm_short_other",
    ),
    ColumnNames::api(
        "Traders-Total Reportable-Long (Other)",
        "traders_tot_rept_long_other",
    ),
    ColumnNames::api(
        "Traders-Total Reportable-Short (Other)",
        "traders_tot_rept_short_other",
    ),
    ColumnNames::api(
        "Concentration-Gross LT = 4 TDR-Long (All)",
        "conc_gross_le_4_tdr_long",
    ),
    ColumnNames::api(
        "Concentration-Gross LT =4 TDR-Short (All)",
        "conc_gross_le_4_tdr_short",
    ),
    ColumnNames::api(
        "Concentration-Gross LT =8 TDR-Long (All)",
        "conc_gross_le_8_tdr_long",
    ),
    ColumnNames::api(
        "Concentration-Gross LT =8 TDR-Short (All)",
        "conc_gross_le_8_tdr_short",
    ),
    ColumnNames::api(
        "Concentration-Net LT =4 TDR-Long (All)",
        "conc_net_le_4_tdr_long_all",
    ),
    ColumnNames::api(
        "Concentration-Net LT =4 TDR-Short (All)",
        "conc_net_le_4_tdr_short_all",
    ),
    ColumnNames::api(
        "Concentration-Net LT =8 TDR-Long (All)",
        "conc_net_le_8_tdr_long_all",
    ),
    ColumnNames::api(
        "Concentration-Net LT =8 TDR-Short (All)",
        "conc_net_le_8_tdr_short_all",
    ),
    ColumnNames::api(
        "Concentration-Gross LT =4 TDR-Long (Old)",
        "conc_gross_le_4_tdr_long_1",
    ),
    ColumnNames::api(
        "Concentration-Gross LT =4 TDR-Short (Old)",
        "conc_gross_le_4_tdr_short_1",
    ),
    ColumnNames::api(
        "Concentration-Gross LT =8 TDR-Long (Old)",
        "conc_gross_le_8_tdr_long_1",
    ),
    ColumnNames::api(
        "Concentration-Gross LT =8 TDR-Short (Old)",
        "conc_gross_le_8_tdr_short_1",
    ),
    ColumnNames::api(
        "Concentration-Net LT =4 TDR-Long (Old)",
        "conc_net_le_4_tdr_long_old",
    ),
    ColumnNames::api(
        "Concentration-Net LT =4 TDR-Short (Old)",
        "conc_net_le_4_tdr_short_old",
    ),
    ColumnNames::api(
        "Concentration-Net LT =8 TDR-Long (Old)",
        "conc_net_le_8_tdr_long_old",
    ),
    ColumnNames::api(
        "Concentration-Net LT =8 TDR-Short (Old)",
        "conc_net_le_8_tdr_short_old",
    ),
    ColumnNames::api(
        "Concentration-Gross LT =4 TDR-Long (Other)",
        "conc_gross_le_4_tdr_long_2",
    ),
    ColumnNames::api(
        "Concentration-Gross LT =4 TDR-Short(Other)",
        "conc_gross_le_4_tdr_short_2",
    ),
    ColumnNames::api(
        "Concentration-Gross LT =8 TDR-Long (Other)",
        "conc_gross_le_8_tdr_long_2",
    ),
    ColumnNames::api(
        "Concentration-Gross LT =8 TDR-Short(Other)",
        "conc_gross_le_8_tdr_short_2",
    ),
    ColumnNames::api(
        "Concentration-Net LT =4 TDR-Long (Other)",
        "conc_net_le_4_tdr_long_other",
    ),
    ColumnNames::api(
        "Concentration-Net LT =4 TDR-Short (Other)",
        "conc_net_le_4_tdr_short_other",
    ),
    ColumnNames::api(
        "Concentration-Net LT =8 TDR-Long (Other)",
        "conc_net_le_8_tdr_long_other",
    ),
    ColumnNames::api(
        "Concentration-Net LT =8 TDR-Short (Other)",
        "conc_net_le_8_tdr_short_other",
    ),
    ColumnNames::api("Contract Units", "contract_units"),
    ColumnNames::text("CFTC Contract Market Code (Quotes)"),
    ColumnNames::text("CFTC Market Code in Initials (Quotes)"),
    ColumnNames::text("CFTC Commodity Code (Quotes)"),
];

/// Every column of the Traders in Financial Futures report (87): its header
/// name and its API field (FORMAT.md section 2.1, checked against a full
/// TFF record of the API).
pub const TFF_TABLE: [ColumnNames; 87] = [
    ColumnNames::api("Market_and_Exchange_Names", "market_and_exchange_names"),
    ColumnNames::text("As_of_Date_In_Form_YYMMDD"),
    ColumnNames::api("Report_Date_as_YYYY-MM-DD", "report_date_as_yyyy_mm_dd"),
    ColumnNames::api("CFTC_Contract_Market_Code", "cftc_contract_market_code"),
    ColumnNames::api("CFTC_Market_Code", "cftc_market_code"),
    ColumnNames::api("CFTC_Region_Code", "cftc_region_code"),
    ColumnNames::api("CFTC_Commodity_Code", "cftc_commodity_code"),
    ColumnNames::api("Open_Interest_All", "open_interest_all"),
    ColumnNames::api("Dealer_Positions_Long_All", "dealer_positions_long_all"),
    ColumnNames::api("Dealer_Positions_Short_All", "dealer_positions_short_all"),
    ColumnNames::api("Dealer_Positions_Spread_All", "dealer_positions_spread_all"),
    ColumnNames::api("Asset_Mgr_Positions_Long_All", "asset_mgr_positions_long"),
    ColumnNames::api("Asset_Mgr_Positions_Short_All", "asset_mgr_positions_short"),
    ColumnNames::api(
        "Asset_Mgr_Positions_Spread_All",
        "asset_mgr_positions_spread",
    ),
    ColumnNames::api("Lev_Money_Positions_Long_All", "lev_money_positions_long"),
    ColumnNames::api("Lev_Money_Positions_Short_All", "lev_money_positions_short"),
    ColumnNames::api(
        "Lev_Money_Positions_Spread_All",
        "lev_money_positions_spread",
    ),
    ColumnNames::api("Other_Rept_Positions_Long_All", "other_rept_positions_long"),
    ColumnNames::api(
        "Other_Rept_Positions_Short_All",
        "other_rept_positions_short",
    ),
    ColumnNames::api(
        "Other_Rept_Positions_Spread_All",
        "other_rept_positions_spread",
    ),
    ColumnNames::api("Tot_Rept_Positions_Long_All", "tot_rept_positions_long_all"),
    ColumnNames::api("Tot_Rept_Positions_Short_All", "tot_rept_positions_short"),
    ColumnNames::api("NonRept_Positions_Long_All", "nonrept_positions_long_all"),
    ColumnNames::api("NonRept_Positions_Short_All", "nonrept_positions_short_all"),
    ColumnNames::api("Change_in_Open_Interest_All", "change_in_open_interest_all"),
    ColumnNames::api("Change_in_Dealer_Long_All", "change_in_dealer_long_all"),
    ColumnNames::api("Change_in_Dealer_Short_All", "change_in_dealer_short_all"),
    ColumnNames::api("Change_in_Dealer_Spread_All", "change_in_dealer_spread_all"),
    ColumnNames::api("Change_in_Asset_Mgr_Long_All", "change_in_asset_mgr_long"),
    ColumnNames::api("Change_in_Asset_Mgr_Short_All", "change_in_asset_mgr_short"),
    ColumnNames::api(
        "Change_in_Asset_Mgr_Spread_All",
        "change_in_asset_mgr_spread",
    ),
    ColumnNames::api("Change_in_Lev_Money_Long_All", "change_in_lev_money_long"),
    ColumnNames::api("Change_in_Lev_Money_Short_All", "change_in_lev_money_short"),
    ColumnNames::api(
        "Change_in_Lev_Money_Spread_All",
        "change_in_lev_money_spread",
    ),
    ColumnNames::api("Change_in_Other_Rept_Long_All", "change_in_other_rept_long"),
    ColumnNames::api(
        "Change_in_Other_Rept_Short_All",
        "change_in_other_rept_short",
    ),
    ColumnNames::api(
        "Change_in_Other_Rept_Spread_All",
        "change_in_other_rept_spread",
    ),
    ColumnNames::api("Change_in_Tot_Rept_Long_All", "change_in_tot_rept_long_all"),
    ColumnNames::api("Change_in_Tot_Rept_Short_All", "change_in_tot_rept_short"),
    ColumnNames::api("Change_in_NonRept_Long_All", "change_in_nonrept_long_all"),
    ColumnNames::api("Change_in_NonRept_Short_All", "change_in_nonrept_short_all"),
    ColumnNames::api("Pct_of_Open_Interest_All", "pct_of_open_interest_all"),
    ColumnNames::api("Pct_of_OI_Dealer_Long_All", "pct_of_oi_dealer_long_all"),
    ColumnNames::api("Pct_of_OI_Dealer_Short_All", "pct_of_oi_dealer_short_all"),
    ColumnNames::api("Pct_of_OI_Dealer_Spread_All", "pct_of_oi_dealer_spread_all"),
    ColumnNames::api("Pct_of_OI_Asset_Mgr_Long_All", "pct_of_oi_asset_mgr_long"),
    ColumnNames::api("Pct_of_OI_Asset_Mgr_Short_All", "pct_of_oi_asset_mgr_short"),
    ColumnNames::api(
        "Pct_of_OI_Asset_Mgr_Spread_All",
        "pct_of_oi_asset_mgr_spread",
    ),
    ColumnNames::api("Pct_of_OI_Lev_Money_Long_All", "pct_of_oi_lev_money_long"),
    ColumnNames::api("Pct_of_OI_Lev_Money_Short_All", "pct_of_oi_lev_money_short"),
    ColumnNames::api(
        "Pct_of_OI_Lev_Money_Spread_All",
        "pct_of_oi_lev_money_spread",
    ),
    ColumnNames::api("Pct_of_OI_Other_Rept_Long_All", "pct_of_oi_other_rept_long"),
    ColumnNames::api(
        "Pct_of_OI_Other_Rept_Short_All",
        "pct_of_oi_other_rept_short",
    ),
    ColumnNames::api(
        "Pct_of_OI_Other_Rept_Spread_All",
        "pct_of_oi_other_rept_spread",
    ),
    ColumnNames::api("Pct_of_OI_Tot_Rept_Long_All", "pct_of_oi_tot_rept_long_all"),
    ColumnNames::api("Pct_of_OI_Tot_Rept_Short_All", "pct_of_oi_tot_rept_short"),
    ColumnNames::api("Pct_of_OI_NonRept_Long_All", "pct_of_oi_nonrept_long_all"),
    ColumnNames::api("Pct_of_OI_NonRept_Short_All", "pct_of_oi_nonrept_short_all"),
    ColumnNames::api("Traders_Tot_All", "traders_tot_all"),
    ColumnNames::api("Traders_Dealer_Long_All", "traders_dealer_long_all"),
    ColumnNames::api("Traders_Dealer_Short_All", "traders_dealer_short_all"),
    ColumnNames::api("Traders_Dealer_Spread_All", "traders_dealer_spread_all"),
    ColumnNames::api("Traders_Asset_Mgr_Long_All", "traders_asset_mgr_long_all"),
    ColumnNames::api("Traders_Asset_Mgr_Short_All", "traders_asset_mgr_short_all"),
    ColumnNames::api("Traders_Asset_Mgr_Spread_All", "traders_asset_mgr_spread"),
    ColumnNames::api("Traders_Lev_Money_Long_All", "traders_lev_money_long_all"),
    ColumnNames::api("Traders_Lev_Money_Short_All", "traders_lev_money_short_all"),
    ColumnNames::api("Traders_Lev_Money_Spread_All", "traders_lev_money_spread"),
    ColumnNames::api("Traders_Other_Rept_Long_All", "traders_other_rept_long_all"),
    ColumnNames::api("Traders_Other_Rept_Short_All", "traders_other_rept_short"),
    ColumnNames::api("Traders_Other_Rept_Spread_All", "traders_other_rept_spread"),
    ColumnNames::api("Traders_Tot_Rept_Long_All", "traders_tot_rept_long_all"),
    ColumnNames::api("Traders_Tot_Rept_Short_All", "traders_tot_rept_short_all"),
    ColumnNames::api("Conc_Gross_LE_4_TDR_Long_All", "conc_gross_le_4_tdr_long"),
    ColumnNames::api("Conc_Gross_LE_4_TDR_Short_All", "conc_gross_le_4_tdr_short"),
    ColumnNames::api("Conc_Gross_LE_8_TDR_Long_All", "conc_gross_le_8_tdr_long"),
    ColumnNames::api("Conc_Gross_LE_8_TDR_Short_All", "conc_gross_le_8_tdr_short"),
    ColumnNames::api("Conc_Net_LE_4_TDR_Long_All", "conc_net_le_4_tdr_long_all"),
    ColumnNames::api("Conc_Net_LE_4_TDR_Short_All", "conc_net_le_4_tdr_short_all"),
    ColumnNames::api("Conc_Net_LE_8_TDR_Long_All", "conc_net_le_8_tdr_long_all"),
    ColumnNames::api("Conc_Net_LE_8_TDR_Short_All", "conc_net_le_8_tdr_short_all"),
    ColumnNames::api("Contract_Units", "contract_units"),
    ColumnNames::text("CFTC_Contract_Market_Code_Quotes"),
    ColumnNames::text("CFTC_Market_Code_Quotes"),
    ColumnNames::text("CFTC_Commodity_Code_Quotes"),
    ColumnNames::api("CFTC_SubGroup_Code", "cftc_subgroup_code"),
    ColumnNames::api("FutOnly_or_Combined", "futonly_or_combined"),
];

/// Every column of the Disaggregated report (191): its header name, CFTC's
/// typos included (`Swap__Positions_Short_All`: a double underscore), and
/// its API field, which follows the legacy and TFF pattern and matches
/// every field of the API's gold rows in `other_formats/socrata_api_snippets`.
pub const DISAGGREGATED_TABLE: [ColumnNames; 191] = [
    ColumnNames::api("Market_and_Exchange_Names", "market_and_exchange_names"),
    ColumnNames::text("As_of_Date_In_Form_YYMMDD"),
    ColumnNames::api("Report_Date_as_YYYY-MM-DD", "report_date_as_yyyy_mm_dd"),
    ColumnNames::api("CFTC_Contract_Market_Code", "cftc_contract_market_code"),
    ColumnNames::api("CFTC_Market_Code", "cftc_market_code"),
    ColumnNames::api("CFTC_Region_Code", "cftc_region_code"),
    ColumnNames::api("CFTC_Commodity_Code", "cftc_commodity_code"),
    ColumnNames::api("Open_Interest_All", "open_interest_all"),
    ColumnNames::api("Prod_Merc_Positions_Long_All", "prod_merc_positions_long"),
    ColumnNames::api("Prod_Merc_Positions_Short_All", "prod_merc_positions_short"),
    ColumnNames::api("Swap_Positions_Long_All", "swap_positions_long_all"),
    ColumnNames::api("Swap__Positions_Short_All", "swap__positions_short_all"),
    ColumnNames::api("Swap__Positions_Spread_All", "swap__positions_spread_all"),
    ColumnNames::api("M_Money_Positions_Long_All", "m_money_positions_long_all"),
    ColumnNames::api("M_Money_Positions_Short_All", "m_money_positions_short_all"),
    ColumnNames::api("M_Money_Positions_Spread_All", "m_money_positions_spread"),
    ColumnNames::api("Other_Rept_Positions_Long_All", "other_rept_positions_long"),
    ColumnNames::api(
        "Other_Rept_Positions_Short_All",
        "other_rept_positions_short",
    ),
    ColumnNames::api(
        "Other_Rept_Positions_Spread_All",
        "other_rept_positions_spread",
    ),
    ColumnNames::api("Tot_Rept_Positions_Long_All", "tot_rept_positions_long_all"),
    ColumnNames::api("Tot_Rept_Positions_Short_All", "tot_rept_positions_short"),
    ColumnNames::api("NonRept_Positions_Long_All", "nonrept_positions_long_all"),
    ColumnNames::api("NonRept_Positions_Short_All", "nonrept_positions_short_all"),
    ColumnNames::api("Open_Interest_Old", "open_interest_old"),
    ColumnNames::api("Prod_Merc_Positions_Long_Old", "prod_merc_positions_long_1"),
    ColumnNames::api(
        "Prod_Merc_Positions_Short_Old",
        "prod_merc_positions_short_1",
    ),
    ColumnNames::api("Swap_Positions_Long_Old", "swap_positions_long_old"),
    ColumnNames::api("Swap__Positions_Short_Old", "swap__positions_short_old"),
    ColumnNames::api("Swap__Positions_Spread_Old", "swap__positions_spread_old"),
    ColumnNames::api("M_Money_Positions_Long_Old", "m_money_positions_long_old"),
    ColumnNames::api("M_Money_Positions_Short_Old", "m_money_positions_short_old"),
    ColumnNames::api("M_Money_Positions_Spread_Old", "m_money_positions_spread_1"),
    ColumnNames::api(
        "Other_Rept_Positions_Long_Old",
        "other_rept_positions_long_1",
    ),
    ColumnNames::api(
        "Other_Rept_Positions_Short_Old",
        "other_rept_positions_short_1",
    ),
    ColumnNames::api(
        "Other_Rept_Positions_Spread_Old",
        "other_rept_positions_spread_1",
    ),
    ColumnNames::api("Tot_Rept_Positions_Long_Old", "tot_rept_positions_long_old"),
    ColumnNames::api("Tot_Rept_Positions_Short_Old", "tot_rept_positions_short_1"),
    ColumnNames::api("NonRept_Positions_Long_Old", "nonrept_positions_long_old"),
    ColumnNames::api("NonRept_Positions_Short_Old", "nonrept_positions_short_old"),
    ColumnNames::api("Open_Interest_Other", "open_interest_other"),
    ColumnNames::api(
        "Prod_Merc_Positions_Long_Other",
        "prod_merc_positions_long_2",
    ),
    ColumnNames::api(
        "Prod_Merc_Positions_Short_Other",
        "prod_merc_positions_short_2",
    ),
    ColumnNames::api("Swap_Positions_Long_Other", "swap_positions_long_other"),
    ColumnNames::api("Swap__Positions_Short_Other", "swap__positions_short_other"),
    ColumnNames::api(
        "Swap__Positions_Spread_Other",
        "swap__positions_spread_other",
    ),
    ColumnNames::api(
        "M_Money_Positions_Long_Other",
        "m_money_positions_long_other",
    ),
    ColumnNames::api(
        "M_Money_Positions_Short_Other",
        "m_money_positions_short_other",
    ),
    ColumnNames::api(
        "M_Money_Positions_Spread_Other",
        "m_money_positions_spread_2",
    ),
    ColumnNames::api(
        "Other_Rept_Positions_Long_Other",
        "other_rept_positions_long_2",
    ),
    ColumnNames::api(
        "Other_Rept_Positions_Short_Other",
        "other_rept_positions_short_2",
    ),
    ColumnNames::api(
        "Other_Rept_Positions_Spread_Other",
        "other_rept_positions_spread_2",
    ),
    ColumnNames::api(
        "Tot_Rept_Positions_Long_Other",
        "tot_rept_positions_long_other",
    ),
    ColumnNames::api(
        "Tot_Rept_Positions_Short_Other",
        "tot_rept_positions_short_2",
    ),
    ColumnNames::api(
        "NonRept_Positions_Long_Other",
        "nonrept_positions_long_other",
    ),
    ColumnNames::api(
        "NonRept_Positions_Short_Other",
        "nonrept_positions_short_other",
    ),
    ColumnNames::api("Change_in_Open_Interest_All", "change_in_open_interest_all"),
    ColumnNames::api("Change_in_Prod_Merc_Long_All", "change_in_prod_merc_long"),
    ColumnNames::api("Change_in_Prod_Merc_Short_All", "change_in_prod_merc_short"),
    ColumnNames::api("Change_in_Swap_Long_All", "change_in_swap_long_all"),
    ColumnNames::api("Change_in_Swap_Short_All", "change_in_swap_short_all"),
    ColumnNames::api("Change_in_Swap_Spread_All", "change_in_swap_spread_all"),
    ColumnNames::api("Change_in_M_Money_Long_All", "change_in_m_money_long_all"),
    ColumnNames::api("Change_in_M_Money_Short_All", "change_in_m_money_short_all"),
    ColumnNames::api("Change_in_M_Money_Spread_All", "change_in_m_money_spread"),
    ColumnNames::api("Change_in_Other_Rept_Long_All", "change_in_other_rept_long"),
    ColumnNames::api(
        "Change_in_Other_Rept_Short_All",
        "change_in_other_rept_short",
    ),
    ColumnNames::api(
        "Change_in_Other_Rept_Spread_All",
        "change_in_other_rept_spread",
    ),
    ColumnNames::api("Change_in_Tot_Rept_Long_All", "change_in_tot_rept_long_all"),
    ColumnNames::api("Change_in_Tot_Rept_Short_All", "change_in_tot_rept_short"),
    ColumnNames::api("Change_in_NonRept_Long_All", "change_in_nonrept_long_all"),
    ColumnNames::api("Change_in_NonRept_Short_All", "change_in_nonrept_short_all"),
    ColumnNames::api("Pct_of_Open_Interest_All", "pct_of_open_interest_all"),
    ColumnNames::api("Pct_of_OI_Prod_Merc_Long_All", "pct_of_oi_prod_merc_long"),
    ColumnNames::api("Pct_of_OI_Prod_Merc_Short_All", "pct_of_oi_prod_merc_short"),
    ColumnNames::api("Pct_of_OI_Swap_Long_All", "pct_of_oi_swap_long_all"),
    ColumnNames::api("Pct_of_OI_Swap_Short_All", "pct_of_oi_swap_short_all"),
    ColumnNames::api("Pct_of_OI_Swap_Spread_All", "pct_of_oi_swap_spread_all"),
    ColumnNames::api("Pct_of_OI_M_Money_Long_All", "pct_of_oi_m_money_long_all"),
    ColumnNames::api("Pct_of_OI_M_Money_Short_All", "pct_of_oi_m_money_short_all"),
    ColumnNames::api("Pct_of_OI_M_Money_Spread_All", "pct_of_oi_m_money_spread"),
    ColumnNames::api("Pct_of_OI_Other_Rept_Long_All", "pct_of_oi_other_rept_long"),
    ColumnNames::api(
        "Pct_of_OI_Other_Rept_Short_All",
        "pct_of_oi_other_rept_short",
    ),
    ColumnNames::api(
        "Pct_of_OI_Other_Rept_Spread_All",
        "pct_of_oi_other_rept_spread",
    ),
    ColumnNames::api("Pct_of_OI_Tot_Rept_Long_All", "pct_of_oi_tot_rept_long_all"),
    ColumnNames::api("Pct_of_OI_Tot_Rept_Short_All", "pct_of_oi_tot_rept_short"),
    ColumnNames::api("Pct_of_OI_NonRept_Long_All", "pct_of_oi_nonrept_long_all"),
    ColumnNames::api("Pct_of_OI_NonRept_Short_All", "pct_of_oi_nonrept_short_all"),
    ColumnNames::api("Pct_of_Open_Interest_Old", "pct_of_open_interest_old"),
    ColumnNames::api("Pct_of_OI_Prod_Merc_Long_Old", "pct_of_oi_prod_merc_long_1"),
    ColumnNames::api(
        "Pct_of_OI_Prod_Merc_Short_Old",
        "pct_of_oi_prod_merc_short_1",
    ),
    ColumnNames::api("Pct_of_OI_Swap_Long_Old", "pct_of_oi_swap_long_old"),
    ColumnNames::api("Pct_of_OI_Swap_Short_Old", "pct_of_oi_swap_short_old"),
    ColumnNames::api("Pct_of_OI_Swap_Spread_Old", "pct_of_oi_swap_spread_old"),
    ColumnNames::api("Pct_of_OI_M_Money_Long_Old", "pct_of_oi_m_money_long_old"),
    ColumnNames::api("Pct_of_OI_M_Money_Short_Old", "pct_of_oi_m_money_short_old"),
    ColumnNames::api("Pct_of_OI_M_Money_Spread_Old", "pct_of_oi_m_money_spread_1"),
    ColumnNames::api(
        "Pct_of_OI_Other_Rept_Long_Old",
        "pct_of_oi_other_rept_long_1",
    ),
    ColumnNames::api(
        "Pct_of_OI_Other_Rept_Short_Old",
        "pct_of_oi_other_rept_short_1",
    ),
    ColumnNames::api(
        "Pct_of_OI_Other_Rept_Spread_Old",
        "pct_of_oi_other_rept_spread_1",
    ),
    ColumnNames::api("Pct_of_OI_Tot_Rept_Long_Old", "pct_of_oi_tot_rept_long_old"),
    ColumnNames::api("Pct_of_OI_Tot_Rept_Short_Old", "pct_of_oi_tot_rept_short_1"),
    ColumnNames::api("Pct_of_OI_NonRept_Long_Old", "pct_of_oi_nonrept_long_old"),
    ColumnNames::api("Pct_of_OI_NonRept_Short_Old", "pct_of_oi_nonrept_short_old"),
    ColumnNames::api("Pct_of_Open_Interest_Other", "pct_of_open_interest_other"),
    ColumnNames::api(
        "Pct_of_OI_Prod_Merc_Long_Other",
        "pct_of_oi_prod_merc_long_2",
    ),
    ColumnNames::api(
        "Pct_of_OI_Prod_Merc_Short_Other",
        "pct_of_oi_prod_merc_short_2",
    ),
    ColumnNames::api("Pct_of_OI_Swap_Long_Other", "pct_of_oi_swap_long_other"),
    ColumnNames::api("Pct_of_OI_Swap_Short_Other", "pct_of_oi_swap_short_other"),
    ColumnNames::api("Pct_of_OI_Swap_Spread_Other", "pct_of_oi_swap_spread_other"),
    ColumnNames::api(
        "Pct_of_OI_M_Money_Long_Other",
        "pct_of_oi_m_money_long_other",
    ),
    ColumnNames::api(
        "Pct_of_OI_M_Money_Short_Other",
        "pct_of_oi_m_money_short_other",
    ),
    ColumnNames::api(
        "Pct_of_OI_M_Money_Spread_Other",
        "pct_of_oi_m_money_spread_2",
    ),
    ColumnNames::api(
        "Pct_of_OI_Other_Rept_Long_Other",
        "pct_of_oi_other_rept_long_2",
    ),
    ColumnNames::api(
        "Pct_of_OI_Other_Rept_Short_Other",
        "pct_of_oi_other_rept_short_2",
    ),
    ColumnNames::api(
        "Pct_of_OI_Other_Rept_Spread_Other",
        "pct_of_oi_other_rept_spread_2",
    ),
    ColumnNames::api(
        "Pct_of_OI_Tot_Rept_Long_Other",
        "pct_of_oi_tot_rept_long_other",
    ),
    ColumnNames::api(
        "Pct_of_OI_Tot_Rept_Short_Other",
        "pct_of_oi_tot_rept_short_2",
    ),
    ColumnNames::api(
        "Pct_of_OI_NonRept_Long_Other",
        "pct_of_oi_nonrept_long_other",
    ),
    ColumnNames::api(
        "Pct_of_OI_NonRept_Short_Other",
        "pct_of_oi_nonrept_short_other",
    ),
    ColumnNames::api("Traders_Tot_All", "traders_tot_all"),
    ColumnNames::api("Traders_Prod_Merc_Long_All", "traders_prod_merc_long_all"),
    ColumnNames::api("Traders_Prod_Merc_Short_All", "traders_prod_merc_short_all"),
    ColumnNames::api("Traders_Swap_Long_All", "traders_swap_long_all"),
    ColumnNames::api("Traders_Swap_Short_All", "traders_swap_short_all"),
    ColumnNames::api("Traders_Swap_Spread_All", "traders_swap_spread_all"),
    ColumnNames::api("Traders_M_Money_Long_All", "traders_m_money_long_all"),
    ColumnNames::api("Traders_M_Money_Short_All", "traders_m_money_short_all"),
    ColumnNames::api("Traders_M_Money_Spread_All", "traders_m_money_spread_all"),
    ColumnNames::api("Traders_Other_Rept_Long_All", "traders_other_rept_long_all"),
    ColumnNames::api("Traders_Other_Rept_Short_All", "traders_other_rept_short"),
    ColumnNames::api("Traders_Other_Rept_Spread_All", "traders_other_rept_spread"),
    ColumnNames::api("Traders_Tot_Rept_Long_All", "traders_tot_rept_long_all"),
    ColumnNames::api("Traders_Tot_Rept_Short_All", "traders_tot_rept_short_all"),
    ColumnNames::api("Traders_Tot_Old", "traders_tot_old"),
    ColumnNames::api("Traders_Prod_Merc_Long_Old", "traders_prod_merc_long_old"),
    ColumnNames::api("Traders_Prod_Merc_Short_Old", "traders_prod_merc_short_old"),
    ColumnNames::api("Traders_Swap_Long_Old", "traders_swap_long_old"),
    ColumnNames::api("Traders_Swap_Short_Old", "traders_swap_short_old"),
    ColumnNames::api("Traders_Swap_Spread_Old", "traders_swap_spread_old"),
    ColumnNames::api("Traders_M_Money_Long_Old", "traders_m_money_long_old"),
    ColumnNames::api("Traders_M_Money_Short_Old", "traders_m_money_short_old"),
    ColumnNames::api("Traders_M_Money_Spread_Old", "traders_m_money_spread_old"),
    ColumnNames::api("Traders_Other_Rept_Long_Old", "traders_other_rept_long_old"),
    ColumnNames::api("Traders_Other_Rept_Short_Old", "traders_other_rept_short_1"),
    ColumnNames::api(
        "Traders_Other_Rept_Spread_Old",
        "traders_other_rept_spread_1",
    ),
    ColumnNames::api("Traders_Tot_Rept_Long_Old", "traders_tot_rept_long_old"),
    ColumnNames::api("Traders_Tot_Rept_Short_Old", "traders_tot_rept_short_old"),
    ColumnNames::api("Traders_Tot_Other", "traders_tot_other"),
    ColumnNames::api(
        "Traders_Prod_Merc_Long_Other",
        "traders_prod_merc_long_other",
    ),
    ColumnNames::api(
        "Traders_Prod_Merc_Short_Other",
        "traders_prod_merc_short_other",
    ),
    ColumnNames::api("Traders_Swap_Long_Other", "traders_swap_long_other"),
    ColumnNames::api("Traders_Swap_Short_Other", "traders_swap_short_other"),
    ColumnNames::api("Traders_Swap_Spread_Other", "traders_swap_spread_other"),
    ColumnNames::api("Traders_M_Money_Long_Other", "traders_m_money_long_other"),
    ColumnNames::api("Traders_M_Money_Short_Other", "traders_m_money_short_other"),
    ColumnNames::api(
        "Traders_M_Money_Spread_Other",
        "traders_m_money_spread_other",
    ),
    ColumnNames::api(
        "Traders_Other_Rept_Long_Other",
        "traders_other_rept_long_other",
    ),
    ColumnNames::api(
        "Traders_Other_Rept_Short_Other",
        "traders_other_rept_short_2",
    ),
    ColumnNames::api(
        "Traders_Other_Rept_Spread_Other",
        "traders_other_rept_spread_2",
    ),
    ColumnNames::api("Traders_Tot_Rept_Long_Other", "traders_tot_rept_long_other"),
    ColumnNames::api(
        "Traders_Tot_Rept_Short_Other",
        "traders_tot_rept_short_other",
    ),
    ColumnNames::api("Conc_Gross_LE_4_TDR_Long_All", "conc_gross_le_4_tdr_long"),
    ColumnNames::api("Conc_Gross_LE_4_TDR_Short_All", "conc_gross_le_4_tdr_short"),
    ColumnNames::api("Conc_Gross_LE_8_TDR_Long_All", "conc_gross_le_8_tdr_long"),
    ColumnNames::api("Conc_Gross_LE_8_TDR_Short_All", "conc_gross_le_8_tdr_short"),
    ColumnNames::api("Conc_Net_LE_4_TDR_Long_All", "conc_net_le_4_tdr_long_all"),
    ColumnNames::api("Conc_Net_LE_4_TDR_Short_All", "conc_net_le_4_tdr_short_all"),
    ColumnNames::api("Conc_Net_LE_8_TDR_Long_All", "conc_net_le_8_tdr_long_all"),
    ColumnNames::api("Conc_Net_LE_8_TDR_Short_All", "conc_net_le_8_tdr_short_all"),
    ColumnNames::api("Conc_Gross_LE_4_TDR_Long_Old", "conc_gross_le_4_tdr_long_1"),
    ColumnNames::api(
        "Conc_Gross_LE_4_TDR_Short_Old",
        "conc_gross_le_4_tdr_short_1",
    ),
    ColumnNames::api("Conc_Gross_LE_8_TDR_Long_Old", "conc_gross_le_8_tdr_long_1"),
    ColumnNames::api(
        "Conc_Gross_LE_8_TDR_Short_Old",
        "conc_gross_le_8_tdr_short_1",
    ),
    ColumnNames::api("Conc_Net_LE_4_TDR_Long_Old", "conc_net_le_4_tdr_long_old"),
    ColumnNames::api("Conc_Net_LE_4_TDR_Short_Old", "conc_net_le_4_tdr_short_old"),
    ColumnNames::api("Conc_Net_LE_8_TDR_Long_Old", "conc_net_le_8_tdr_long_old"),
    ColumnNames::api("Conc_Net_LE_8_TDR_Short_Old", "conc_net_le_8_tdr_short_old"),
    ColumnNames::api(
        "Conc_Gross_LE_4_TDR_Long_Other",
        "conc_gross_le_4_tdr_long_2",
    ),
    ColumnNames::api(
        "Conc_Gross_LE_4_TDR_Short_Other",
        "conc_gross_le_4_tdr_short_2",
    ),
    ColumnNames::api(
        "Conc_Gross_LE_8_TDR_Long_Other",
        "conc_gross_le_8_tdr_long_2",
    ),
    ColumnNames::api(
        "Conc_Gross_LE_8_TDR_Short_Other",
        "conc_gross_le_8_tdr_short_2",
    ),
    ColumnNames::api(
        "Conc_Net_LE_4_TDR_Long_Other",
        "conc_net_le_4_tdr_long_other",
    ),
    ColumnNames::api(
        "Conc_Net_LE_4_TDR_Short_Other",
        "conc_net_le_4_tdr_short_other",
    ),
    ColumnNames::api(
        "Conc_Net_LE_8_TDR_Long_Other",
        "conc_net_le_8_tdr_long_other",
    ),
    ColumnNames::api(
        "Conc_Net_LE_8_TDR_Short_Other",
        "conc_net_le_8_tdr_short_other",
    ),
    ColumnNames::api("Contract_Units", "contract_units"),
    ColumnNames::text("CFTC_Contract_Market_Code_Quotes"),
    ColumnNames::text("CFTC_Market_Code_Quotes"),
    ColumnNames::text("CFTC_Commodity_Code_Quotes"),
    ColumnNames::api("CFTC_SubGroup_Code", "cftc_subgroup_code"),
    ColumnNames::api("FutOnly_or_Combined", "futonly_or_combined"),
];

/// Every column of the Supplemental report (54): its header name, CFTC's
/// typos included (`NComm_Postions_Spread_All_NoCIT`,
/// `Change_NonComm_Spead_All_NoCIT`; the file also writes
/// `"Change_Comm_Short_All_NoCIT "` with a space inside the quotes), and its
/// API field as public clients name it (no record of that dataset was
/// available, so these are the least certain).
pub const SUPPLEMENTAL_TABLE: [ColumnNames; 54] = [
    ColumnNames::api("Market_and_Exchange_Names", "market_and_exchange_names"),
    ColumnNames::text("As_of_Date_In_Form_YYMMDD"),
    ColumnNames::api("As_of_Date_In_Form_YYYY-MM-DD", "report_date_as_yyyy_mm_dd"),
    ColumnNames::api("CFTC_Contract_Market_Code", "cftc_contract_market_code"),
    ColumnNames::api("CFTC_Market_Code", "cftc_market_code"),
    ColumnNames::api("CFTC_Region_Code", "cftc_region_code"),
    ColumnNames::api("CFTC_Commodity_Code", "cftc_commodity_code"),
    ColumnNames::api("Open_Interest_All", "open_interest_all"),
    ColumnNames::api(
        "NComm_Positions_Long_All_NoCIT",
        "ncomm_postions_long_all_nocit",
    ),
    ColumnNames::api(
        "NComm_Positions_Short_All_NoCIT",
        "ncomm_postions_short_all_nocit",
    ),
    ColumnNames::api(
        "NComm_Postions_Spread_All_NoCIT",
        "ncomm_postions_spread_all_nocit",
    ),
    ColumnNames::api(
        "Comm_Positions_Long_All_NoCIT",
        "comm_positions_long_all_nocit",
    ),
    ColumnNames::api(
        "Comm_Positions_Short_All_NoCIT",
        "comm_positions_short_all_nocit",
    ),
    ColumnNames::api("Tot_Rept_Positions_Long_All", "tot_rept_positions_long_all"),
    ColumnNames::api("Tot_Rept_Positions_Short_All", "tot_rept_positions_short"),
    ColumnNames::api("NonRept_Positions_Long_All", "nonrept_positions_long_all"),
    ColumnNames::api("NonRept_Positions_Short_All", "nonrept_positions_short_all"),
    ColumnNames::api("CIT_Positions_Long_All", "cit_positions_long_all"),
    ColumnNames::api("CIT_Positions_Short_All", "cit_positions_short_all"),
    ColumnNames::api("Change_Open_Interest_All", "change_open_interest_all"),
    ColumnNames::api(
        "Change_NonComm_Long_All_NoCIT",
        "change_noncomm_long_all_nocit",
    ),
    ColumnNames::api(
        "Change_NonComm_Short_All_NoCIT",
        "change_noncomm_short_all_nocit",
    ),
    ColumnNames::api(
        "Change_NonComm_Spead_All_NoCIT",
        "change_noncomm_spead_all_nocit",
    ),
    ColumnNames::api("Change_Comm_Long_All_NoCIT", "change_comm_long_all_nocit"),
    ColumnNames::api("Change_Comm_Short_All_NoCIT", "change_comm_short_all_nocit"),
    ColumnNames::api("Change_Tot_Rept_Long_All", "change_tot_rept_long_all"),
    ColumnNames::api("Change_Tot_Rept_Short_All", "change_tot_rept_short_all"),
    ColumnNames::api("Change_NonRept_Long_All", "change_nonrept_long_all"),
    ColumnNames::api("Change_NonRept_Short_All", "change_nonrept_short_all"),
    ColumnNames::api("Change_CIT_Long_All", "change_cit_long_all"),
    ColumnNames::api("Change_CIT_Short_All", "change_cit_short_all"),
    ColumnNames::api("Pct_Open_Interest_All", "pct_open_interest_all"),
    ColumnNames::api(
        "Pct_OI_NonComm_Long_All_NoCIT",
        "pct_oi_noncomm_long_all_nocit",
    ),
    ColumnNames::api(
        "Pct_OI_NonComm_Short_All_NoCIT",
        "pct_oi_noncomm_short_all_nocit",
    ),
    ColumnNames::api(
        "Pct_OI_NonComm_Spread_All_NoCIT",
        "pct_oi_noncomm_spread_all_nocit",
    ),
    ColumnNames::api("Pct_OI_Comm_Long_All_NoCIT", "pct_oi_comm_long_all_nocit"),
    ColumnNames::api("Pct_OI_Comm_Short_All_NoCIT", "pct_oi_comm_short_all_nocit"),
    ColumnNames::api("Pct_OI_Tot_Rept_Long_All", "pct_oi_tot_rept_long_all_nocit"),
    ColumnNames::api(
        "Pct_OI_Tot_Rept_Short_All",
        "pct_oi_tot_rept_short_all_nocit",
    ),
    ColumnNames::api(
        "Pct_OI_NonRept_Long_All_NoCIT",
        "pct_oi_nonrept_long_all_nocit",
    ),
    ColumnNames::api(
        "Pct_OI_NonRept_Short_All_NoCIT",
        "pct_oi_nonrept_short_all_nocit",
    ),
    ColumnNames::api("Pct_OI_CIT_Long_All", "pct_oi_cit_long_all"),
    ColumnNames::api("Pct_OI_CIT_Short_All", "pct_oi_cit_short_all"),
    ColumnNames::api("Traders_Tot_All", "traders_tot_all"),
    ColumnNames::api(
        "Traders_NonComm_Long_All_NoCIT",
        "traders_noncomm_long_all_nocit",
    ),
    ColumnNames::api(
        "Traders_NonComm_Short_All_NoCIT",
        "traders_noncomm_short_all_nocit",
    ),
    ColumnNames::api(
        "Traders_NonComm_Spread_All_NoCIT",
        "traders_noncomm_spread_all_nocit",
    ),
    ColumnNames::api("Traders_Comm_Long_All_NoCIT", "traders_comm_long_all_nocit"),
    ColumnNames::api(
        "Traders_Comm_Short_All_NoCIT",
        "traders_comm_short_all_nocit",
    ),
    ColumnNames::api(
        "Traders_Tot_Rept_Long_All",
        "traders_tot_rept_long_all_nocit",
    ),
    ColumnNames::api(
        "Traders_Tot_Rept_Short_All",
        "traders_tot_rept_short_all_nocit",
    ),
    ColumnNames::api("Traders_CIT_Long_All", "traders_cit_long_all"),
    ColumnNames::api("Traders_CIT_Short_All", "traders_cit_short_all"),
    ColumnNames::api("Contract_Units", "contract_units"),
];

/// Each report's layout, by its kind: here, beside the tables, rather
/// than beside [`ReportKind`], which the tables themselves use.
impl ReportKind {
    /// The number of columns of the CFTC text layout.
    pub fn columns(self) -> usize {
        self.column_names().len()
    }

    /// The column names of the CFTC text layout.
    pub fn column_names(self) -> &'static [&'static str] {
        match self {
            ReportKind::Legacy => &LEGACY_COLUMNS,
            ReportKind::Tff => &TFF_COLUMNS,
            ReportKind::Disaggregated => &DISAGGREGATED_COLUMNS,
            ReportKind::Supplemental => &SUPPLEMENTAL_COLUMNS,
        }
    }

    /// The description of the report's layout.
    pub fn schema(self) -> &'static ReportSchema {
        ReportSchema::of(self)
    }

    /// 0-based index of `Contract Units`; in the reports that have them,
    /// the three quoted code copies follow it.
    pub(crate) fn units_column(self) -> usize {
        self.schema().tail_column(Tail::Units).unwrap_or(usize::MAX)
    }

    /// 0-based index of `FutOnly_or_Combined`, for the reports whose rows
    /// carry their scope.
    pub(crate) fn scope_column(self) -> Option<usize> {
        self.schema().tail_column(Tail::Scope)
    }

    /// Whether rows repeat the codes in quotes after `Contract Units`
    /// (a spreadsheet export leaves those three out).
    pub(crate) fn has_quoted_codes(self) -> bool {
        self.schema().tail_column(Tail::QuotedCode).is_some()
    }
}
