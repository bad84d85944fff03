//! The words traders use for the most-watched markets, where CFTC's names
//! do not say it: `crude oil` is NYMEX WTI (printed `WTI-PHYSICAL` since
//! CFTC's 2022 renames), `natural gas` is NYMEX Henry Hub (`NAT GAS NYME`),
//! `euro` is CME Euro FX, not the Eurodollar.
//!
//! Each entry names one contract market code and says why it is the one
//! meant. Every code but one was checked against the names and open
//! interest printed in CFTC's 2025 legacy file; the Eurodollar (132741),
//! delisted in 2023, against the 2004 file. Name resolution
//! ([`Directory::resolve`](crate::source::directory::Directory::resolve))
//! uses an alias only when the code has rows in the report and scope
//! asked for, and always says what else matched.
//!
//! ```
//! use cftc_cot::records::aliases::alias;
//! let wti = alias("Crude Oil").unwrap();
//! assert_eq!(wti.code, "067651");
//! assert_eq!(alias("euro").unwrap().code, "099741");
//! assert!(alias("unobtainium").is_none());
//! ```

/// One curated name of a market.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Alias {
    /// The phrases that mean it, lowercase, words separated by one space.
    pub phrases: &'static [&'static str],
    /// The contract market code.
    pub code: &'static str,
    /// Why this code: the contract, and what CFTC prints for it.
    pub why: &'static str,
}

/// The curated names, most-watched markets first.
pub const ALIASES: &[Alias] = &[
    Alias {
        phrases: &[
            "crude oil",
            "crude",
            "wti",
            "wti crude",
            "light sweet crude",
            "cl",
        ],
        code: "067651",
        why: "NYMEX light sweet crude (WTI), printed WTI-PHYSICAL since 2022, CRUDE OIL, LIGHT SWEET before",
    },
    Alias {
        phrases: &["brent", "brent crude"],
        code: "06765T",
        why: "NYMEX Brent last day, the Brent contract CFTC reports (ICE's Brent is not in the COT reports)",
    },
    Alias {
        phrases: &["natural gas", "nat gas", "henry hub", "ng"],
        code: "023651",
        why: "NYMEX Henry Hub natural gas, printed NAT GAS NYME since 2022, NATURAL GAS before",
    },
    Alias {
        phrases: &["heating oil", "ulsd", "diesel", "ho"],
        code: "022651",
        why: "NYMEX NY Harbor ULSD, the heating oil contract (printed #2 HEATING OIL before)",
    },
    Alias {
        phrases: &["gasoline", "rbob", "rb"],
        code: "111659",
        why: "NYMEX RBOB gasoline",
    },
    Alias {
        phrases: &["gold", "gc"],
        code: "088691",
        why: "COMEX gold (100 oz), not the micro or the index that once held the word",
    },
    Alias {
        phrases: &["silver", "si"],
        code: "084691",
        why: "COMEX silver (5,000 oz)",
    },
    Alias {
        phrases: &["copper", "hg"],
        code: "085692",
        why: "COMEX copper grade #1",
    },
    Alias {
        phrases: &["platinum", "pl"],
        code: "076651",
        why: "NYMEX platinum",
    },
    Alias {
        phrases: &["corn", "zc"],
        code: "002602",
        why: "CBOT corn",
    },
    Alias {
        phrases: &["soybeans", "soybean", "soy", "beans", "zs"],
        code: "005602",
        why: "CBOT soybeans, not the oil or the meal",
    },
    Alias {
        phrases: &["wheat", "chicago wheat", "srw wheat", "zw"],
        code: "001602",
        why: "CBOT soft red winter wheat, the benchmark wheat",
    },
    Alias {
        phrases: &["sugar", "sugar 11", "sb"],
        code: "080732",
        why: "ICE US sugar No. 11",
    },
    Alias {
        phrases: &["coffee", "kc"],
        code: "083731",
        why: "ICE US coffee C",
    },
    Alias {
        phrases: &["cotton", "ct"],
        code: "033661",
        why: "ICE US cotton No. 2",
    },
    Alias {
        phrases: &["cattle", "live cattle", "le"],
        code: "057642",
        why: "CME live cattle, not feeder cattle",
    },
    Alias {
        phrases: &["hogs", "lean hogs", "he"],
        code: "054642",
        why: "CME lean hogs",
    },
    Alias {
        phrases: &["nasdaq", "nasdaq 100", "ndx", "nq"],
        code: "209742",
        why: "CME E-mini Nasdaq-100 (printed NASDAQ MINI)",
    },
    Alias {
        phrases: &["dow", "dow jones", "djia", "ym"],
        code: "124603",
        why: "CBOT E-mini Dow ($5), printed DJIA x $5",
    },
    Alias {
        phrases: &["vix", "vx"],
        code: "1170E1",
        why: "CBOE VIX futures",
    },
    Alias {
        phrases: &["2 y", "2 y note", "2 y notes", "2 y treasury", "zt"],
        code: "042601",
        why: "CBOT 2-year Treasury note (UST 2Y NOTE)",
    },
    Alias {
        phrases: &["5 y", "5 y note", "5 y notes", "5 y treasury", "zf"],
        code: "044601",
        why: "CBOT 5-year Treasury note (UST 5Y NOTE)",
    },
    Alias {
        phrases: &["10 y", "10 y note", "10 y notes", "10 y treasury", "zn"],
        code: "043602",
        why: "CBOT 10-year Treasury note (UST 10Y NOTE), not the ultra",
    },
    Alias {
        phrases: &[
            "30 y",
            "30 y bond",
            "bond",
            "bonds",
            "t bond",
            "treasury bond",
            "zb",
        ],
        code: "020601",
        why: "CBOT Treasury bond (UST BOND), not the ultra",
    },
    Alias {
        phrases: &["sofr", "3 m sofr", "sr 3"],
        code: "134741",
        why: "CME 3-month SOFR, the short-rate benchmark since the Eurodollar's end",
    },
    Alias {
        phrases: &["eurodollar", "eurodollars", "ge"],
        code: "132741",
        why: "CME 3-month Eurodollars (reported until 2023)",
    },
    Alias {
        phrases: &["fed funds", "fed fund", "30 day fed funds", "zq"],
        code: "045601",
        why: "CBOT 30-day federal funds",
    },
    Alias {
        phrases: &["euro", "euro fx", "eur", "eurusd", "6 e"],
        code: "099741",
        why: "CME Euro FX, the euro's currency future (not the Eurodollar, a dollar rate)",
    },
    Alias {
        phrases: &["yen", "japanese yen", "jpy", "6 j"],
        code: "097741",
        why: "CME Japanese yen",
    },
    Alias {
        phrases: &["pound", "british pound", "sterling", "gbp", "6 b"],
        code: "096742",
        why: "CME British pound",
    },
    Alias {
        phrases: &["swiss franc", "franc", "chf", "6 s"],
        code: "092741",
        why: "CME Swiss franc",
    },
    Alias {
        phrases: &["canadian dollar", "loonie", "cad", "6 c"],
        code: "090741",
        why: "CME Canadian dollar",
    },
    Alias {
        phrases: &["australian dollar", "aussie", "aud", "6 a"],
        code: "232741",
        why: "CME Australian dollar",
    },
    Alias {
        phrases: &["peso", "mexican peso", "mxn", "6 m"],
        code: "095741",
        why: "CME Mexican peso",
    },
    Alias {
        phrases: &["bitcoin", "btc"],
        code: "133741",
        why: "CME bitcoin (5 BTC), not the micro",
    },
    Alias {
        phrases: &["ether", "ethereum", "eth"],
        code: "146021",
        why: "CME ether (50 ETH, printed ETHER CASH SETTLED), not the micro",
    },
];

