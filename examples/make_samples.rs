//! Writes the synthetic sample files in `data-samples/`.
//!
//! ```text
//! cargo run --example make_samples [-- OUTPUT_DIR]
//! ```
//!
//! The numbers are made up by a seeded generator, never copied from CFTC
//! files, and satisfy every self-check of [`cftc_cot::records::check`]. The layouts are
//! CFTC's own: the current and the older padded legacy layout, TFF, both
//! scopes, the Disaggregated and Supplemental reports, the headerless weekly
//! files and a zip archive as CFTC ships it.
//! `tests/samples.rs` regenerates them and fails if the committed files differ.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use cftc_cot::export::write::{LineEnding, Style, WriterBuilder};
use cftc_cot::records::{
    Concentration, DisaggregatedCrop, DisaggregatedPositions, DisaggregatedRecord,
    DisaggregatedTraders, LegacyCrop, LegacyPositions, LegacyTraders, LongShort, LongShortSpread,
    QuotedCodes, SupplementalPositions, SupplementalRecord, SupplementalTraders, TffPositions,
    TffTraders,
};
use cftc_cot::{CotRecord, LegacyRecord, Market, Scope, TffRecord};
use chrono::{Duration, NaiveDate};
use rust_decimal::Decimal;

#[path = "support/say.rs"]
#[macro_use]
mod say;

/// A small deterministic generator (64-bit LCG): the samples must not change
/// between runs or platforms.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        let span = u64::try_from(hi - lo + 1).unwrap_or(1);
        lo + i64::try_from(self.next() % span).unwrap_or(0)
    }
    fn share(&mut self, total: i64, lo_pct: i64, hi_pct: i64) -> i64 {
        total * self.range(lo_pct, hi_pct) / 100
    }
    fn percent(&mut self, lo: i64, hi: i64) -> Option<Decimal> {
        Some(Decimal::new(self.range(lo * 10, hi * 10), 1))
    }
}

struct Spec {
    name: &'static str,
    code: &'static str,
    market_code: &'static str,
    region: &'static str,
    commodity: &'static str,
    units: &'static str,
    subgroup: &'static str,
    open_interest: i64,
}

const RUSSELL: Spec = Spec {
    name: "RUSSELL E-MINI - CHICAGO MERCANTILE EXCHANGE",
    code: "239742",
    market_code: "CME",
    region: "00",
    commodity: "239",
    units: "(RUSSEL 2000 INDEX X $50)",
    subgroup: "F20",
    open_interest: 450_000,
};
const SP500: Spec = Spec {
    name: "E-MINI S&P 500 - CHICAGO MERCANTILE EXCHANGE",
    code: "13874A",
    market_code: "CME",
    region: "00",
    commodity: "138",
    units: "($50 X S&P 500 INDEX)",
    subgroup: "F20",
    open_interest: 2_100_000,
};
const WHEAT: Spec = Spec {
    name: "WHEAT-SRW - CHICAGO BOARD OF TRADE",
    code: "001602",
    market_code: "CBT",
    region: "00",
    commodity: "001",
    units: "(CONTRACTS OF 5,000 BUSHELS)",
    subgroup: "",
    open_interest: 400_000,
};
const GOLD: Spec = Spec {
    name: "GOLD - COMMODITY EXCHANGE INC.",
    code: "088691",
    market_code: "CMX",
    region: "00",
    commodity: "088",
    units: "(CONTRACTS OF 100 TROY OUNCES)",
    subgroup: "N20",
    open_interest: 500_000,
};
const CRUDE: Spec = Spec {
    name: "CRUDE OIL, LIGHT SWEET-WTI - ICE FUTURES EUROPE",
    code: "067411",
    market_code: "IFED",
    region: "00",
    commodity: "067",
    units: "(1,000 BARRELS)",
    subgroup: "N10",
    open_interest: 300_000,
};
const CORN: Spec = Spec {
    name: "CORN - CHICAGO BOARD OF TRADE",
    code: "002602",
    market_code: "CBT",
    region: "00",
    commodity: "002",
    units: "(CONTRACTS OF 5,000 BUSHELS)",
    subgroup: "",
    open_interest: 1_500_000,
};
const RUSSELL_FULL_2004: Spec = Spec {
    name: "RUSSEL 2000 STOCK INDEX FUTURE - CHICAGO MERCANTILE EXCHANGE",
    code: "239741",
    market_code: "CME",
    region: "00",
    commodity: "239",
    units: "(RUSSEL 2000 INDEX X $500)",
    subgroup: "",
    open_interest: 20_000,
};
const RUSSELL_MINI_2004: Spec = Spec {
    name: "RUSSEL 2000 STOCK INDEX (MINI) - CHICAGO MERCANTILE EXCHANGE",
    code: "239742",
    market_code: "CME",
    region: "00",
    commodity: "239",
    units: "(RUSSEL 2000 INDEX X $100)",
    subgroup: "",
    open_interest: 400_000,
};
const ICE_RUSSELL: Spec = Spec {
    name: "RUSSELL 2000 MINI INDEX FUTURE - ICE FUTURES U.S.",
    code: "23977A",
    market_code: "ICUS",
    region: "01",
    commodity: "239",
    units: "(RUSSELL 2000 INDEX X $100.00)",
    subgroup: "F20",
    open_interest: 300_000,
};

