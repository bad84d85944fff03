#![no_main]
//! Any bytes as an Excel workbook: a typed error or records, never a panic,
//! and a lenient reader accounts for every row.
use std::io::Cursor;

use cftc_cot::read::ReaderBuilder;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let builder = ReaderBuilder::new().lenient().member_limit(16 << 20);
    if let Ok(mut reader) = builder.from_excel(Cursor::new(data.to_vec()), "fuzz.xls") {
        let mut fatal = false;
        for record in &mut reader {
            if record.is_err() {
                fatal = true;
                break;
            }
        }
        let r = reader.summary();
        if !fatal {
            assert_eq!(r.records + r.filtered_out + r.skipped, r.rows, "{r}");
        }
    }
});
