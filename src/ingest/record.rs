//! One CSV data record as text, borrowed from the parser's buffer.
//!
//! The stream the parser reads is UTF-8 (checked by `sniff`, or produced by the
//! decoder), so a record is validated once as a whole with a SIMD validator instead
//! of field by field: it is the hottest check of a run.

use csv::ByteRecord;

#[derive(Debug, Clone, Copy)]
pub struct Record<'a> {
    text: &'a str,
    fields: &'a ByteRecord,
}

impl<'a> Record<'a> {
    /// The record as text; `None` when its bytes are not UTF-8.
    pub fn new(fields: &'a ByteRecord) -> Option<Record<'a>> {
        let text = simdutf8::basic::from_utf8(fields.as_slice()).ok()?;
        Some(Record { text, fields })
    }

    pub fn len(&self) -> usize {
        self.fields.len()
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// Field `i`. Fields are cut at ASCII delimiters, so each is whole UTF-8.
    pub fn get(&self, i: usize) -> Option<&'a str> {
        self.text.get(self.fields.range(i)?)
    }

    pub fn iter(&self) -> impl Iterator<Item = &'a str> + '_ {
        (0..self.len()).map(|i| self.get(i).unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_the_cells_as_written() {
        let bytes = ByteRecord::from(vec!["Mã hồ sơ", "", "Đất đai"]);
        let record = Record::new(&bytes).expect("utf-8");
        assert_eq!(record.len(), 3);
        assert_eq!(record.get(0), Some("Mã hồ sơ"));
        assert_eq!(record.get(2), Some("Đất đai"));
        assert_eq!(record.get(3), None);
        assert_eq!(
            record.iter().collect::<Vec<_>>(),
            ["Mã hồ sơ", "", "Đất đai"]
        );
    }

    #[test]
    fn bytes_that_are_not_utf8_are_not_a_record() {
        let bytes = ByteRecord::from(vec![&b"ok"[..], &b"\xC3("[..]]);
        assert!(Record::new(&bytes).is_none());
    }
}