fn market(s: &Spec) -> Market {
    Market {
        market_and_exchange_names: s.name.into(),
        code: s
            .code
            .parse()
            .unwrap_or_else(|_| unreachable!("valid code")),
        market_code: s.market_code.into(),
        region_code: s.region.into(),
        commodity_code: s.commodity.into(),
        contract_units: s.units.into(),
        quoted_codes: QuotedCodes {
            contract_market_code: s.code.into(),
            market_code: s.market_code.into(),
            commodity_code: s.commodity.into(),
        },
    }
}

/// Weekly Tuesdays, newest first, as CFTC orders rows within a market.
fn tuesdays(last: NaiveDate, weeks: i64) -> Vec<NaiveDate> {
    (0..weeks).map(|w| last - Duration::weeks(w)).collect()
}

fn pct(part: Option<i64>, oi: i64) -> Option<Decimal> {
    let part = part?;
    // One decimal, rounded half away from zero, as CFTC prints them.
    let tenths = (part * 2000 / oi + (part * 2000 / oi).signum()) / 2;
    Some(Decimal::new(tenths, 1))
}

fn diff(now: Option<i64>, before: Option<i64>) -> Option<i64> {
    Some(now? - before?)
}

fn legacy_positions(rng: &mut Rng, oi: i64) -> LegacyPositions<Option<i64>> {
    let nc_long = rng.share(oi, 10, 25);
    let nc_short = rng.share(oi, 10, 25);
    let spread = rng.share(oi, 2, 8);
    let c_long = rng.share(oi, 45, 60);
    let c_short = rng.share(oi, 45, 60);
    let tr_long = nc_long + spread + c_long;
    let tr_short = nc_short + spread + c_short;
    LegacyPositions {
        open_interest: Some(oi),
        noncommercial: LongShortSpread {
            long: Some(nc_long),
            short: Some(nc_short),
            spread: Some(spread),
        },
        commercial: LongShort {
            long: Some(c_long),
            short: Some(c_short),
        },
        total_reportable: LongShort {
            long: Some(tr_long),
            short: Some(tr_short),
        },
        nonreportable: LongShort {
            long: Some(oi - tr_long),
            short: Some(oi - tr_short),
        },
    }
}

fn map_legacy<T: Copy, U>(
    p: &LegacyPositions<T>,
    q: &LegacyPositions<T>,
    f: impl Fn(T, T) -> U,
) -> LegacyPositions<U> {
    LegacyPositions {
        open_interest: f(p.open_interest, q.open_interest),
        noncommercial: LongShortSpread {
            long: f(p.noncommercial.long, q.noncommercial.long),
            short: f(p.noncommercial.short, q.noncommercial.short),
            spread: f(p.noncommercial.spread, q.noncommercial.spread),
        },
        commercial: LongShort {
            long: f(p.commercial.long, q.commercial.long),
            short: f(p.commercial.short, q.commercial.short),
        },
        total_reportable: LongShort {
            long: f(p.total_reportable.long, q.total_reportable.long),
            short: f(p.total_reportable.short, q.total_reportable.short),
        },
        nonreportable: LongShort {
            long: f(p.nonreportable.long, q.nonreportable.long),
            short: f(p.nonreportable.short, q.nonreportable.short),
        },
    }
}

