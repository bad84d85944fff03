#![no_main]
//! Any bytes as an answer of CFTC's public-reporting API, for every
//! dataset, strict and lenient: rows or a typed error, never a panic.
use cftc_cot::api::{DATASETS, Dataset, Decoding, json};
use cftc_cot::read::Mode;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for (kind, scope, _) in DATASETS {
        let dataset = Dataset { kind, scope };
        for mode in [Mode::Strict, Mode::Lenient] {
            let mut decoding = Decoding::default();
            if let Ok(rows) = json::decode(data, dataset, "fuzz", 1, mode, &mut decoding) {
                assert!(rows.len() as u64 <= decoding.rows);
            }
        }
    }
});
