//! Folding of headers and labels, so that "Ngày tiếp nhận", "NGÀY TIẾP NHẬN",
//! "Ngay tiep nhan", `NgayTiepNhan` and their NFD spellings all compare equal.
//!
//! One function family serves header aliases, status / channel / timeliness labels,
//! indicator labels and footer detection: matching rules stay identical everywhere.

use std::borrow::Cow;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{UnicodeNormalization, is_nfc_quick};

/// Folds to lowercase ASCII-ish words separated by single spaces: diacritics removed
/// (đ = d), case ignored, punctuation and spacing collapsed.
pub fn fold_words(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            other => other,
        };
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    out
}

/// Folds and drops the spaces too: `NgayTiepNhan` and "Ngày tiếp nhận" both give
/// `ngaytiepnhan`. This is the key headers and labels are looked up by.
pub fn fold(s: &str) -> String {
    let mut words = fold_words(s);
    words.retain(|c| c != ' ');
    words
}

/// A stable identifier for a label no table knows, e.g. "Tỷ lệ đạt chỉ tiêu" ->
/// `ty_le_dat_chi_tieu`.
pub fn slug(s: &str) -> String {
    fold_words(s).replace(' ', "_")
}

/// `str::trim`, with a shortcut for the usual cell, which starts and ends with a
/// visible ASCII character (trimming is done for every cell of every row).
pub fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(a), Some(b)) if a.is_ascii_graphic() && b.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

/// Text as stored: trimmed and in NFC (Windows-1258 and macOS exports arrive
/// decomposed). Borrowed when nothing but trimming was needed, the usual case.
pub fn clean(s: &str) -> Cow<'_, str> {
    let t = trim(s);
    if t.is_ascii() || is_nfc_quick(t.chars()) == unicode_normalization::IsNormalized::Yes {
        Cow::Borrowed(t)
    } else {
        Cow::Owned(t.nfc().collect())
    }
}

/// Written first in CSV files people open in Excel: without it, Excel reads UTF-8
/// as the local code page and Vietnamese text turns to mojibake.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Text a spreadsheet would run as a formula (leading `=`, `+`, `-`, `@`, tab or
/// CR) with a leading `'`, for CSV files written for people (OWASP CSV injection).
pub fn neutralise(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// Whether `path` is a regular file (what a FIFO, a device or a folder is not: reading
/// one could block or never end), as a sentence for the analyst when it is not.
pub fn regular_file(path: &std::path::Path) -> Result<std::fs::Metadata, String> {
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() => Ok(m),
        Ok(_) => Err(format!(
            "{} is not a regular file (a FIFO, a device or a folder): refused",
            path.display()
        )),
        Err(e) => Err(format!("cannot read {}: {e}", path.display())),
    }
}

/// Reads a small text file the user names (config, SQL), refusing what is not a
/// regular file and anything larger than `limit` bytes.
pub fn read_small(path: &std::path::Path, limit: u64) -> Result<String, String> {
    use std::io::Read;
    let meta = regular_file(path)?;
    if meta.len() > limit {
        return Err(format!(
            "{} is {} bytes, more than the {limit} accepted here",
            path.display(),
            meta.len()
        ));
    }
    let mut text = String::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(limit + 1).read_to_string(&mut text))
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok(text)
}

/// Bytes as lowercase hexadecimal (hashes in the `files` table, manifests, keys).
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// The sha256 of `text`, in hexadecimal.
pub fn sha256_hex(text: &str) -> String {
    use sha2::{Digest, Sha256};
    hex(&Sha256::digest(text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_header_fold_alike() {
        let nfd: String = "Ngày tiếp nhận".nfd().collect();
        for s in [
            "Ngày tiếp nhận",
            "NGÀY TIẾP NHẬN",
            "Ngay tiep nhan",
            "NgayTiepNhan",
            " ngày  tiếp-nhận: ",
            nfd.as_str(),
        ] {
            assert_eq!(fold(s), "ngaytiepnhan", "{s:?}");
        }
    }

    #[test]
    fn trim_matches_str_trim() {
        for s in [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\u{a0}Đất đai\t",
            "x y",
            "\r\nHS1",
            "Đ",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
    }

    #[test]
    fn d_with_stroke_folds_to_d() {
        assert_eq!(fold("Đã giải quyết"), "dagiaiquyet");
        assert_eq!(fold("Số Đơn vị"), "sodonvi");
    }

    #[test]
    fn slug_keeps_word_boundaries() {
        assert_eq!(slug("Tỷ lệ đạt chỉ tiêu (%)"), "ty_le_dat_chi_tieu");
    }

    #[test]
    fn clean_composes_decomposed_text() {
        let nfd: String = "Đất đai".nfd().collect();
        assert_ne!(nfd, "Đất đai");
        assert_eq!(clean(&format!("  {nfd} ")), "Đất đai");
    }
}
