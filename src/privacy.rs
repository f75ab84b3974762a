//! Personal data never leaves the input: columns whose name means personal data are
//! recognised by meaning (not by a closed list of spellings), and values that look
//! like personal data — Vietnamese mobile and landline numbers, 9- and 12-digit ID
//! numbers, e-mail addresses — are masked wherever text from an export is kept or
//! shown: warehouse text columns, reject reasons and raw records, logs, reports.

use std::borrow::Cow;

use crate::text::fold;

/// Folded fragments whose presence in a header means the column holds personal data
/// (names, ID papers, contact details, addresses, birth dates), in Vietnamese and
/// English. Matched as substrings of the folded header, so «Số CCCD/CMND», «SĐT liên
/// hệ» and «Địa chỉ thường trú» are all found.
const PERSONAL: &[&str] = &[
    "hoten",
    "hovaten",
    "chuhoso",
    "nguoinop",
    "nguoinhan",
    "nguoiduocuyquyen",
    "nguoidaidien",
    "nguoilienhe",
    "cmnd",
    "cccd",
    "dinhdanh",
    "giayto",
    "hochieu",
    "dienthoai",
    "sdt",
    "email",
    "thudientu",
    "diachi",
    "noio",
    "thuongtru",
    "tamtru",
    "ngaysinh",
    "namsinh",
    "gioitinh",
    "canhan",
    "congdan",
    "applicant",
    "fullname",
    "firstname",
    "lastname",
    "ownername",
    "phone",
    "mobile",
    "idnumber",
    "idcard",
    "passport",
    "address",
    "birth",
    "citizen",
    "contact",
];

/// Whether a column called `header` holds personal data.
pub fn is_personal_header(header: &str) -> bool {
    let folded = fold(header);
    !folded.is_empty() && PERSONAL.iter().any(|p| folded.contains(p))
}

const MASK: &str = "***";

/// `text` with every value that looks like personal data replaced by `***`.
/// Borrowed (no copy) when there is nothing to mask, which is the usual case.
pub fn mask(text: &str) -> Cow<'_, str> {
    // Fast path: no '@' and fewer than nine digits cannot hold any of the patterns.
    let digits = text.bytes().filter(u8::is_ascii_digit).count();
    if digits < 9 && !text.contains('@') {
        return Cow::Borrowed(text);
    }
    let spans = spans(text);
    if spans.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (start, end) in spans {
        out.push_str(&text[at..start]);
        out.push_str(MASK);
        at = end;
    }
    out.push_str(&text[at..]);
    Cow::Owned(out)
}

/// Byte ranges of `text` to mask, in order, not overlapping.
fn spans(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if let Some((start, end)) = email_at(b, i) {
            out.push((start, end));
            i = end;
            continue;
        }
        if b[i].is_ascii_digit() || (b[i] == b'+' && b.get(i + 1).is_some_and(u8::is_ascii_digit)) {
            let end = number_end(b, i);
            if !glued(b, i, end) && looks_personal(&b[i..end]) {
                out.push((i, end));
            }
            i = end;
            continue;
        }
        i += 1;
    }
    // An e-mail found from a later '@' may start inside an earlier span: merge.
    out.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(out.len());
    for (s, e) in out {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}

/// A run of digits where single spaces, dots or dashes may separate groups (as
/// phone numbers are written: «0912 345 678», «0912.345.678»), from `i`.
fn number_end(b: &[u8], i: usize) -> usize {
    let mut j = i + 1;
    while j < b.len() {
        if b[j].is_ascii_digit() {
            j += 1;
        } else if matches!(b[j], b' ' | b'.' | b'-') && b.get(j + 1).is_some_and(u8::is_ascii_digit)
        {
            j += 2;
        } else {
            break;
        }
    }
    j
}

/// Part of a longer token (a dossier id like `H19-250715-0001`, a word): not a
/// number on its own.
fn glued(b: &[u8], start: usize, end: usize) -> bool {
    let before = start
        .checked_sub(1)
        .map(|k| b[k])
        .is_some_and(|c| c.is_ascii_alphabetic() || c == b'_' || c == b'/');
    let after = b
        .get(end)
        .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_' || *c == b'/');
    before || after
}

