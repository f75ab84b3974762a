//! Stage 1, per file: one streaming pass over the raw bytes that hashes the file and
//! decides its encoding (BOM, else valid UTF-8, else Windows-1258).
//!
//! Bytes that fit no supported encoding are a file-level problem naming the offset,
//! so mojibake never reaches the warehouse.

use std::io::Read;

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1258};
use sha2::{Digest, Sha256};

use super::file_error::FileError;
use super::source::Source;

const CHUNK: usize = 64 * 1024;

#[derive(Debug, Clone)]
pub struct Sniffed {
    pub sha256: String,
    pub bytes: u64,
    pub encoding: &'static Encoding,
    pub bom: bool,
    /// Bytes of a UTF-8 file that are not valid UTF-8 or are NUL: the records
    /// holding them are rejected as `bad_encoding`.
    pub damaged: u64,
}

impl Sniffed {
    /// The name recorded in the `files` table.
    pub fn encoding_name(&self) -> String {
        let name = self.encoding.name().to_ascii_lowercase();
        if self.bom && self.encoding == UTF_8 {
            "utf-8-bom".into()
        } else {
            name
        }
    }
}

/// Hashes `path` and detects its encoding; `forced` (from the config) skips detection
/// but the bytes must still be valid in it.
pub fn sniff(source: &Source, forced: Option<&'static Encoding>) -> Result<Sniffed, FileError> {
    let mut file = source.open().map_err(FileError::Open)?;
    let mut hasher = Sha256::new();
    // A UTF-8 sequence cut by a read is carried to the front of the buffer (at most 3
    // bytes), so every byte is validated once and nothing is copied per chunk.
    let mut buf = vec![0u8; CHUNK + 4];
    let mut carry = 0usize;
    let mut bytes: u64 = 0;
    let mut head: Vec<u8> = Vec::new();
    let mut first_invalid_utf8: Option<u64> = None;
    let mut first_nul: Option<u64> = None;
    loop {
        let n = file
            .read(&mut buf[carry..CHUNK + carry])
            .map_err(FileError::Read)?;
        if n == 0 {
            break;
        }
        let chunk = &buf[carry..carry + n];
        hasher.update(chunk);
        if head.len() < 4 {
            head.extend_from_slice(&chunk[..chunk.len().min(4 - head.len())]);
        }
        if first_nul.is_none() {
            first_nul = memchr::memchr(0, chunk).map(|i| bytes + i as u64);
        }
        let start = bytes - carry as u64;
        bytes += n as u64;
        if first_invalid_utf8.is_some() {
            continue;
        }
        let data = &buf[..carry + n];
        carry = match simdutf8::compat::from_utf8(data) {
            Ok(_) => 0,
            Err(e) if e.error_len().is_none() => {
                let tail = e.valid_up_to();
                buf.copy_within(tail..carry + n, 0);
                carry + n - tail
            }
            Err(e) => {
                first_invalid_utf8 = Some(start + e.valid_up_to() as u64);
                0
            }
        };
    }
    if first_invalid_utf8.is_none() && carry > 0 {
        first_invalid_utf8 = Some(bytes - carry as u64);
    }
    let sha256 = crate::text::hex(&hasher.finalize());

    let bom = Encoding::for_bom(&head);
    // A UTF-8 export with a few stray bytes (invalid sequences, NULs) stays UTF-8:
    // only the records holding them are rejected. Decided on a second pass, made
    // only for files with such bytes.
    let utf16_bom = bom.is_some_and(|(e, _)| e == UTF_16LE || e == UTF_16BE);
    let maybe_utf8 = !utf16_bom && forced.is_none_or(|e| e == UTF_8);
    let damaged = if maybe_utf8 && (first_invalid_utf8.is_some() || first_nul.is_some()) {
        let d = damage(source)?;
        d.is_a_few().then_some(d.bad())
    } else {
        None
    };
    if let Some(bad) = damaged {
        return Ok(Sniffed {
            sha256,
            bytes,
            encoding: UTF_8,
            bom: bom.is_some(),
            damaged: bad,
        });
    }
    let (encoding, has_bom) = match (forced, bom) {
        (_, Some((enc, _))) => (enc, true),
        (Some(enc), None) => (enc, false),
        (None, None) => match first_invalid_utf8 {
            None => (UTF_8, false),
            Some(bad) => match first_undefined_1258(source)? {
                None => (WINDOWS_1258, false),
                Some((offset, byte)) => {
                    return Err(FileError::Undecodable {
                        byte,
                        offset,
                        first_bad_utf8: bad,
                    });
                }
            },
        },
    };
    if encoding == UTF_8
        && let Some(bad) = first_invalid_utf8
    {
        return Err(FileError::InvalidUtf8 { offset: bad });
    }
    if encoding != UTF_16LE
        && encoding != UTF_16BE
        && let Some(offset) = first_nul
    {
        return Err(FileError::NulByte { offset });
    }
    Ok(Sniffed {
        sha256,
        bytes,
        encoding,
        bom: has_bom,
        damaged: 0,
    })
}

/// What a second pass finds in a file that is not clean UTF-8.
#[derive(Debug, Default)]
struct Damage {
    invalid: u64,
    nul: u64,
    multibyte: u64,
    lines: u64,
}

impl Damage {
    fn bad(&self) -> u64 {
        self.invalid + self.nul
    }

    /// A few bad bytes in what is otherwise UTF-8 text: at most one per fifty
    /// multi-byte characters or lines. A Windows-1258 file forms almost no valid
    /// multi-byte sequences, and binary data is mostly bad.
    fn is_a_few(&self) -> bool {
        self.bad() > 0 && self.bad() * 50 <= self.multibyte.max(self.lines)
    }
}

