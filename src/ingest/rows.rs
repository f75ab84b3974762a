//! Stages 4-5: one data record -> a typed row, or a reject saying why.
//!
//! A row is rejected for the reasons the README documents only (missing required
//! value, unreadable date or number, unknown status, field count that does not fit
//! the header, completed before received, footer line); everything else is loaded
//! as written.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;

use super::header::HeaderMap;
use super::record::Record;
use super::values::{self, Channel, Status, Timeliness};
use crate::config::labels::VOCABULARY;
use crate::privacy;
use crate::text::{clean, fold, slug, trim};
use crate::warehouse::columns::Column;

/// Why a record was not loaded (file and line are added by the reader).
#[derive(Debug, Clone, PartialEq)]
pub struct Reject {
    pub reason_code: &'static str,
    pub column: Option<&'static str>,
    pub reason: String,
}

impl Reject {
    /// A record holding bytes that are not text in its file's encoding.
    pub fn bad_encoding() -> Reject {
        Reject::new(
            "bad_encoding",
            None,
            "bản ghi chứa byte không phải văn bản theo bảng mã của tệp (UTF-8 sai, byte \
             NUL hoặc nửa cặp UTF-16 đơn lẻ); bản ghi không được đọc"
                .to_string(),
        )
    }

    /// A record longer than the bound: cut and not read (its text is not kept).
    pub fn too_long(max: u64) -> Reject {
        Reject::new(
            "record_too_long",
            None,
            format!(
                "bản ghi dài hơn {max} byte (csv.max_record_bytes); bản ghi không được \
                 đọc, việc đọc tiếp tục từ dòng sau"
            ),
        )
    }

    /// A row of a shared export whose commune cell names no commune of the run.
    pub fn unknown_commune(reason: String) -> Reject {
        Reject::new("unknown_commune", Some(Column::Commune), reason)
    }

    /// The reason quotes values from the record: personal data in them is masked
    /// (a shifted row can put an ID or phone number in a date or status column).
    fn new(code: &'static str, column: Option<Column>, reason: String) -> Reject {
        let reason = match privacy::mask(&reason) {
            Cow::Borrowed(_) => reason,
            Cow::Owned(masked) => masked,
        };
        Reject {
            reason_code: code,
            column: column.map(Column::name),
            reason,
        }
    }
}

/// Borrows its text from the record: no allocation per row unless text needs NFC.
#[derive(Debug, Clone, PartialEq)]
pub struct DossierRow<'r> {
    pub dossier_id: Cow<'r, str>,
    pub procedure_code: Option<Cow<'r, str>>,
    pub procedure_name: Option<Cow<'r, str>>,
    pub field: Option<Cow<'r, str>>,
    pub channel: Option<Channel>,
    pub received_date: NaiveDate,
    pub due_date: Option<NaiveDate>,
    pub completed_date: Option<NaiveDate>,
    pub status: Status,
    pub timeliness: Option<Timeliness>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ProcedureRow {
    pub procedure_code: String,
    pub procedure_name: Option<String>,
    pub field: Option<String>,
    pub online_level: Option<&'static str>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorRow {
    pub indicator: String,
    pub label: String,
    pub value: f64,
    pub unit: Option<String>,
    pub note: Option<String>,
}

/// Per-file state of row parsing: each distinct label is folded once (folding is
/// Unicode decomposition, the costliest step per row), and labels that lost their
/// meaning are collected for one warning per file.
#[derive(Debug, Default)]
pub struct RowState {
    /// Labels no table knows, per column of the taught-labels vocabulary (status,
    /// channel, timeliness, online level), by their text as
    /// written: (rows, order first seen). Counting is one lookup per row; folding
    /// and masking wait for [`RowState::unknown_labels`].
    unknown: [HashMap<Box<str>, (u64, usize), foldhash::fast::RandomState>; 4],
    /// Labels the analyst taught (`[labels]`), looked up before the built-in ones.
    taught: crate::config::labels::Labels,
    status: Labels<Status>,
    channel: Labels<Channel>,
    timeliness: Labels<Timeliness>,
    /// Non-ASCII texts already found to be in NFC (procedure names, fields).
    nfc: HashSet<Box<str>, foldhash::fast::RandomState>,
}

