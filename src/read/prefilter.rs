//! Dropping unwanted rows before the CSV reader sees them.
//!
//! Pulling one market out of a year means rejecting 99.9% of the rows. The
//! CSV reader lexes every field of every row it is given, which costs about
//! as much as inflating the zip. This adapter sits between the input and the
//! CSV reader: it finds record boundaries with `memchr`-style scans (a
//! newline outside quotes ends a record), looks only at the first four
//! fields of each record, and forwards just the records the [`Filter`] may
//! want. The rest are counted and skipped without further work.
//!
//! Blank lines are dropped too (and counted in the position mapping), so the
//! CSV reader's positions stay exact. It never drops a row it is unsure of: the first record (the header, or
//! the row that tells the layout), records that span lines, and records
//! whose code or date does not read cleanly all go to the CSV reader, which
//! sees exactly the bytes of the original input and reports them as usual.
//! Positions of the forwarded records are mapped back to the original input
//! so errors name the right line and byte.

use std::collections::VecDeque;
use std::io::{self, Read};

use super::Filter;

const CHUNK: usize = 1 << 18;

/// The longest line a reader accepts by default: 16 MiB (CFTC rows are
/// about 1 KB). Longer lines are an error rather than an unbounded buffer.
pub const DEFAULT_MAX_LINE: u64 = 16 << 20;

/// A line longer than the limit; carried in an `io::Error` through the CSV
/// reader and turned into [`ErrorKind::LineTooLong`](ErrorKind::LineTooLong).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LineTooLong(pub u64);

impl std::fmt::Display for LineTooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "a line longer than {} bytes", self.0)
    }
}

impl std::error::Error for LineTooLong {}

/// Totals of what was skipped before a point of the forwarded stream.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Skipped {
    /// Offset in the forwarded stream where these totals start to apply.
    at: u64,
    bytes: u64,
    lines: u64,
    records: u64,
}

pub(crate) struct Prefilter<R> {
    inner: R,
    filter: Filter,
    /// The filter keeps every row: only blank lines are dropped.
    keep_all: bool,
    buf: Vec<u8>,
    /// The bytes of `buf` not yet decided on: `start..end`.
    start: usize,
    end: usize,
    out: Vec<u8>,
    out_pos: usize,
    eof: bool,
    first_passed: bool,
    /// Bytes since the last newline of the input, and the limit on them.
    line: u64,
    max_line: u64,
    /// Set at the first quote the scan cannot interpret like the CSV
    /// reader: from there on everything is forwarded.
    unsure: bool,
    forwarded: u64,
    totals: Skipped,
    /// Skip totals by forwarded offset, oldest first; the front applies.
    marks: VecDeque<Skipped>,
}

impl<R: Read> Prefilter<R> {
    pub fn new(inner: R, filter: &Filter, max_line: u64) -> Self {
        Prefilter {
            inner,
            filter: filter.clone(),
            keep_all: filter.is_all(),
            buf: Vec::new(),
            start: 0,
            end: 0,
            out: Vec::new(),
            out_pos: 0,
            eof: false,
            first_passed: false,
            line: 0,
            max_line,
            unsure: false,
            forwarded: 0,
            totals: Skipped::default(),
            marks: VecDeque::from([Skipped::default()]),
        }
    }

    /// Records (rows) skipped so far.
    pub fn skipped_records(&self) -> u64 {
        self.totals.records
    }

    /// Maps a (byte, line, record) position of the forwarded stream back to
    /// the original input. Positions must be asked for in increasing order.
    pub fn original(&mut self, byte: u64, line: u64, record: u64) -> (u64, u64, u64) {
        while self.marks.get(1).is_some_and(|m| m.at <= byte) {
            self.marks.pop_front();
        }
        let s = self.marks.front().copied().unwrap_or_default();
        (byte + s.bytes, line + s.lines, record + s.records)
    }

    /// Counts the bytes since the last newline of freshly read input.
    fn track_lines(&mut self, fresh: &[u8]) -> io::Result<()> {
        match memchr::memrchr(b'\n', fresh) {
            Some(at) => self.line = (fresh.len() - at - 1) as u64,
            None => self.line += fresh.len() as u64,
        }
        if self.line > self.max_line {
            return Err(io::Error::other(LineTooLong(self.max_line)));
        }
        Ok(())
    }

    fn fill(&mut self) -> io::Result<()> {
        // Keep the undecided tail at the front and read behind it, into a
        // buffer that is zeroed once, not at every read.
        self.buf.copy_within(self.start..self.end, 0);
        self.end -= self.start;
        self.start = 0;
        if self.buf.len() - self.end < CHUNK {
            self.buf.resize(self.end + CHUNK, 0);
        }
        let old = self.end;
        let n = loop {
            match self.inner.read(self.buf.get_mut(old..).unwrap_or_default()) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        };
        self.end = old + n;
        if n == 0 {
            self.eof = true;
        }
        let fresh = std::mem::take(&mut self.buf);
        let tracked = self.track_lines(fresh.get(old..old + n).unwrap_or_default());
        self.buf = fresh;
        tracked
    }

