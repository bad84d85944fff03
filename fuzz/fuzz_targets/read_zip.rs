#![no_main]
//! Any bytes as a zip archive: the member reader, its caps and checksums.
use std::io::{Cursor, Read};

use cftc_cot::read::{ReaderBuilder, ZipMember};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // A small cap, so a bomb is caught quickly.
    if let Ok(mut member) = ZipMember::open(Cursor::new(data), "f.zip", 1 << 20) {
        let mut sink = Vec::new();
        let _ = member.by_ref().take(2 << 20).read_to_end(&mut sink);
        assert!(sink.len() <= 1 << 20);
    }
    if let Ok(reader) = ReaderBuilder::new()
        .lenient()
        .member_limit(1 << 20)
        .from_zip(Cursor::new(data), "f.zip")
    {
        for record in reader {
            if record.is_err() {
                break;
            }
        }
    }
});
