#![no_main]
//! Any bytes as the rows of a tff file, behind its real header.
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

const HEADER: &str = include_str!("../../data-samples/tff_futures_only.txt");

fuzz_target!(|data: &[u8]| {
    let header = HEADER.lines().next().unwrap_or_default();
    let mut text = Vec::with_capacity(header.len() + 2 + data.len());
    text.extend_from_slice(header.as_bytes());
    text.extend_from_slice(b"\r\n");
    text.extend_from_slice(data);
    common::read_both_ways(&text, "tff.txt");
});