type Labels<T> = HashMap<Box<str>, Option<T>, foldhash::fast::RandomState>;

/// Distinct labels remembered per file and column; beyond that (a garbage column),
/// labels are folded each time rather than filling memory.
const MAX_CACHED_LABELS: usize = 256;

fn cached<T: Copy>(
    map: &mut Labels<T>,
    text: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Option<T> {
    if let Some(v) = map.get(text) {
        return *v;
    }
    let v = parse(text);
    if map.len() < MAX_CACHED_LABELS {
        map.insert(text.into(), v);
    }
    v
}

/// A label the analyst taught for `column`, as its value.
fn taught<T>(
    labels: &crate::config::labels::Labels,
    column: &str,
    text: &str,
    from: fn(&str) -> Option<T>,
) -> Option<T> {
    labels.lookup(column, text).and_then(from)
}

/// Distinct texts remembered per file as already normalised.
const MAX_CACHED_TEXTS: usize = 4096;

/// Distinct unknown labels counted per file and column; beyond that, only those
/// already seen.
const MAX_UNKNOWN_LABELS: usize = 200;

impl RowState {
    pub fn new(taught: &crate::config::labels::Labels) -> RowState {
        RowState {
            taught: taught.clone(),
            ..RowState::default()
        }
    }

    /// Labels no table knows, per (column, label), with how many rows carry them.
    /// Spellings that fold alike («Chờ ký duyệt», «CHO KY DUYET») are one label, as
    /// they are to the lookup, shown as its most frequent spelling (the first seen
    /// on a tie), personal data masked.
    pub fn unknown_labels(&self) -> BTreeMap<(&'static str, String), u64> {
        let mut out = BTreeMap::new();
        for ((column, _), seen) in VOCABULARY.iter().zip(&self.unknown) {
            // folded -> (rows, best spelling's (rows, order), best spelling)
            let mut groups: HashMap<String, (u64, (u64, usize), &str)> = HashMap::new();
            for (text, &(rows, order)) in seen {
                let g = groups
                    .entry(fold(text))
                    .or_insert((0, (0, usize::MAX), text));
                g.0 += rows;
                if rows > g.1.0 || (rows == g.1.0 && order < g.1.1) {
                    g.1 = (rows, order);
                    g.2 = text;
                }
            }
            for (rows, _, text) in groups.into_values() {
                let shown = privacy::mask(trim(text)).into_owned();
                *out.entry((*column, shown)).or_insert(0) += rows;
            }
        }
        out
    }

    /// The unknown labels of `column`, for a warning (at most five).
    pub fn unknown_in(&self, column: &str) -> Vec<String> {
        self.unknown_labels()
            .into_keys()
            .filter(|(c, _)| *c == column)
            .map(|(_, l)| l)
            .take(5)
            .collect()
    }

    /// Adds the labels `later` (the state of a later piece of the same file) saw, as
    /// if this state had read on: counts add up, first sightings keep their order.
    pub fn absorb(&mut self, later: RowState) {
        for (seen, more) in self.unknown.iter_mut().zip(later.unknown) {
            let base = seen.len();
            let mut more: Vec<_> = more.into_iter().collect();
            more.sort_by_key(|(_, (_, order))| *order);
            for (text, (n, order)) in more {
                if let Some((total, _)) = seen.get_mut(&text) {
                    *total += n;
                } else if seen.len() < MAX_UNKNOWN_LABELS {
                    seen.insert(text, (n, base + order));
                }
            }
        }
    }

    /// Counts a label no table knows: one lookup of the text as written.
    fn unknown_label(&mut self, column: &'static str, value: &str) {
        let Some(i) = VOCABULARY.iter().position(|(c, _)| *c == column) else {
            return;
        };
        let seen = &mut self.unknown[i];
        if let Some((n, _)) = seen.get_mut(value) {
            *n += 1;
        } else if seen.len() < MAX_UNKNOWN_LABELS {
            let order = seen.len();
            seen.insert(value.into(), (1, order));
        }
    }

    /// [`clean`], remembering which texts need no normalisation: names and fields
    /// repeat on every row, and the NFC check is the costly part of cleaning them.
    fn clean<'r>(&mut self, text: &'r str) -> Cow<'r, str> {
        let t = trim(text);
        if t.is_ascii() || self.nfc.contains(t) {
            return Cow::Borrowed(t);
        }
        let cleaned = clean(t);
        if matches!(cleaned, Cow::Borrowed(_)) && self.nfc.len() < MAX_CACHED_TEXTS {
            self.nfc.insert(t.into());
        }
        cleaned
    }

    /// A free-text cell as stored: cleaned, and personal data typed into it masked.
    fn text<'r>(&mut self, text: &'r str) -> Cow<'r, str> {
        match self.clean(text) {
            Cow::Borrowed(t) => privacy::mask(t),
            Cow::Owned(t) => match privacy::mask(&t) {
                Cow::Owned(masked) => Cow::Owned(masked),
                Cow::Borrowed(_) => Cow::Owned(t),
            },
        }
    }
}

