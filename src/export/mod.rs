//! Records and histories out: CFTC's text layouts ([`write`](mod@write)), SVG charts
//! ([`chart`], feature `chart`), Arrow and Parquet ([`parquet`], feature
//! `parquet`). Files are written whole or not at all ([`atomic_write`]).

#[cfg(feature = "chart")]
#[cfg_attr(docsrs, doc(cfg(feature = "chart")))]
pub mod chart;
#[cfg(feature = "parquet")]
#[cfg_attr(docsrs, doc(cfg(feature = "parquet")))]
pub mod dataset;
#[cfg(feature = "parquet")]
#[cfg_attr(docsrs, doc(cfg(feature = "parquet")))]
pub mod parquet;
pub mod write;

pub use crate::atomic::{atomic_write, io_failure};
