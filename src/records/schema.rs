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

/// The description of one report's text layout. See the [module docs](self).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportSchema {
    /// The report.
    pub kind: ReportKind,
    /// Header names in file order.
    pub columns: &'static [&'static str],
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

/// Header names of the legacy report (129 columns).
pub const LEGACY_COLUMNS: [&str; 129] = [
    "Market and Exchange Names",
    "As of Date in Form YYMMDD",
    "As of Date in Form YYYY-MM-DD",
    "CFTC Contract Market Code",
    "CFTC Market Code in Initials",
    "CFTC Region Code",
    "CFTC Commodity Code",
    "Open Interest (All)",
    "Noncommercial Positions-Long (All)",
    "Noncommercial Positions-Short (All)",
    "Noncommercial Positions-Spreading (All)",
    "Commercial Positions-Long (All)",
    "Commercial Positions-Short (All)",
    "Total Reportable Positions-Long (All)",
    "Total Reportable Positions-Short (All)",
    "Nonreportable Positions-Long (All)",
    "Nonreportable Positions-Short (All)",
    "Open Interest (Old)",
    "Noncommercial Positions-Long (Old)",
    "Noncommercial Positions-Short (Old)",
    "Noncommercial Positions-Spreading (Old)",
    "Commercial Positions-Long (Old)",
    "Commercial Positions-Short (Old)",
    "Total Reportable Positions-Long (Old)",
    "Total Reportable Positions-Short (Old)",
    "Nonreportable Positions-Long (Old)",
    "Nonreportable Positions-Short (Old)",
    "Open Interest (Other)",
    "Noncommercial Positions-Long (Other)",
    "Noncommercial Positions-Short (Other)",
    "Noncommercial Positions-Spreading (Other)",
    "Commercial Positions-Long (Other)",
    "Commercial Positions-Short (Other)",
    "Total Reportable Positions-Long (Other)",
    "Total Reportable Positions-Short (Other)",
    "Nonreportable Positions-Long (Other)",
    "Nonreportable Positions-Short (Other)",
    "Change in Open Interest (All)",
    "Change in Noncommercial-Long (All)",
    "Change in Noncommercial-Short (All)",
    "Change in Noncommercial-Spreading (All)",
    "Change in Commercial-Long (All)",
    "Change in Commercial-Short (All)",
    "Change in Total Reportable-Long (All)",
    "Change in Total Reportable-Short (All)",
    "Change in Nonreportable-Long (All)",
    "Change in Nonreportable-Short (All)",
    "% of Open Interest (OI) (All)",
    "% of OI-Noncommercial-Long (All)",
    "% of OI-Noncommercial-Short (All)",
    "% of OI-Noncommercial-Spreading (All)",
    "% of OI-Commercial-Long (All)",
    "% of OI-Commercial-Short (All)",
    "% of OI-Total Reportable-Long (All)",
    "% of OI-Total Reportable-Short (All)",
    "% of OI-Nonreportable-Long (All)",
    "% of OI-Nonreportable-Short (All)",
    "% of Open Interest (OI)(Old)",
    "% of OI-Noncommercial-Long (Old)",
    "% of OI-Noncommercial-Short (Old)",
    "% of OI-Noncommercial-Spreading (Old)",
    "% of OI-Commercial-Long (Old)",
    "% of OI-Commercial-Short (Old)",
    "% of OI-Total Reportable-Long (Old)",
    "% of OI-Total Reportable-Short (Old)",
    "% of OI-Nonreportable-Long (Old)",
    "% of OI-Nonreportable-Short (Old)",
    "% of Open Interest (OI) (Other)",
    "% of OI-Noncommercial-Long (Other)",
    "% of OI-Noncommercial-Short (Other)",
    "% of OI-Noncommercial-Spreading (Other)",
    "% of OI-Commercial-Long (Other)",
    "% of OI-Commercial-Short (Other)",
    "% of OI-Total Reportable-Long (Other)",
    "% of OI-Total Reportable-Short (Other)",
    "% of OI-Nonreportable-Long (Other)",
    "% of OI-Nonreportable-Short (Other)",
    "Traders-Total (All)",
    "Traders-Noncommercial-Long (All)",
    "Traders-Noncommercial-Short (All)",
    "Traders-Noncommercial-Spreading (All)",
    "Traders-Commercial-Long (All)",
    "Traders-Commercial-Short (All)",
    "Traders-Total Reportable-Long (All)",
    "Traders-Total Reportable-Short (All)",
    "Traders-Total (Old)",
    "Traders-Noncommercial-Long (Old)",
    "Traders-Noncommercial-Short (Old)",
    "Traders-Noncommercial-Spreading (Old)",
    "Traders-Commercial-Long (Old)",
    "Traders-Commercial-Short (Old)",
    "Traders-Total Reportable-Long (Old)",
    "Traders-Total Reportable-Short (Old)",
    "Traders-Total (Other)",
    "Traders-Noncommercial-Long (Other)",
    "Traders-Noncommercial-Short (Other)",
    "Traders-Noncommercial-Spreading (Other)",
    "Traders-Commercial-Long (Other)",
    "Traders-Commercial-Short (Other)",
    "Traders-Total Reportable-Long (Other)",
    "Traders-Total Reportable-Short (Other)",
    "Concentration-Gross LT = 4 TDR-Long (All)",
    "Concentration-Gross LT =4 TDR-Short (All)",
    "Concentration-Gross LT =8 TDR-Long (All)",
    "Concentration-Gross LT =8 TDR-Short (All)",
    "Concentration-Net LT =4 TDR-Long (All)",
    "Concentration-Net LT =4 TDR-Short (All)",
    "Concentration-Net LT =8 TDR-Long (All)",
    "Concentration-Net LT =8 TDR-Short (All)",
    "Concentration-Gross LT =4 TDR-Long (Old)",
    "Concentration-Gross LT =4 TDR-Short (Old)",
    "Concentration-Gross LT =8 TDR-Long (Old)",
    "Concentration-Gross LT =8 TDR-Short (Old)",
    "Concentration-Net LT =4 TDR-Long (Old)",
    "Concentration-Net LT =4 TDR-Short (Old)",
    "Concentration-Net LT =8 TDR-Long (Old)",
    "Concentration-Net LT =8 TDR-Short (Old)",
    "Concentration-Gross LT =4 TDR-Long (Other)",
    "Concentration-Gross LT =4 TDR-Short(Other)",
    "Concentration-Gross LT =8 TDR-Long (Other)",
    "Concentration-Gross LT =8 TDR-Short(Other)",
    "Concentration-Net LT =4 TDR-Long (Other)",
    "Concentration-Net LT =4 TDR-Short (Other)",
    "Concentration-Net LT =8 TDR-Long (Other)",
    "Concentration-Net LT =8 TDR-Short (Other)",
    "Contract Units",
    "CFTC Contract Market Code (Quotes)",
    "CFTC Market Code in Initials (Quotes)",
    "CFTC Commodity Code (Quotes)",
];

