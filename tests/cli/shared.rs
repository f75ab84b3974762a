//! A province-wide export (`[[sources]]` with `commune_column`): the same rows as
//! one file per snapshot for the whole province give the warehouse and the report
//! of those rows split per commune; rows of communes the config leaves out are
//! counted and kept out, rows naming no commune are rejects of the source.

use std::path::Path;

use serde_json::Value;

use super::BIN;

const HEADER: &str = "STT,Đơn vị,Mã hồ sơ,Mã thủ tục,Tên thủ tục hành chính,Lĩnh vực,\
                      Hình thức nộp,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái";

/// (code, how the province system spells it in successive rows).
const COMMUNES: [(&str, &[&str]); 4] = [
    (
        "28321",
        &["Xã Tân Phước 1", "TÂN PHƯỚC 1", "28321", "Tan Phuoc 1"],
    ),
    ("28327", &["Xã Tân Phước 2", "tân phước 2"]),
    ("28345", &["Tân Phước 3", "XÃ TÂN PHƯỚC 3"]),
    ("28336", &["Xã Hưng Thạnh", "Hung Thanh"]),
];

/// Dossier rows of one snapshot, per commune code: `(code, line without STT)`.
/// The December snapshot re-sends January's dossiers with their outcome, so the
/// merge supersedes rows in both layouts.
fn rows(snapshot: u32) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for n in 0..60u32 {
        let (code, spellings) = COMMUNES[(n % 4) as usize];
        let spelling = spellings[(n as usize / 4) % spellings.len()];
        let day = 1 + n % 27;
        let (completed, status) = match (snapshot, n % 3) {
            (1, _) => (String::new(), "Đang giải quyết"),
            (_, 0) => (String::new(), "Đang giải quyết"),
            _ => (format!("{:02}/08/2025", day), "Đã giải quyết"),
        };
        let received = if n == 17 {
            // A bad date: a reject of its commune in both layouts.
            "31/02/2025".to_string()
        } else {
            format!("{day:02}/07/2025 08:{:02}", n % 60)
        };
        out.push((
            code.to_string(),
            format!(
                "{spelling},000.{code}.H19-{n:04},1.001193,Đăng ký khai sinh,Hộ tịch,Trực tuyến,\
                 {received},{:02}/07/2025,{completed},{status}",
                day + 1
            ),
        ));
    }
    if snapshot == 2 {
        for n in 60..70u32 {
            let (code, spellings) = COMMUNES[(n % 4) as usize];
            out.push((
                code.to_string(),
                format!(
                    "{},000.{code}.H19-{n:04},1.001193,Đăng ký khai sinh,Hộ tịch,Trực tiếp,\
                     02/09/2025 09:00,05/09/2025,04/09/2025,Đã giải quyết",
                    spellings[0]
                ),
            ));
        }
    }
    out
}

/// Rows only the province file has: communes the config leaves out (Đồng Tháp's
/// Phường Mỹ Tho, 28261, by name and by code) and cells naming no commune.
const STRANGERS: [&str; 5] = [
    "Phường Mỹ Tho,000.28261.H19-0001,1.001193,Đăng ký khai sinh,Hộ tịch,Trực tuyến,01/07/2025,02/07/2025,02/07/2025,Đã giải quyết",
    "28261,000.28261.H19-0002,1.001193,Đăng ký khai sinh,Hộ tịch,Trực tuyến,01/07/2025,02/07/2025,02/07/2025,Đã giải quyết",
    "PHƯỜNG MỸ THO,000.28261.H19-0003,1.001193,Đăng ký khai sinh,Hộ tịch,Trực tuyến,01/07/2025,02/07/2025,02/07/2025,Đã giải quyết",
    ",000.0.H19-0004,1.001193,Đăng ký khai sinh,Hộ tịch,Trực tuyến,01/07/2025,02/07/2025,02/07/2025,Đã giải quyết",
    "Xã Không Có,000.0.H19-0005,1.001193,Đăng ký khai sinh,Hộ tịch,Trực tuyến,01/07/2025,02/07/2025,02/07/2025,Đã giải quyết",
];

const DATES: [&str; 2] = ["2025-08-01", "2025-12-15"];

fn csv(lines: impl Iterator<Item = String>) -> String {
    let mut text = format!("{HEADER}\n");
    for (i, line) in lines.enumerate() {
        text.push_str(&format!("{},{line}\n", i + 1));
    }
    text
}

fn config(communes: &str, sources: &str) -> String {
    format!(
        "[report]\ntitle = \"Kết quả\"\narea = \"Tân Phước\"\nperiod_start = 2025-07-01\n\n\
         [quality]\nmax_reject_ratio = 1.0\n\n{communes}{sources}"
    )
}

