//! Labels the analyst teaches: a real intermediate status («Chờ ký duyệt») rejects
//! rows until `[labels]` maps it; `check` prints the lines to paste, and pasted as
//! they are they make the next `check` clean and the next run load those rows,
//! whatever the parse cache holds.

use super::Workdir;

/// 10 rows of commune H1, three of them in a status no table knows, one with a
/// channel no table knows.
const EXPORT: &str = "Mã hồ sơ,Ngày tiếp nhận,Trạng thái,Hình thức nộp\n\
                      A-1,01/08/2025,Đã giải quyết,Trực tuyến\n\
                      A-2,02/08/2025,Chờ ký duyệt,Trực tuyến\n\
                      A-3,03/08/2025,CHO KY DUYET,Trực tiếp\n\
                      A-4,04/08/2025,chờ  ký duyệt,Trực tiếp\n\
                      A-5,05/08/2025,Đang giải quyết,Qua ứng dụng Zalo\n\
                      A-6,06/08/2025,Đang giải quyết,Trực tiếp\n\
                      A-7,07/08/2025,Đã giải quyết,Trực tiếp\n\
                      A-8,08/08/2025,Đã giải quyết,Trực tiếp\n\
                      A-9,09/08/2025,Đã giải quyết,Trực tiếp\n\
                      A-10,10/08/2025,Đã giải quyết,Trực tiếp\n";

fn with_export() -> Workdir {
    let w = Workdir::sample_with(|t| {
        format!("{t}\n[[communes]]\ncode = \"H1\"\nname = \"Thử\"\ndossiers = [\"h/*.csv\"]\n")
    });
    std::fs::create_dir_all(w.root.join("h")).expect("dir");
    std::fs::write(w.root.join("h/ho-so_2025-12-15.csv"), EXPORT).expect("export");
    w
}

fn count(w: &Workdir, sql: &str) -> i64 {
    w.sql(sql)[0]["n"].as_i64().expect("count")
}

#[test]
fn a_taught_label_loads_the_rows_it_rejected_and_checks_snippet_pastes_as_is() {
    let w = with_export();
    let first = w.run(&["run"]);
    assert_eq!(
        first.status.code(),
        Some(3),
        "30 % rejected is over the limit"
    );
    let rejected = "SELECT count(*) AS n FROM rejects \
                    WHERE commune_code = 'H1' AND reason_code = 'unknown_status'";
    assert_eq!(count(&w, rejected), 3);

    let export = w.root.join("h/ho-so_2025-12-15.csv");
    let export = export.to_str().expect("utf-8");
    let out = w.run(&["check", export]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let start = text.find("[labels.status]").expect("a snippet");
    let snippet = &text[start..];
    let snippet = snippet.split("\nHeaders of").next().unwrap_or(snippet);
    assert!(
        snippet.contains("\"Chờ ký duyệt\" = \"processing\"  # 3 row(s) in H1; likely"),
        "{text}"
    );
    // The channel «Qua ứng dụng Zalo» has no likely value: a placeholder to fill in.
    assert!(snippet.contains("[labels.channel]"), "{text}");
    assert!(snippet.contains("\"?\""), "{text}");
    assert!(text.contains("Paste these lines at the end of"), "{text}");

    // Pasted as is, the placeholder is refused with the values to choose from …
    let config = std::fs::read_to_string(w.config()).expect("config");
    std::fs::write(w.config(), format!("{config}\n{snippet}")).expect("paste");
    let refused = w.run(&["check"]);
    assert_eq!(refused.status.code(), Some(2));
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(err.contains("online, in_person, postal"), "{err}");
    // … and once filled in, the next check knows every label.
    let filled = snippet.replace("\"?\"", "\"online\"");
    std::fs::write(w.config(), format!("{config}\n{filled}")).expect("paste");
    let again = w.ok(&["check", export]);
    let text = String::from_utf8_lossy(&again.stdout);
    assert!(!text.contains("[labels."), "still unknown labels: {text}");
    assert!(text.contains("0 would be rejected"), "{text}");

    // The next run loads them: the parse cache does not hide the new mapping.
    w.ok(&["run"]);
    assert_eq!(count(&w, rejected), 0);
    let processing = "SELECT count(*) AS n FROM dossiers \
                      WHERE commune_code = 'H1' AND status = 'processing'";
    assert_eq!(count(&w, processing), 5);
    let online = "SELECT count(*) AS n FROM dossiers \
                  WHERE commune_code = 'H1' AND channel = 'online'";
    assert_eq!(count(&w, online), 3);
}

#[test]
fn a_communes_own_labels_win_over_the_global_ones() {
    let w = Workdir::sample_with(|t| {
        format!(
            "{t}\n[[communes]]\ncode = \"H1\"\nname = \"Thử\"\ndossiers = [\"h/*.csv\"]\n\
             labels = {{ status = {{ \"Chờ ký duyệt\" = \"paused\" }} }}\n\n\
             [labels.status]\n\"Chờ ký duyệt\" = \"processing\"\n"
        )
    });
    std::fs::create_dir_all(w.root.join("h")).expect("dir");
    std::fs::write(w.root.join("h/ho-so_2025-12-15.csv"), EXPORT).expect("export");
    w.ok(&["-q", "run"]);
    let paused = "SELECT count(*) AS n FROM dossiers \
                  WHERE commune_code = 'H1' AND status = 'paused'";
    assert_eq!(count(&w, paused), 3);
}
