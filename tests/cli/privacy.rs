//! Personal data never leaves the input, under hostile exports: personal columns
//! recognised by what their name means, personal-looking values masked wherever
//! they land (a shifted row, a typed note), in the warehouse, the reports, the logs
//! and `check`.

use super::Workdir;

/// Every personal value of the export below; none may appear in any output.
const SECRETS: [&str; 9] = [
    "Trần Thị Bích",
    "079123456789",
    "0912345678",
    "0912 345 678",
    "023456789",
    "binh.tran@example.com",
    "02838251234",
    "Lê Văn Cường",
    "0987654321",
];

const EXPORT: &str = "\
Mã hồ sơ,Họ và tên,Số CCCD/CMND,SĐT liên hệ,Ngày tiếp nhận,Trạng thái,Lĩnh vực,Email address,Ghi chú
HS-1,Trần Thị Bích,079123456789,0912345678,01/08/2025,Đã giải quyết,Đất đai,binh.tran@example.com,
HS-2,Lê Văn Cường,023456789,0912 345 678,02/08/2025,Đang giải quyết,Hộ tịch gọi 02838251234,x@y.vn,
HS-3,Trần, Thị Bích,079123456789,0987654321,03/08/2025,Đang giải quyết,Đất đai,,
HS-4,Lê Văn Cường,023456789,0912345678,04/08/2025,Chờ 0987654321,Đất đai,,
";

#[test]
fn no_personal_value_reaches_warehouse_reports_logs_or_check() {
    let w = Workdir::sample_with(|t| {
        format!("{t}\n[[communes]]\ncode = \"P1\"\nname = \"Riêng tư\"\ndossiers = [\"p/*.csv\"]\n")
            .replace("max_reject_ratio = 0.05", "max_reject_ratio = 1.0")
    });
    std::fs::create_dir(w.root.join("p")).expect("dir");
    std::fs::write(w.root.join("p/ho-so_2025-12-15.csv"), EXPORT).expect("export");
    let run = w.run(&["-v", "run"]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let check = w.run(&["check"]);
    let mut outputs = vec![
        (
            "run stdout",
            String::from_utf8_lossy(&run.stdout).into_owned(),
        ),
        (
            "run stderr",
            String::from_utf8_lossy(&run.stderr).into_owned(),
        ),
        ("check", String::from_utf8_lossy(&check.stdout).into_owned()),
    ];
    for table in ["dossiers", "dossier_history", "rejects", "files"] {
        let out = w.run(&["sql", "--format", "csv", &format!("SELECT * FROM {table}")]);
        assert!(out.status.success());
        outputs.push((table, String::from_utf8_lossy(&out.stdout).into_owned()));
    }
    let dir = w.root.join("reports/2025-07-01_2025-12-15");
    for f in ["report.md", "report.html", "report.json"] {
        outputs.push((f, std::fs::read_to_string(dir.join(f)).expect(f)));
    }
    for (what, text) in &outputs {
        for secret in SECRETS {
            assert!(
                !text.contains(secret),
                "{secret:?} leaked into {what}:\n{text}"
            );
        }
    }
    // The rows are still counted and the rejects still say why.
    let rejects = w.sql("SELECT reason_code, reason FROM rejects WHERE commune_code = 'P1'");
    assert_eq!(rejects.len(), 2, "{rejects:?}");
    assert!(
        rejects
            .iter()
            .any(|r| r["reason"].as_str().is_some_and(|s| s.contains("***"))),
        "{rejects:?}"
    );
    let fields = w.sql("SELECT field FROM dossiers WHERE commune_code = 'P1' ORDER BY dossier_id");
    assert_eq!(fields[1]["field"], "Hộ tịch gọi ***");
}

#[test]
fn mapping_a_personal_column_to_a_kept_one_is_refused() {
    let w = Workdir::sample_with(|t| {
        t.replace(
            "name = \"Tân Phước 3\"",
            "name = \"Tân Phước 3\"\ncolumns = { \"SĐT liên hệ\" = \"note\" }",
        )
    });
    let out = w.run(&["run"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("personal data"));
}
