//! Printing: stdout for answers, a closed pipe a quiet end.

use std::io::Write;

use crate::failure::Failure;

/// Prints to stdout; a closed pipe (`| head`) ends the program quietly.
pub fn say(text: &str) {
    let mut out = std::io::stdout().lock();
    if writeln!(out, "{text}").and_then(|()| out.flush()).is_err() {
        std::process::exit(0);
    }
}

/// Prints one JSON value on a line.
pub fn json<T: serde::Serialize>(value: &T) -> Result<(), Failure> {
    say(&serde_json::to_string(value).map_err(|e| e.to_string())?);
    Ok(())
}

/// The files a run left out, on stderr.
pub fn skipped(list: &[cftc_cot::source::SkippedInput]) {
    let mut text = String::new();
    let _ = cftc_cot::history::study::write_skipped(&mut text, list);
    if !text.is_empty() {
        eprint!("{text}");
    }
}
