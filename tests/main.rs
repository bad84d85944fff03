//! The integration tests, one binary: each file under `tests/` is a module
//! here (one link instead of one per file keeps CI's build short), with the
//! helpers in `common`.

mod common;

mod analytics;
mod api;
mod audit;
mod cache_faults;
mod chart;
mod claims;
mod cli;
mod cli_silent;
mod disaggregated;
mod download;
mod download_faults;
mod embedded;
mod examples;
mod excel;
mod export;
mod history;
mod hostile;
mod index;
mod names;
mod prefilter;
mod real_files;
mod samples;
mod study;
mod supplemental;
mod surface;
