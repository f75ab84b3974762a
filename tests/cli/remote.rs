//! Remote sources against real servers on loopback ports the tests start themselves:
//! moto's S3-compatible server and wsgidav's WebDAV server (both from PyPI,
//! installed by `.ci/run`).

use std::process::Command;

use super::peer::Server;
use super::{Workdir, manifest_dir};

/// Every dossier, indicator and reject of a warehouse without the file paths (the
/// inbox's differ from the repository's), in a stable order.
fn content(w: &Workdir) -> Vec<serde_json::Value> {
    let mut all = Vec::new();
    for sql in [
        "SELECT * EXCEPT (source_file) FROM dossiers ORDER BY commune_code, dossier_id",
        "SELECT * EXCEPT (source_file) FROM indicators ORDER BY 1, 2, 3",
        "SELECT * EXCEPT (source_file) FROM procedures ORDER BY 1, 2, 3",
        "SELECT * EXCEPT (source_file) FROM rejects ORDER BY 1, 2, 3",
    ] {
        all.extend(w.sql(sql));
    }
    all
}

fn local_content() -> Vec<serde_json::Value> {
    let w = Workdir::sample();
    w.ok(&["run"]);
    content(&w)
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn communes_in_an_s3_bucket_give_the_warehouse_their_files_give_locally() {
    let Some(mut moto) = Server::start(
        "moto.server",
        &["-m", "moto.server", "-H", "127.0.0.1", "-p", "{port}"],
    ) else {
        return;
    };
    let endpoint = format!("http://127.0.0.1:{}", moto.port);
    let upload = r#"
import os, sys, boto3
s3 = boto3.client("s3", endpoint_url=sys.argv[1], region_name="us-east-1",
                  aws_access_key_id="test", aws_secret_access_key="test")
s3.create_bucket(Bucket="exports")
root = sys.argv[2]
for folder, _, files in os.walk(root):
    for f in files:
        path = os.path.join(folder, f)
        s3.upload_file(path, "exports", os.path.relpath(path, root))
"#;
    let out = Command::new("python3")
        .args(["-c", upload, &endpoint])
        .arg(manifest_dir().join("data/exports"))
        .output()
        .expect("upload");
    assert!(out.status.success(), "upload: {}", stderr(&out));

    let w = Workdir::sample_with(|t| {
        format!(
            "{}\n[remote]\ns3_endpoint = \"{endpoint}\"\ns3_region = \"us-east-1\"\nretries = 1\ntimeout = \"5s\"\n",
            t.replace("\"data/exports/", "\"s3://exports/")
        )
    });
    let run = |w: &Workdir| {
        Command::new(super::BIN)
            .env("COMMUNE_REPORT_LANG", "en")
            .env("AWS_ACCESS_KEY_ID", "AKIDCOMMUNEKEY")
            .env("AWS_SECRET_ACCESS_KEY", "s3cr3t-never-shown")
            .arg("-c")
            .arg(w.config())
            .arg("run")
            .output()
            .expect("run")
    };
    let first = run(&w);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    assert!(
        stderr(&first).contains("13 downloaded, 0 unchanged"),
        "{}",
        stderr(&first)
    );
    assert_eq!(content(&w), local_content());
    // Files are named by their URL, never by their inbox copy.
    let names = w.sql("SELECT source_file FROM files ORDER BY 1");
    assert_eq!(names.len(), 13);
    for name in &names {
        let name = name["source_file"].as_str().expect("name");
        assert!(name.starts_with("s3://exports/"), "{name}");
    }

    // Unchanged: nothing is downloaded again.
    let again = run(&w);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert!(
        stderr(&again).contains("0 downloaded, 13 unchanged"),
        "{}",
        stderr(&again)
    );
    let said = String::from_utf8_lossy(&again.stdout);
    assert!(said.contains("Nothing changed."), "{said}");

    // The server gone: the run fails naming the source, and nothing is published.
    let published = std::fs::read_link(w.root.join("warehouse")).expect("link");
    moto.stop();
    let failed = run(&w);
    assert_eq!(failed.status.code(), Some(1), "{}", stderr(&failed));
    assert!(
        stderr(&failed).contains("cannot read the remote source s3://exports/tp1/"),
        "{}",
        stderr(&failed)
    );
    for secret in ["AKIDCOMMUNEKEY", "s3cr3t-never-shown"] {
        assert!(
            !stderr(&failed).contains(secret),
            "credentials in: {}",
            stderr(&failed)
        );
    }
    assert_eq!(
        std::fs::read_link(w.root.join("warehouse")).expect("link"),
        published
    );

    // Optional communes: the run goes on with what they delivered before.
    let text = std::fs::read_to_string(w.config()).expect("config");
    std::fs::write(
        w.config(),
        text.replace("[[communes]]\n", "[[communes]]\noptional = true\n"),
    )
    .expect("write config");
    let optional = run(&w);
    assert_eq!(optional.status.code(), Some(0), "{}", stderr(&optional));
    assert!(
        stderr(&optional).contains("the commune is optional"),
        "{}",
        stderr(&optional)
    );
    // The run's summary names each commune that delivered nothing, and why.
    let said = String::from_utf8_lossy(&optional.stdout);
    assert!(
        said.contains("Tân Phước 1: DELIVERED NOTHING — the remote source could not be read (s3://exports/tp1/ho-so*.csv: "),
        "{said}"
    );
    assert_eq!(content(&w), local_content());
}

#[test]
fn communes_on_a_webdav_share_give_the_warehouse_their_files_give_locally() {
    let root = manifest_dir().join("data/exports");
    let root = root.to_str().expect("utf-8 path");
    let Some(_dav) = Server::start(
        "wsgidav",
        &[
            "-m",
            "wsgidav.server.server_cli",
            "--host",
            "127.0.0.1",
            "--port",
            "{port}",
            "--root",
            root,
            "--auth",
            "anonymous",
            "--no-config",
        ],
    ) else {
        return;
    };
    let base = format!("http://127.0.0.1:{}", _dav.port);
    let w = Workdir::sample_with(|t| t.replace("\"data/exports/", &format!("\"{base}/")));
    let out = w.run(&["run"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("13 downloaded"), "{}", stderr(&out));
    assert_eq!(content(&w), local_content());
    // `check` reads the same files.
    let out = w.ok(&["check"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("ho-so_2025-12-15.csv"));
}
