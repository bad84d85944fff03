#![no_main]
//! The field parsers (numbers, decimals, dates, codes) through a real row:
//! fuzz bytes replace one field of a valid TFF row.
use cftc_cot::ContractMarketCode;
use cftc_cot::history::analytics::Series;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

const SAMPLE: &str = include_str!("../../data-samples/tff_futures_only.txt");

fuzz_target!(|data: &[u8]| {
    let Some((&which, value)) = data.split_first() else {
        return;
    };
    let mut lines = SAMPLE.lines();
    let (Some(header), Some(row)) = (lines.next(), lines.next()) else {
        return;
    };
    // Replace field `which` (of 87) by the fuzz bytes, commas removed so the
    // row keeps its shape.
    let index = usize::from(which) % 87;
    let value: Vec<u8> = value
        .iter()
        .copied()
        .filter(|&b| b != b',' && b != b'\n')
        .collect();
    let mut fields: Vec<Vec<u8>> = row.split(',').map(|f| f.as_bytes().to_vec()).collect();
    if let Some(f) = fields.get_mut(index) {
        *f = value.clone();
    }
    let mut text = header.as_bytes().to_vec();
    text.extend_from_slice(b"\n");
    text.extend_from_slice(&fields.join(&b","[..]));
    text.push(b'\n');
    common::read_both_ways(&text, "FinFutYY.txt");
    let _ = ContractMarketCode::from_bytes(&value);
    // A date,value series line.
    let mut csv = value.clone();
    csv.extend_from_slice(b",1\n2025-01-07,2\n");
    let _ = Series::from_csv_reader(csv.as_slice(), "s.csv");
});
