//! Vietnamese column headings for the report's tables. Queries name columns in
//! snake_case English (stable keys for JSON and scripts); a column not listed here is
//! shown under its own name, so a new query needs no code change.

const LABELS: &[(&str, &str)] = &[
    ("commune_code", "Mã xã"),
    ("commune", "Xã"),
    ("delivery", "Dữ liệu"),
    ("data_date", "Số liệu đến ngày"),
    ("data_note", "Ghi chú số liệu"),
    ("received", "Tiếp nhận"),
    ("resolved", "Đã giải quyết"),
    ("early", "Trước hạn"),
    ("on_time", "Đúng hạn"),
    ("late", "Trễ hạn"),
    ("processing", "Đang giải quyết"),
    ("overdue", "Đang giải quyết quá hạn"),
    ("paused", "Tạm dừng"),
    ("returned", "Trả lại"),
    ("withdrawn", "Rút hồ sơ"),
    ("online", "Trực tuyến"),
    ("online_share", "Tỷ lệ trực tuyến"),
    ("on_time_rate", "Tỷ lệ đúng hạn"),
    ("fields", "Lĩnh vực"),
    ("field", "Lĩnh vực"),
    ("indicator", "Mã chỉ tiêu"),
    ("label", "Chỉ tiêu"),
    ("value", "Giá trị"),
    ("unit", "Đơn vị tính"),
    ("note", "Ghi chú"),
    ("reported", "Xã báo cáo"),
    ("recorded", "Ghi nhận"),
    ("difference", "Chênh lệch"),
    ("verdict", "Đối chiếu"),
    ("reported_received", "Tiếp nhận (báo cáo)"),
    ("reported_outcomes", "Đã phân loại (báo cáo)"),
    ("gap", "Chưa phân loại"),
    ("recorded_unreported", "Ghi nhận ngoài báo cáo"),
    ("explanation", "Gồm"),
    ("procedures", "Thủ tục"),
    ("online_full", "DVC toàn trình"),
    ("online_partial", "DVC một phần"),
    ("files", "Số tệp"),
    ("quarantined", "Tệp không đọc được"),
    ("source_file", "Tệp"),
    ("kind", "Loại"),
    ("error", "Lý do"),
    ("newest_snapshot", "Ngày dữ liệu mới nhất"),
    ("data_rows", "Dòng dữ liệu"),
    ("loaded", "Đã nạp"),
    ("superseded", "Bị thay thế"),
    ("rejected", "Bị loại"),
    ("reject_share", "Tỷ lệ bị loại"),
    ("reason_code", "Lý do"),
    ("rows", "Số dòng"),
    ("first_at", "Dòng đầu tiên"),
    ("example", "Ví dụ"),
    ("carried_over", "Kỳ trước chuyển sang"),
    ("new_online", "Mới tiếp nhận trực tuyến"),
    ("new_in_person", "Mới tiếp nhận trực tiếp"),
    ("new_postal", "Mới tiếp nhận qua BCCI"),
    ("new_unknown_channel", "Mới tiếp nhận (không rõ hình thức)"),
    ("resolved_early", "Đã giải quyết trước hạn"),
    ("resolved_on_time", "Đã giải quyết đúng hạn"),
    ("resolved_late", "Đã giải quyết quá hạn"),
    ("open_within_time", "Đang giải quyết trong hạn"),
    ("resolved_unrated", "Đã giải quyết (không rõ tiến độ)"),
    ("open_overdue", "Đang giải quyết quá hạn"),
    ("open_paused", "Tạm dừng, chờ bổ sung"),
    ("online_rate", "Tỷ lệ trực tuyến"),
];

/// Values shown in Vietnamese in the report (JSON keeps the canonical ones).
const VALUES: &[(&str, &str)] = &[
    ("dossiers", "hồ sơ"),
    ("procedures", "thủ tục"),
    ("indicators", "chỉ tiêu"),
    ("delivered", "đã gửi"),
    ("missing", "chưa gửi"),
    ("area", "toàn khu vực"),
    ("match", "khớp"),
    ("differs", "chênh lệch"),
    ("unchecked", "không đối chiếu được"),
];

pub fn column(name: &str) -> &str {
    LABELS
        .iter()
        .find(|(k, _)| *k == name)
        .map_or(name, |(_, v)| v)
}

pub fn value(text: &str) -> &str {
    VALUES
        .iter()
        .find(|(k, _)| *k == text)
        .map_or(text, |(_, v)| v)
}

/// Columns holding a ratio in [0, 1], shown as a percentage.
pub fn is_ratio(column: &str) -> bool {
    column.ends_with("_share") || column.ends_with("_rate")
}
