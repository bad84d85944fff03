//! `say!`: `println!` that ends the program quietly when stdout is closed
//! (`... | head`) instead of panicking. Shared by the examples.

/// Writes a line to stdout; exits with status 0 if the reader went away.
macro_rules! say {
    () => {{
        use std::io::Write as _;
        if writeln!(std::io::stdout()).is_err() {
            std::process::exit(0);
        }
    }};
    ($($arg:tt)+) => {{
        use std::io::Write as _;
        if writeln!(std::io::stdout(), $($arg)+).is_err() {
            std::process::exit(0);
        }
    }};
}