fn damage(source: &Source) -> Result<Damage, FileError> {
    let mut file = source.open().map_err(FileError::Open)?;
    let mut d = Damage::default();
    let mut buf = vec![0u8; CHUNK + 4];
    let mut carry = 0usize;
    loop {
        let n = file
            .read(&mut buf[carry..CHUNK + carry])
            .map_err(FileError::Read)?;
        let end = carry + n;
        let mut data = &buf[..end];
        d.nul += memchr::memchr_iter(0, &buf[carry..end]).count() as u64;
        d.lines += memchr::memchr_iter(b'\n', &buf[carry..end]).count() as u64;
        let mut kept = 0;
        loop {
            match std::str::from_utf8(data) {
                Ok(text) => {
                    d.multibyte += text.bytes().filter(|&b| b >= 0xC0).count() as u64;
                    break;
                }
                Err(e) => {
                    let valid = e.valid_up_to();
                    d.multibyte += data[..valid].iter().filter(|&&b| b >= 0xC0).count() as u64;
                    match e.error_len() {
                        Some(len) => {
                            d.invalid += 1;
                            data = &data[valid + len..];
                        }
                        // A sequence cut by the read: carried to the next one.
                        None if n > 0 => {
                            kept = data.len() - valid;
                            break;
                        }
                        None => {
                            d.invalid += 1;
                            break;
                        }
                    }
                }
            }
        }
        if n == 0 {
            return Ok(d);
        }
        buf.copy_within(end - kept..end, 0);
        carry = kept;
    }
}

/// The first byte Windows-1258 leaves undefined (WHATWG maps them to C1 controls).
/// A second pass, made only for files that are not UTF-8.
fn first_undefined_1258(source: &Source) -> Result<Option<(u64, u8)>, FileError> {
    let mut file = source.open().map_err(FileError::Open)?;
    let mut buf = vec![0u8; CHUNK];
    let mut offset: u64 = 0;
    loop {
        let n = file.read(&mut buf).map_err(FileError::Read)?;
        if n == 0 {
            return Ok(None);
        }
        let undefined = |b: &u8| {
            matches!(
                b,
                0x81 | 0x8A | 0x8D | 0x8E | 0x8F | 0x90 | 0x9A | 0x9D | 0x9E
            )
        };
        if let Some(i) = buf[..n].iter().position(undefined) {
            return Ok(Some((offset + i as u64, buf[i])));
        }
        offset += n as u64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sniff_bytes(bytes: &[u8]) -> Result<Sniffed, FileError> {
        sniff(&Source::Bytes(bytes), None)
    }

    #[test]
    fn detects_each_encoding() {
        let cases: [(&[u8], &str); 5] = [
            (b"a,b\n", "utf-8"),
            (b"\xEF\xBB\xBFa,b\n", "utf-8-bom"),
            (b"\xFF\xFEa\x00\n\x00", "utf-16le"),
            (b"\xFE\xFF\x00a\x00\n", "utf-16be"),
            // "Ngày" in Windows-1258: a + combining grave (0xCC).
            (b"Nga\xCCy\n", "windows-1258"),
        ];
        for (bytes, want) in cases {
            assert_eq!(sniff_bytes(bytes).expect(want).encoding_name(), want);
        }
    }

    #[test]
    fn utf8_split_across_chunks_is_still_utf8() {
        for cut in 1..4 {
            let mut bytes = vec![b'a'; CHUNK - cut];
            bytes.extend_from_slice("ế\n".as_bytes());
            bytes.extend(std::iter::repeat_n(b'b', CHUNK));
            bytes.extend_from_slice("ạ".as_bytes());
            assert_eq!(
                sniff_bytes(&bytes).expect("ok").encoding,
                UTF_8,
                "cut {cut}"
            );
        }
    }

    #[test]
    fn invalid_utf8_after_a_cut_sequence_is_found_at_its_offset() {
        let mut bytes = vec![b'a'; CHUNK - 1];
        bytes.extend_from_slice("ế".as_bytes());
        bytes.extend_from_slice(b"\xC3(");
        let bad = bytes.len() - 2;
        let err = sniff(&Source::Bytes(&bytes), Some(UTF_8)).expect_err("invalid");
        assert!(
            matches!(err, FileError::InvalidUtf8 { offset } if offset == bad as u64),
            "{err}"
        );
        // A sequence cut at the very end of the file is invalid too.
        let err = sniff(&Source::Bytes("aế".as_bytes()[..3].as_ref()), Some(UTF_8))
            .expect_err("truncated");
        assert!(matches!(err, FileError::InvalidUtf8 { offset: 1 }), "{err}");
    }

    #[test]
    fn undecodable_bytes_name_their_offset() {
        let err = sniff_bytes(b"ab\xC3(\x8D\n").expect_err("neither");
        assert!(
            matches!(
                err,
                FileError::Undecodable {
                    byte: 0x8D,
                    offset: 4,
                    first_bad_utf8: 2
                }
            ),
            "{err}"
        );
        assert!(err.to_string().contains("0x8D at offset 4"), "{err}");
        let err = sniff_bytes(b"a\x00b").expect_err("nul");
        assert!(matches!(err, FileError::NulByte { offset: 1 }), "{err}");
    }

    #[test]
    fn hash_is_sha256_of_the_bytes() {
        let s = sniff_bytes(b"abc").expect("ok");
        assert_eq!(
            s.sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(s.bytes, 3);
    }
}