    /// Decides on every complete record in the buffer.
    fn process(&mut self) {
        if self.unsure {
            // Everything from here on goes to the CSV reader as it is.
            let len = self.end - self.start;
            self.forward(len);
            return;
        }
        let filter = std::mem::take(&mut self.filter);
        self.decide(&filter);
        self.filter = filter;
    }

    fn decide(&mut self, filter: &Filter) {
        loop {
            let rest = self.buf.get(self.start..self.end).unwrap_or_default();
            if rest.is_empty() {
                return;
            }
            let (len, multi_line) = match record_end(rest) {
                End::Complete(len, multi_line) => (len, multi_line),
                // Keep reading, unless the undecided record has grown past
                // the line limit (newlines inside quotes): then stop
                // buffering and forward the rest as it is.
                End::Incomplete if !self.eof && rest.len() as u64 <= self.max_line => return,
                // The last record has no line ending, or the CSV reader's
                // view of the rest cannot be followed: forward it all.
                End::Incomplete | End::Unsure => {
                    if !self.eof || matches!(record_end(rest), End::Unsure) {
                        self.unsure = true;
                    }
                    let len = rest.len();
                    self.forward(len);
                    return;
                }
            };
            let record = rest.get(..len).unwrap_or_default();
            if record == b"\n" || record == b"\r\n" {
                // A blank line is no row. (The CSV reader would skip `\n`
                // but date the next record from it, and read `\r\n` as a
                // one-field row.)
                self.totals.bytes += len as u64;
                self.totals.lines += 1;
                self.start += len;
                continue;
            }
            let reject = !self.keep_all
                && self.first_passed
                && !multi_line
                && first_fields(record).is_some_and(|(date, code)| !filter.keeps_raw(code, date));
            if reject {
                self.totals.bytes += len as u64;
                self.totals.lines += 1;
                self.totals.records += 1;
                self.start += len;
            } else {
                self.forward(len);
            }
        }
    }

    fn forward(&mut self, len: usize) {
        if self
            .marks
            .back()
            .is_none_or(|m| m.bytes != self.totals.bytes)
        {
            self.marks.push_back(Skipped {
                at: self.forwarded,
                ..self.totals
            });
        }
        let record = self
            .buf
            .get(self.start..self.start + len)
            .unwrap_or_default();
        self.out.extend_from_slice(record);
        self.forwarded += len as u64;
        self.start += len;
        self.first_passed = true;
    }
}

/// Where the first record of `bytes` ends, as the CSV reader will see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    /// The record's length through its newline, and whether a newline
    /// inside quotes made it span lines.
    Complete(usize, bool),
    /// No newline outside quotes yet: more input is needed.
    Incomplete,
    /// A quote the CSV reader takes literally (inside an unquoted field):
    /// quote parity no longer tells where records end.
    Unsure,
}

/// Finds the end of the first record. A quote opens a quoted field only at
/// the start of a field; inside one, `""` is an escaped quote and a lone
/// quote closes it; a newline outside quotes ends the record. Any other
/// quote is one the CSV reader would read as a literal character, after
/// which this scan cannot follow the reader's state: [`End::Unsure`].
fn record_end(bytes: &[u8]) -> End {
    let mut in_quotes = false;
    let mut multi_line = false;
    let mut i = 0;
    while let Some(off) = bytes
        .get(i..)
        .and_then(|rest| memchr::memchr2(b'"', b'\n', rest))
    {
        let at = i + off;
        i = at + 1;
        if bytes.get(at) == Some(&b'\n') {
            if !in_quotes {
                return End::Complete(at + 1, multi_line);
            }
            multi_line = true;
        } else if in_quotes {
            if bytes.get(at + 1) == Some(&b'"') {
                i = at + 2;
            } else {
                in_quotes = false;
            }
        } else if at == 0 || bytes.get(at - 1) == Some(&b',') {
            in_quotes = true;
        } else {
            return End::Unsure;
        }
    }
    End::Incomplete
}

/// The raw YYMMDD (field 1) and contract code (field 3) of a record, if its
/// first four fields lex cleanly.
fn first_fields(record: &[u8]) -> Option<(&[u8], &[u8])> {
    let mut fields: [&[u8]; 4] = [&[]; 4];
    let mut i = 0;
    for slot in &mut fields {
        let rest = record.get(i..)?;
        let end = if rest.first() == Some(&b'"') {
            // A quoted field: find its closing quote (`""` is an escaped quote).
            let mut j = 1;
            loop {
                let q = j + rest.get(j..)?.iter().position(|&b| b == b'"')?;
                if rest.get(q + 1) == Some(&b'"') {
                    j = q + 2;
                } else {
                    break q + 1 + rest.get(q + 1..)?.iter().position(|&b| b == b',')?;
                }
            }
        } else {
            rest.iter().position(|&b| b == b',')?
        };
        *slot = rest.get(..end)?;
        i += end + 1;
    }
    let [_, date, _, code] = fields;
    Some((date, code))
}

