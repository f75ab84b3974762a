//! One large export on every core: its data is cut into pieces at line ends, the
//! pieces are parsed in parallel, and their rows are written in file order, so the
//! cache files are those of a parse in one piece, byte for byte.
//!
//! A cut point must be where the whole-file parse starts a record. It is chosen at a
//! line end preceded by an even number of quote bytes (so the record bound and the
//! line tracker, which count quotes, are outside quotes there as they would be), and
//! proven by the parse of the piece before it: a sentinel record appended to that
//! piece must come out as a record of its own, which it does only if the CSV parser
//! is not inside a quoted field at the cut. A piece that fails the proof, holds a
//! record cut at the bound, or fails at all sends the file back to the one-piece
//! parse, which then gives the result (or the error) of today, and the reason is
//! logged.

use std::collections::BTreeMap;
use std::io::{self, Read, Seek, SeekFrom};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, mpsc};

#[cfg(test)]
use super::reader::Item;
use super::reader::{Counts, Detected, End, Start};
use super::source::Source;

/// One piece of a file: raw byte offsets and the physical line its first byte is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    pub start: u64,
    pub end: u64,
    pub line: u64,
}

/// Cut points of `source` about every `piece_bytes` bytes, after line `header_line`;
/// one piece when the file is smaller.
pub fn cut(source: &Source, header_line: u64, piece_bytes: u64) -> io::Result<Vec<Piece>> {
    let mut input = source.open()?;
    let mut buf = vec![0u8; 1 << 20];
    let mut scan = Scan {
        next_target: piece_bytes,
        piece_bytes: piece_bytes.max(1),
        header_line,
        line: 1,
        ..Scan::default()
    };
    let mut pos = 0u64;
    loop {
        let n = match input.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        scan.feed(&buf[..n], pos);
        pos += n as u64;
    }
    let mut pieces = Vec::with_capacity(scan.cuts.len() + 1);
    let mut start = (0u64, 1u64);
    for &(at, line) in &scan.cuts {
        if at >= pos {
            break;
        }
        pieces.push(Piece {
            start: start.0,
            end: at,
            line: start.1,
        });
        start = (at, line);
    }
    pieces.push(Piece {
        start: start.0,
        end: pos,
        line: start.1,
    });
    Ok(pieces)
}

/// The cut-point search, one buffer at a time: quotes and line ends only.
#[derive(Debug, Default)]
struct Scan {
    piece_bytes: u64,
    next_target: u64,
    header_line: u64,
    /// 1-based line of the byte being scanned.
    line: u64,
    odd_quotes: bool,
    /// Offset of the last CR: an LF right after it ends the same line.
    last_cr: Option<u64>,
    cuts: Vec<(u64, u64)>,
}

impl Scan {
    fn feed(&mut self, bytes: &[u8], base: u64) {
        for i in memchr::memchr3_iter(b'"', b'\n', b'\r', bytes) {
            let (at, b) = (base + i as u64, bytes[i]);
            if let Some(cr) = self.last_cr.take() {
                if b == b'\n' && at == cr + 1 {
                    // CRLF: the line was counted at the CR; the LF ends it.
                    self.candidate(at + 1);
                    continue;
                }
                // A lone CR ended its line: the next one starts right after it.
                self.candidate(cr + 1);
            }
            match b {
                b'"' => self.odd_quotes = !self.odd_quotes,
                b'\n' => {
                    self.line += 1;
                    self.candidate(at + 1);
                }
                _ => {
                    self.line += 1;
                    self.last_cr = Some(at);
                }
            }
        }
    }

    fn candidate(&mut self, at: u64) {
        if !self.odd_quotes && at >= self.next_target && self.line > self.header_line {
            self.cuts.push((at, self.line));
            self.next_target = at + self.piece_bytes;
        }
    }
}

/// What parsing one piece gave: its items, in order, as the caller's sink built them.
pub struct Output<T> {
    pub built: T,
    pub end: End,
}

/// Why a file was read in one piece after all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fallback {
    /// No cut point: the file is one piece.
    Small,
    /// A piece did not end where the whole-file parse ends a record (a quote the
    /// CSV parser and the quote count read differently).
    NotAtRecordStart(u64),
    /// A record was cut at the bound.
    RecordCut,
    /// A piece failed to parse: the one-piece parse gives the error.
    Failed,
}

impl Fallback {
    pub fn describe(&self) -> String {
        match self {
            Fallback::Small => crate::tr!("piece-small"),
            Fallback::NotAtRecordStart(at) => crate::tr!("piece-not-at-record", offset = at),
            Fallback::RecordCut => crate::tr!("piece-record-cut"),
            Fallback::Failed => crate::tr!("piece-failed"),
        }
    }
}