fn concentration(rng: &mut Rng) -> Concentration {
    let mut ls = |lo, hi| LongShort {
        long: rng.percent(lo, hi),
        short: rng.percent(lo, hi),
    };
    Concentration {
        gross_4: ls(20, 40),
        gross_8: ls(40, 60),
        net_4: ls(15, 35),
        net_8: ls(30, 55),
    }
}

fn count(rng: &mut Rng, lo: i64, hi: i64) -> Option<u32> {
    u32::try_from(rng.range(lo, hi)).ok()
}

fn legacy_traders(rng: &mut Rng) -> LegacyTraders {
    let nc = LongShortSpread {
        long: count(rng, 20, 60),
        short: count(rng, 20, 60),
        spread: count(rng, 10, 30),
    };
    let c = LongShort {
        long: count(rng, 30, 90),
        short: count(rng, 30, 90),
    };
    LegacyTraders {
        total: count(rng, 150, 250),
        noncommercial: nc,
        commercial: c,
        total_reportable: LongShort {
            long: count(rng, 90, 150),
            short: count(rng, 90, 150),
        },
    }
}

/// One market's weekly legacy rows, newest first.
fn legacy_market(rng: &mut Rng, spec: &Spec, dates: &[NaiveDate], scope: Scope) -> Vec<CotRecord> {
    let mut oldest_first = Vec::new();
    let mut previous: Option<LegacyPositions<Option<i64>>> = None;
    for &date in dates.iter().rev() {
        let oi = spec.open_interest + rng.range(-spec.open_interest / 10, spec.open_interest / 10);
        let positions = legacy_positions(rng, oi);
        let change = match &previous {
            Some(p) => map_legacy(&positions, p, diff),
            None => map_legacy(&positions, &positions, |_, _| None),
        };
        let percent = map_legacy(&positions, &positions, |v, _| pct(v, oi));
        let all = LegacyCrop {
            positions,
            percent_of_open_interest: percent,
            traders: legacy_traders(rng),
            concentration: concentration(rng),
        };
        // Financial futures have no crop years: Old repeats All, Other is 0.
        let zero = map_legacy(&positions, &positions, |_, _| Some(0));
        let other = LegacyCrop {
            positions: zero,
            percent_of_open_interest: map_legacy(&zero, &zero, |_, _| Some(Decimal::new(0, 1))),
            traders: LegacyTraders::default(),
            concentration: Concentration::default(),
        };
        oldest_first.push(CotRecord::Legacy(LegacyRecord {
            market: market(spec),
            date,
            scope,
            all,
            old: all,
            other,
            change,
        }));
        previous = Some(positions);
    }
    oldest_first.reverse();
    oldest_first
}

fn tff_positions(rng: &mut Rng, oi: i64) -> TffPositions<Option<i64>> {
    let mut cat = |lo, hi| LongShortSpread {
        long: Some(rng.share(oi, lo, hi)),
        short: Some(rng.share(oi, lo, hi)),
        spread: Some(rng.share(oi, 0, 3)),
    };
    let dealer = cat(5, 15);
    let asset_manager = cat(20, 40);
    let leveraged_funds = cat(10, 25);
    let other_reportables = cat(2, 8);
    let cats = [dealer, asset_manager, leveraged_funds, other_reportables];
    let side = |f: fn(&LongShortSpread<Option<i64>>) -> Option<i64>| -> i64 {
        cats.iter()
            .map(|c| f(c).unwrap_or(0) + c.spread.unwrap_or(0))
            .sum()
    };
    let tr_long = side(|c| c.long);
    let tr_short = side(|c| c.short);
    TffPositions {
        open_interest: Some(oi),
        dealer,
        asset_manager,
        leveraged_funds,
        other_reportables,
        total_reportable: LongShort {
            long: Some(tr_long),
            short: Some(tr_short),
        },
        nonreportable: LongShort {
            long: Some(oi - tr_long),
            short: Some(oi - tr_short),
        },
    }
}

