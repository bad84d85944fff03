//! Blocks of figures in column order: how a record type lines up with its
//! report's [`ReportSchema`](crate::records::schema::ReportSchema).
//!
//! Every block of a record (a crop's positions, its percents, its trader
//! counts, its concentration ratios, the changes) is a struct whose fields
//! follow CFTC's column order. [`Figures`] reads such a block from values in
//! column order and gives them back in that order, so one description of a
//! report's columns drives parsing, writing, the identity checks and the
//! trader groups; a record type only says which of its fields is which block.

use super::{
    Concentration, DisaggregatedPositions, DisaggregatedTraders, LegacyPositions, LegacyTraders,
    LongShort, LongShortSpread, Percent, SupplementalPositions, SupplementalTraders, TffPositions,
    TffTraders, Traders,
};

/// A block of `T`s laid out in column order.
pub(crate) trait Figures<T>: Sized {
    /// Builds the block from values taken in column order.
    fn from_columns<E, F: FnMut() -> Result<T, E>>(next: &mut F) -> Result<Self, E>;
    /// Gives every value in column order.
    fn columns<'a>(&'a self, out: &mut dyn FnMut(&'a T));
    /// The number of columns (a default block's values, counted).
    #[cfg(test)]
    fn width() -> usize
    where
        Self: Default,
    {
        let block = Self::default();
        let mut n = 0;
        block.columns(&mut |_| n += 1);
        n
    }
}

macro_rules! read_shape {
    (one, $next:ident) => {
        $next()?
    };
    (ls, $next:ident) => {
        LongShort {
            long: $next()?,
            short: $next()?,
        }
    };
    (lss, $next:ident) => {
        LongShortSpread {
            long: $next()?,
            short: $next()?,
            spread: $next()?,
        }
    };
}

macro_rules! write_shape {
    (one, $v:expr, $out:ident) => {
        $out(&$v)
    };
    (ls, $v:expr, $out:ident) => {{
        $out(&$v.long);
        $out(&$v.short);
    }};
    (lss, $v:expr, $out:ident) => {{
        $out(&$v.long);
        $out(&$v.short);
        $out(&$v.spread);
    }};
}

/// `figures!(Type<T> { field: shape, ... })` for blocks generic over the
/// value, `figures!(Type: Value { ... })` for blocks of one value type;
/// shapes are `one`, `ls` (long, short) and `lss` (long, short, spread),
/// in column order. Fields are read in the order written, which is the
/// order Rust evaluates a struct expression in.
macro_rules! figures {
    ($ty:ident <T> { $($field:ident : $shape:ident),* $(,)? }) => {
        impl<T> Figures<T> for $ty<T> {
            fn from_columns<E, F: FnMut() -> Result<T, E>>(next: &mut F) -> Result<Self, E> {
                Ok($ty { $($field: read_shape!($shape, next)),* })
            }
            fn columns<'a>(&'a self, out: &mut dyn FnMut(&'a T)) {
                $(write_shape!($shape, self.$field, out);)*
            }
        }
    };
    ($ty:ident : $t:ty { $($field:ident : $shape:ident),* $(,)? }) => {
        impl Figures<$t> for $ty {
            fn from_columns<E, F: FnMut() -> Result<$t, E>>(next: &mut F) -> Result<Self, E> {
                Ok($ty { $($field: read_shape!($shape, next)),* })
            }
            fn columns<'a>(&'a self, out: &mut dyn FnMut(&'a $t)) {
                $(write_shape!($shape, self.$field, out);)*
            }
        }
    };
}

figures!(LegacyPositions<T> {
    open_interest: one,
    noncommercial: lss,
    commercial: ls,
    total_reportable: ls,
    nonreportable: ls,
});

figures!(LegacyTraders: Traders {
    total: one,
    noncommercial: lss,
    commercial: ls,
    total_reportable: ls,
});

figures!(TffPositions<T> {
    open_interest: one,
    dealer: lss,
    asset_manager: lss,
    leveraged_funds: lss,
    other_reportables: lss,
    total_reportable: ls,
    nonreportable: ls,
});

figures!(TffTraders: Traders {
    total: one,
    dealer: lss,
    asset_manager: lss,
    leveraged_funds: lss,
    other_reportables: lss,
    total_reportable: ls,
});

figures!(DisaggregatedPositions<T> {
    open_interest: one,
    producer_merchant: ls,
    swap_dealers: lss,
    managed_money: lss,
    other_reportables: lss,
    total_reportable: ls,
    nonreportable: ls,
});

figures!(DisaggregatedTraders: Traders {
    total: one,
    producer_merchant: ls,
    swap_dealers: lss,
    managed_money: lss,
    other_reportables: lss,
    total_reportable: ls,
});

figures!(SupplementalPositions<T> {
    open_interest: one,
    noncommercial: lss,
    commercial: ls,
    total_reportable: ls,
    nonreportable: ls,
    index_traders: ls,
});

figures!(SupplementalTraders: Traders {
    total: one,
    noncommercial: lss,
    commercial: ls,
    total_reportable: ls,
    index_traders: ls,
});

figures!(Concentration: Percent {
    gross_4: ls,
    gross_8: ls,
    net_4: ls,
    net_8: ls,
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::schema::{CONCENTRATION_WIDTH, ReportSchema};
    use crate::records::{Contracts, ReportKind};

    /// Each record type's blocks are as wide as its report's description says.
    #[test]
    fn blocks_match_their_descriptions() {
        let widths = |kind: ReportKind| {
            let s = ReportSchema::of(kind);
            (s.positions_width(), s.traders_width())
        };
        assert_eq!(
            widths(ReportKind::Legacy),
            (
                <LegacyPositions<Contracts> as Figures<Contracts>>::width(),
                <LegacyTraders as Figures<Traders>>::width()
            )
        );
        assert_eq!(
            widths(ReportKind::Tff),
            (
                <TffPositions<Contracts> as Figures<Contracts>>::width(),
                <TffTraders as Figures<Traders>>::width()
            )
        );
        assert_eq!(
            widths(ReportKind::Disaggregated),
            (
                <DisaggregatedPositions<Contracts> as Figures<Contracts>>::width(),
                <DisaggregatedTraders as Figures<Traders>>::width()
            )
        );
        assert_eq!(
            widths(ReportKind::Supplemental),
            (
                <SupplementalPositions<Contracts> as Figures<Contracts>>::width(),
                <SupplementalTraders as Figures<Traders>>::width()
            )
        );
        assert_eq!(
            <Concentration as Figures<Percent>>::width(),
            CONCENTRATION_WIDTH
        );
    }
}
