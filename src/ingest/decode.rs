//! Stage 2: a streaming reader of a file's text as UTF-8 (BOM removed), wrapped so
//! that every byte offset of the decoded stream can be turned into the physical line
//! an editor would show — a line ends at LF, CRLF or a lone CR, inside quoted fields
//! too — and blank lines after the header are counted.
//!
//! Nothing is held whole in memory: the tracker keeps only the line starts that the
//! CSV parser has buffered but not yet consumed.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::{self, Read};
use std::rc::Rc;

use encoding_rs::UTF_8;
use encoding_rs_io::DecodeReaderBytesBuilder;

use super::sniff::Sniffed;
use super::source::Source;

/// Opens `source` as UTF-8 text according to what `sniff` found.
/// UTF-8 is passed through unbuffered: the CSV parser's own buffer is the only copy.
pub fn open_text<'a>(source: &Source<'a>, sniffed: &Sniffed) -> io::Result<Box<dyn Read + 'a>> {
    let mut file = source.open()?;
    if sniffed.encoding == UTF_8 {
        if sniffed.bom {
            let mut bom = [0u8; 3];
            file.read_exact(&mut bom)?;
        }
        return Ok(file);
    }
    let file = io::BufReader::with_capacity(256 * 1024, file);
    Ok(Box::new(
        DecodeReaderBytesBuilder::new()
            .encoding(Some(sniffed.encoding))
            .bom_override(true)
            .strip_bom(true)
            .build(file),
    ))
}

/// Where lines start in the decoded stream, shared between the reader (which sees
/// bytes as the parser pulls them) and the consumer (which asks per record).
///
/// The CSV parser reports a record's position at the end of the previous record, so
/// before any blank lines it skipped; the record itself starts at the first byte that
/// is not a line terminator from there on. So the tracker remembers, per line, where
/// its first such byte is.
#[derive(Debug, Default)]
pub struct Lines {
    /// (decoded offset of the first content byte of a line, its line number), for
    /// lines not yet passed by the consumer.
    content_starts: VecDeque<(u64, u64)>,
    /// 1-based number of the line being scanned.
    line: u64,
    pos: u64,
    prev_cr: bool,
    in_quotes: bool,
    line_has_content: bool,
    /// Blank lines (outside quotes) with a line number above `count_blank_after`.
    pub blank_lines: u64,
    pub count_blank_after: u64,
}

impl Lines {
    /// 1-based physical line of the record whose parser position is `offset`.
    /// Offsets asked must not decrease (records come in order).
    pub fn line_of(&mut self, offset: u64) -> u64 {
        while let Some(&(start, _)) = self.content_starts.front() {
            if start >= offset {
                break;
            }
            self.content_starts.pop_front();
        }
        self.content_starts
            .front()
            .map_or(self.line, |&(_, line)| line)
    }

    fn scan(&mut self, bytes: &[u8], quote: u8) {
        let base = self.pos;
        let mut i = 0;
        while i < bytes.len() {
            if self.line_has_content {
                // Inside a line only line ends and quotes change anything: skip to one.
                match memchr::memchr3(b'\n', b'\r', quote, &bytes[i..]) {
                    Some(0) => {}
                    Some(k) => {
                        i += k;
                        self.prev_cr = false;
                    }
                    None => {
                        self.prev_cr = false;
                        break;
                    }
                }
            }
            let (b, at) = (bytes[i], base + i as u64);
            i += 1;
            match b {
                // The CR already ended the line.
                b'\n' if self.prev_cr => self.prev_cr = false,
                b'\n' | b'\r' => {
                    self.end_line();
                    self.prev_cr = b == b'\r';
                }
                _ => {
                    if b == quote {
                        self.in_quotes = !self.in_quotes;
                    }
                    if !self.line_has_content {
                        self.content_starts.push_back((at, self.line));
                        self.line_has_content = true;
                    }
                    self.prev_cr = false;
                }
            }
        }
        self.pos = base + bytes.len() as u64;
    }

    fn end_line(&mut self) {
        if !self.line_has_content && !self.in_quotes && self.line > self.count_blank_after {
            self.blank_lines += 1;
        }
        self.line += 1;
        self.line_has_content = false;
    }
}

/// A reader that feeds every byte it passes on to a shared [`Lines`].
pub struct Tracked<R> {
    inner: R,
    lines: Rc<RefCell<Lines>>,
    quote: u8,
}

impl<R: Read> Tracked<R> {
    pub fn new(inner: R, quote: u8, count_blank_after: u64) -> (Self, Rc<RefCell<Lines>>) {
        let lines = Rc::new(RefCell::new(Lines {
            line: 1,
            count_blank_after,
            ..Lines::default()
        }));
        let reader = Tracked {
            inner,
            lines: Rc::clone(&lines),
            quote,
        };
        (reader, lines)
    }
}

impl<R: Read> Read for Tracked<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.lines.borrow_mut().scan(&buf[..n], self.quote);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(text: &[u8], offsets: &[u64]) -> (Vec<u64>, u64) {
        let (mut r, lines) = Tracked::new(text, b'"', 0);
        let mut sink = Vec::new();
        r.read_to_end(&mut sink).expect("read");
        let mut l = lines.borrow_mut();
        let got = offsets.iter().map(|&o| l.line_of(o)).collect();
        (got, l.blank_lines)
    }

    /// A reader handing out `step` bytes at a time, like a slow pipe.
    struct Trickle<'a>(&'a [u8], usize);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.1.min(buf.len()).min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn line_numbers_do_not_depend_on_how_reads_are_cut() {
        let text = b"h1,h2\r\n\r\na,\"x\r\ny\"\rb,c\n\n\nlong line without end";
        let offsets: Vec<u64> = (0..text.len() as u64).collect();
        let whole = lines_of(text, &offsets);
        for step in 1..8 {
            let (mut r, lines) = Tracked::new(Trickle(text, step), b'"', 0);
            let mut sink = Vec::new();
            r.read_to_end(&mut sink).expect("read");
            let mut l = lines.borrow_mut();
            let got: Vec<u64> = offsets.iter().map(|&o| l.line_of(o)).collect();
            assert_eq!((got, l.blank_lines), whole, "reads of {step} bytes");
        }
    }

    #[test]
    fn lf_crlf_and_lone_cr_each_end_one_line() {
        // a\nb\r\nc\rd
        let (got, _) = lines_of(b"a\nb\r\nc\rd", &[0, 2, 5, 7]);
        assert_eq!(got, vec![1, 2, 3, 4]);
    }

    #[test]
    fn a_position_before_skipped_blank_lines_means_the_next_content() {
        // The parser reports record "b" at offset 1 (the end of "a"'s line).
        let (got, blank) = lines_of(b"a\r\n\r\n\r\nb\r\n", &[0, 1]);
        assert_eq!(got, vec![1, 4]);
        assert_eq!(blank, 2);
    }

    #[test]
    fn quoted_line_breaks_count_but_are_not_blank() {
        let text = b"h\n\"x\n\ny\"\n\nz\n";
        let (got, blank) = lines_of(text, &[0, 2, 10]);
        assert_eq!(got, vec![1, 2, 6]);
        assert_eq!(blank, 1);
    }
}
