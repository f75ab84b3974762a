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
    ("indicator", "Chỉ tiêu"),
    ("label", "Chỉ tiêu (theo xã ghi)"),
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
    ("month", "Tháng"),
    ("on_time_rank", "Hạng đúng hạn"),
    ("on_time_tie", "Ghi chú hạng đúng hạn"),
    ("online_rank", "Hạng trực tuyến"),
    ("online_tie", "Ghi chú hạng trực tuyến"),
    ("measure", "Chỉ số"),
    ("basis", "So với"),
    ("basis_start", "Kỳ so sánh từ ngày"),
    ("basis_end", "Kỳ so sánh đến ngày"),
    ("basis_received", "Tiếp nhận kỳ so sánh"),
    ("received_change", "Tiếp nhận tăng/giảm"),
    ("received_change_pct", "Tiếp nhận tăng/giảm (%)"),
    ("basis_on_time_rate", "Tỷ lệ đúng hạn kỳ so sánh"),
    ("on_time_rate_change_pts", "Tỷ lệ đúng hạn tăng/giảm"),
    ("basis_online_share", "Tỷ lệ trực tuyến kỳ so sánh"),
    ("online_share_change_pts", "Tỷ lệ trực tuyến tăng/giảm"),
    ("status", "Trạng thái"),
    ("channel", "Hình thức nộp"),
    ("timeliness", "Tiến độ"),
];

/// Canonical values shown in Vietnamese, per column (JSON keeps the canonical ones,
/// with these beside them).
const VALUES: &[(&str, &[(&str, &str)])] = &[
    (
        "kind",
        &[
            ("dossiers", "hồ sơ"),
            ("procedures", "thủ tục"),
            ("indicators", "chỉ tiêu"),
        ],
    ),
    (
        "delivery",
        &[
            ("delivered", "đã gửi"),
            ("missing", "chưa gửi"),
            ("area", "toàn khu vực"),
            ("group", "cộng nhóm"),
        ],
    ),
    (
        "verdict",
        &[
            ("match", "khớp"),
            ("differs", "chênh lệch"),
            ("unchecked", "không đối chiếu được"),
        ],
    ),
    (
        "reason_code",
        &[
            ("bad_date", "Ngày không hợp lệ"),
            ("bad_encoding", "Sai bảng mã"),
            ("bad_field_count", "Sai số cột"),
            ("bad_number", "Số không hợp lệ"),
            ("date_order", "Hoàn thành trước khi tiếp nhận"),
            ("footer", "Dòng cuối bảng (tổng, chữ ký)"),
            ("missing_required", "Thiếu thông tin bắt buộc"),
            ("record_too_long", "Bản ghi quá dài"),
            ("unknown_commune", "Không rõ thuộc xã nào"),
            ("unknown_status", "Trạng thái không xác định"),
        ],
    ),
    (
        "status",
        &[
            ("processing", "Đang giải quyết"),
            ("paused", "Tạm dừng"),
            ("resolved", "Đã giải quyết"),
            ("returned", "Trả lại"),
            ("withdrawn", "Rút hồ sơ"),
        ],
    ),
    (
        "channel",
        &[
            ("online", "Trực tuyến"),
            ("in_person", "Trực tiếp"),
            ("postal", "Bưu chính công ích"),
        ],
    ),
    (
        "timeliness",
        &[
            ("early", "Trước hạn"),
            ("on_time", "Đúng hạn"),
            ("late", "Trễ hạn"),
        ],
    ),
    (
        "basis",
        &[
            ("previous_period", "Kỳ trước liền kề"),
            ("same_period_last_year", "Cùng kỳ năm trước"),
        ],
    ),
];

pub fn column(name: &str) -> &str {
    LABELS
        .iter()
        .find(|(k, _)| *k == name)
        .map_or(name, |(_, v)| v)
}

/// The Vietnamese for a canonical value of `column`; other text as it is.
pub fn value<'t>(column: &str, text: &'t str) -> &'t str {
    if column == "indicator" {
        return crate::ingest::rows::indicator_name(text).unwrap_or(text);
    }
    VALUES
        .iter()
        .find(|(c, _)| *c == column)
        .and_then(|(_, values)| values.iter().find(|(k, _)| *k == text))
        .map_or(text, |(_, v)| v)
}

/// Whether `column` holds canonical values that [`value`] translates.
pub fn has_values(column: &str) -> bool {
    column == "indicator" || VALUES.iter().any(|(c, _)| *c == column)
}

/// Columns holding a ratio in [0, 1], shown as a percentage.
pub fn is_ratio(column: &str) -> bool {
    column.ends_with("_share") || column.ends_with("_rate") || column.ends_with("_pct")
}

/// Columns holding a change in percentage points («+2,1 điểm %»).
pub fn is_points(column: &str) -> bool {
    column.ends_with("_pts")
}

/// Columns holding a signed change, shown with its sign («+214»).
pub fn is_signed(column: &str) -> bool {
    column.ends_with("_change") || column.ends_with("_pct") || column.ends_with("_pts")
}