/// A free-text cell as stored: cleaned, personal data typed into it masked.
fn free_text(text: &str) -> String {
    privacy::mask(&clean(text)).into_owned()
}

/// Words a footer line (totals, signatures) starts with, folded.
const FOOTER_STARTS: &[&str] = &[
    "tongcong",
    "tongso",
    "nguoilap",
    "thutruong",
    "lanhdao",
    "xacnhan",
    "giamdoc",
    "chutich",
];

/// A record that could not be loaded and reads like a totals or signature line is
/// reported as a footer: the reason a clerk recognises. A valid row is never a
/// footer ("Tổng số hồ sơ tiếp nhận" is a legitimate indicator label).
fn or_footer<T>(record: &Record<'_>, parsed: Result<T, Reject>) -> Result<T, Reject> {
    parsed.map_err(|reject| {
        let Some(first) = record.iter().find(|c| !c.trim().is_empty()) else {
            return reject;
        };
        let folded = fold(first);
        if FOOTER_STARTS.iter().any(|w| folded.starts_with(w)) {
            Reject::new(
                "footer",
                None,
                format!(
                    "dòng cuối bảng («{}»), không phải dòng dữ liệu",
                    clean(first)
                ),
            )
        } else {
            reject
        }
    })
}

/// Field count: a row must fit the header (empty trailing cells are tolerated).
fn check_shape(record: &Record<'_>, map: &HeaderMap) -> Result<(), Reject> {
    let width = map.width();
    let extra_nonempty = record.iter().skip(width).any(|c| !c.trim().is_empty());
    if record.len() < width || extra_nonempty {
        return Err(Reject::new(
            "bad_field_count",
            None,
            format!(
                "dòng có {} cột nhưng dòng tiêu đề có {width} cột; có thể một dấu phân \
                 cách hoặc dấu ngoặc kép trong ô chưa được đặt trong ngoặc kép",
                record.len()
            ),
        ));
    }
    Ok(())
}

fn cell<'r>(record: &Record<'r>, map: &HeaderMap, column: Column) -> Option<&'r str> {
    map.position(column)
        .and_then(|i| record.get(i))
        .map(trim)
        .filter(|s| !s.is_empty())
}

fn required<'r>(
    record: &Record<'r>,
    map: &HeaderMap,
    column: Column,
    what: &str,
) -> Result<&'r str, Reject> {
    cell(record, map, column).ok_or_else(|| {
        Reject::new(
            "missing_required",
            Some(column),
            format!("{what} để trống; không thể tính hồ sơ khi thiếu thông tin này"),
        )
    })
}

fn date(
    record: &Record<'_>,
    map: &HeaderMap,
    column: Column,
    what: &str,
) -> Result<Option<NaiveDate>, Reject> {
    cell(record, map, column)
        .map(|text| date_value(text, column, what))
        .transpose()
}

