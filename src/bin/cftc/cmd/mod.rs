//! One file per subcommand: its flags and what it does.

pub mod download;
pub mod export;
pub mod extremes;
pub mod history;
pub mod inspect;
pub mod markets;
pub mod reconcile;
pub mod screen;
pub mod vintages;
