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

/// sha256 of every file of the published version but the run history.
fn files(w: &Workdir) -> BTreeMap<String, String> {
    use sha2::Digest;
    let root = w.root.join("warehouse");
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
    let expected = files(&whole);
    assert!(expected.len() > 20, "{expected:?}");
    assert_eq!(files(&cut), expected);
}