fn date_value(text: &str, column: Column, what: &str) -> Result<NaiveDate, Reject> {
    values::parse_date(text).ok_or_else(|| {
        Reject::new(
            "bad_date",
            Some(column),
            format!(
                "{what} «{text}» không phải ngày hợp lệ (ngày/tháng/năm: dd/mm/yyyy, \
                 dd-mm-yyyy, dd.mm.yyyy, yyyy-mm-dd hoặc yyyyMMddHHmmss)"
            ),
        )
    })
}

pub fn dossier<'r>(
    record: &Record<'r>,
    map: &HeaderMap,
    warnings: &mut RowState,
) -> Result<DossierRow<'r>, Reject> {
    or_footer(record, dossier_fields(record, map, warnings))
}

fn dossier_fields<'r>(
    record: &Record<'r>,
    map: &HeaderMap,
    warnings: &mut RowState,
) -> Result<DossierRow<'r>, Reject> {
    check_shape(record, map)?;
    let dossier_id = clean(required(record, map, Column::DossierId, "mã hồ sơ")?);
    let received_text = required(record, map, Column::ReceivedDate, "ngày tiếp nhận")?;
    let status_text = required(record, map, Column::Status, "trạng thái")?;
    let received_date = date_value(received_text, Column::ReceivedDate, "ngày tiếp nhận")?;
    let due_date = date(record, map, Column::DueDate, "ngày hẹn trả")?;
    let completed_date = date(record, map, Column::CompletedDate, "ngày hoàn thành")?;
    let taught_labels = &warnings.taught;
    let status = cached(&mut warnings.status, status_text, |t| {
        taught(taught_labels, "status", t, Status::from_canonical).or_else(|| Status::from_label(t))
    });
    let Some(status) = status else {
        warnings.unknown_label("status", status_text);
        return Err(Reject::new(
            "unknown_status",
            Some(Column::Status),
            format!(
                "trạng thái «{status_text}» không phải nhãn đã biết (ví dụ «Đang xử lý», «Đã \
                 giải quyết», «Tạm dừng», «Trả lại», «Rút hồ sơ» hoặc mã quốc gia); dạy nhãn \
                 này trong [labels] của cấu hình (lệnh check gợi ý đoạn cần dán)"
            ),
        ));
    };
    if let Some(done) = completed_date
        && done < received_date
    {
        return Err(Reject::new(
            "date_order",
            Some(Column::CompletedDate),
            format!(
                "ngày hoàn thành {} trước ngày tiếp nhận {}",
                done.format("%d/%m/%Y"),
                received_date.format("%d/%m/%Y")
            ),
        ));
    }
    let channel = cell(record, map, Column::Channel).and_then(|t| {
        let taught_labels = &warnings.taught;
        let c = cached(&mut warnings.channel, t, |t| {
            taught(taught_labels, "channel", t, Channel::from_canonical)
                .or_else(|| Channel::from_label(t))
        });
        if c.is_none() {
            warnings.unknown_label("channel", t);
        }
        c
    });
    let timeliness = if status == Status::Resolved {
        let explicit = cell(record, map, Column::Timeliness).and_then(|t| {
            let taught_labels = &warnings.taught;
            let v = cached(&mut warnings.timeliness, t, |t| {
                taught(taught_labels, "timeliness", t, Timeliness::from_canonical)
                    .or_else(|| Timeliness::from_label(t))
            });
            if v.is_none() {
                warnings.unknown_label("timeliness", t);
            }
            v
        });
        explicit.or_else(|| Some(Timeliness::from_dates(completed_date?, due_date?)))
    } else {
        None
    };
    Ok(DossierRow {
        dossier_id,
        procedure_code: cell(record, map, Column::ProcedureCode).map(|t| warnings.clean(t)),
        procedure_name: cell(record, map, Column::ProcedureName).map(|t| warnings.text(t)),
        field: cell(record, map, Column::Field).map(|t| warnings.text(t)),
        channel,
        received_date,
        due_date,
        completed_date,
        status,
        timeliness,
    })
}

pub fn procedure(
    record: &Record<'_>,
    map: &HeaderMap,
    warnings: &mut RowState,
) -> Result<ProcedureRow, Reject> {
    or_footer(record, procedure_fields(record, map, warnings))
}

