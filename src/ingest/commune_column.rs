//! Which configured commune a row of a shared export (a `[[sources]]` entry) belongs
//! to, from the value in its `commune_column`: a commune code (`28321`) or a name
//! with or without the unit word, case and diacritics («Xã Tân Phước 1», «TÂN PHƯỚC
//! 1», «Tan Phuoc 1»).
//!
//! Names are looked up among the configured communes and the other units of their
//! provinces (data/reference/), so that a row of a commune the config leaves out is
//! recognised and kept out rather than rejected. Folded names collide inside one
//! province («Xã Tân Thành» 29938 and «Xã Tân Thạnh» 30157, Đồng Tháp): names are
//! matched as written first, and a folded name that fits two units is a reject
//! that asks for the code.

use std::collections::{BTreeMap, HashMap, HashSet};

use unicode_normalization::UnicodeNormalization;

use super::rows::Reject;
use crate::config::{Commune, units};
use crate::text::{clean, fold_words};

/// Where one row goes.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// To the configured commune of this index.
    Commune(usize),
    /// A real commune the config does not name: counted under the value as written.
    KeptOut(String),
    /// Not a commune this run knows (or empty, or ambiguous): a reject.
    Unknown(Reject),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Commune(usize),
    Other(units::Unit),
}

/// The lookup tables of one source, built once per run.
#[derive(Debug, Default)]
pub struct Matcher {
    /// Code without leading zeros.
    by_code: HashMap<String, Target>,
    /// Per tier of [`keys`]: name key -> units.
    names: [HashMap<String, Vec<Target>>; 4],
}

/// Unit words a name may start with, as written and folded.
const UNIT_WORDS: [(&str, &str); 4] = [
    ("xã", "xa"),
    ("phường", "phuong"),
    ("thị trấn", "thi tran"),
    ("đặc khu", "dac khu"),
];

impl Matcher {
    /// Names are looked up among the units of `province` (the source's
    /// `province`), else of the configured communes' provinces; codes among every
    /// configured commune and those units.
    pub fn new(communes: &[Commune], province: Option<&str>) -> Matcher {
        let mut m = Matcher::default();
        let provinces: HashSet<&str> = match province {
            Some(p) => HashSet::from([p]),
            None => communes
                .iter()
                .filter_map(|c| units::unit(&c.code))
                .map(|u| u.province)
                .collect(),
        };
        for (i, c) in communes.iter().enumerate() {
            m.by_code.insert(
                c.code.trim_start_matches('0').to_string(),
                Target::Commune(i),
            );
            let official = units::unit(&c.code);
            if official.is_some_and(|u| !provinces.contains(u.province)) {
                continue;
            }
            for name in std::iter::once(c.name.as_str()).chain(official.map(|u| u.name)) {
                m.add_name(name, Target::Commune(i));
            }
        }
        for u in units::all().filter(|u| provinces.contains(u.province)) {
            let code = u.code.trim_start_matches('0').to_string();
            if m.by_code.contains_key(&code) {
                continue;
            }
            m.by_code.insert(code, Target::Other(u));
            m.add_name(u.name, Target::Other(u));
        }
        m
    }

    fn add_name(&mut self, name: &str, target: Target) {
        let k = keys(name);
        for (tier, key) in [
            (0, k.written),
            (1, k.written_bare),
            (2, k.folded),
            (3, k.folded_bare),
        ] {
            let slot = self.names[tier].entry(key).or_default();
            if !slot.contains(&target) {
                slot.push(target);
            }
        }
    }

    /// The verdict on one cell of `column` (its header as written).
    pub fn verdict(&self, value: &str, column: &str, communes: &[Commune]) -> Verdict {
        let value = clean(value);
        if value.is_empty() {
            return Verdict::Unknown(Reject::unknown_commune(format!(
                "ô «{column}» trống: không biết dòng thuộc xã nào; hãy ghi mã hoặc tên xã"
            )));
        }
        let found = if value.bytes().all(|b| b.is_ascii_digit()) {
            self.by_code
                .get(value.trim_start_matches('0'))
                .map(|t| vec![*t])
                .unwrap_or_default()
        } else {
            let found = self.lookup(&value);
            // The config is the analyst's word: a configured commune wins over a
            // unit of the list that is spelled the same.
            let configured: Vec<Target> = found
                .iter()
                .copied()
                .filter(|t| matches!(t, Target::Commune(_)))
                .collect();
            if configured.len() == 1 {
                configured
            } else {
                found
            }
        };
        match found.as_slice() {
            [Target::Commune(i)] => Verdict::Commune(*i),
            [Target::Other(_)] => Verdict::KeptOut(value.into_owned()),
            [] => Verdict::Unknown(Reject::unknown_commune(format!(
                "«{value}» (cột «{column}») không phải mã hay tên của xã nào trong cấu hình \
                 hoặc trong tỉnh của các xã đó; hãy sửa giá trị hoặc thêm xã vào cấu hình"
            ))),
            many => {
                let names: Vec<String> = many
                    .iter()
                    .take(4)
                    .map(|t| match t {
                        Target::Commune(i) => {
                            format!("{} ({})", communes[*i].name, communes[*i].code)
                        }
                        Target::Other(u) => format!("{} ({})", u.name, u.code),
                    })
                    .collect();
                let more = if many.len() > 4 { " …" } else { "" };
                Verdict::Unknown(Reject::unknown_commune(format!(
                    "«{value}» (cột «{column}») có thể là {}{more}; hãy ghi mã xã, tên có dấu \
                     hoặc tỉnh của nguồn (province)",
                    names.join(" hoặc ")
                )))
            }
        }
    }