/// Header names of the Traders in Financial Futures report (87 columns).
pub const TFF_COLUMNS: [&str; 87] = [
    "Market_and_Exchange_Names",
    "As_of_Date_In_Form_YYMMDD",
    "Report_Date_as_YYYY-MM-DD",
    "CFTC_Contract_Market_Code",
    "CFTC_Market_Code",
    "CFTC_Region_Code",
    "CFTC_Commodity_Code",
    "Open_Interest_All",
    "Dealer_Positions_Long_All",
    "Dealer_Positions_Short_All",
    "Dealer_Positions_Spread_All",
    "Asset_Mgr_Positions_Long_All",
    "Asset_Mgr_Positions_Short_All",
    "Asset_Mgr_Positions_Spread_All",
    "Lev_Money_Positions_Long_All",
    "Lev_Money_Positions_Short_All",
    "Lev_Money_Positions_Spread_All",
    "Other_Rept_Positions_Long_All",
    "Other_Rept_Positions_Short_All",
    "Other_Rept_Positions_Spread_All",
    "Tot_Rept_Positions_Long_All",
    "Tot_Rept_Positions_Short_All",
    "NonRept_Positions_Long_All",
    "NonRept_Positions_Short_All",
    "Change_in_Open_Interest_All",
    "Change_in_Dealer_Long_All",
    "Change_in_Dealer_Short_All",
    "Change_in_Dealer_Spread_All",
    "Change_in_Asset_Mgr_Long_All",
    "Change_in_Asset_Mgr_Short_All",
    "Change_in_Asset_Mgr_Spread_All",
    "Change_in_Lev_Money_Long_All",
    "Change_in_Lev_Money_Short_All",
    "Change_in_Lev_Money_Spread_All",
    "Change_in_Other_Rept_Long_All",
    "Change_in_Other_Rept_Short_All",
    "Change_in_Other_Rept_Spread_All",
    "Change_in_Tot_Rept_Long_All",
    "Change_in_Tot_Rept_Short_All",
    "Change_in_NonRept_Long_All",
    "Change_in_NonRept_Short_All",
    "Pct_of_Open_Interest_All",
    "Pct_of_OI_Dealer_Long_All",
    "Pct_of_OI_Dealer_Short_All",
    "Pct_of_OI_Dealer_Spread_All",
    "Pct_of_OI_Asset_Mgr_Long_All",
    "Pct_of_OI_Asset_Mgr_Short_All",
    "Pct_of_OI_Asset_Mgr_Spread_All",
    "Pct_of_OI_Lev_Money_Long_All",
    "Pct_of_OI_Lev_Money_Short_All",
    "Pct_of_OI_Lev_Money_Spread_All",
    "Pct_of_OI_Other_Rept_Long_All",
    "Pct_of_OI_Other_Rept_Short_All",
    "Pct_of_OI_Other_Rept_Spread_All",
    "Pct_of_OI_Tot_Rept_Long_All",
    "Pct_of_OI_Tot_Rept_Short_All",
    "Pct_of_OI_NonRept_Long_All",
    "Pct_of_OI_NonRept_Short_All",
    "Traders_Tot_All",
    "Traders_Dealer_Long_All",
    "Traders_Dealer_Short_All",
    "Traders_Dealer_Spread_All",
    "Traders_Asset_Mgr_Long_All",
    "Traders_Asset_Mgr_Short_All",
    "Traders_Asset_Mgr_Spread_All",
    "Traders_Lev_Money_Long_All",
    "Traders_Lev_Money_Short_All",
    "Traders_Lev_Money_Spread_All",
    "Traders_Other_Rept_Long_All",
    "Traders_Other_Rept_Short_All",
    "Traders_Other_Rept_Spread_All",
    "Traders_Tot_Rept_Long_All",
    "Traders_Tot_Rept_Short_All",
    "Conc_Gross_LE_4_TDR_Long_All",
    "Conc_Gross_LE_4_TDR_Short_All",
    "Conc_Gross_LE_8_TDR_Long_All",
    "Conc_Gross_LE_8_TDR_Short_All",
    "Conc_Net_LE_4_TDR_Long_All",
    "Conc_Net_LE_4_TDR_Short_All",
    "Conc_Net_LE_8_TDR_Long_All",
    "Conc_Net_LE_8_TDR_Short_All",
    "Contract_Units",
    "CFTC_Contract_Market_Code_Quotes",
    "CFTC_Market_Code_Quotes",
    "CFTC_Commodity_Code_Quotes",
    "CFTC_SubGroup_Code",
    "FutOnly_or_Combined",
];