fn procedure_fields(
    record: &Record<'_>,
    map: &HeaderMap,
    warnings: &mut RowState,
) -> Result<ProcedureRow, Reject> {
    check_shape(record, map)?;
    let code = clean(required(record, map, Column::ProcedureCode, "mã thủ tục")?).into_owned();
    let online_level = cell(record, map, Column::OnlineLevel).and_then(|t| {
        let v = warnings
            .taught
            .lookup("online_level", t)
            .or_else(|| values::online_level(t));
        if v.is_none() {
            warnings.unknown_label("online_level", t);
        }
        v
    });
    Ok(ProcedureRow {
        procedure_code: code,
        procedure_name: cell(record, map, Column::ProcedureName).map(free_text),
        field: cell(record, map, Column::Field).map(free_text),
        online_level,
    })
}

pub fn indicator(record: &Record<'_>, map: &HeaderMap) -> Result<IndicatorRow, Reject> {
    or_footer(record, indicator_fields(record, map))
}

fn indicator_fields(record: &Record<'_>, map: &HeaderMap) -> Result<IndicatorRow, Reject> {
    check_shape(record, map)?;
    let label = free_text(required(record, map, Column::Label, "tên chỉ tiêu")?);
    let text = required(record, map, Column::Value, "giá trị")?;
    let value = values::parse_number(text).ok_or_else(|| {
        Reject::new(
            "bad_number",
            Some(Column::Value),
            format!(
                "«{text}» không phải số viết theo kiểu Việt Nam (1.962 là một nghìn chín \
                 trăm sáu mươi hai, 98,5 là chín mươi tám phẩy năm)"
            ),
        )
    })?;
    Ok(IndicatorRow {
        indicator: indicator_key(&label),
        label,
        value,
        unit: cell(record, map, Column::Unit).map(free_text),
        note: cell(record, map, Column::Note).map(free_text),
    })
}

/// Canonical keys of the figures the report compares or shows; any other label
/// becomes its slug.
const INDICATORS: &[(&str, &str)] = &[
    ("Số hồ sơ tiếp nhận", "reported_received"),
    ("Số hồ sơ đã tiếp nhận", "reported_received"),
    ("Số hồ sơ đã giải quyết", "reported_resolved"),
    ("Số hồ sơ đang giải quyết", "reported_processing"),
    ("Số hồ sơ đang xử lý", "reported_processing"),
    ("Số hồ sơ tạm dừng", "reported_paused"),
    ("Số hồ sơ không đủ điều kiện trả về", "reported_returned"),
    ("Số hồ sơ trả lại", "reported_returned"),
    ("Số hồ sơ rút", "reported_withdrawn"),
    ("Số hồ sơ trễ hạn", "reported_late"),
    ("Số lĩnh vực tiếp nhận hồ sơ", "reported_fields"),
    ("Tỷ lệ hồ sơ nộp trực tuyến", "reported_online_share_pct"),
    (
        "Số thủ tục hành chính đang thực hiện",
        "reported_procedures",
    ),
    (
        "Số lĩnh vực thủ tục hành chính",
        "reported_procedure_fields",
    ),
    ("Số Tổ công nghệ số cộng đồng", "digital_teams"),
    (
        "Số thành viên Tổ công nghệ số cộng đồng",
        "digital_team_members",
    ),
    ("Số lớp tập huấn kỹ năng số", "training_classes"),
    ("Số hội nghị, cuộc họp đã tổ chức", "meetings_held"),
    (
        "Số hội nghị trực tuyến đã tham dự",
        "online_conferences_attended",
    ),
];

/// The canonical Vietnamese name of a known indicator key («Số hồ sơ tiếp nhận»).
pub fn indicator_name(key: &str) -> Option<&'static str> {
    INDICATORS
        .iter()
        .find(|(_, k)| *k == key)
        .map(|(label, _)| *label)
}

pub fn indicator_key(label: &str) -> String {
    let folded = fold(label);
    INDICATORS
        .iter()
        .find(|(l, _)| fold(l) == folded)
        .map(|(_, key)| (*key).to_string())
        .unwrap_or_else(|| slug(label))
}

