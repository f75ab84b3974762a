//! The national list of communes and wards (data/reference/, 2026-07-25), compiled in,
//! so that a mistyped commune code is noticed: it is accepted, with a warning.

const UNITS: &str = include_str!("../../data/reference/vn_units_2026-07-25.tsv");

/// One commune or ward of the national list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    pub code: &'static str,
    /// The official full name, with its unit word: "Xã Tân Phước 1".
    pub name: &'static str,
    pub province: &'static str,
}

/// Every unit of the list, in its order.
pub fn all() -> impl Iterator<Item = Unit> {
    UNITS.lines().skip(1).filter_map(|l| {
        let mut cells = l.split('\t');
        Some(Unit {
            code: cells.next()?,
            name: cells.next()?,
            province: cells.next()?,
        })
    })
}

/// The unit `code` names, if the code is on the list. Looked up in an index built
/// once: a national config asks for thousands of codes.
pub fn unit(code: &str) -> Option<Unit> {
    static INDEX: std::sync::OnceLock<std::collections::HashMap<&'static str, Unit>> =
        std::sync::OnceLock::new();
    INDEX
        .get_or_init(|| all().map(|u| (u.code, u)).collect())
        .get(code)
        .copied()
}

/// The official full name of `code` ("Xã Tân Phước 1"), if the code is on the list.
pub fn official_name(code: &str) -> Option<&'static str> {
    unit(code).map(|u| u.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tan_phuoc_communes_are_on_the_list() {
        assert_eq!(official_name("28321"), Some("Xã Tân Phước 1"));
        assert_eq!(official_name("28336"), Some("Xã Hưng Thạnh"));
        assert_eq!(official_name("99999"), None);
        assert_eq!(unit("28321").map(|u| u.province), Some("Tỉnh Đồng Tháp"));
        assert_eq!(all().count(), 3321);
    }
}