/// Header names of the Disaggregated report (191 columns), CFTC's typos
/// included (`Swap__Positions_Short_All`: a double underscore).
pub const DISAGGREGATED_COLUMNS: [&str; 191] = [
    "Market_and_Exchange_Names",
    "As_of_Date_In_Form_YYMMDD",
    "Report_Date_as_YYYY-MM-DD",
    "CFTC_Contract_Market_Code",
    "CFTC_Market_Code",
    "CFTC_Region_Code",
    "CFTC_Commodity_Code",
    "Open_Interest_All",
    "Prod_Merc_Positions_Long_All",
    "Prod_Merc_Positions_Short_All",
    "Swap_Positions_Long_All",
    "Swap__Positions_Short_All",
    "Swap__Positions_Spread_All",
    "M_Money_Positions_Long_All",
    "M_Money_Positions_Short_All",
    "M_Money_Positions_Spread_All",
    "Other_Rept_Positions_Long_All",
    "Other_Rept_Positions_Short_All",
    "Other_Rept_Positions_Spread_All",
    "Tot_Rept_Positions_Long_All",
    "Tot_Rept_Positions_Short_All",
    "NonRept_Positions_Long_All",
    "NonRept_Positions_Short_All",
    "Open_Interest_Old",
    "Prod_Merc_Positions_Long_Old",
    "Prod_Merc_Positions_Short_Old",
    "Swap_Positions_Long_Old",
    "Swap__Positions_Short_Old",
    "Swap__Positions_Spread_Old",
    "M_Money_Positions_Long_Old",
    "M_Money_Positions_Short_Old",
    "M_Money_Positions_Spread_Old",
    "Other_Rept_Positions_Long_Old",
    "Other_Rept_Positions_Short_Old",
    "Other_Rept_Positions_Spread_Old",
    "Tot_Rept_Positions_Long_Old",
    "Tot_Rept_Positions_Short_Old",
    "NonRept_Positions_Long_Old",
    "NonRept_Positions_Short_Old",
    "Open_Interest_Other",
    "Prod_Merc_Positions_Long_Other",
    "Prod_Merc_Positions_Short_Other",
    "Swap_Positions_Long_Other",
    "Swap__Positions_Short_Other",
    "Swap__Positions_Spread_Other",
    "M_Money_Positions_Long_Other",
    "M_Money_Positions_Short_Other",
    "M_Money_Positions_Spread_Other",
    "Other_Rept_Positions_Long_Other",
    "Other_Rept_Positions_Short_Other",
    "Other_Rept_Positions_Spread_Other",
    "Tot_Rept_Positions_Long_Other",
    "Tot_Rept_Positions_Short_Other",
    "NonRept_Positions_Long_Other",
    "NonRept_Positions_Short_Other",
    "Change_in_Open_Interest_All",
    "Change_in_Prod_Merc_Long_All",
    "Change_in_Prod_Merc_Short_All",
    "Change_in_Swap_Long_All",
    "Change_in_Swap_Short_All",
    "Change_in_Swap_Spread_All",
    "Change_in_M_Money_Long_All",
    "Change_in_M_Money_Short_All",
    "Change_in_M_Money_Spread_All",
    "Change_in_Other_Rept_Long_All",
    "Change_in_Other_Rept_Short_All",
    "Change_in_Other_Rept_Spread_All",
    "Change_in_Tot_Rept_Long_All",
    "Change_in_Tot_Rept_Short_All",
    "Change_in_NonRept_Long_All",
    "Change_in_NonRept_Short_All",
    "Pct_of_Open_Interest_All",
    "Pct_of_OI_Prod_Merc_Long_All",
    "Pct_of_OI_Prod_Merc_Short_All",
    "Pct_of_OI_Swap_Long_All",
    "Pct_of_OI_Swap_Short_All",
    "Pct_of_OI_Swap_Spread_All",
    "Pct_of_OI_M_Money_Long_All",
    "Pct_of_OI_M_Money_Short_All",
    "Pct_of_OI_M_Money_Spread_All",
    "Pct_of_OI_Other_Rept_Long_All",
    "Pct_of_OI_Other_Rept_Short_All",
    "Pct_of_OI_Other_Rept_Spread_All",
    "Pct_of_OI_Tot_Rept_Long_All",
    "Pct_of_OI_Tot_Rept_Short_All",
    "Pct_of_OI_NonRept_Long_All",
    "Pct_of_OI_NonRept_Short_All",
    "Pct_of_Open_Interest_Old",
    "Pct_of_OI_Prod_Merc_Long_Old",
    "Pct_of_OI_Prod_Merc_Short_Old",
    "Pct_of_OI_Swap_Long_Old",
    "Pct_of_OI_Swap_Short_Old",
    "Pct_of_OI_Swap_Spread_Old",
    "Pct_of_OI_M_Money_Long_Old",
    "Pct_of_OI_M_Money_Short_Old",
    "Pct_of_OI_M_Money_Spread_Old",
    "Pct_of_OI_Other_Rept_Long_Old",
    "Pct_of_OI_Other_Rept_Short_Old",
    "Pct_of_OI_Other_Rept_Spread_Old",
    "Pct_of_OI_Tot_Rept_Long_Old",
    "Pct_of_OI_Tot_Rept_Short_Old",
    "Pct_of_OI_NonRept_Long_Old",
    "Pct_of_OI_NonRept_Short_Old",
    "Pct_of_Open_Interest_Other",
    "Pct_of_OI_Prod_Merc_Long_Other",
    "Pct_of_OI_Prod_Merc_Short_Other",
    "Pct_of_OI_Swap_Long_Other",
    "Pct_of_OI_Swap_Short_Other",
    "Pct_of_OI_Swap_Spread_Other",
    "Pct_of_OI_M_Money_Long_Other",
    "Pct_of_OI_M_Money_Short_Other",
    "Pct_of_OI_M_Money_Spread_Other",
    "Pct_of_OI_Other_Rept_Long_Other",
    "Pct_of_OI_Other_Rept_Short_Other",
    "Pct_of_OI_Other_Rept_Spread_Other",
    "Pct_of_OI_Tot_Rept_Long_Other",
    "Pct_of_OI_Tot_Rept_Short_Other",
    "Pct_of_OI_NonRept_Long_Other",
    "Pct_of_OI_NonRept_Short_Other",
    "Traders_Tot_All",
    "Traders_Prod_Merc_Long_All",
    "Traders_Prod_Merc_Short_All",
    "Traders_Swap_Long_All",
    "Traders_Swap_Short_All",
    "Traders_Swap_Spread_All",
    "Traders_M_Money_Long_All",
    "Traders_M_Money_Short_All",
    "Traders_M_Money_Spread_All",
    "Traders_Other_Rept_Long_All",
    "Traders_Other_Rept_Short_All",
    "Traders_Other_Rept_Spread_All",
    "Traders_Tot_Rept_Long_All",
    "Traders_Tot_Rept_Short_All",
    "Traders_Tot_Old",
    "Traders_Prod_Merc_Long_Old",
    "Traders_Prod_Merc_Short_Old",
    "Traders_Swap_Long_Old",
    "Traders_Swap_Short_Old",
    "Traders_Swap_Spread_Old",
    "Traders_M_Money_Long_Old",
    "Traders_M_Money_Short_Old",
    "Traders_M_Money_Spread_Old",
    "Traders_Other_Rept_Long_Old",
    "Traders_Other_Rept_Short_Old",
    "Traders_Other_Rept_Spread_Old",
    "Traders_Tot_Rept_Long_Old",
    "Traders_Tot_Rept_Short_Old",
    "Traders_Tot_Other",
    "Traders_Prod_Merc_Long_Other",
    "Traders_Prod_Merc_Short_Other",
    "Traders_Swap_Long_Other",
    "Traders_Swap_Short_Other",
    "Traders_Swap_Spread_Other",
    "Traders_M_Money_Long_Other",
    "Traders_M_Money_Short_Other",
    "Traders_M_Money_Spread_Other",
    "Traders_Other_Rept_Long_Other",
    "Traders_Other_Rept_Short_Other",
    "Traders_Other_Rept_Spread_Other",
    "Traders_Tot_Rept_Long_Other",
    "Traders_Tot_Rept_Short_Other",
    "Conc_Gross_LE_4_TDR_Long_All",
    "Conc_Gross_LE_4_TDR_Short_All",
    "Conc_Gross_LE_8_TDR_Long_All",
    "Conc_Gross_LE_8_TDR_Short_All",
    "Conc_Net_LE_4_TDR_Long_All",
    "Conc_Net_LE_4_TDR_Short_All",
    "Conc_Net_LE_8_TDR_Long_All",
    "Conc_Net_LE_8_TDR_Short_All",
    "Conc_Gross_LE_4_TDR_Long_Old",
    "Conc_Gross_LE_4_TDR_Short_Old",
    "Conc_Gross_LE_8_TDR_Long_Old",
    "Conc_Gross_LE_8_TDR_Short_Old",
    "Conc_Net_LE_4_TDR_Long_Old",
    "Conc_Net_LE_4_TDR_Short_Old",
    "Conc_Net_LE_8_TDR_Long_Old",
    "Conc_Net_LE_8_TDR_Short_Old",
    "Conc_Gross_LE_4_TDR_Long_Other",
    "Conc_Gross_LE_4_TDR_Short_Other",
    "Conc_Gross_LE_8_TDR_Long_Other",
    "Conc_Gross_LE_8_TDR_Short_Other",
    "Conc_Net_LE_4_TDR_Long_Other",
    "Conc_Net_LE_4_TDR_Short_Other",
    "Conc_Net_LE_8_TDR_Long_Other",
    "Conc_Net_LE_8_TDR_Short_Other",
    "Contract_Units",
    "CFTC_Contract_Market_Code_Quotes",
    "CFTC_Market_Code_Quotes",
    "CFTC_Commodity_Code_Quotes",
    "CFTC_SubGroup_Code",
    "FutOnly_or_Combined",
];

