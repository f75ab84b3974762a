//! Cell values: day-first dates, Vietnamese-style numbers and the status, channel,
//! timeliness and online-level labels (with the national numeric codes).
//!
//! Every parser returns `None` for a value it cannot read; the caller turns that into
//! a reject with the column named. Nothing is guessed or rolled over (31/02 is bad).

use chrono::NaiveDate;

use crate::text::fold;

/// Reads `dd/mm/yyyy`, `dd-mm-yyyy`, `dd.mm.yyyy` (day and month may have one
/// digit), each optionally followed by `HH:MM[:SS]`; ISO `yyyy-mm-dd[ HH:MM[:SS]]`
/// (or with `T`); and the portal's wire forms `yyyyMMdd` and `yyyyMMddHHmmss`.
/// The time of day, when present, must be valid but is not kept.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = crate::text::trim(s);
    let b = s.as_bytes();
    if (b.len() == 8 || b.len() == 14) && b.iter().all(u8::is_ascii_digit) {
        let date = ymd(num(&b[0..4])?, num(&b[4..6])?, num(&b[6..8])?)?;
        if b.len() == 14 {
            valid_time(num(&b[8..10])?, num(&b[10..12])?, num(&b[12..14])?)?;
        }
        return Some(date);
    }
    // The usual export form, dd/mm/yyyy[ time], read in place (same rules as below).
    if b.len() >= 10
        && matches!(b[2], b'/' | b'-' | b'.')
        && b[5] == b[2]
        && (b.len() == 10 || b[10] == b' ')
    {
        let date = ymd(num(&b[6..10])?, num(&b[3..5])?, num(&b[0..2])?)?;
        if b.len() > 10 {
            parse_time(s[11..].trim())?;
        }
        return Some(date);
    }
    let (date_part, time_part) = match s.find([' ', 'T']) {
        Some(i) => (&s[..i], Some(s[i + 1..].trim())),
        None => (s, None),
    };
    let mut parts = date_part.split(['/', '-', '.']);
    let (a, m, c) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || !same_separators(date_part) {
        return None;
    }
    let date = if a.len() == 4 && (1..=2).contains(&m.len()) && (1..=2).contains(&c.len()) {
        ymd(num(a.as_bytes())?, num(m.as_bytes())?, num(c.as_bytes())?)?
    } else if (1..=2).contains(&a.len()) && (1..=2).contains(&m.len()) && c.len() == 4 {
        ymd(num(c.as_bytes())?, num(m.as_bytes())?, num(a.as_bytes())?)?
    } else {
        return None;
    };
    if let Some(t) = time_part {
        parse_time(t)?;
    }
    Some(date)
}

fn same_separators(date_part: &str) -> bool {
    let mut seps = date_part
        .bytes()
        .filter(|b| matches!(b, b'/' | b'-' | b'.'));
    match (seps.next(), seps.next()) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

fn parse_time(t: &str) -> Option<()> {
    let mut parts = t.split(':');
    let h = parts.next()?;
    let m = parts.next()?;
    let s = parts.next().unwrap_or("0");
    if parts.next().is_some() || h.is_empty() || h.len() > 2 || m.len() != 2 || s.len() > 2 {
        return None;
    }
    valid_time(num(h.as_bytes())?, num(m.as_bytes())?, num(s.as_bytes())?)
}

fn valid_time(h: u32, m: u32, s: u32) -> Option<()> {
    (h < 24 && m < 60 && s < 60).then_some(())
}

fn ymd(y: u32, m: u32, d: u32) -> Option<NaiveDate> {
    if !(1900..=2200).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y as i32, m, d)
}

fn num(digits: &[u8]) -> Option<u32> {
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    digits.iter().try_fold(0u32, |acc, d| {
        acc.checked_mul(10)?.checked_add(u32::from(d - b'0'))
    })
}

