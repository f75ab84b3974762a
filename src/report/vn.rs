//! Numbers and dates the Vietnamese way: `1.962`, `98,4 %`, `1-7-2025`.

use chrono::{Datelike, NaiveDate};

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

/// The press's date style: 2025-07-01 -> "1-7-2025".
pub fn date(d: NaiveDate) -> String {
    format!("{}-{}-{}", d.day(), d.month(), d.year())
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
            "1-7-2025"
        );
    }
}
