//! Named points where the fault tests stop a run (and then `kill -9` it): with
//! `COMMUNE_REPORT_PAUSE_AT=<point>` in the environment, the run prints
//! `paused at <point>` to stderr and sleeps there. Unset, this costs one env lookup
//! per point and changes nothing.

pub const READING: &str = "reading";
pub const WRITING: &str = "writing";
pub const PUBLISHING: &str = "publishing";
pub const REPORTING: &str = "reporting";

pub fn pause_at(point: &str) {
    if std::env::var("COMMUNE_REPORT_PAUSE_AT").is_ok_and(|p| p == point) {
        eprintln!("paused at {point}");
        std::thread::sleep(std::time::Duration::from_secs(120));
    }
}
