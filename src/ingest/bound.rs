//! A bound on one record's size, between the decoded text and the CSV parser, so a
//! runaway line (a 200 MB cell) cannot fill memory. A record longer than the bound
//! outside quotes is cut there and the rest of its line is skipped: the parser sees a
//! short record, which the reader turns into a `record_too_long` reject, and reading
//! goes on at the next line. A quote still open past the bound (an unterminated quote
//! that would swallow the rest of the file) stops the file with an error naming the
//! line where the quote opened.
//!
//! Skipped bytes hold no line break, so the line numbers the tracker above computes
//! stay those of the file.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::{self, Read};
use std::rc::Rc;

/// Default bound: far above any real record, far below memory trouble.
pub const DEFAULT_MAX_RECORD_BYTES: u64 = 4 << 20;

#[derive(Debug, Default)]
pub struct BoundState {
    /// Stream offsets (as the parser sees them) where a cut record starts.
    pub cut: VecDeque<u64>,
    /// The 1-based line where a quote opened that was still open past the bound.
    pub open_quote_line: Option<u64>,
}

pub struct Bounded<R> {
    inner: R,
    max: u64,
    quote: u8,
    state: Rc<RefCell<BoundState>>,
    /// Offset of the next byte handed to the parser.
    out_pos: u64,
    record_start: u64,
    in_quotes: bool,
    quote_line: u64,
    line: u64,
    prev_cr: bool,
    /// Skipping the rest of a cut line.
    dropping: bool,
    /// A quote ran past the bound: every further read fails.
    failed: bool,
}

impl<R: Read> Bounded<R> {
    pub fn new(inner: R, quote: u8, max: u64) -> (Self, Rc<RefCell<BoundState>>) {
        let state = Rc::new(RefCell::new(BoundState::default()));
        let reader = Bounded {
            inner,
            max: max.max(1),
            quote,
            state: Rc::clone(&state),
            out_pos: 0,
            record_start: 0,
            in_quotes: false,
            quote_line: 0,
            line: 1,
            prev_cr: false,
            dropping: false,
            failed: false,
        };
        (reader, state)
    }

    /// Scans `buf[..len]` (bytes to hand over); returns how many are kept, after
    /// cutting over-long records and dropping the rest of their lines.
    fn guard(&mut self, buf: &mut [u8], mut len: usize) -> io::Result<usize> {
        let mut i = 0;
        while i < len {
            if self.dropping {
                match memchr::memchr2(b'\n', b'\r', &buf[i..len]) {
                    Some(k) => {
                        buf.copy_within(i + k..len, i);
                        len -= k;
                        self.dropping = false;
                        self.record_start = self.out_pos + i as u64;
                    }
                    None => {
                        len = i;
                        break;
                    }
                }
            }
            let at = self.out_pos + i as u64;
            let room = self
                .record_start
                .saturating_add(self.max)
                .saturating_sub(at);
            let room = usize::try_from(room).unwrap_or(usize::MAX);
            let window = &buf[i..len.min(i.saturating_add(room))];
            match memchr::memchr3(b'\n', b'\r', self.quote, window) {
                Some(k) => {
                    let b = buf[i + k];
                    let pos = self.out_pos + (i + k) as u64;
                    if b == self.quote {
                        self.in_quotes = !self.in_quotes;
                        if self.in_quotes {
                            self.quote_line = self.line;
                        }
                        self.prev_cr = false;
                    } else {
                        if !(b == b'\n' && self.prev_cr) {
                            self.line += 1;
                        }
                        self.prev_cr = b == b'\r';
                        if !self.in_quotes {
                            self.record_start = pos + 1;
                        }
                    }
                    i += k + 1;
                }
                None if window.len() == len - i => {
                    // No special byte, and the bound is not reached in this buffer.
                    if !window.is_empty() {
                        self.prev_cr = false;
                    }
                    i = len;
                }
                None => {
                    // The record reaches the bound at `i + room`.
                    if self.in_quotes {
                        self.state.borrow_mut().open_quote_line = Some(self.quote_line);
                        self.failed = true;
                        // Hand over the records before this one; the error comes next.
                        return Ok(self.record_start.saturating_sub(self.out_pos) as usize);
                    }
                    self.state.borrow_mut().cut.push_back(self.record_start);
                    i += room;
                    self.dropping = true;
                    self.prev_cr = false;
                }
            }
        }
        Ok(len)
    }
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.failed {
                let line = self.state.borrow().open_quote_line.unwrap_or(0);
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!(
                        "a quote opened on line {line} is still open after {} bytes",
                        self.max
                    ),
                ));
            }
            let n = self.inner.read(buf)?;
            if n == 0 {
                return Ok(0);
            }
            let kept = self.guard(buf, n)?;
            self.out_pos += kept as u64;
            if kept > 0 {
                return Ok(kept);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(text: &[u8], max: u64, chunk: usize) -> (Result<Vec<u8>, String>, BoundState) {
        struct Trickle<'a>(&'a [u8], usize);
        impl Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                let n = self.0.len().min(self.1).min(buf.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let (mut r, state) = Bounded::new(Trickle(text, chunk), b'"', max);
        let mut out = Vec::new();
        let result = r
            .read_to_end(&mut out)
            .map(|_| out)
            .map_err(|e| e.to_string());
        drop(r);
        let state = Rc::try_unwrap(state).expect("one owner").into_inner();
        (result, state)
    }

    #[test]
    fn short_records_pass_unchanged_at_any_read_size() {
        let text = b"a,b\r\n\"x\ny\",2\r\n\rc,3\n";
        for chunk in 1..=text.len() {
            let (out, state) = through(text, 64, chunk);
            assert_eq!(out.as_deref(), Ok(&text[..]), "chunk {chunk}");
            assert!(state.cut.is_empty());
        }
    }

    #[test]
    fn a_long_line_is_cut_and_reading_goes_on_at_the_next_line() {
        let text = b"a,b\nHS-1,xxxxxxxxxxxxxxxxxxxxxxxx\nHS-2,ok\n";
        for chunk in 1..=text.len() {
            let (out, state) = through(text, 10, chunk);
            assert_eq!(
                out.as_deref(),
                Ok(&b"a,b\nHS-1,xxxxx\nHS-2,ok\n"[..]),
                "chunk {chunk}"
            );
            assert_eq!(state.cut, [4], "chunk {chunk}");
        }
    }

    #[test]
    fn a_quote_open_past_the_bound_names_its_line() {
        let text = b"a,b\nc,d\nHS-1,\"never closed\nmore\nand more text here\n";
        for chunk in [1, 3, 7, 64] {
            let (out, state) = through(text, 12, chunk);
            assert!(out.is_err(), "chunk {chunk}");
            assert_eq!(state.open_quote_line, Some(3), "chunk {chunk}");
        }
    }
}
