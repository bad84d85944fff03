//! What every target checks: reading never panics, and a lenient reader
//! accounts for every row it saw.

use cftc_cot::read::{Filter, ReaderBuilder};

pub fn read_both_ways(bytes: &[u8], name: &str) {
    // Strict: stops at the first error.
    if let Ok(reader) = ReaderBuilder::new().from_reader(bytes, name) {
        for record in reader {
            if record.is_err() {
                break;
            }
        }
    }
    // Lenient, and filtered: every row is a record, filtered out, or skipped.
    for filter in [Filter::all(), Filter::codes(["239742"]).unwrap_or_default()] {
        if let Ok(mut reader) = ReaderBuilder::new()
            .lenient()
            .filter(filter)
            .from_reader(bytes, name)
        {
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
    }
}