/// The record as written, for the rejects table: personal-data columns and every
/// field beyond the header replaced by `***`, and personal data found in any other
/// field masked.
pub fn masked_raw(record: &Record<'_>, map: &HeaderMap, delimiter: u8) -> String {
    masked_fields(record.iter(), map, delimiter)
}

/// [`masked_raw`] over any fields.
pub fn masked_fields<'f>(
    fields: impl Iterator<Item = &'f str>,
    map: &HeaderMap,
    delimiter: u8,
) -> String {
    let delim = delimiter as char;
    let mut out = String::new();
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.push(delim);
        }
        if i >= map.width() || map.is_personal(i) {
            if !field.is_empty() {
                out.push_str("***");
            }
            continue;
        }
        let field = privacy::mask(field);
        if field.contains([delim, '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&field);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::header::map_header;
    use super::*;
    use crate::warehouse::columns::FileKind;
    use csv::StringRecord;

    fn header() -> HeaderMap {
        let cells = StringRecord::from(vec![
            "Mã hồ sơ",
            "Chủ hồ sơ",
            "Lĩnh vực",
            "Ngày tiếp nhận",
            "Ngày hẹn trả",
            "Ngày có kết quả",
            "Trạng thái",
        ]);
        map_header(&cells, FileKind::Dossiers, &[]).expect("header")
    }

    /// What the row parser says of `cells`: (status, timeliness, field) or the reject.
    fn parse(cells: &[&str]) -> Result<(Status, Option<Timeliness>, Option<String>), Reject> {
        let bytes = csv::ByteRecord::from(cells.to_vec());
        let record = Record::new(&bytes).expect("utf-8");
        dossier(&record, &header(), &mut RowState::default())
            .map(|r| (r.status, r.timeliness, r.field.map(String::from)))
    }

    fn code(cells: &[&str]) -> &'static str {
        parse(cells).expect_err("reject").reason_code
    }

    #[test]
    fn resolved_dossier_gets_timeliness_from_dates() {
        let row = parse(&[
            "HS1",
            "Nguyễn Văn An",
            "Đất đai",
            "01/07/2025 08:00",
            "10/07/2025",
            "11/07/2025",
            "Đã giải quyết",
        ])
        .expect("row");
        assert_eq!(
            row,
            (
                Status::Resolved,
                Some(Timeliness::Late),
                Some("Đất đai".into())
            )
        );
    }

    #[test]
    fn each_reject_reason() {
        let ok = ["HS1", "A", "F", "01/07/2025", "", "", "Đang xử lý"];
        assert!(parse(&ok).is_ok());
        let with = |i: usize, v: &'static str| {
            let mut c = ok;
            c[i] = v;
            c
        };
        assert_eq!(code(&with(0, " ")), "missing_required");
        assert_eq!(code(&with(3, "31/02/2025")), "bad_date");
        assert_eq!(code(&with(6, "Đang ngủ")), "unknown_status");
        assert_eq!(code(&with(5, "30/06/2025")), "date_order");
        assert_eq!(code(&ok[..6]), "bad_field_count");
        assert_eq!(code(&["Tổng cộng: 1.962 hồ sơ"]), "footer");
        assert_eq!(code(&["", "Người lập biểu", "", "", "", "", ""]), "footer");
    }

    #[test]
    fn raw_record_masks_personal_data_and_overflow() {
        let bytes =
            csv::ByteRecord::from(vec!["HS1", "Nguyễn Văn An", "a,b", "x", "", "", "", "0909"]);
        let rec = Record::new(&bytes).expect("utf-8");
        assert_eq!(
            masked_raw(&rec, &header(), b','),
            "HS1,***,\"a,b\",x,,,,***"
        );
    }

    #[test]
    fn indicator_labels_fold_to_keys() {
        assert_eq!(
            indicator_key("So To cong nghe so cong dong"),
            "digital_teams"
        );
        assert_eq!(indicator_key("SỐ HỒ SƠ TIẾP NHẬN"), "reported_received");
        assert_eq!(
            indicator_key("Tỷ lệ đạt chỉ tiêu chuyển đổi số"),
            "ty_le_dat_chi_tieu_chuyen_doi_so"
        );
    }
}
