//! The interface language: every message a person reads outside the report comes
//! from a Fluent catalogue (`locales/vi.ftl`, `locales/en.ftl`, compiled in), which a
//! translator edits in one place. The language is `--lang vi|en`, else
//! `COMMUNE_REPORT_LANG`, else the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`: one
//! beginning with `vi` means Vietnamese), else English.
//!
//! Messages are looked up with [`tr!`](crate::tr); text from data is passed as an
//! argument and printed as written (NFC, no escapes). A message missing from a
//! catalogue prints as `⟦id⟧`, and the tests fail on it.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Vi,
    En,
}

impl Lang {
    /// `vi`, `vi_VN.UTF-8`, `vi-VN` → Vietnamese; anything else that names a
    /// language → English; empty → none.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let tag = tag.trim();
        if tag.is_empty() {
            return None;
        }
        Some(if tag.to_ascii_lowercase().starts_with("vi") {
            Lang::Vi
        } else {
            Lang::En
        })
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }
}

/// The language from the flag, else the environment (see the module comment).
pub fn resolve(flag: Option<&str>, env: impl Fn(&str) -> Option<String>) -> Lang {
    if let Some(lang) = flag.and_then(Lang::from_tag) {
        return lang;
    }
    if let Some(lang) = env("COMMUNE_REPORT_LANG").and_then(|v| Lang::from_tag(&v)) {
        return lang;
    }
    // POSIX: the first of these that is set decides.
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Some(value) = env(var).filter(|v| !v.trim().is_empty()) {
            return Lang::from_tag(&value).unwrap_or(Lang::En);
        }
    }
    Lang::En
}

static LANG: OnceLock<Lang> = OnceLock::new();

/// Sets the interface language once, at start.
pub fn set(lang: Lang) {
    let _ = LANG.set(lang);
}

pub fn lang() -> Lang {
    LANG.get().copied().unwrap_or(Lang::En)
}

pub const VI: &str = include_str!("../locales/vi.ftl");
pub const EN: &str = include_str!("../locales/en.ftl");

fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static VI_BUNDLE: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    static EN_BUNDLE: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    let (cell, source, tag) = match lang {
        Lang::Vi => (&VI_BUNDLE, VI, "vi"),
        Lang::En => (&EN_BUNDLE, EN, "en"),
    };
    cell.get_or_init(|| {
        let langid: unic_langid::LanguageIdentifier = tag.parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![langid]);
        // No invisible isolation marks around arguments: output goes to terminals
        // and logs, where they show as noise.
        bundle.set_use_isolating(false);
        let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(r, _)| r);
        let _ = bundle.add_resource(resource);
        bundle
    })
}

/// The message `id` in `lang` with `args`, or `⟦id⟧` when a catalogue lacks it.
pub fn message_in(lang: Lang, id: &str, args: Option<&FluentArgs>) -> String {
    let bundle = bundle(lang);
    match bundle.get_message(id).and_then(|m| m.value()) {
        Some(pattern) => {
            let mut errors = Vec::new();
            bundle
                .format_pattern(pattern, args, &mut errors)
                .into_owned()
        }
        None => format!("⟦{id}⟧"),
    }
}

/// The message `id` in the interface language.
pub fn message(id: &str, args: Option<&FluentArgs>) -> String {
    message_in(lang(), id, args)
}

/// Whether the catalogue of `lang` has `id`.
pub fn has(lang: Lang, id: &str) -> bool {
    bundle(lang).has_message(id)
}

/// A message from the catalogue: `tr!("id")`, `tr!("id", file = path, n = 3)`.
/// Arguments are shown with `Display`, so data text prints as written.
#[macro_export]
macro_rules! tr {
    ($id:literal) => {
        $crate::i18n::message($id, None)
    };
    ($id:literal, $($key:ident = $value:expr),+ $(,)?) => {{
        let mut args = fluent_bundle::FluentArgs::new();
        $( args.set(stringify!($key), ($value).to_string()); )+
        $crate::i18n::message($id, Some(&args))
    }};
}

