//! Stage 3: finding the header line below any title block, and mapping its cells to
//! canonical columns (config overrides first, then the aliases).

use csv::StringRecord;

use super::aliases::lookup;
use crate::privacy;
use crate::text::{clean, fold};
use crate::warehouse::columns::{Column, FileKind};

/// How one file's columns map to canonical ones.
#[derive(Debug, Clone)]
pub struct HeaderMap {
    /// Per source column: the canonical column it feeds, if any.
    pub targets: Vec<Option<Column>>,
    /// Per source column: whether it holds personal data (masked in raw records).
    personal: Vec<bool>,
    /// (header as written, canonical column) for every column used.
    pub mapped: Vec<(String, Column)>,
    /// Headers no alias knows, ignored.
    pub ignored: Vec<String>,
    /// Personal-data headers, dropped.
    pub dropped: Vec<String>,
    /// Source position per canonical column (indexed by `Column as usize`): looked up
    /// for every cell of every row, so not searched.
    positions: [Option<usize>; Column::ALL.len()],
}

impl HeaderMap {
    /// A map of no column: for tests of the record stream alone.
    #[cfg(test)]
    pub fn unmapped() -> HeaderMap {
        HeaderMap {
            targets: Vec::new(),
            personal: Vec::new(),
            mapped: Vec::new(),
            ignored: Vec::new(),
            dropped: Vec::new(),
            positions: [None; Column::ALL.len()],
        }
    }

    pub fn width(&self) -> usize {
        self.targets.len()
    }

    /// Whether source column `i` holds personal data.
    pub fn is_personal(&self, i: usize) -> bool {
        self.personal.get(i).copied().unwrap_or(false)
    }

    /// Source position of `column`, if the file has it.
    pub fn position(&self, column: Column) -> Option<usize> {
        self.positions[column as usize]
    }
}

/// Maps `cells` if they form a header for `kind` (all of `kind.header_keys()` found),
/// else `None`. `overrides` are (folded header, column) pairs from the config.
pub fn map_header(
    cells: &StringRecord,
    kind: FileKind,
    overrides: &[(String, Column)],
) -> Option<HeaderMap> {
    let wanted = kind.columns();
    // (column, priority, position): the best source column for each canonical one.
    let mut best: Vec<(Column, u8, usize)> = Vec::new();
    let mut personal = vec![false; cells.len()];
    let mut dropped = Vec::new();
    let mut candidates: Vec<Option<(Column, u8)>> = Vec::with_capacity(cells.len());
    for (i, cell) in cells.iter().enumerate() {
        let folded = fold(cell);
        // A column whose name means personal data is dropped, whatever else it is
        // called; the config cannot map one to a kept column (checked there).
        let found = overrides
            .iter()
            .find(|(h, _)| *h == folded)
            .map(|&(_, c)| (c, u8::MAX))
            .or_else(|| privacy::is_personal_header(cell).then_some((Column::Personal, 9)))
            .or_else(|| lookup(&folded));
        candidates.push(found);
        match found {
            Some((Column::Personal, _)) => {
                personal[i] = true;
                dropped.push(clean(cell).into_owned());
            }
            Some((column, priority)) if wanted.contains(&column) || column == Column::Commune => {
                match best.iter_mut().find(|(c, _, _)| *c == column) {
                    Some(slot) if slot.1 >= priority => {}
                    Some(slot) => *slot = (column, priority, i),
                    None => best.push((column, priority, i)),
                }
            }
            _ => {}
        }
    }
    if !kind
        .header_keys()
        .iter()
        .all(|k| best.iter().any(|(c, _, _)| c == k))
    {
        return None;
    }
    let mut targets = vec![None; cells.len()];
    let mut positions = [None; Column::ALL.len()];
    for &(column, _, i) in &best {
        targets[i] = Some(column);
        positions[column as usize] = Some(i);
    }
    let mut mapped = Vec::new();
    let mut ignored = Vec::new();
    for (i, cell) in cells.iter().enumerate() {
        match targets[i] {
            Some(column) => mapped.push((clean(cell).into_owned(), column)),
            None if personal[i] => {}
            None if cell.trim().is_empty() => {}
            None => ignored.push(clean(cell).into_owned()),
        }
    }
    Some(HeaderMap {
        targets,
        personal,
        mapped,
        ignored,
        dropped,
        positions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(cells: &[&str]) -> StringRecord {
        StringRecord::from(cells.to_vec())
    }

    #[test]
    fn title_lines_are_not_headers() {
        let title = rec(&["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]);
        assert!(map_header(&title, FileKind::Dossiers, &[]).is_none());
    }

    #[test]
    fn headers_meaning_personal_data_are_dropped_whatever_their_spelling() {
        let header = rec(&[
            "Mã hồ sơ",
            "Họ và tên",
            "Số CCCD/CMND",
            "SĐT liên hệ",
            "Ngày tiếp nhận",
            "Email address",
            "Trạng thái",
        ]);
        let map = map_header(&header, FileKind::Dossiers, &[]).expect("header");
        assert_eq!(
            (0..7).filter(|&i| map.is_personal(i)).collect::<Vec<_>>(),
            vec![1, 2, 3, 5]
        );
        assert!(map.ignored.is_empty(), "{:?}", map.ignored);
    }

    #[test]
    fn maps_printed_headers_and_drops_personal_data() {
        let header = rec(&[
            "STT",
            "Mã hồ sơ",
            "Chủ hồ sơ",
            "Ngày tiếp nhận",
            "Ngày trả kết quả",
            "Ngày có kết quả",
            "Trạng thái",
        ]);
        let map = map_header(&header, FileKind::Dossiers, &[]).expect("header");
        assert_eq!(map.position(Column::DossierId), Some(1));
        assert_eq!(map.position(Column::CompletedDate), Some(5));
        assert_eq!(
            (0..7).filter(|&i| map.is_personal(i)).collect::<Vec<_>>(),
            vec![2]
        );
        assert_eq!(map.dropped, vec!["Chủ hồ sơ"]);
        assert_eq!(map.ignored, vec!["STT", "Ngày trả kết quả"]);
    }

    #[test]
    fn overrides_win_over_aliases() {
        let header = rec(&["Số BN", "Ngày nhận"]);
        assert!(map_header(&header, FileKind::Dossiers, &[]).is_none());
        let overrides = vec![(fold("Số BN"), Column::DossierId)];
        let map = map_header(&header, FileKind::Dossiers, &overrides).expect("header");
        assert_eq!(map.position(Column::DossierId), Some(0));
    }
}
