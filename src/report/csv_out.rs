//! `--formats csv`: one `<section id>.csv` per section, raw values under the query's
//! column names. Text that a spreadsheet would run as a formula (leading `=`, `+`,
//! `-`, `@`, tab or CR) is neutralised with a leading `'` (OWASP CSV injection).
//! Each file starts with a UTF-8 byte-order mark, so Excel shows Vietnamese text.

use serde_json::Value;

use super::model::Section;
use crate::error::{Error, Result};
use crate::text::neutralise;

pub fn render(section: &Section) -> Result<Vec<u8>> {
    let err = |e: csv::Error| Error::Invariant(format!("writing {}.csv: {e}", section.id));
    let mut w = csv::Writer::from_writer(crate::text::UTF8_BOM.to_vec());
    w.write_record(&section.columns).map_err(err)?;
    for row in &section.rows {
        let cells: Vec<String> = section
            .columns
            .iter()
            .map(|c| match row.get(c).unwrap_or(&Value::Null) {
                Value::Null => String::new(),
                Value::String(s) => neutralise(s),
                other => other.to_string(),
            })
            .collect();
        w.write_record(&cells).map_err(err)?;
    }
    w.into_inner()
        .map_err(|e| Error::Invariant(format!("writing {}.csv: {e}", section.id)))
}

#[cfg(test)]
mod tests {
    use crate::text::neutralise;

    #[test]
    fn formula_leading_text_is_neutralised() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("-1+2"), "'-1+2");
        assert_eq!(neutralise("Đất đai"), "Đất đai");
    }
}
