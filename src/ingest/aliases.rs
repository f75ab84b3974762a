//! Which source headers mean which canonical column.
//!
//! Aliases are stored folded (see `text::fold`), so one entry covers every spelling
//! with or without diacritics, in any case, with any spacing or punctuation; the
//! national portal's field names (`NgayTiepNhan`) fold to the same keys as the texts
//! provincial systems print ("Ngày tiếp nhận").

use crate::text::fold;
use crate::warehouse::columns::Column;

/// (alias, column, priority): when two headers of one file map to the same column,
/// the higher priority wins ("Ngày có kết quả" over "Ngày trả kết quả").
const ALIASES: &[(&str, Column, u8)] = &[
    ("Mã hồ sơ", Column::DossierId, 2),
    ("MaHoSo", Column::DossierId, 2),
    ("Số hồ sơ", Column::DossierId, 1),
    ("Số biên nhận", Column::DossierId, 1),
    ("SoBienNhan", Column::DossierId, 1),
    ("Mã thủ tục", Column::ProcedureCode, 2),
    ("Mã TTHC", Column::ProcedureCode, 2),
    ("MaTTHC", Column::ProcedureCode, 2),
    ("Mã thủ tục hành chính", Column::ProcedureCode, 2),
    ("Tên thủ tục", Column::ProcedureName, 2),
    ("Tên thủ tục hành chính", Column::ProcedureName, 2),
    ("TenTTHC", Column::ProcedureName, 2),
    ("Thủ tục hành chính", Column::ProcedureName, 1),
    ("Lĩnh vực", Column::Field, 2),
    ("Tên lĩnh vực", Column::Field, 2),
    ("TenLinhVuc", Column::Field, 2),
    ("Ngày tiếp nhận", Column::ReceivedDate, 2),
    ("NgayTiepNhan", Column::ReceivedDate, 2),
    ("Ngày nhận", Column::ReceivedDate, 1),
    ("Ngày nhận hồ sơ", Column::ReceivedDate, 1),
    ("Ngày hẹn trả", Column::DueDate, 2),
    ("NgayHenTra", Column::DueDate, 2),
    ("Ngày hẹn trả kết quả", Column::DueDate, 2),
    ("Hạn xử lý", Column::DueDate, 1),
    ("Ngày kết thúc xử lý", Column::CompletedDate, 3),
    ("NgayKetThucXuLy", Column::CompletedDate, 3),
    ("Ngày có kết quả", Column::CompletedDate, 3),
    ("Ngày hoàn thành", Column::CompletedDate, 3),
    ("Ngày trả kết quả", Column::CompletedDate, 1),
    ("NgayTra", Column::CompletedDate, 1),
    ("Trạng thái", Column::Status, 2),
    ("Trạng thái hồ sơ", Column::Status, 2),
    ("TrangThaiHoSo", Column::Status, 2),
    ("Tình trạng", Column::Status, 1),
    ("Hình thức nộp", Column::Channel, 2),
    ("Kênh thực hiện", Column::Channel, 2),
    ("KenhThucHien", Column::Channel, 2),
    ("Loại tiếp nhận", Column::Channel, 2),
    ("Hình thức tiếp nhận", Column::Channel, 1),
    ("Tiến độ giải quyết", Column::Timeliness, 2),
    ("Tiến độ", Column::Timeliness, 1),
    ("Đánh giá thời hạn", Column::Timeliness, 1),
    ("Mức độ", Column::OnlineLevel, 2),
    ("Mức độ DVC", Column::OnlineLevel, 2),
    ("Mức độ dịch vụ công", Column::OnlineLevel, 2),
    ("Chỉ tiêu", Column::Label, 2),
    ("Tên chỉ tiêu", Column::Label, 2),
    ("Nội dung", Column::Label, 1),
    ("Giá trị", Column::Value, 2),
    ("Số lượng", Column::Value, 2),
    ("Kết quả", Column::Value, 1),
    ("Đơn vị tính", Column::Unit, 2),
    ("ĐVT", Column::Unit, 2),
    ("Ghi chú", Column::Note, 2),
    ("Chủ hồ sơ", Column::Personal, 9),
    ("ChuHoSo", Column::Personal, 9),
    ("Người nộp", Column::Personal, 9),
    ("Tên người nộp", Column::Personal, 9),
    ("Họ tên người nộp", Column::Personal, 9),
    ("Người được ủy quyền", Column::Personal, 9),
    ("Số CCCD", Column::Personal, 9),
    ("CCCD", Column::Personal, 9),
    ("Số CMND", Column::Personal, 9),
    ("Số định danh", Column::Personal, 9),
    ("SĐT", Column::Personal, 9),
    ("Số điện thoại", Column::Personal, 9),
    ("Điện thoại", Column::Personal, 9),
    ("Email", Column::Personal, 9),
    ("Địa chỉ", Column::Personal, 9),
];

