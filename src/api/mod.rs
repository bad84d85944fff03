//! CFTC's public-reporting API (Socrata) as a second source of the same
//! records (feature `api`).
//!
//! The API serves every report as a dataset ([`Dataset`]: legacy
//! `6dca-aqww`/`jun7-fc8e`, Disaggregated `72hh-3qpy`/`kh3c-gbw2`, TFF
//! `gpe5-46if`/`yw9f-hn96`, Supplemental `4zgm-a668`) that a SoQL query
//! ([`Query`]) filters by code, date and name, so one market's whole history
//! is one request of a few hundred kilobytes instead of tens of megabytes
//! of yearly archives. Its rows are JSON objects of strings under field
//! names that keep CFTC's typos ([`fields`]); a missing value is an absent
//! field; dates are timestamps; the region is a city code (`CHI`, `NYC`,
//! kept as written in [`Market::region_code`](crate::records::Market)).
//! [`json::decode`] lays each row out as a text row and reads it with the
//! files' parser, so the records are the same types with the same values;
//! the `id` is checked against the row's date, code and scope.
//!
//! [`ApiClient`] pages through an answer (`$limit`/`$offset` with a stable
//! `$order`), sends an app token when it has one, retries like the
//! downloader (429 with `Retry-After` included) and caches each answer,
//! offline first. [`Source::api`](crate::source::Source::api) makes it a
//! source of studies, and [`reconcile`](crate::source::reconcile) compares it with
//! the archives.
//!
//! ```no_run
//! use cftc_cot::api::{ApiClient, Dataset, Query};
//! use cftc_cot::read::Mode;
//! use cftc_cot::{ReportKind, Scope};
//! let dataset = Dataset::new(ReportKind::Tff, Scope::FuturesOnly).unwrap();
//! let query = Query::new().codes(["239742".parse()?]);
//! let read = ApiClient::from_env().fetch(dataset, &query, Mode::Strict)?;
//! println!("{}", read.summary);
//! for row in &read.rows {
//!     let tff = row.record.as_tff().unwrap();
//!     println!("{} {:?}", tff.date, tff.positions.leveraged_funds.long);
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod client;
pub mod fields;
pub mod json;
mod query;

pub use client::{API_BASE_URL, ApiClient, ApiRead, ApiSummary};
pub use json::{ApiDetails, ApiRow, Decoding};
pub use query::{DATASETS, Dataset, Query};