/// Like [`tr!`], in a given language.
#[macro_export]
macro_rules! tr_in {
    ($lang:expr, $id:literal) => {
        $crate::i18n::message_in($lang, $id, None)
    };
    ($lang:expr, $id:literal, $($key:ident = $value:expr),+ $(,)?) => {{
        let mut args = fluent_bundle::FluentArgs::new();
        $( args.set(stringify!($key), ($value).to_string()); )+
        $crate::i18n::message_in($lang, $id, Some(&args))
    }};
}

/// The ids a catalogue defines, in order.
pub fn ids(source: &str) -> Vec<String> {
    source
        .lines()
        .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_alphabetic()))
        .filter_map(|l| l.split_once('=').map(|(id, _)| id.trim().to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| {
            vars.iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn the_language_comes_from_flag_then_variable_then_locale() {
        assert_eq!(resolve(Some("vi"), env(&[("LANG", "C")])), Lang::Vi);
        assert_eq!(
            resolve(
                None,
                env(&[("COMMUNE_REPORT_LANG", "en"), ("LANG", "vi_VN.UTF-8")])
            ),
            Lang::En
        );
        assert_eq!(resolve(None, env(&[("LANG", "vi_VN.UTF-8")])), Lang::Vi);
        assert_eq!(
            resolve(None, env(&[("LC_ALL", "C"), ("LANG", "vi_VN.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            resolve(None, env(&[("LC_MESSAGES", "vi_VN"), ("LANG", "C")])),
            Lang::Vi
        );
        assert_eq!(resolve(None, env(&[])), Lang::En);
    }

    #[test]
    fn both_catalogues_parse_and_define_the_same_messages() {
        for (name, source) in [("vi", VI), ("en", EN)] {
            if let Err((_, errors)) = FluentResource::try_new(source.to_string()) {
                panic!("locales/{name}.ftl: {errors:?}");
            }
        }
        let (mut vi, mut en) = (ids(VI), ids(EN));
        vi.sort();
        en.sort();
        let only_vi: Vec<_> = vi.iter().filter(|i| !en.contains(i)).collect();
        let only_en: Vec<_> = en.iter().filter(|i| !vi.contains(i)).collect();
        assert!(
            only_vi.is_empty() && only_en.is_empty(),
            "only vi: {only_vi:?}; only en: {only_en:?}"
        );
    }

    /// Every `tr!("…")` and `tr_in!(…, "…")` in the sources names a message both
    /// catalogues have.
    #[test]
    fn every_message_the_code_uses_is_in_both_catalogues() {
        let mut missing = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("src").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                for (i, _) in text
                    .match_indices("tr!(\"")
                    .chain(text.match_indices("tr_in!("))
                {
                    // `include_str!("…")` also ends in `tr!(`.
                    let before = text[..i].chars().next_back();
                    if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                        continue;
                    }
                    let rest = &text[i..];
                    let Some(start) = rest.find('"') else {
                        continue;
                    };
                    let id: String = rest[start + 1..]
                        .chars()
                        .take_while(|c| *c != '"')
                        .collect();
                    if id.is_empty() || id.contains(' ') || id == "id" || id == "…" {
                        continue;
                    }
                    for lang in [Lang::Vi, Lang::En] {
                        if !has(lang, &id) {
                            missing.push(format!("{} ({}): {id}", path.display(), lang.code()));
                        }
                    }
                }
            }
        }
        assert!(
            missing.is_empty(),
            "messages missing from a catalogue:\n{}",
            missing.join("\n")
        );
    }

    #[test]
    fn data_text_is_printed_as_written() {
        let text = crate::tr_in!(Lang::Vi, "test-echo", value = "Chờ ký duyệt");
        assert_eq!(text, "«Chờ ký duyệt»");
    }
}