/// The same rows written both ways, each with its config.
fn workdirs() -> (tempfile::TempDir, tempfile::TempDir) {
    let split = tempfile::tempdir().expect("tempdir");
    let shared = tempfile::tempdir().expect("tempdir");
    let mut split_communes = String::new();
    let mut shared_communes = String::new();
    for (code, _) in COMMUNES {
        split_communes.push_str(&format!(
            "[[communes]]\ncode = \"{code}\"\nname = \"{}\"\ndossiers = [\"xa/{code}/*.csv\"]\n\n",
            name(code)
        ));
        shared_communes.push_str(&format!(
            "[[communes]]\ncode = \"{code}\"\nname = \"{}\"\n\n",
            name(code)
        ));
    }
    for (snapshot, date) in DATES.iter().enumerate() {
        let rows = rows(snapshot as u32 + 1);
        for (code, _) in COMMUNES {
            let dir = split.path().join("xa").join(code);
            std::fs::create_dir_all(&dir).expect("mkdir");
            let own = rows
                .iter()
                .filter(|(c, _)| c == code)
                .map(|(_, l)| l.clone());
            std::fs::write(dir.join(format!("ho-so_{date}.csv")), csv(own)).expect("write");
        }
        let dir = shared.path().join("tinh");
        std::fs::create_dir_all(&dir).expect("mkdir");
        let all = rows
            .iter()
            .map(|(_, l)| l.clone())
            .chain(STRANGERS.iter().map(|s| s.to_string()));
        std::fs::write(dir.join(format!("ho-so_{date}.csv")), csv(all)).expect("write");
    }
    std::fs::write(
        split.path().join("commune-report.toml"),
        config(&split_communes, ""),
    )
    .expect("config");
    std::fs::write(
        shared.path().join("commune-report.toml"),
        config(
            &shared_communes,
            "[[sources]]\nid = \"tinh\"\nname = \"Một cửa tỉnh\"\n\
             commune_column = \"Đơn vị\"\ndossiers = [\"tinh/*.csv\"]\n",
        ),
    )
    .expect("config");
    (split, shared)
}

fn name(code: &str) -> &'static str {
    match code {
        "28321" => "Tân Phước 1",
        "28327" => "Tân Phước 2",
        "28345" => "Tân Phước 3",
        _ => "Hưng Thạnh",
    }
}

fn run(dir: &Path, piece_bytes: &str) -> String {
    let out = std::process::Command::new(BIN)
        .env("COMMUNE_REPORT_LANG", "en")
        .env("COMMUNE_REPORT_PIECE_BYTES", piece_bytes)
        .args(["-v", "--threads", "2", "-c"])
        .arg(dir.join("commune-report.toml"))
        .arg("run")
        .output()
        .expect("run");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn sql(dir: &Path, query: &str) -> Vec<Value> {
    let out = std::process::Command::new(BIN)
        .arg("-c")
        .arg(dir.join("commune-report.toml"))
        .args(["sql", "--format", "json", query])
        .output()
        .expect("sql");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice::<Vec<Value>>(&out.stdout).expect("json rows")
}

fn report(dir: &Path) -> Value {
    let path = dir.join("reports/2025-07-01_2025-12-15/report.json");
    serde_json::from_slice(&std::fs::read(path).expect("report.json")).expect("json")
}

/// The report's sections that are about the dossiers, by title (the data-quality
/// ones name files and lines, which differ by construction).
fn figures(report: &Value) -> Vec<(String, Value)> {
    report["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .filter(|s| {
            !matches!(
                s["role"].as_str(),
                Some("unreadable_files") | Some("data_quality") | Some("rejects")
            ) && !s["title"]
                .as_str()
                .is_some_and(|t| t.contains("Chất lượng") || t.contains("bị loại"))
        })
        .map(|s| (s["title"].to_string(), s["rows"].clone()))
        .collect()
}

