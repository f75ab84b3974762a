//! Numbers and dates the Vietnamese way: `1.962`, `98,4 %`, `01/07/2025`.

use chrono::NaiveDate;

/// Thousands grouped with `.`: 1962 -> "1.962".
pub fn integer(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A figure with up to `decimals` decimals, `,` as decimal mark; integral values
/// print as integers.
pub fn number(x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        return "—".into();
    }
    let scale = 10f64.powi(decimals as i32);
    let rounded = (x * scale).round() / scale;
    if rounded.fract() == 0.0 && rounded.abs() < 9.0e15 {
        return integer(rounded as i64);
    }
    let text = format!("{:.*}", decimals, rounded.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let sign = if rounded < 0.0 { "-" } else { "" };
    let int: i64 = int.parse().unwrap_or(0);
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        format!("{sign}{}", integer(int))
    } else {
        format!("{sign}{},{frac}", integer(int))
    }
}

/// A ratio in [0, 1] as a percentage with one decimal: 0.98419 -> "98,4 %".
pub fn percent(ratio: f64) -> String {
    if !ratio.is_finite() {
        return "—".into();
    }
    let text = format!("{:.1}", ratio * 100.0).replace('.', ",");
    format!("{text} %")
}

/// The one date style of every format: 2025-07-01 -> "01/07/2025".
pub fn date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// A month: 2025-07 -> "07/2025".
pub fn month(year: i32, month: u32) -> String {
    format!("{month:02}/{year}")
}

/// A signed figure: "+214", "-3", "0".
pub fn signed_integer(n: i64) -> String {
    if n > 0 {
        format!("+{}", integer(n))
    } else {
        integer(n)
    }
}

/// A signed change of a ratio as a percentage: 0.123 -> "+12,3 %".
pub fn signed_percent(ratio: f64) -> String {
    let text = percent(ratio);
    if ratio > 0.0 && text != "0,0 %" {
        format!("+{text}")
    } else {
        text
    }
}

/// A change of a ratio in percentage points: 0.021 -> "+2,1 điểm %".
pub fn points(delta: f64) -> String {
    if !delta.is_finite() {
        return "—".into();
    }
    let text = format!("{:.1}", delta * 100.0).replace('.', ",");
    let text = if text == "-0,0" {
        "0,0".to_string()
    } else {
        text
    };
    let sign = if delta > 0.0 && text != "0,0" {
        "+"
    } else {
        ""
    };
    format!("{sign}{text} điểm %")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_style() {
        assert_eq!(integer(1962), "1.962");
        assert_eq!(integer(26), "26");
        assert_eq!(integer(-1234567), "-1.234.567");
        assert_eq!(number(98.5, 1), "98,5");
        assert_eq!(number(1619.0, 1), "1.619");
        assert_eq!(number(1234.25, 2), "1.234,25");
        assert_eq!(percent(0.98419), "98,4 %");
        assert_eq!(percent(1.0), "100,0 %");
        assert_eq!(
            date(NaiveDate::from_ymd_opt(2025, 7, 1).unwrap()),
            "01/07/2025"
        );
        assert_eq!(signed_integer(214), "+214");
        assert_eq!(signed_percent(0.1224), "+12,2 %");
        assert_eq!(signed_percent(-0.05), "-5,0 %");
        assert_eq!(points(0.021), "+2,1 điểm %");
        assert_eq!(points(-0.0001), "0,0 điểm %");
        assert_eq!(month(2025, 7), "07/2025");
    }
}