impl<R: Read> Read for Prefilter<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.out_pos >= self.out.len() {
            self.out.clear();
            self.out_pos = 0;
            if self.eof && self.start >= self.end {
                return Ok(0);
            }
            self.fill()?;
            self.process();
        }
        let pending = self.out.get(self.out_pos..).unwrap_or_default();
        let n = pending.len().min(buf.len());
        if let (Some(dst), Some(src)) = (buf.get_mut(..n), pending.get(..n)) {
            dst.copy_from_slice(src);
        }
        self.out_pos += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_records_as_the_csv_reader_does() {
        assert_eq!(record_end(b"a,b\nc"), End::Complete(4, false));
        assert_eq!(record_end(b"\"x\ny\",b\nc"), End::Complete(8, true));
        assert_eq!(record_end(b"\"a\"\"b\",c\r\n"), End::Complete(10, false));
        // Text after a closing quote (the old padded layout).
        assert_eq!(record_end(b"\"a\" ,\"b\" \n"), End::Complete(10, false));
        assert_eq!(record_end(b"no end"), End::Incomplete);
        // A quote inside an unquoted field is a literal to the CSV reader.
        assert_eq!(record_end(b"a,  \"5,\"x\ny\"\n"), End::Unsure);
    }

    #[test]
    fn refuses_endless_lines() {
        let text = vec![b'x'; 5000];
        for filter in [Filter::all(), Filter::codes(["239742"]).unwrap()] {
            let mut p = Prefilter::new(&text[..], &filter, 1000);
            let err = p.read_to_end(&mut Vec::new()).unwrap_err();
            let inner = err.get_ref().and_then(|e| e.downcast_ref::<LineTooLong>());
            assert_eq!(inner, Some(&LineTooLong(1000)));
        }
        let fine = b"a,b\n".repeat(1000);
        let mut p = Prefilter::new(&fine[..], &Filter::all(), 10);
        assert_eq!(p.read_to_end(&mut Vec::new()).unwrap(), fine.len());
    }

    #[test]
    fn reads_the_first_fields() {
        let row = b"\"WHEAT, SRW - CBT\" ,041228 ,2004-12-28,001602 ,CBT ,1,2\r\n";
        assert_eq!(first_fields(row), Some((&b"041228 "[..], &b"001602 "[..])));
        let escaped = b"\"A \"\"B\"\"\",250311,2025-03-11,239742,x\n";
        assert_eq!(
            first_fields(escaped),
            Some((&b"250311"[..], &b"239742"[..]))
        );
        assert_eq!(first_fields(b"a,b,c"), None);
        assert_eq!(first_fields(b"\"open,b,c,d"), None);
    }

    #[test]
    fn drops_blank_lines_and_keeps_positions() {
        let text = b"\nH\n\r\na,1\n\nb,2\n";
        let mut p = Prefilter::new(&text[..], &Filter::all(), DEFAULT_MAX_LINE);
        let mut out = Vec::new();
        p.read_to_end(&mut out).unwrap();
        assert_eq!(out, b"H\na,1\nb,2\n");
        assert_eq!(p.skipped_records(), 0);
        // H is line 2 (byte 1), a line 4 (byte 5), b line 6 (byte 10).
        assert_eq!(p.original(0, 1, 0), (1, 2, 0));
        assert_eq!(p.original(2, 2, 1), (5, 4, 1));
        assert_eq!(p.original(6, 3, 2), (10, 6, 2));
    }

    #[test]
    fn forwards_wanted_rows_and_maps_positions() {
        let text = b"H\nx,240102,y,001602,1\nx,240102,y,239742,2\nx,240109,y,001602,3\n";
        let filter = Filter::codes(["239742"]).unwrap();
        let mut p = Prefilter::new(&text[..], &filter, DEFAULT_MAX_LINE);
        let mut out = Vec::new();
        p.read_to_end(&mut out).unwrap();
        assert_eq!(out, b"H\nx,240102,y,239742,2\n");
        assert_eq!(p.skipped_records(), 2);
        // The header maps to itself; the kept row starts at forwarded byte 2
        // (line 2, record 1): in the original it is line 3, byte 22, record 2.
        assert_eq!(p.original(0, 1, 0), (0, 1, 0));
        assert_eq!(p.original(2, 2, 1), (22, 3, 2));
    }
}