#[test]
fn a_province_file_gives_the_warehouse_and_report_of_the_rows_split_per_commune() {
    let (split, shared) = workdirs();
    run(split.path(), "0");
    let said = run(shared.path(), "0");

    // The same rows, superseded alike, in each commune's partition.
    let dossiers = "SELECT commune_code, commune, dossier_id, status, received_date, \
                    completed_date, snapshot_date FROM {} ORDER BY commune_code, dossier_id, \
                    snapshot_date";
    for table in ["dossiers", "dossier_history"] {
        let q = dossiers.replace("{}", table);
        let want = sql(split.path(), &q);
        assert!(want.len() >= 60, "{table}: {}", want.len());
        assert_eq!(sql(shared.path(), &q), want, "{table}");
    }
    // The raw record without its STT, which numbers the lines of each file.
    let rejects = "SELECT commune_code, reason_code, \"column\", \
                   substr(raw_record, strpos(raw_record, ',') + 1) AS raw FROM rejects \
                   WHERE reason_code <> 'unknown_commune' ORDER BY commune_code, raw";
    let want = sql(split.path(), rejects);
    assert_eq!(want.len(), 2, "{want:?}");
    assert_eq!(sql(shared.path(), rejects), want);
    let per_commune = "SELECT commune_code, sum(data_rows) AS rows, sum(loaded) AS loaded, \
                       sum(superseded) AS superseded, sum(rejected) AS rejected FROM files \
                       WHERE commune_code <> 'tinh' GROUP BY commune_code ORDER BY commune_code";
    assert_eq!(
        sql(shared.path(), per_commune),
        sql(split.path(), per_commune)
    );
    // The report cannot tell the difference.
    let (a, b) = (report(split.path()), report(shared.path()));
    let (want, got) = (figures(&a), figures(&b));
    assert!(want.len() >= 5);
    assert_eq!(got.len(), want.len());
    for ((title, want), (_, got)) in want.iter().zip(&got) {
        assert!(got == want, "{title} differs:\n{got}\n{want}");
    }
    assert_eq!(b["narrative"], a["narrative"]);

    // The source's own line: rows of Phường Mỹ Tho kept out, unknown ones rejected.
    let own = sql(
        shared.path(),
        "SELECT sum(data_rows) AS rows, sum(kept_out) AS kept_out, sum(rejected) AS rejected, \
         sum(loaded) AS loaded FROM files WHERE commune_code = 'tinh'",
    );
    assert_eq!(
        own,
        vec![serde_json::json!({"rows": 10, "kept_out": 6, "rejected": 4, "loaded": 0})]
    );
    let unknown = sql(
        shared.path(),
        "SELECT reason, raw_record FROM rejects WHERE reason_code = 'unknown_commune' \
         ORDER BY source_file, source_line",
    );
    assert_eq!(unknown.len(), 4, "{unknown:?}");
    assert!(
        unknown[0]["reason"]
            .as_str()
            .is_some_and(|r| r.contains("Đơn vị") && r.contains("trống")),
        "{unknown:?}"
    );
    assert!(
        unknown[1]["reason"]
            .as_str()
            .is_some_and(|r| r.contains("Xã Không Có")),
        "{unknown:?}"
    );
    // The run says what it kept out, per value.
    assert!(
        said.contains("Một cửa tỉnh: 6 rows of communes not in the config kept out")
            && said.contains("«Phường Mỹ Tho» 2")
            && said.contains("«28261» 2"),
        "{said}"
    );
    // The source has its own line in the report's data quality: its rejects only
    // (the kept-out rows are not the area's).
    let quality_line = b["sections"]
        .as_array()
        .and_then(|s| {
            s.iter().find(|s| {
                s["title"]
                    .as_str()
                    .is_some_and(|t| t.contains("Chất lượng"))
            })
        })
        .and_then(|s| s["rows"].as_array())
        .and_then(|rows| rows.iter().find(|r| r["commune_code"] == "tinh"))
        .expect("the source's data-quality line");
    assert_eq!(
        (&quality_line["data_rows"], &quality_line["rejected"]),
        (&serde_json::json!(4), &serde_json::json!(4)),
        "{quality_line}"
    );
    let quality = sql(
        shared.path(),
        "SELECT commune_code FROM files GROUP BY commune_code ORDER BY commune_code",
    );
    assert_eq!(quality.len(), 5, "{quality:?}");
}

#[test]
fn a_province_file_in_tiny_pieces_gives_the_warehouse_of_the_one_pass_read() {
    let (_, shared) = workdirs();
    let copy = tempfile::tempdir().expect("tempdir");
    for entry in walkdir::WalkDir::new(shared.path()) {
        let entry = entry.expect("walk");
        let rel = entry.path().strip_prefix(shared.path()).expect("under");
        let to = copy.path().join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &to).expect("copy");
        }
    }
    run(shared.path(), "0");
    run(copy.path(), "97");
    let whole = super::pieces::files(shared.path());
    assert!(
        whole.keys().any(|k| k.contains("commune_code=tinh")),
        "{whole:?}"
    );
    assert_eq!(super::pieces::files(copy.path()), whole);
    // Unchanged, the next run takes every part from the cache: the same warehouse.
    let again = run(copy.path(), "97");
    assert!(again.contains("Nothing changed."), "{again}");
    assert_eq!(super::pieces::files(copy.path()), whole);
}