/// Mobile (0[35789] + 8 digits, or +84/84 and 9 digits), landline (02 + 9 digits),
/// ID numbers (9-digit CMND, 12-digit CCCD).
fn looks_personal(run: &[u8]) -> bool {
    let digits: Vec<u8> = run.iter().copied().filter(u8::is_ascii_digit).collect();
    let separated = digits.len() != run.len() - usize::from(run.first() == Some(&b'+'));
    match digits.len() {
        9 | 12 if !separated => true,
        10 => digits[0] == b'0' && matches!(digits[1], b'3' | b'5' | b'7' | b'8' | b'9'),
        11 => {
            (digits[0] == b'0' && digits[1] == b'2')
                || (digits.starts_with(b"84")
                    && matches!(digits[2], b'3' | b'5' | b'7' | b'8' | b'9'))
        }
        _ => false,
    }
}

/// An e-mail address whose '@' is at or after `i`, starting at `i`.
fn email_at(b: &[u8], i: usize) -> Option<(usize, usize)> {
    let local = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'%' | b'+' | b'-');
    let domain = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-');
    if !local(b[i]) || (i > 0 && local(b[i - 1])) {
        return None;
    }
    let mut at = i;
    while at < b.len() && local(b[at]) {
        at += 1;
    }
    if at == i || b.get(at) != Some(&b'@') {
        return None;
    }
    let mut end = at + 1;
    while end < b.len() && domain(b[end]) {
        end += 1;
    }
    let host = &b[at + 1..end];
    let dot = host.iter().rposition(|&c| c == b'.')?;
    (dot > 0 && dot + 2 < host.len() + 1 && host.len() - dot > 2).then_some((i, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn personal_headers_are_recognised_by_meaning() {
        for h in [
            "Họ và tên",
            "Họ tên",
            "CMND",
            "Số CCCD/CMND",
            "SĐT liên hệ",
            "Điện thoại liên hệ",
            "Địa chỉ thường trú",
            "Ngày sinh",
            "Người nhận kết quả",
            "Số giấy tờ tùy thân",
            "Tên tổ chức, cá nhân",
            "Applicant name",
            "Phone",
            "ID number",
            "Email address",
            "ChuHoSo",
        ] {
            assert!(is_personal_header(h), "{h}");
        }
        for h in [
            "Mã hồ sơ",
            "Ngày tiếp nhận",
            "Ngày nhận",
            "Tên thủ tục",
            "Lĩnh vực",
            "Trạng thái",
            "Ghi chú",
            "Kênh thực hiện",
            "NgayHenTra",
            "Chỉ tiêu",
        ] {
            assert!(!is_personal_header(h), "{h}");
        }
    }

    #[test]
    fn personal_values_are_masked_wherever_they_are() {
        for (text, want) in [
            ("gọi 0912345678 nhé", "gọi *** nhé"),
            ("0912 345 678", "***"),
            ("0912.345.678", "***"),
            ("+84912345678", "***"),
            ("ĐT: 02838251234", "ĐT: ***"),
            ("CCCD 079123456789, CMND 023456789", "CCCD ***, CMND ***"),
            ("mail an.nguyen@example.com.vn ok", "mail *** ok"),
            ("\"Nguyễn Văn A\",079123456789", "\"Nguyễn Văn A\",***"),
        ] {
            assert_eq!(mask(text), want, "{text}");
        }
    }

    #[test]
    fn ordinary_values_are_left_alone() {
        for text in [
            "1.962",
            "Đất đai",
            "H19-250715-0001",
            "000.00.15.H19-250715-0001",
            "20250715093000",
            "15/12/2025 08:30",
            "1.001234",
            "Tổng cộng: 1.417 hồ sơ",
            "2025-12-15",
            "3.818 hồ sơ, 61,1 %",
        ] {
            assert_eq!(mask(text), text, "{text}");
        }
    }
}