    /// The units `value` names in the first tier that knows it: the full name as
    /// written, then without its unit word, then the same folded.
    fn lookup(&self, value: &str) -> Vec<Target> {
        let k = keys(value);
        let tiers: [Vec<&String>; 4] = [
            vec![&k.written],
            // «Xá Lượng» has no unit word, though it folds like one.
            vec![&k.written_bare, &k.written],
            vec![&k.folded],
            vec![&k.folded_bare, &k.folded],
        ];
        for (tier, candidates) in tiers.iter().enumerate() {
            let mut found: Vec<Target> = Vec::new();
            for key in candidates {
                for target in self.names[tier].get(*key).into_iter().flatten() {
                    if !found.contains(target) {
                        found.push(*target);
                    }
                }
            }
            if !found.is_empty() {
                return found;
            }
        }
        Vec::new()
    }
}

/// The forms a name is known by.
struct Keys {
    /// Lowercase, NFC, single spaces: «xã tân phước 1».
    written: String,
    /// Without a leading unit word: «tân phước 1».
    written_bare: String,
    /// Diacritics removed too: «xa tan phuoc 1».
    folded: String,
    folded_bare: String,
}

fn keys(name: &str) -> Keys {
    let written: String = name
        .nfc()
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let folded = fold_words(name);
    let bare = |text: &str, words: [&str; 4]| {
        words
            .iter()
            .find_map(|w| text.strip_prefix(w)?.strip_prefix(' '))
            .unwrap_or(text)
            .to_string()
    };
    Keys {
        written_bare: bare(&written, UNIT_WORDS.map(|w| w.0)),
        folded_bare: bare(&folded, UNIT_WORDS.map(|w| w.1)),
        written,
        folded,
    }
}

/// Where one row of a shared export goes, as [`Split`] tells it per row: the
/// kept-out rows are counted by the split itself.
#[derive(Debug, Clone, PartialEq)]
pub enum Route {
    Commune(usize),
    KeptOut,
    Unknown(Reject),
}

/// The verdicts of one file (or piece), remembered per distinct value — a province's
/// file holds a few hundred values in millions of rows, so a row costs one lookup and
/// no allocation — and the kept-out rows counted per value as written.
pub struct Split<'a> {
    matcher: &'a Matcher,
    communes: &'a [Commune],
    column: &'a str,
    seen: HashMap<Box<str>, Verdict, foldhash::fast::RandomState>,
    kept_out: BTreeMap<String, u64>,
}

/// Distinct values remembered; beyond that (a column of garbage) each is looked up.
const MAX_REMEMBERED: usize = 65_536;