fn map_tff<T: Copy, U>(
    p: &TffPositions<T>,
    q: &TffPositions<T>,
    f: impl Fn(T, T) -> U,
) -> TffPositions<U> {
    let lss = |a: &LongShortSpread<T>, b: &LongShortSpread<T>| LongShortSpread {
        long: f(a.long, b.long),
        short: f(a.short, b.short),
        spread: f(a.spread, b.spread),
    };
    TffPositions {
        open_interest: f(p.open_interest, q.open_interest),
        dealer: lss(&p.dealer, &q.dealer),
        asset_manager: lss(&p.asset_manager, &q.asset_manager),
        leveraged_funds: lss(&p.leveraged_funds, &q.leveraged_funds),
        other_reportables: lss(&p.other_reportables, &q.other_reportables),
        total_reportable: LongShort {
            long: f(p.total_reportable.long, q.total_reportable.long),
            short: f(p.total_reportable.short, q.total_reportable.short),
        },
        nonreportable: LongShort {
            long: f(p.nonreportable.long, q.nonreportable.long),
            short: f(p.nonreportable.short, q.nonreportable.short),
        },
    }
}

fn tff_traders(rng: &mut Rng) -> TffTraders {
    let lss = |rng: &mut Rng| LongShortSpread {
        long: count(rng, 4, 40),
        short: count(rng, 4, 40),
        // CFTC prints `.` for counts below 4: keep some suppressed.
        spread: if rng.range(0, 2) == 0 {
            None
        } else {
            count(rng, 4, 12)
        },
    };
    TffTraders {
        total: count(rng, 100, 200),
        dealer: lss(rng),
        asset_manager: lss(rng),
        leveraged_funds: lss(rng),
        other_reportables: lss(rng),
        total_reportable: LongShort {
            long: count(rng, 80, 150),
            short: count(rng, 80, 150),
        },
    }
}

fn tff_market(rng: &mut Rng, spec: &Spec, dates: &[NaiveDate], scope: Scope) -> Vec<CotRecord> {
    let mut oldest_first = Vec::new();
    let mut previous: Option<TffPositions<Option<i64>>> = None;
    for &date in dates.iter().rev() {
        let oi = spec.open_interest + rng.range(-spec.open_interest / 10, spec.open_interest / 10);
        let positions = tff_positions(rng, oi);
        let change = match &previous {
            Some(p) => map_tff(&positions, p, diff),
            None => map_tff(&positions, &positions, |_, _| None),
        };
        oldest_first.push(CotRecord::Tff(TffRecord {
            market: market(spec),
            date,
            scope,
            subgroup_code: spec.subgroup.into(),
            positions,
            change,
            percent_of_open_interest: map_tff(&positions, &positions, |v, _| pct(v, oi)),
            traders: tff_traders(rng),
            concentration: concentration(rng),
        }));
        previous = Some(positions);
    }
    oldest_first.reverse();
    oldest_first
}

fn disaggregated_positions(rng: &mut Rng, oi: i64) -> DisaggregatedPositions<Option<i64>> {
    let producer_merchant = LongShort {
        long: Some(rng.share(oi, 5, 20)),
        short: Some(rng.share(oi, 15, 35)),
    };
    let mut cat = |lo, hi| LongShortSpread {
        long: Some(rng.share(oi, lo, hi)),
        short: Some(rng.share(oi, lo, hi)),
        spread: Some(rng.share(oi, 0, 6)),
    };
    let swap_dealers = cat(5, 20);
    let managed_money = cat(10, 30);
    let other_reportables = cat(2, 8);
    let cats = [swap_dealers, managed_money, other_reportables];
    let side = |f: fn(&LongShortSpread<Option<i64>>) -> Option<i64>| -> i64 {
        cats.iter()
            .map(|c| f(c).unwrap_or(0) + c.spread.unwrap_or(0))
            .sum()
    };
    let tr_long = side(|c| c.long) + producer_merchant.long.unwrap_or(0);
    let tr_short = side(|c| c.short) + producer_merchant.short.unwrap_or(0);
    DisaggregatedPositions {
        open_interest: Some(oi),
        producer_merchant,
        swap_dealers,
        managed_money,
        other_reportables,
        total_reportable: LongShort {
            long: Some(tr_long),
            short: Some(tr_short),
        },
        nonreportable: LongShort {
            long: Some(oi - tr_long),
            short: Some(oi - tr_short),
        },
    }
}

