#![no_main]
//! Any bytes as the rows of a Disaggregated or Supplemental file (the first
//! byte picks which), behind the header of the report's description.
use cftc_cot::ReportKind;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rows)) = data.split_first() else {
        return;
    };
    let kind = if pick % 2 == 0 {
        ReportKind::Disaggregated
    } else {
        ReportKind::Supplemental
    };
    let mut text = kind.schema().columns.join(",").into_bytes();
    text.extend_from_slice(b"\r\n");
    text.extend_from_slice(rows);
    common::read_both_ways(&text, "report.txt");
});