impl<'a> Split<'a> {
    pub fn new(matcher: &'a Matcher, communes: &'a [Commune], column: &'a str) -> Split<'a> {
        Split {
            matcher,
            communes,
            column,
            seen: HashMap::default(),
            kept_out: BTreeMap::new(),
        }
    }

    /// Where the row whose commune cell is `value` goes.
    pub fn route(&mut self, value: &str) -> Route {
        if let Some(v) = self.seen.get(value) {
            return Self::count(&mut self.kept_out, v);
        }
        let v = self.matcher.verdict(value, self.column, self.communes);
        let route = Self::count(&mut self.kept_out, &v);
        if self.seen.len() < MAX_REMEMBERED {
            self.seen.insert(value.into(), v);
        }
        route
    }

    fn count(kept_out: &mut BTreeMap<String, u64>, v: &Verdict) -> Route {
        match v {
            Verdict::Commune(i) => Route::Commune(*i),
            Verdict::KeptOut(value) => {
                match kept_out.get_mut(value.as_str()) {
                    Some(n) => *n += 1,
                    None => {
                        kept_out.insert(value.clone(), 1);
                    }
                }
                Route::KeptOut
            }
            Verdict::Unknown(reject) => Route::Unknown(reject.clone()),
        }
    }

    /// The rows of communes left out, per value as written.
    pub fn kept_out(self) -> BTreeMap<String, u64> {
        self.kept_out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn communes() -> Vec<Commune> {
        let config = crate::config::Config::parse(
            std::path::Path::new("/tmp/x/commune-report.toml"),
            r#"
[report]
title = "T"
area = "A"
period_start = 2025-07-01

[[communes]]
code = "28321"
name = "Tân Phước 1"

[[communes]]
code = "29938"
name = "Tân Thành"

[[sources]]
id = "tinh"
commune_column = "Đơn vị"
dossiers = ["tinh/*.csv"]
"#,
        )
        .expect("config");
        config.communes
    }

    #[test]
    fn codes_and_names_in_any_spelling_name_one_commune() {
        let c = communes();
        let m = Matcher::new(&c, None);
        for value in [
            "28321",
            " 28321 ",
            "Xã Tân Phước 1",
            "TÂN PHƯỚC 1",
            "tân  phước 1",
            "Tan Phuoc 1",
            "XA TAN PHUOC 1",
            "Xa\u{0303} Ta\u{0302}n Phu\u{031B}o\u{031B}\u{0301}c 1",
        ] {
            assert_eq!(
                m.verdict(value, "Đơn vị", &c),
                Verdict::Commune(0),
                "{value:?}"
            );
        }
    }

    #[test]
    fn other_communes_of_the_province_are_kept_out_and_strangers_rejected() {
        let c = communes();
        let m = Matcher::new(&c, None);
        // 28327 (Tân Phước 2) is a commune of Đồng Tháp the config leaves out.
        let other = units::unit("28327").expect("on the list");
        assert_eq!(
            m.verdict(other.name, "Đơn vị", &c),
            Verdict::KeptOut(other.name.to_string())
        );
        assert_eq!(
            m.verdict("28327", "Đơn vị", &c),
            Verdict::KeptOut("28327".into())
        );
        for value in ["", "  ", "Xã Không Có", "99999", "Phường Ba Đình"] {
            match m.verdict(value, "Đơn vị", &c) {
                Verdict::Unknown(r) => {
                    assert_eq!(r.reason_code, "unknown_commune");
                    assert!(r.reason.contains("Đơn vị"), "{}", r.reason);
                }
                other => panic!("{value:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn the_unit_word_tells_a_ward_from_a_commune_of_the_same_name() {
        // Phường Ba Đình (Hà Nội, 00004) and Xã Ba Đình (Thanh Hóa, 16171).
        let all: Vec<Commune> = ["00004", "16171"]
            .iter()
            .map(|code| {
                let mut c = communes().remove(0);
                c.code = code.to_string();
                c.name = units::official_name(code).expect("listed").to_string();
                c
            })
            .collect();
        let m = Matcher::new(&all, None);
        assert_eq!(
            m.verdict("Phường Ba Đình", "Đơn vị", &all),
            Verdict::Commune(0)
        );
        assert_eq!(m.verdict("XÃ BA ĐÌNH", "Đơn vị", &all), Verdict::Commune(1));
        assert!(matches!(
            m.verdict("Ba Đình", "Đơn vị", &all),
            Verdict::Unknown(_)
        ));
        // A source of one province looks names up there only.
        let hanoi = Matcher::new(&all, Some("Thành phố Hà Nội"));
        assert_eq!(
            hanoi.verdict("Ba Đình", "Đơn vị", &all),
            Verdict::Commune(0)
        );
        assert_eq!(hanoi.verdict("16171", "Đơn vị", &all), Verdict::Commune(1));
    }

    #[test]
    fn a_name_that_folds_like_a_unit_word_keeps_its_first_word() {
        let k = keys("Xá Lượng");
        assert_eq!(k.written_bare, "xá lượng");
        assert_eq!(k.folded_bare, "luong");
        let k = keys("Xã  Xá Lượng");
        assert_eq!(
            (k.written_bare.as_str(), k.folded_bare.as_str()),
            ("xá lượng", "xa luong")
        );
    }

    #[test]
    fn a_folded_name_of_two_units_asks_for_the_code() {
        let c = communes();
        let m = Matcher::new(&c, None);
        // Written with diacritics, each is itself.
        assert_eq!(m.verdict("Xã Tân Thành", "Đơn vị", &c), Verdict::Commune(1));
        assert_eq!(
            m.verdict("Tân Thạnh", "Đơn vị", &c),
            Verdict::KeptOut("Tân Thạnh".into())
        );
        // Without them, the configured one is taken: the config is the analyst's word.
        assert_eq!(m.verdict("Tan Thanh", "Đơn vị", &c), Verdict::Commune(1));
    }

    #[test]
    fn a_folded_name_of_two_units_neither_configured_is_a_reject_naming_both() {
        let c: Vec<Commune> = communes().into_iter().take(1).collect();
        let m = Matcher::new(&c, None);
        match m.verdict("TAN THANH", "Đơn vị", &c) {
            Verdict::Unknown(r) => {
                assert!(
                    r.reason.contains("29938") && r.reason.contains("30157"),
                    "{}",
                    r.reason
                )
            }
            other => panic!("{other:?}"),
        }
    }
}
