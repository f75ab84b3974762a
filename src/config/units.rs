//! The national list of communes and wards (data/reference/, 2026-07-25), compiled in,
//! so that a mistyped commune code is noticed: it is accepted, with a warning.

const UNITS: &str = include_str!("../../data/reference/vn_units_2026-07-25.tsv");

/// The official full name of `code` ("Xã Tân Phước 1"), if the code is on the list.
pub fn official_name(code: &str) -> Option<&'static str> {
    UNITS
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once('\t'))
        .find(|(c, _)| *c == code)
        .and_then(|(_, rest)| rest.split('\t').next())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tan_phuoc_communes_are_on_the_list() {
        assert_eq!(official_name("28321"), Some("Xã Tân Phước 1"));
        assert_eq!(official_name("28336"), Some("Xã Hưng Thạnh"));
        assert_eq!(official_name("99999"), None);
    }
}