/// Header names of the Supplemental report (54 columns), CFTC's typos
/// included (`NComm_Postions_Spread_All_NoCIT`, `Change_NonComm_Spead_All_NoCIT`;
/// the file also writes `"Change_Comm_Short_All_NoCIT "` with a space inside
/// the quotes).
pub const SUPPLEMENTAL_COLUMNS: [&str; 54] = [
    "Market_and_Exchange_Names",
    "As_of_Date_In_Form_YYMMDD",
    "As_of_Date_In_Form_YYYY-MM-DD",
    "CFTC_Contract_Market_Code",
    "CFTC_Market_Code",
    "CFTC_Region_Code",
    "CFTC_Commodity_Code",
    "Open_Interest_All",
    "NComm_Positions_Long_All_NoCIT",
    "NComm_Positions_Short_All_NoCIT",
    "NComm_Postions_Spread_All_NoCIT",
    "Comm_Positions_Long_All_NoCIT",
    "Comm_Positions_Short_All_NoCIT",
    "Tot_Rept_Positions_Long_All",
    "Tot_Rept_Positions_Short_All",
    "NonRept_Positions_Long_All",
    "NonRept_Positions_Short_All",
    "CIT_Positions_Long_All",
    "CIT_Positions_Short_All",
    "Change_Open_Interest_All",
    "Change_NonComm_Long_All_NoCIT",
    "Change_NonComm_Short_All_NoCIT",
    "Change_NonComm_Spead_All_NoCIT",
    "Change_Comm_Long_All_NoCIT",
    "Change_Comm_Short_All_NoCIT",
    "Change_Tot_Rept_Long_All",
    "Change_Tot_Rept_Short_All",
    "Change_NonRept_Long_All",
    "Change_NonRept_Short_All",
    "Change_CIT_Long_All",
    "Change_CIT_Short_All",
    "Pct_Open_Interest_All",
    "Pct_OI_NonComm_Long_All_NoCIT",
    "Pct_OI_NonComm_Short_All_NoCIT",
    "Pct_OI_NonComm_Spread_All_NoCIT",
    "Pct_OI_Comm_Long_All_NoCIT",
    "Pct_OI_Comm_Short_All_NoCIT",
    "Pct_OI_Tot_Rept_Long_All",
    "Pct_OI_Tot_Rept_Short_All",
    "Pct_OI_NonRept_Long_All_NoCIT",
    "Pct_OI_NonRept_Short_All_NoCIT",
    "Pct_OI_CIT_Long_All",
    "Pct_OI_CIT_Short_All",
    "Traders_Tot_All",
    "Traders_NonComm_Long_All_NoCIT",
    "Traders_NonComm_Short_All_NoCIT",
    "Traders_NonComm_Spread_All_NoCIT",
    "Traders_Comm_Long_All_NoCIT",
    "Traders_Comm_Short_All_NoCIT",
    "Traders_Tot_Rept_Long_All",
    "Traders_Tot_Rept_Short_All",
    "Traders_CIT_Long_All",
    "Traders_CIT_Short_All",
    "Contract_Units",
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