#[test]
fn a_shared_export_without_its_commune_column_is_quarantined_saying_which_column() {
    let (_, shared) = workdirs();
    let path = shared.path().join("commune-report.toml");
    let text = std::fs::read_to_string(&path).expect("config");
    std::fs::write(&path, text.replace("\"Đơn vị\"", "\"Mã xã\"")).expect("config");
    let out = std::process::Command::new(BIN)
        .env("COMMUNE_REPORT_LANG", "en")
        .arg("-c")
        .arg(&path)
        .arg("ingest")
        .output()
        .expect("run");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(3), "{said}");
    assert!(
        said.contains("no column «Mã xã»") && said.contains("Đơn vị"),
        "{said}"
    );
}

#[test]
fn a_province_file_in_an_s3_bucket_gives_the_warehouse_of_the_same_file_on_disk() {
    let Some(mut moto) = super::peer::Server::start(
        "moto.server",
        &["-m", "moto.server", "-H", "127.0.0.1", "-p", "{port}"],
    ) else {
        return;
    };
    let endpoint = format!("http://127.0.0.1:{}", moto.port);
    let (_, shared) = workdirs();
    run(shared.path(), "0");
    let upload = r#"
import os, sys, boto3
s3 = boto3.client("s3", endpoint_url=sys.argv[1], region_name="us-east-1",
                  aws_access_key_id="test", aws_secret_access_key="test")
s3.create_bucket(Bucket="province")
for f in sorted(os.listdir(sys.argv[2])):
    s3.upload_file(os.path.join(sys.argv[2], f), "province", "tinh/" + f)
"#;
    let out = std::process::Command::new("python3")
        .args(["-c", upload, &endpoint])
        .arg(shared.path().join("tinh"))
        .output()
        .expect("upload");
    assert!(
        out.status.success(),
        "upload: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let remote = tempfile::tempdir().expect("tempdir");
    let text = std::fs::read_to_string(shared.path().join("commune-report.toml")).expect("config");
    std::fs::write(
        remote.path().join("commune-report.toml"),
        format!(
            "{}\n[remote]\ns3_endpoint = \"{endpoint}\"\ns3_region = \"us-east-1\"\nretries = 1\n",
            text.replace("\"tinh/*.csv\"", "\"s3://province/tinh/*.csv\"")
        ),
    )
    .expect("config");
    let run_remote = || {
        std::process::Command::new(BIN)
            .env("COMMUNE_REPORT_LANG", "en")
            .env("AWS_ACCESS_KEY_ID", "test")
            .env("AWS_SECRET_ACCESS_KEY", "test")
            .arg("-c")
            .arg(remote.path().join("commune-report.toml"))
            .arg("run")
            .output()
            .expect("run")
    };
    let out = run_remote();
    moto.stop();
    let said = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Each commune's rows, rejects and counts, whichever way the file came.
    for query in [
        "SELECT * EXCEPT (source_file) FROM dossiers ORDER BY commune_code, dossier_id",
        "SELECT * EXCEPT (source_file) FROM dossier_history \
         ORDER BY commune_code, dossier_id, snapshot_date",
        "SELECT * EXCEPT (source_file) FROM rejects \
         ORDER BY commune_code, raw_record, source_line",
        "SELECT commune_code, data_rows, loaded, superseded, rejected, kept_out FROM files \
         ORDER BY commune_code, snapshot_date",
    ] {
        let want = sql(shared.path(), query);
        assert!(!want.is_empty(), "{query}");
        assert_eq!(sql(remote.path(), query), want, "{query}");
    }
    // The files are named by their URL, and the kept-out rows counted as on disk.
    for name in sql(remote.path(), "SELECT DISTINCT source_file FROM files") {
        let name = name["source_file"].as_str().expect("name");
        assert!(name.starts_with("s3://province/tinh/"), "{name}");
    }
    assert!(
        said.contains("Một cửa tỉnh: 6 rows of communes not in the config kept out"),
        "{said}"
    );

    // The store gone and the source optional: each commune that has no export of its
    // own is named as not delivered, with the source's URL and why.
    let text = std::fs::read_to_string(remote.path().join("commune-report.toml")).expect("config");
    std::fs::write(
        remote.path().join("commune-report.toml"),
        text.replace("[[sources]]\n", "[[sources]]\noptional = true\n"),
    )
    .expect("config");
    let out = run_remote();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    for (code, _) in COMMUNES {
        assert!(
            said.contains(&format!(
                "{}: DELIVERED NOTHING — the remote source could not be read \
                 (s3://province/tinh/*.csv: ",
                name(code)
            )),
            "{said}"
        );
    }
}
