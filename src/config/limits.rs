//! What an ad hoc query (`sql`, `serve`) may use: memory and time, from
//! `[engine]` or the command line.

use std::time::Duration;

/// The limits of every ad hoc query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueryLimits {
    /// Bytes DataFusion's memory pool grants, for all queries of the process together.
    pub memory: u64,
    /// Longest a query may run, output included.
    pub time: Option<Duration>,
}

impl QueryLimits {
    pub const DEFAULT_TIME: Duration = Duration::from_secs(15 * 60);

    /// Half the machine's memory (or of the container's limit), and 15 minutes.
    pub fn default_for_machine() -> QueryLimits {
        QueryLimits {
            memory: machine_memory().map_or(2 << 30, |m| m / 2),
            time: Some(Self::DEFAULT_TIME),
        }
    }
}

/// "256MB", "1.5 GiB", "512MiB": a size in bytes, at least 16 MiB.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let size: bytesize::ByteSize = text
        .trim()
        .parse()
        .map_err(|_| crate::tr!("config-size", value = text))?;
    if size.as_u64() < 16 << 20 {
        return Err(crate::tr!("config-size-small", value = text));
    }
    Ok(size.as_u64())
}

/// "30s", "10m", "1h 30m"; "0" or "none": no limit.
pub fn parse_duration(text: &str) -> Result<Option<Duration>, String> {
    let text = text.trim();
    if text == "0" || text.eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    humantime::parse_duration(text)
        .map(Some)
        .map_err(|_| crate::tr!("config-duration", value = text))
}

/// Shown in messages: "256 MiB".
pub fn show_size(bytes: u64) -> String {
    bytesize::ByteSize(bytes).display().iec().to_string()
}

/// Total memory, or the cgroup's limit when lower (a container's).
fn machine_memory() -> Option<u64> {
    let total = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .find_map(|l| l.strip_prefix("MemTotal:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
                .map(|kb| kb * 1024)
        })?;
    let cgroup = std::fs::read_to_string("/sys/fs/cgroup/memory.max")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok());
    Some(cgroup.map_or(total, |c| c.min(total)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_durations_parse_as_people_write_them() {
        assert_eq!(parse_size("256MB"), Ok(256_000_000));
        assert_eq!(parse_size("1 GiB"), Ok(1 << 30));
        assert!(parse_size("12kB").is_err());
        assert!(parse_size("lots").is_err());
        assert_eq!(parse_duration("10m"), Ok(Some(Duration::from_secs(600))));
        assert_eq!(parse_duration("none"), Ok(None));
        assert!(parse_duration("soon").is_err());
        assert!(QueryLimits::default_for_machine().memory >= 1 << 20);
    }
}
