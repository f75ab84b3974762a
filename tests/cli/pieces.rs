//! A large export is parsed in pieces on every core. Cut tiny (the environment's
//! `COMMUNE_REPORT_PIECE_BYTES`), every export of the sample gives the warehouse of
//! the one-pass read, file for file and byte for byte.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use super::{BIN, Workdir};

fn ingest(piece_bytes: &str) -> (Workdir, String) {
    let w = Workdir::sample();
    let out = Command::new(BIN)
        .env("COMMUNE_REPORT_LANG", "en")
        .env("COMMUNE_REPORT_PIECE_BYTES", piece_bytes)
        .args(["-v", "--threads", "2", "-c"])
        .arg(w.config())
        .arg("ingest")
        .output()
        .expect("ingest");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    (w, stderr)
}

/// sha256 of every file of the version published under `dir` but the run history.
pub fn files(dir: &Path) -> BTreeMap<String, String> {
    use sha2::Digest;
    let root = dir.join("warehouse");
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&root).follow_links(true) {
        let entry = entry.expect("walk");
        let rel = entry
            .path()
            .strip_prefix(&root)
            .expect("under")
            .to_path_buf();
        if !entry.file_type().is_file() || rel.starts_with(Path::new("runs")) {
            continue;
        }
        let bytes = std::fs::read(entry.path()).expect("read");
        let hash = sha2::Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        out.insert(rel.to_string_lossy().into_owned(), hash);
    }
    out
}

#[test]
fn exports_cut_into_tiny_pieces_give_the_warehouse_of_the_one_pass_read() {
    let (whole, said) = ingest("0");
    assert!(!said.contains("read in pieces"), "{said}");
    let (cut, said) = ingest("97");
    // Every UTF-8 export of the sample was cut; the others say why not.
    let pieces = said.matches("read in pieces in parallel").count();
    assert!(pieces >= 10, "{pieces} files read in pieces:\n{said}");
    let expected = files(&whole.root);
    assert!(expected.len() > 20, "{expected:?}");
    assert_eq!(files(&cut.root), expected);
}

/// Ingests every fixture folder as a commune of its own, with pieces of `piece_bytes`.
fn ingest_fixtures(piece_bytes: &str) -> (tempfile::TempDir, String) {
    let work = tempfile::tempdir().expect("tempdir");
    let fixtures = super::manifest_dir().join("tests/fixtures");
    let mut config = String::from(
        "[report]\ntitle = \"T\"\narea = \"A\"\nperiod_start = 2025-07-01\n\n\
         [quality]\nmax_reject_ratio = 1.0\n",
    );
    let mut names: Vec<_> = std::fs::read_dir(&fixtures)
        .expect("fixtures")
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for (i, name) in names.iter().enumerate() {
        config.push_str(&format!(
            "\n[[communes]]\ncode = \"F{i:02}\"\nname = \"{name}\"\ndossiers = [\"{}/*.csv\"]\n",
            fixtures.join(name).display()
        ));
    }
    std::fs::write(work.path().join("c.toml"), config).expect("config");
    let out = Command::new(BIN)
        .env("COMMUNE_REPORT_PIECE_BYTES", piece_bytes)
        .args(["-v", "--threads", "2", "-c"])
        .arg(work.path().join("c.toml"))
        .arg("ingest")
        .output()
        .expect("ingest");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(matches!(out.status.code(), Some(0 | 3)), "{stderr}");
    (work, stderr)
}

#[test]
fn every_fixture_cut_into_pieces_gives_the_one_pass_warehouse_utf16_and_windows_1258_too() {
    let (whole, _) = ingest_fixtures("0");
    let (cut, said) = ingest_fixtures("53");
    let read_in_pieces = said.matches("read in pieces in parallel").count();
    assert!(read_in_pieces >= 20, "{read_in_pieces}:\n{said}");
    // The decoded fixtures were among them.
    for fixture in ["/utf16/", "/utf16be/", "/windows1258/"] {
        assert!(
            said.lines()
                .any(|l| l.contains("read in pieces") && l.contains(fixture)),
            "{fixture}:\n{said}"
        );
    }
    let expected = files(whole.path());
    assert!(expected.len() > 20, "{expected:?}");
    assert_eq!(files(cut.path()), expected);
}
