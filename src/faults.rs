//! Named points where the fault tests stop a run (and then `kill -9` it): with
//! `COMMUNE_REPORT_PAUSE_AT=<point>` in the environment, the run prints
//! `paused at <point>` to stderr and sleeps there (`COMMUNE_REPORT_PAUSE_SECS`, else
//! 120 s), then goes on. Unset, this costs one env lookup per point and changes
//! nothing.

pub const READING: &str = "reading";
pub const WRITING: &str = "writing";
pub const PUBLISHING: &str = "publishing";
pub const REPORTING: &str = "reporting";

pub fn pause_at(point: &str) {
    if std::env::var("COMMUNE_REPORT_PAUSE_AT").is_ok_and(|p| p == point) {
        eprintln!("paused at {point}");
        let secs = std::env::var("COMMUNE_REPORT_PAUSE_SECS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(120);
        std::thread::sleep(std::time::Duration::from_secs(secs));
    }
}
