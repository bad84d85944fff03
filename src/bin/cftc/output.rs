//! Printing: stdout for answers, a closed pipe a quiet end.

use std::io::Write;

use crate::failure::Failure;

/// Prints to stdout. A closed pipe (`| head`) ends the program quietly;
/// any other failure (a full disk, `> /dev/full`) ends it with status 1 and
/// says so: an answer that was not written is not a success.
/// Text from files and servers (market names) is shown with its control
/// characters escaped, never obeyed by the terminal.
pub fn say(text: &str) {
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{}", printable(text)).and_then(|()| out.flush()) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        Err(e) => {
            eprintln!("cftc: cannot write the answer to standard output: {e}");
            std::process::exit(1);
        }
    }
}

/// Text from data or servers made safe for a terminal: control characters
/// (escape sequences, carriage returns) shown escaped, not obeyed.
pub fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        // Line ends (CSV's CRLF too) and tabs are text; other controls not.
        let line_end = c == '\r' && chars.peek() == Some(&'\n');
        if c.is_control() && c != '\n' && c != '\t' && !line_end {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// Prints one JSON value on a line.
pub fn json<T: serde::Serialize>(value: &T) -> Result<(), Failure> {
    say(&serde_json::to_string(value).map_err(|e| e.to_string())?);
    Ok(())
}

/// Bad rows a lenient read skipped, on stderr whatever the output: they
/// are not in the answer.
pub fn rows_skipped(count: u64, first: &[String]) {
    if count == 0 {
        return;
    }
    eprintln!(
        "cftc: {count} bad rows were skipped and are not in this answer (--strict stops at the first){}",
        if first.is_empty() { "" } else { ":" }
    );
    for e in first {
        eprintln!("  {}", printable(e));
    }
    if count > first.len() as u64 && !first.is_empty() {
        eprintln!("  ... and {} more", count - first.len() as u64);
    }
}

/// What the readers doubted, on stderr.
pub fn warnings(list: &[String]) {
    for w in list {
        eprintln!("cftc: warning: {}", printable(w));
    }
}

/// The files a run left out, on stderr.
pub fn skipped(list: &[cftc_cot::source::SkippedInput]) {
    let mut text = String::new();
    let _ = cftc_cot::history::study::write_skipped(&mut text, list);
    if !text.is_empty() {
        eprint!("{text}");
    }
}
