//! The report that ships inside the binary: the repository's `queries/*.sql` and
//! `queries/templates/*`, compiled in by `build.rs`, so the report works from any
//! folder. A `queries/` folder beside the config adds to it and overrides it.

include!(concat!(env!("OUT_DIR"), "/bundled.rs"));

/// A built-in template by file name.
pub fn template(name: &str) -> Option<&'static str> {
    TEMPLATES.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

const MARK: &str = "commune-report init copy sha256:";

/// The copy `init` writes of a built-in file: its text under a first line recording
/// the text's hash, as a comment in the file's own syntax.
pub fn marked_copy(name: &str, text: &str) -> String {
    let hash = crate::text::sha256_hex(text);
    if name.ends_with(".sql") {
        format!("-- {MARK}{hash} (edit freely; an unedited copy follows the built-in)\n{text}")
    } else {
        format!("{{# {MARK}{hash} (edit freely; an unedited copy follows the built-in) #}}\n{text}")
    }
}

/// Whether `text` is a copy `init` wrote and nobody edited since: then the current
/// built-in is used, so a copy made by an older version never pins old queries.
pub fn is_unedited_copy(text: &str) -> bool {
    let Some((first, rest)) = text.split_once('\n') else {
        return false;
    };
    first
        .split_once(MARK)
        .and_then(|(_, tail)| tail.get(..64))
        .is_some_and(|hash| hash == crate::text::sha256_hex(rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unedited_copy_is_recognised_and_an_edited_one_is_not() {
        for (name, text) in QUERIES.iter().chain(TEMPLATES) {
            let copy = marked_copy(name, text);
            assert!(is_unedited_copy(&copy), "{name}");
            assert!(!is_unedited_copy(&format!("{copy}\n-- edited")), "{name}");
            assert!(
                !is_unedited_copy(text),
                "{name}: the built-in itself has no mark"
            );
        }
    }
}