/// A name or phrase as lower-case words: digits split from letters (`10Y`
/// is `10 y`), `year`/`yr` spelled `y` and `month`/`mo` spelled `m`, so
/// that CFTC's abbreviations and a trader's words meet. The one word
/// splitter of the crate: the alias table and the directory's name
/// matching both use it.
pub(crate) fn words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut word = String::new();
    let mut last_digit = None;
    for ch in text.chars().flat_map(char::to_lowercase) {
        if ch.is_alphanumeric() {
            let digit = ch.is_ascii_digit();
            if last_digit.is_some_and(|d| d != digit) && !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            word.push(ch);
            last_digit = Some(digit);
        } else {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            last_digit = None;
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    for w in &mut out {
        match w.as_str() {
            "year" | "years" | "yr" | "yrs" => *w = "y".into(),
            "month" | "months" | "mo" => *w = "m".into(),
            _ => {}
        }
    }
    out
}

fn normalize(query: &str) -> String {
    words(query).join(" ")
}

/// The curated market a phrase means, if it is one of the table's.
///
/// ```
/// use cftc_cot::records::aliases::alias;
/// assert_eq!(alias("10-year notes").unwrap().code, "043602");
/// assert_eq!(alias("NAT GAS").unwrap().code, "023651");
/// ```
pub fn alias(query: &str) -> Option<&'static Alias> {
    let key = normalize(query);
    ALIASES.iter().find(|a| a.phrases.contains(&key.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_numbers_and_spell_years_alike() {
        assert_eq!(words("UST 10Y NOTE"), ["ust", "10", "y", "note"]);
        assert_eq!(words("10-year"), ["10", "y"]);
        assert_eq!(words("10 yr notes"), ["10", "y", "notes"]);
        assert_eq!(words("SOFR-3M"), words("sofr 3-month"));
    }

    #[test]
    fn every_code_is_a_code_and_no_phrase_means_two_markets() {
        let mut seen = std::collections::HashMap::new();
        for a in ALIASES {
            assert!(
                a.code.parse::<crate::records::ContractMarketCode>().is_ok(),
                "{}",
                a.code
            );
            assert!(!a.why.is_empty());
            for p in a.phrases {
                assert_eq!(normalize(p), *p, "{p} is not written normalized");
                assert!(seen.insert(*p, a.code).is_none(), "{p} twice");
            }
        }
    }
}
