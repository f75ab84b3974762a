//! The report that ships inside the binary: the repository's `queries/*.sql` and
//! `queries/templates/*`, compiled in by `build.rs`, so the report works from any
//! folder. A `queries/` folder beside the config adds to it and overrides it.

include!(concat!(env!("OUT_DIR"), "/bundled.rs"));

/// A built-in template by file name.
pub fn template(name: &str) -> Option<&'static str> {
    TEMPLATES.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}