/// A figure written the Vietnamese way: `.` groups thousands, `,` marks decimals
/// (`1.962` = 1962, `98,5` = 98.5, `1.234,5` = 1234.5). A trailing `%` or unit-less
/// spacing is tolerated; anything else (`1.5`, `12abc`) is unreadable.
pub fn parse_number(s: &str) -> Option<f64> {
    let s = s.trim().trim_end_matches('%').trim();
    let (neg, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, s),
    };
    let (int_part, frac_part) = match s.split_once(',') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let groups: Vec<&str> = int_part.split('.').collect();
    let first_ok = !groups[0].is_empty() && groups[0].len() <= 3 || groups.len() == 1;
    let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
    if !first_ok
        || !rest_ok
        || groups
            .iter()
            .any(|g| !g.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let mut text: String = groups.concat();
    if text.is_empty() {
        return None;
    }
    if let Some(f) = frac_part {
        if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        text.push('.');
        text.push_str(f);
    }
    // Too many digits for a float parse as infinity: not a figure anyone reported.
    let v: f64 = text.parse().ok().filter(|v: &f64| v.is_finite())?;
    Some(if neg { -v } else { v })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Processing,
    Paused,
    Resolved,
    Returned,
    Withdrawn,
}

impl Status {
    /// The canonical name (`as_str`) back to the value.
    pub fn from_canonical(name: &str) -> Option<Status> {
        Some(match name {
            "processing" => Status::Processing,
            "paused" => Status::Paused,
            "resolved" => Status::Resolved,
            "returned" => Status::Returned,
            "withdrawn" => Status::Withdrawn,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Processing => "processing",
            Status::Paused => "paused",
            Status::Resolved => "resolved",
            Status::Returned => "returned",
            Status::Withdrawn => "withdrawn",
        }
    }

    pub fn from_label(label: &str) -> Option<Status> {
        use Status::*;
        Some(match fold(label).as_str() {
            "dangxuly" | "danggiaiquyet" | "moitiepnhan" | "choxuly" | "duoctiepnhan"
            | "moidangky" | "1" | "2" | "4" => Processing,
            "tamdung"
            | "chobosung"
            | "yeucaubosung"
            | "yeucaubosunggiayto"
            | "yeucauthuchiennghiavutaichinh"
            | "5"
            | "6" => Paused,
            "dagiaiquyet" | "hoanthanh" | "daxulyxong" | "datraketqua" | "dacoketqua"
            | "chotraketqua" | "9" | "10" => Resolved,
            "tralai" | "khongdudieukien" | "tuchoi" | "khonggiaiquyet" | "khongtiepnhan"
            | "khongduoctiepnhan" | "dungxuly" | "3" | "8" => Returned,
            "ruthoso" | "daruthoso" | "congdanruthoso" | "congdanyeucauruthoso" | "huy" | "7" => {
                Withdrawn
            }
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Online,
    InPerson,
    Postal,
}

impl Channel {
    /// The canonical name (`as_str`) back to the value.
    pub fn from_canonical(name: &str) -> Option<Channel> {
        Some(match name {
            "online" => Channel::Online,
            "in_person" => Channel::InPerson,
            "postal" => Channel::Postal,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Online => "online",
            Channel::InPerson => "in_person",
            Channel::Postal => "postal",
        }
    }

    pub fn from_label(label: &str) -> Option<Channel> {
        Some(match fold(label).as_str() {
            "tructuyen" | "noptructuyen" | "2" => Channel::Online,
            "tructiep" | "noptructiep" | "1" => Channel::InPerson,
            "buuchinhcongich" | "buuchinh" | "bcci" | "quabuuchinh" | "3" => Channel::Postal,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timeliness {
    Early,
    OnTime,
    Late,
}

impl Timeliness {
    /// The canonical name (`as_str`) back to the value.
    pub fn from_canonical(name: &str) -> Option<Timeliness> {
        Some(match name {
            "early" => Timeliness::Early,
            "on_time" => Timeliness::OnTime,
            "late" => Timeliness::Late,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Timeliness::Early => "early",
            Timeliness::OnTime => "on_time",
            Timeliness::Late => "late",
        }
    }

    pub fn from_label(label: &str) -> Option<Timeliness> {
        Some(match fold(label).as_str() {
            "truochan" | "somhan" => Timeliness::Early,
            "dunghan" => Timeliness::OnTime,
            "trehan" | "quahan" => Timeliness::Late,
            _ => return None,
        })
    }

    /// Calendar-date comparison (Decision 766 counts early and on time together).
    pub fn from_dates(completed: NaiveDate, due: NaiveDate) -> Timeliness {
        match completed.cmp(&due) {
            std::cmp::Ordering::Less => Timeliness::Early,
            std::cmp::Ordering::Equal => Timeliness::OnTime,
            std::cmp::Ordering::Greater => Timeliness::Late,
        }
    }
}

/// `full` / `partial` online service level of a procedure.
pub fn online_level(label: &str) -> Option<&'static str> {
    let f = fold(label);
    if f.contains("toantrinh") || f == "mucdo4" || f == "4" {
        Some("full")
    } else if f.contains("motphan") || f == "mucdo3" || f == "3" {
        Some("partial")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn dates_in_every_spec_form() {
        for (text, want) in [
            ("15/12/2025", d(2025, 12, 15)),
            ("15-12-2025", d(2025, 12, 15)),
            ("15.12.2025", d(2025, 12, 15)),
            ("1/7/2025", d(2025, 7, 1)),
            ("03/07/2025 08:15", d(2025, 7, 3)),
            ("03-07-2025 08:15:59", d(2025, 7, 3)),
            ("2025-07-03", d(2025, 7, 3)),
            ("2025-07-03T08:15:00", d(2025, 7, 3)),
            ("20250703", d(2025, 7, 3)),
            ("20250703081500", d(2025, 7, 3)),
            (" 29/02/2024 ", d(2024, 2, 29)),
            ("03/07/2025 8:15", d(2025, 7, 3)),
            ("03.07.2025   08:15", d(2025, 7, 3)),
        ] {
            assert_eq!(parse_date(text), want, "{text}");
        }
    }

    #[test]
    fn impossible_or_ambiguous_dates_are_unreadable() {
        for text in [
            "31/02/2025",
            "29/02/2025",
            "32/01/2025",
            "15/13/2025",
            "15/12/25",
            "15/12-2025",
            "2025/07",
            "03/07/2025 25:00",
            "03/07/2025 08:15 chiều",
            "03/07/2025x",
            "0a/07/2025",
            "20250231000000",
            "20250703246000",
            "hôm qua",
            "",
        ] {
            assert_eq!(parse_date(text), None, "{text}");
        }
    }

    #[test]
    fn vietnamese_numbers() {
        let huge = "9".repeat(400);
        for (text, want) in [
            ("1.962", Some(1962.0)),
            ("98,5", Some(98.5)),
            ("1.234.567,25", Some(1_234_567.25)),
            ("26", Some(26.0)),
            ("100%", Some(100.0)),
            ("-3", Some(-3.0)),
            ("1.5", None),
            ("12abc", None),
            ("", None),
            ("1,2,3", None),
            (huge.as_str(), None),
        ] {
            assert_eq!(parse_number(text), want, "{text}");
        }
    }

    #[test]
    fn status_labels_and_codes() {
        for (label, want) in [
            ("Đã giải quyết", Status::Resolved),
            ("Da giai quyet", Status::Resolved),
            ("ĐÃ TRẢ KẾT QUẢ", Status::Resolved),
            ("10", Status::Resolved),
            ("Đang xử lý", Status::Processing),
            ("Chờ bổ sung", Status::Paused),
            ("Yêu cầu bổ sung giấy tờ", Status::Paused),
            ("Không đủ điều kiện", Status::Returned),
            ("Từ chối", Status::Returned),
            ("Công dân rút hồ sơ", Status::Withdrawn),
            ("7", Status::Withdrawn),
        ] {
            assert_eq!(Status::from_label(label), Some(want), "{label}");
        }
        assert_eq!(Status::from_label("Đang ngủ"), None);
        assert_eq!(Status::from_label("11"), None);
    }

    #[test]
    fn channels_and_timeliness() {
        assert_eq!(Channel::from_label("Trực tuyến"), Some(Channel::Online));
        assert_eq!(Channel::from_label("BCCI"), Some(Channel::Postal));
        assert_eq!(Channel::from_label("1"), Some(Channel::InPerson));
        assert_eq!(Timeliness::from_label("Trễ hạn"), Some(Timeliness::Late));
        assert_eq!(Timeliness::from_label("Quá hạn"), Some(Timeliness::Late));
        let (a, b) = (d(2025, 8, 1).unwrap(), d(2025, 8, 2).unwrap());
        assert_eq!(Timeliness::from_dates(a, b), Timeliness::Early);
        assert_eq!(Timeliness::from_dates(a, a), Timeliness::OnTime);
        assert_eq!(Timeliness::from_dates(b, a), Timeliness::Late);
        assert_eq!(online_level("Toàn trình"), Some("full"));
        assert_eq!(online_level("Mức độ 3"), Some("partial"));
    }
}
