//! Any bytes through detection, decoding, header mapping and row validation, as each
//! kind of export: the stages must end in rows, rejects or a file-level error,
//! never a panic.
#![no_main]

use commune_report::config::CsvOverrides;
use commune_report::warehouse::columns::FileKind;
use commune_report::ingest::probe::probe;
use commune_report::ingest::source::Source;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let source = Source::Bytes(data);
    for kind in [FileKind::Dossiers, FileKind::Procedures, FileKind::Indicators] {
        if let Ok(p) = probe(&source, kind, &CsvOverrides::default(), &[]) {
            assert!(p.rejected() <= p.counts.data_rows);
        }
    }
});