fn map_disaggregated<T: Copy, U>(
    p: &DisaggregatedPositions<T>,
    q: &DisaggregatedPositions<T>,
    f: impl Fn(T, T) -> U,
) -> DisaggregatedPositions<U> {
    let ls = |a: &LongShort<T>, b: &LongShort<T>| LongShort {
        long: f(a.long, b.long),
        short: f(a.short, b.short),
    };
    let lss = |a: &LongShortSpread<T>, b: &LongShortSpread<T>| LongShortSpread {
        long: f(a.long, b.long),
        short: f(a.short, b.short),
        spread: f(a.spread, b.spread),
    };
    DisaggregatedPositions {
        open_interest: f(p.open_interest, q.open_interest),
        producer_merchant: ls(&p.producer_merchant, &q.producer_merchant),
        swap_dealers: lss(&p.swap_dealers, &q.swap_dealers),
        managed_money: lss(&p.managed_money, &q.managed_money),
        other_reportables: lss(&p.other_reportables, &q.other_reportables),
        total_reportable: ls(&p.total_reportable, &q.total_reportable),
        nonreportable: ls(&p.nonreportable, &q.nonreportable),
    }
}

fn disaggregated_traders(rng: &mut Rng) -> DisaggregatedTraders {
    let lss = |rng: &mut Rng| LongShortSpread {
        long: count(rng, 4, 60),
        short: count(rng, 4, 60),
        spread: count(rng, 4, 30),
    };
    DisaggregatedTraders {
        total: count(rng, 150, 300),
        producer_merchant: LongShort {
            long: count(rng, 10, 40),
            short: count(rng, 20, 60),
        },
        swap_dealers: lss(rng),
        managed_money: lss(rng),
        other_reportables: lss(rng),
        total_reportable: LongShort {
            long: count(rng, 100, 200),
            short: count(rng, 100, 200),
        },
    }
}

/// A market without crop years: CFTC prints Old as All and Other as zero.
fn disaggregated_market(
    rng: &mut Rng,
    spec: &Spec,
    dates: &[NaiveDate],
    scope: Scope,
) -> Vec<CotRecord> {
    let mut oldest_first = Vec::new();
    let mut previous: Option<DisaggregatedPositions<Option<i64>>> = None;
    for &date in dates.iter().rev() {
        let oi = spec.open_interest + rng.range(-spec.open_interest / 10, spec.open_interest / 10);
        let positions = disaggregated_positions(rng, oi);
        let change = match &previous {
            Some(p) => map_disaggregated(&positions, p, diff),
            None => map_disaggregated(&positions, &positions, |_, _| None),
        };
        let all = DisaggregatedCrop {
            positions,
            percent_of_open_interest: map_disaggregated(&positions, &positions, |v, _| pct(v, oi)),
            traders: disaggregated_traders(rng),
            concentration: concentration(rng),
        };
        let other = DisaggregatedCrop {
            positions: map_disaggregated(&positions, &positions, |_, _| Some(0)),
            percent_of_open_interest: map_disaggregated(&positions, &positions, |_, _| {
                Some(Decimal::ZERO)
            }),
            traders: DisaggregatedTraders::default(),
            concentration: Concentration::default(),
        };
        oldest_first.push(CotRecord::Disaggregated(DisaggregatedRecord {
            market: market(spec),
            date,
            scope,
            subgroup_code: spec.subgroup.into(),
            all,
            old: all,
            other,
            change,
        }));
        previous = Some(positions);
    }
    oldest_first.reverse();
    oldest_first
}

fn supplemental_positions(rng: &mut Rng, oi: i64) -> SupplementalPositions<Option<i64>> {
    let noncommercial = LongShortSpread {
        long: Some(rng.share(oi, 10, 25)),
        short: Some(rng.share(oi, 10, 30)),
        spread: Some(rng.share(oi, 5, 25)),
    };
    let commercial = LongShort {
        long: Some(rng.share(oi, 15, 35)),
        short: Some(rng.share(oi, 20, 45)),
    };
    let index_traders = LongShort {
        long: Some(rng.share(oi, 15, 30)),
        short: Some(rng.share(oi, 2, 6)),
    };
    let n = |v: Option<i64>| v.unwrap_or(0);
    let spread = n(noncommercial.spread);
    let tr_long = n(noncommercial.long) + spread + n(commercial.long) + n(index_traders.long);
    let tr_short = n(noncommercial.short) + spread + n(commercial.short) + n(index_traders.short);
    SupplementalPositions {
        open_interest: Some(oi),
        noncommercial,
        commercial,
        total_reportable: LongShort {
            long: Some(tr_long),
            short: Some(tr_short),
        },
        nonreportable: LongShort {
            long: Some(oi - tr_long),
            short: Some(oi - tr_short),
        },
        index_traders,
    }
}

