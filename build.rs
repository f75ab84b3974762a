//! Compiles the bundled report into the binary: every `queries/*.sql` and every file
//! of `queries/templates/`, listed here so that no file name is spelled in `src/`.

use std::fmt::Write;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=queries");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
    let mut out = String::new();
    for (name, dir, keep) in [
        ("QUERIES", root.clone(), "sql"),
        ("TEMPLATES", root.join("templates"), ""),
    ] {
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
            .map(|e| e.expect("directory entry").path())
            .filter(|p| p.is_file())
            .filter(|p| keep.is_empty() || p.extension().is_some_and(|e| e == keep))
            .collect();
        files.sort();
        let _ = writeln!(out, "pub const {name}: &[(&str, &str)] = &[");
        for path in files {
            let file = path.file_name().expect("file name").to_string_lossy();
            let _ = writeln!(
                out,
                "    ({file:?}, include_str!({:?})),",
                path.display().to_string()
            );
        }
        let _ = writeln!(out, "];");
    }
    let dest = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("bundled.rs");
    std::fs::write(&dest, out).expect("writing bundled.rs");
}
