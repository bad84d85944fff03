#![no_main]
//! Any bytes as a COT text file (layout detected from the first row).
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::read_both_ways(data, "annual.txt");
});