fn map_supplemental<T: Copy, U>(
    p: &SupplementalPositions<T>,
    q: &SupplementalPositions<T>,
    f: impl Fn(T, T) -> U,
) -> SupplementalPositions<U> {
    let ls = |a: &LongShort<T>, b: &LongShort<T>| LongShort {
        long: f(a.long, b.long),
        short: f(a.short, b.short),
    };
    SupplementalPositions {
        open_interest: f(p.open_interest, q.open_interest),
        noncommercial: LongShortSpread {
            long: f(p.noncommercial.long, q.noncommercial.long),
            short: f(p.noncommercial.short, q.noncommercial.short),
            spread: f(p.noncommercial.spread, q.noncommercial.spread),
        },
        commercial: ls(&p.commercial, &q.commercial),
        total_reportable: ls(&p.total_reportable, &q.total_reportable),
        nonreportable: ls(&p.nonreportable, &q.nonreportable),
        index_traders: ls(&p.index_traders, &q.index_traders),
    }
}

/// The Supplemental file has no quoted code copies: they read as empty.
fn supplemental_market(rng: &mut Rng, spec: &Spec, dates: &[NaiveDate]) -> Vec<CotRecord> {
    let mut oldest_first = Vec::new();
    let mut previous: Option<SupplementalPositions<Option<i64>>> = None;
    for &date in dates.iter().rev() {
        let oi = spec.open_interest + rng.range(-spec.open_interest / 10, spec.open_interest / 10);
        let positions = supplemental_positions(rng, oi);
        let change = match &previous {
            Some(p) => map_supplemental(&positions, p, diff),
            None => map_supplemental(&positions, &positions, |_, _| None),
        };
        let mut m = market(spec);
        m.quoted_codes = QuotedCodes::default();
        oldest_first.push(CotRecord::Supplemental(SupplementalRecord {
            market: m,
            date,
            scope: Scope::Combined,
            positions,
            change,
            percent_of_open_interest: map_supplemental(&positions, &positions, |v, _| pct(v, oi)),
            traders: SupplementalTraders {
                total: count(rng, 300, 450),
                noncommercial: LongShortSpread {
                    long: count(rng, 60, 120),
                    short: count(rng, 60, 140),
                    spread: count(rng, 80, 140),
                },
                commercial: LongShort {
                    long: count(rng, 80, 140),
                    short: count(rng, 80, 140),
                },
                total_reportable: LongShort {
                    long: count(rng, 250, 350),
                    short: count(rng, 250, 350),
                },
                index_traders: LongShort {
                    long: count(rng, 20, 50),
                    short: count(rng, 10, 40),
                },
            },
        }));
        previous = Some(positions);
    }
    oldest_first.reverse();
    oldest_first
}

fn write_text(
    path: &Path,
    records: &[CotRecord],
    style: Style,
    header: bool,
) -> Result<(), Box<dyn std::error::Error>> {
    let mut writer = WriterBuilder::new()
        .style(style)
        .header(header)
        .line_ending(LineEnding::Crlf)
        .from_writer(File::create(path)?);
    for r in records {
        writer.write(r)?;
    }
    writer.flush()?;
    Ok(())
}