/// The column a (folded) header means, with its priority.
/// The canonical column a header no alias matches most likely means, when one alias
/// is close enough (letter pairs shared: «Ngay nhan HS» is close to «Ngày nhận hồ
/// sơ»), for `check`'s suggestions.
pub fn closest(header: &str) -> Option<Column> {
    let folded = fold(header);
    let pairs = |s: &str| -> Vec<(char, char)> {
        let c: Vec<char> = s.chars().collect();
        c.windows(2).map(|w| (w[0], w[1])).collect()
    };
    let mine = pairs(&folded);
    if mine.is_empty() {
        return None;
    }
    let mut best: Option<(f64, Column)> = None;
    for (alias, column, _) in ALIASES {
        let theirs = pairs(&fold(alias));
        let mut pool = theirs.clone();
        let shared = mine
            .iter()
            .filter(|p| match pool.iter().position(|q| q == *p) {
                Some(i) => {
                    pool.swap_remove(i);
                    true
                }
                None => false,
            })
            .count();
        let score = 2.0 * shared as f64 / (mine.len() + theirs.len()) as f64;
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, *column));
        }
    }
    best.filter(|(score, _)| *score >= 0.6).map(|(_, c)| c)
}

pub fn lookup(folded: &str) -> Option<(Column, u8)> {
    ALIASES
        .iter()
        .find(|(alias, _, _)| fold(alias) == folded)
        .map(|&(_, column, priority)| (column, priority))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn portal_names_and_printed_texts_agree() {
        for (a, b) in [
            ("NgayTiepNhan", "Ngày tiếp nhận"),
            ("MaHoSo", "MÃ HỒ SƠ"),
            ("TenLinhVuc", "Tên lĩnh vực"),
            ("KenhThucHien", "kenh thuc hien"),
        ] {
            assert_eq!(lookup(&fold(a)), lookup(&fold(b)), "{a} vs {b}");
            assert!(lookup(&fold(a)).is_some());
        }
    }

    #[test]
    fn completed_date_prefers_the_explicit_header() {
        let explicit = lookup(&fold("Ngày có kết quả")).map(|(_, p)| p);
        let fallback = lookup(&fold("Ngày trả kết quả")).map(|(_, p)| p);
        assert!(explicit > fallback);
    }

    #[test]
    fn personal_data_is_recognised() {
        for h in [
            "Chủ hồ sơ",
            "Số CCCD",
            "SĐT",
            "Địa chỉ",
            "Người được ủy quyền",
        ] {
            assert_eq!(
                lookup(&fold(h)).map(|(c, _)| c),
                Some(Column::Personal),
                "{h}"
            );
        }
    }

    #[test]
    fn no_kept_column_alias_reads_as_personal_data() {
        for (alias, column, _) in ALIASES {
            assert_eq!(
                crate::privacy::is_personal_header(alias),
                *column == Column::Personal,
                "{alias}"
            );
        }
    }

    #[test]
    fn aliases_do_not_collide() {
        let mut seen = std::collections::HashMap::new();
        for (alias, column, _) in ALIASES {
            if let Some(prev) = seen.insert(fold(alias), *column) {
                assert_eq!(prev, *column, "{alias} maps to two columns");
            }
        }
    }
}
