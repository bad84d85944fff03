//! How the program fails: the library's error with what to type about it,
//! or the program's own sentence.

use std::fmt;

use cftc_cot::ErrorKind;

use crate::args::{DataArgs, SourceArg};

/// What to do when CFTC cannot be reached, in this program's flags.
pub const NEXT_STEPS: &str = "For fresh data: run again when CFTC's site can be reached; or set \
CFTC_COT_BASE_URL to a mirror of its history archives; or pass --data DIR with CFTC's files \
(text, zip or Excel); --offline answers from the cache alone";

const API_NEXT_STEPS: &str = "For fresh data: run again when CFTC's API can be reached; or set \
CFTC_COT_API_URL to a mirror of it; or leave out --source api to read CFTC's archives; \
--offline answers from the cache alone";

/// An error for the user: what went wrong and what to do.
#[derive(Debug)]
pub enum Failure {
    /// The library's error, and what to type about it (the library names
    /// no flag).
    Cftc {
        /// The error.
        error: cftc_cot::Error,
        /// This program's hint, if any.
        hint: Option<String>,
    },
    /// The program's own sentence.
    Message(String),
}

impl Failure {
    /// The library's error, with the next steps when the source could not
    /// be reached and the user gave no files.
    pub fn from_source(error: cftc_cot::Error, data: &DataArgs) -> Self {
        if !data.data.is_empty() || !error.is_unreachable() {
            return error.into();
        }
        let steps = match data.source {
            SourceArg::Api => API_NEXT_STEPS,
            SourceArg::Archives => NEXT_STEPS,
        };
        Failure::Cftc {
            error,
            hint: Some(format!(". {steps}")),
        }
    }
}

impl From<cftc_cot::Error> for Failure {
    fn from(error: cftc_cot::Error) -> Self {
        let hint = match error.kind() {
            ErrorKind::UnknownMarket { former_names, .. } if !former_names.is_empty() => {
                Some("; pass --market CODE to use one")
            }
            ErrorKind::UnknownMarket { elsewhere, .. } if elsewhere.is_empty() => {
                Some("; list the markets with `markets --search TEXT`")
            }
            ErrorKind::UnknownMarket {
                elsewhere,
                report,
                scope: cftc_cot::Scope::FuturesOnly,
                ..
            } if elsewhere.iter().all(|e| e.contains(&format!("({report} "))) => {
                Some(" (pass --combined)")
            }
            ErrorKind::MixedContracts { .. } => Some(
                "; count them with --unit emini-equivalents or --unit dollars-per-point, or keep \
                 the larger contract with --overlap largest",
            ),
            ErrorKind::UnitNeedsSize { .. } => Some("; pass --unit contracts"),
            ErrorKind::ScopeNotPublished { .. } => Some("; pass --combined"),
            _ => None,
        };
        Failure::Cftc {
            error,
            hint: hint.map(str::to_string),
        }
    }
}

impl From<String> for Failure {
    fn from(text: String) -> Self {
        Failure::Message(text)
    }
}

impl From<&str> for Failure {
    fn from(text: &str) -> Self {
        Failure::Message(text.to_string())
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Cftc { error, hint } => {
                write!(f, "{error}{}", hint.as_deref().unwrap_or(""))
            }
            Failure::Message(text) => f.write_str(text),
        }
    }
}