/// Writes every sample into `dir`; returns the paths written.
pub fn write_samples(dir: &Path) -> Result<Vec<PathBuf>, Box<dyn std::error::Error>> {
    std::fs::create_dir_all(dir)?;
    let mut rng = Rng(0x00C0_FFEE_2026);
    let mut written = Vec::new();
    let recent = tuesdays(NaiveDate::from_ymd_opt(2025, 3, 11).ok_or("date")?, 8);
    let old = tuesdays(NaiveDate::from_ymd_opt(2004, 12, 28).ok_or("date")?, 6);
    let ice = tuesdays(NaiveDate::from_ymd_opt(2015, 12, 29).ok_or("date")?, 6);

    let mut legacy = Vec::new();
    for spec in [&WHEAT, &SP500, &RUSSELL] {
        legacy.extend(legacy_market(&mut rng, spec, &recent, Scope::FuturesOnly));
    }
    let mut legacy_old = Vec::new();
    for spec in [&RUSSELL_FULL_2004, &RUSSELL_MINI_2004] {
        legacy_old.extend(legacy_market(&mut rng, spec, &old, Scope::FuturesOnly));
    }
    let mut legacy_combined = Vec::new();
    for spec in [&WHEAT, &RUSSELL] {
        legacy_combined.extend(legacy_market(&mut rng, spec, &recent, Scope::Combined));
    }
    let mut tff = Vec::new();
    for spec in [&SP500, &RUSSELL] {
        tff.extend(tff_market(&mut rng, spec, &recent, Scope::FuturesOnly));
    }
    let mut tff_ice = Vec::new();
    tff_ice.extend(tff_market(&mut rng, &ICE_RUSSELL, &ice, Scope::FuturesOnly));
    let mut tff_combined = Vec::new();
    for spec in [&SP500, &RUSSELL] {
        tff_combined.extend(tff_market(&mut rng, spec, &recent, Scope::Combined));
    }
    // Generated after the others, so their numbers do not move.
    let mut disaggregated = Vec::new();
    for spec in [&WHEAT, &CRUDE, &GOLD] {
        disaggregated.extend(disaggregated_market(
            &mut rng,
            spec,
            &recent,
            Scope::FuturesOnly,
        ));
    }
    let mut supplemental = Vec::new();
    for spec in [&WHEAT, &CORN] {
        supplemental.extend(supplemental_market(&mut rng, spec, &recent));
    }
    let newest = |records: &[CotRecord]| -> Vec<CotRecord> {
        let last = records.iter().map(|r| r.date()).max();
        records
            .iter()
            .filter(|r| Some(r.date()) == last)
            .cloned()
            .collect()
    };

    let files: [(&str, &[CotRecord], Style, bool); 10] = [
        ("legacy_futures_only.txt", &legacy, Style::Current, true),
        (
            "legacy_old_layout_annual.txt",
            &legacy_old,
            Style::Padded,
            true,
        ),
        (
            "legacy_combined_annualof.txt",
            &legacy_combined,
            Style::Current,
            true,
        ),
        ("tff_futures_only.txt", &tff, Style::Current, true),
        ("tff_ice_2015_FinFutYY.txt", &tff_ice, Style::Current, true),
        (
            "tff_combined_FinComYY.txt",
            &tff_combined,
            Style::Current,
            true,
        ),
        ("deafut.txt", &newest(&legacy), Style::Current, false),
        (
            "disaggregated_f_year.txt",
            &disaggregated,
            Style::Current,
            true,
        ),
        (
            "f_disagg.txt",
            &newest(&disaggregated),
            Style::Current,
            false,
        ),
        (
            "supplemental_annualci.txt",
            &supplemental,
            Style::Current,
            true,
        ),
    ];
    for (name, records, style, header) in files {
        let path = dir.join(name);
        write_text(&path, records, style, header)?;
        written.push(path);
    }
    let weekly = dir.join("FinFutWk.txt");
    write_text(&weekly, &newest(&tff), Style::Current, false)?;
    written.push(weekly);

    // A zip as CFTC ships the yearly legacy file: one member, `annual.txt`.
    let zip_path = dir.join("deacot2025_sample.zip");
    let mut zip = zip::ZipWriter::new(File::create(&zip_path)?);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    zip.start_file("annual.txt", options)?;
    zip.write_all(&std::fs::read(dir.join("legacy_futures_only.txt"))?)?;
    zip.finish()?;
    written.push(zip_path);
    Ok(written)
}

#[allow(dead_code)] // also compiled into tests/samples.rs, which has its own main
fn main() -> std::process::ExitCode {
    let dir = std::env::args()
        .nth(1)
        .map_or_else(|| PathBuf::from("data-samples"), PathBuf::from);
    match write_samples(&dir) {
        Ok(paths) => {
            for p in paths {
                say!("wrote {}", p.display());
            }
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("make_samples: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
