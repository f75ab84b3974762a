//! Peer servers the tests start on free loopback ports (Python packages `.ci/run`
//! installs), stopped when dropped.

use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::peers_required;

/// A server process, stopped when dropped.
pub struct Server {
    child: Child,
    pub port: u16,
}

impl Server {
    /// Starts `python3 args…` with `{port}` replaced by a free port; `None` when the
    /// Python package is missing and peers are not required.
    pub fn start(module_check: &str, args: &[&str]) -> Option<Server> {
        let have = Command::new("python3")
            .args(["-c", &format!("import {module_check}")])
            .output()
            .is_ok_and(|o| o.status.success());
        if !have {
            assert!(
                !peers_required(),
                "{module_check} is required (.ci/run installs it)"
            );
            eprintln!("skipped: python3 -m pip install {module_check} to run this test");
            return None;
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let args: Vec<String> = args
            .iter()
            .map(|a| a.replace("{port}", &port.to_string()))
            .collect();
        let child = Command::new("python3")
            .args(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the server");
        let server = Server { child, port };
        let until = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < until, "{args:?} did not start listening");
            std::thread::sleep(Duration::from_millis(100));
        }
        Some(server)
    }

    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}