/// Parses `pieces` on `threads` threads with `parse_piece` (a piece's text, how it
/// starts, and its sink, built per piece), handing each piece's result to `take` in
/// file order. At most `2 × threads` pieces are parsed ahead of the one `take` waits
/// for, so memory stays within a few pieces. Returns the summed counts, or why the
/// file must be read in one piece (then `take` may have seen a prefix of it).
pub fn parse<T: Send>(
    source: &Source,
    detected: &Detected,
    pieces: &[Piece],
    threads: usize,
    parse_piece: impl Fn(&mut dyn Read, Start) -> Result<Output<T>, super::FileError> + Sync,
    mut take: impl FnMut(T) -> crate::error::Result<()>,
) -> crate::error::Result<Result<Counts, Fallback>> {
    let last = pieces.len().saturating_sub(1);
    let run = |i: usize| -> Result<Output<T>, super::FileError> {
        let piece = pieces[i];
        let start = Start {
            line: piece.line,
            at_file_start: i == 0,
            cut_after: i < last,
        };
        let mut text = open(source, detected, piece).map_err(super::FileError::Read)?;
        parse_piece(&mut text, start)
    };
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let (tokens_tx, tokens_rx) = mpsc::channel::<()>();
    for _ in 0..2 * threads.max(1) {
        let _ = tokens_tx.send(());
    }
    let tokens_rx = Mutex::new(tokens_rx);
    let (done_tx, done_rx) = mpsc::channel();
    std::thread::scope(|scope| {
        for _ in 0..threads.max(1) {
            let done_tx = done_tx.clone();
            let (next, stop, tokens_rx, run) = (&next, &stop, &tokens_rx, &run);
            scope.spawn(move || {
                loop {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let token = tokens_rx
                        .lock()
                        .map_or(Err(mpsc::RecvError), |rx| rx.recv());
                    if token.is_err() {
                        break;
                    }
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i > last {
                        break;
                    }
                    if done_tx.send((i, run(i))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);
        let mut waiting = BTreeMap::new();
        let mut expected = 0usize;
        let mut counts = Counts::default();
        let mut outcome: crate::error::Result<Result<Counts, Fallback>> = Ok(Ok(counts));
        'receive: for (i, result) in &done_rx {
            waiting.insert(i, result);
            while let Some(result) = waiting.remove(&expected) {
                let verdict = match result {
                    Err(_) => Err(Fallback::Failed),
                    Ok(p) if p.end.cut_records => Err(Fallback::RecordCut),
                    Ok(p) if expected < last && !p.end.at_record_start => {
                        Err(Fallback::NotAtRecordStart(pieces[expected].end))
                    }
                    Ok(p) => Ok(p),
                };
                match verdict {
                    Ok(p) => {
                        counts.data_rows += p.end.counts.data_rows;
                        counts.blank_lines += p.end.counts.blank_lines;
                        if let Err(e) = take(p.built) {
                            outcome = Err(e);
                            break 'receive;
                        }
                    }
                    Err(why) => {
                        outcome = Ok(Err(why));
                        break 'receive;
                    }
                }
                expected += 1;
                let _ = tokens_tx.send(());
            }
            if expected > last {
                outcome = Ok(Ok(counts));
                break;
            }
        }
        // Stop the workers and let those blocked on a full pipe finish.
        stop.store(true, Ordering::Relaxed);
        drop(tokens_tx);
        for _ in done_rx.iter() {}
        outcome
    })
}

/// A reader of `piece`'s text: the first piece as the whole-file parse opens the file
/// (its BOM skipped), the others from their first byte.
fn open<'a>(
    source: &Source<'a>,
    detected: &Detected,
    piece: Piece,
) -> io::Result<Box<dyn Read + 'a>> {
    let len = piece.end - piece.start;
    if piece.start == 0 {
        let skipped = if detected.sniffed.bom { 3 } else { 0 };
        let text = super::decode::open_text(source, &detected.sniffed)?;
        return Ok(Box::new(text.take(len.saturating_sub(skipped))));
    }
    match *source {
        Source::Path(path) => {
            let mut file = std::fs::File::open(path)?;
            file.seek(SeekFrom::Start(piece.start))?;
            Ok(Box::new(
                io::BufReader::with_capacity(256 * 1024, file).take(len),
            ))
        }
        Source::Bytes(bytes) => {
            let from = usize::try_from(piece.start)
                .unwrap_or(usize::MAX)
                .min(bytes.len());
            let to = usize::try_from(piece.end)
                .unwrap_or(usize::MAX)
                .min(bytes.len());
            Ok(Box::new(&bytes[from..to]))
        }
    }
}

/// The items of one piece, owned, for tests that compare the records of a file read
/// in pieces with those of the file read whole.
#[cfg(test)]
pub fn items_of(item: Item<'_, '_>, line: u64) -> (u64, String) {
    match item {
        Item::Row(r) => (line, format!("row {:?}", r.iter().collect::<Vec<_>>())),
        Item::TooLong { max } => (line, format!("too long {max}")),
        Item::BadEncoding { fields } => (line, format!("bad encoding {fields:?}")),
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;
    use crate::config::CsvOverrides;
    use crate::ingest::reader;
    use crate::warehouse::columns::FileKind;

    type Items = Vec<(u64, String)>;

    fn whole(source: &Source, detected: &Detected) -> Result<(Items, Counts), String> {
        let mut items = Vec::new();
        reader::read_records(source, detected, |item, line| {
            items.push(items_of(item, line))
        })
        .map(|counts| (items, counts))
        .map_err(|e| e.to_string())
    }

    /// The file in pieces of about `piece_bytes`: its items and counts, or why it
    /// would be read whole.
    fn in_pieces(
        source: &Source,
        detected: &Detected,
        piece_bytes: u64,
    ) -> Result<(Items, Counts), Fallback> {
        let cuts = cut(source, detected.header_line, piece_bytes).expect("scan");
        let mut items = Vec::new();
        let outcome = parse(
            source,
            detected,
            &cuts,
            2,
            |text, start| {
                let mut built = Vec::new();
                let end = reader::read_stream(text, detected, start, |item, line| {
                    built.push(items_of(item, line))
                })?;
                Ok(Output { built, end })
            },
            |built| {
                items.extend(built);
                Ok(())
            },
        )
        .expect("no storage error");
        outcome.map(|counts| (items, counts))
    }

    fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                files_under(&path, out);
            } else if !path.extension().is_some_and(|e| {
                ["json", "md", "py", "txt", "tsv"].contains(&&*e.to_string_lossy())
            }) && !path.ends_with("LICENSE")
            {
                out.push(path);
            }
        }
    }

    /// Every file read in tiny pieces gives the records, lines and counts of the file
    /// read whole (or is read whole, for a stated reason).
    fn same_in_pieces(
        files: &[PathBuf],
        detect: impl Fn(&Source) -> Option<Detected>,
    ) -> (usize, usize) {
        let (mut split, mut whole_only) = (0, 0);
        for path in files {
            let bytes = std::fs::read(path).expect("read");
            let source = Source::Bytes(&bytes);
            let Some(detected) = detect(&source) else {
                continue;
            };
            if detected.sniffed.encoding != encoding_rs::UTF_8 {
                continue;
            }
            let Ok(expected) = whole(&source, &detected) else {
                // A file the whole-file read fails is read whole in any case.
                continue;
            };
            // Tiny pieces (a cut at nearly every line end) where that stays under a
            // few thousand pieces, and a few large ones for every file.
            let len = bytes.len() as u64;
            let sizes = [1, 3, 7, 64, 1000, len / 17 + 1, len / 3 + 1];
            for piece_bytes in sizes.into_iter().filter(|&b| len / b <= 2000) {
                match in_pieces(&source, &detected, piece_bytes) {
                    Ok(got) => {
                        assert_eq!(
                            got,
                            expected,
                            "{} in pieces of {piece_bytes}",
                            path.display()
                        );
                        split += 1;
                    }
                    Err(_) => whole_only += 1,
                }
            }
        }
        (split, whole_only)
    }

    #[test]
    fn fixtures_in_tiny_pieces_give_the_whole_files_records() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        files_under(&root.join("tests/fixtures"), &mut files);
        files_under(&root.join("data/exports"), &mut files);
        assert!(files.len() > 20, "{files:?}");
        let (split, _) = same_in_pieces(&files, |source| {
            reader::detect(source, FileKind::Dossiers, &CsvOverrides::default(), &[]).ok()
        });
        assert!(split > 100, "only {split} files were cut into pieces");
    }

    #[test]
    fn corpus_files_in_tiny_pieces_give_the_whole_files_records() {
        let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
        if !corpus.is_dir() {
            assert!(
                std::env::var_os("CI").is_none(),
                "../shared/corpus is missing"
            );
            return;
        }
        let mut files = Vec::new();
        files_under(&corpus, &mut files);
        let (split, whole_only) = same_in_pieces(&files, |source| {
            let (sniffed, delimiter) = reader::sniff_dialect(source).ok()?;
            // The parser skips empty lines: the first record is below them.
            let Source::Bytes(bytes) = source else {
                return None;
            };
            let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            let blank = text
                .iter()
                .take_while(|b| matches!(b, b'\n' | b'\r'))
                .count();
            let crlf = text[..blank].windows(2).filter(|w| w == b"\r\n").count();
            let header_line = 1 + (blank - crlf) as u64;
            Some(Detected::below_first_record(
                sniffed,
                delimiter,
                header_line,
            ))
        });
        eprintln!("{split} cut, {whole_only} read whole");
        assert!(split > 200, "{split} cut, {whole_only} read whole");
    }

    #[test]
    fn cut_points_are_line_starts_outside_quotes() {
        let text = b"h1,h2\r\na,\"x\ny\"\r\nb,c\rd,e\n\"q\"\"\",f\n";
        let source = Source::Bytes(text);
        let pieces = cut(&source, 1, 1).expect("scan");
        let starts: Vec<(u64, u64)> = pieces.iter().map(|p| (p.start, p.line)).collect();
        // After the header's CRLF (line 2), not inside "x\ny", after the CRLF that
        // ends it (line 4), after the lone CR (line 5), after the LF (line 6).
        assert_eq!(starts, [(0, 1), (7, 2), (16, 4), (20, 5), (24, 6)]);
        assert_eq!(pieces.last().map(|p| p.end), Some(text.len() as u64));
    }
}
