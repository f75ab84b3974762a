//! Every command speaks Vietnamese and English: `--help` of each command, `check` on a
//! bad file, a config error and the run's summary, chosen by the locale
//! (`LANG=vi_VN.UTF-8` / `LANG=C`), and no message is missing from a catalogue
//! (a missing one prints as `⟦id⟧`).

use std::process::{Command, Output};

use super::{BIN, Workdir};

const COMMANDS: [&str; 6] = ["run", "ingest", "report", "sql", "init", "check"];

/// The binary with only the locale to go by.
fn in_locale(lang: &str, args: &[&str], dir: &std::path::Path) -> Output {
    Command::new(BIN)
        .env_remove("COMMUNE_REPORT_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", lang)
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run the binary")
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn no_missing_message(text: &str) {
    assert!(
        !text.contains('⟦'),
        "a message is missing from a catalogue:\n{text}"
    );
}

#[test]
fn help_of_every_command_in_both_languages() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut args: Vec<Vec<&str>> = vec![vec!["--help"]];
    args.extend(COMMANDS.iter().map(|c| vec![*c, "--help"]));
    for a in &args {
        let vi = text(&in_locale("vi_VN.UTF-8", a, dir.path()));
        let en = text(&in_locale("C", a, dir.path()));
        no_missing_message(&vi);
        no_missing_message(&en);
        assert!(
            vi.contains("Cách dùng:") && vi.contains("Tùy chọn:"),
            "{a:?}: {vi}"
        );
        assert!(vi.contains("In hướng dẫn."), "{a:?}: {vi}");
        assert!(
            en.contains("Usage:") && en.contains("Print help."),
            "{a:?}: {en}"
        );
        for english in [
            "Usage:",
            "Options:",
            "Print help",
            "[default:",
            "[possible values",
        ] {
            assert!(!vi.contains(english), "{a:?}: English {english:?} in\n{vi}");
        }
    }
    // The flag wins over the locale, and COMMUNE_REPORT_LANG over the locale.
    let flagged = text(&in_locale(
        "C",
        &["--lang", "vi", "check", "--help"],
        dir.path(),
    ));
    assert!(flagged.contains("Chạy thử"), "{flagged}");
    let out = Command::new(BIN)
        .env("COMMUNE_REPORT_LANG", "vi")
        .env("LANG", "C")
        .arg("--help")
        .output()
        .expect("run");
    assert!(text(&out).contains("Cách dùng:"));
}

#[test]
fn a_config_error_check_on_a_bad_file_and_the_summary_in_both_languages() {
    let w = Workdir::sample();
    let root = &w.root;
    // A config error.
    std::fs::write(
        root.join("bad.toml"),
        "[report]\ntitle = \"T\"\narea = \"A\"\nperiod_start = 2025-07-01\n",
    )
    .expect("config");
    let vi = text(&in_locale(
        "vi_VN.UTF-8",
        &["-c", "bad.toml", "ingest"],
        root,
    ));
    assert!(
        vi.starts_with("lỗi: cấu hình bad.toml: khóa `communes`: chưa khai báo xã nào"),
        "{vi}"
    );
    let en = text(&in_locale("C", &["-c", "bad.toml", "ingest"], root));
    assert!(
        en.starts_with("error: config bad.toml: key `communes`: no [[communes]] configured"),
        "{en}"
    );

    // check on a file that is not an export, and a status label no table knows.
    std::fs::write(root.join("binary.csv"), b"\0\0\0binary").expect("binary");
    std::fs::write(
        root.join("labels.csv"),
        "Mã hồ sơ,Ngày tiếp nhận,Trạng thái\nA-1,01/08/2025,Chờ ký duyệt\n",
    )
    .expect("labels");
    let vi = text(&in_locale(
        "vi_VN.UTF-8",
        &["check", "binary.csv", "labels.csv"],
        root,
    ));
    no_missing_message(&vi);
    assert!(vi.contains("lỗi: byte NUL ở vị trí 0"), "{vi}");
    assert!(vi.contains("khi chạy, tệp này được cách ly"), "{vi}");
    // Text from data is printed as written, never escaped.
    assert!(
        vi.contains("«Chờ ký duyệt»") && !vi.contains("\\u{"),
        "{vi}"
    );
    assert!(vi.contains("Dán các dòng sau vào cuối tệp"), "{vi}");
    let en = text(&in_locale("C", &["check", "binary.csv"], root));
    assert!(en.contains("error: NUL byte at offset 0"), "{en}");

    // The summary of a run.
    let vi = in_locale("vi_VN.UTF-8", &["run"], root);
    assert_eq!(vi.status.code(), Some(0), "{}", text(&vi));
    let stdout = String::from_utf8_lossy(&vi.stdout);
    no_missing_message(&stdout);
    assert!(
        stdout.contains("Tiếp nhận") && stdout.contains("báo cáo: "),
        "{stdout}"
    );
    let en = in_locale("C", &["run"], root);
    let stdout = String::from_utf8_lossy(&en.stdout);
    assert!(
        stdout.contains("received") && stdout.contains("report: "),
        "{stdout}"
    );
}
