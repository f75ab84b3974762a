//! Publishes a report as an edition of its period, never destroying one.
//!
//! A report is identified by its period: `<reports>/<period_start>_<as_of>` is a
//! symbolic link to the newest edition, `<reports>/<period_start>_<as_of>.editions/<n>/`.
//! An edition is rendered into a temporary folder, fsynced, renamed into place, and the
//! link is then switched by an atomic rename, so a reader never finds the report
//! missing or half-written. A rerun whose content is unchanged is the same edition: it
//! only adds the formats that edition lacks (each written aside and renamed in). A
//! rerun that changes anything is a new edition that says what changed; the earlier
//! ones stay. `report.json` is always written: it is the edition's record.

use std::fs::{self, File};
use std::path::{Path, PathBuf};

use serde_json::Value;
use sha2::{Digest, Sha256};

use super::changes::between;
use super::model::Edition;
use super::{Report, csv_out, docx, html, markdown, xlsx};
use crate::error::{Error, Result};

/// Which files to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    pub md: bool,
    pub html: bool,
    pub xlsx: bool,
    pub docx: bool,
    pub json: bool,
    pub csv: bool,
}

impl Formats {
    /// The default: everything but CSV.
    pub const DEFAULT: Formats = Formats {
        md: true,
        html: true,
        xlsx: true,
        docx: true,
        json: true,
        csv: false,
    };

    /// The formats an edition folder holds.
    fn present_in(dir: &Path) -> Formats {
        let has = |name: &str| dir.join(name).is_file();
        let csv = fs::read_dir(dir).into_iter().flatten().flatten().any(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.ends_with(".csv") && !name.starts_with('.')
        });
        Formats {
            md: has("report.md"),
            html: has("report.html"),
            xlsx: has("report.xlsx"),
            docx: has("report.docx"),
            json: has(RECORD),
            csv,
        }
    }

    fn without(self, other: Formats) -> Formats {
        Formats {
            md: self.md && !other.md,
            html: self.html && !other.html,
            xlsx: self.xlsx && !other.xlsx,
            docx: self.docx && !other.docx,
            json: self.json && !other.json,
            csv: self.csv && !other.csv,
        }
    }

    fn union(self, other: Formats) -> Formats {
        Formats {
            md: self.md || other.md,
            html: self.html || other.html,
            xlsx: self.xlsx || other.xlsx,
            docx: self.docx || other.docx,
            json: self.json || other.json,
            csv: self.csv || other.csv,
        }
    }

    pub fn parse(names: &[String]) -> Result<Formats> {
        let mut f = Formats {
            md: false,
            html: false,
            xlsx: false,
            docx: false,
            json: false,
            csv: false,
        };
        for name in names {
            match name.trim() {
                "md" => f.md = true,
                "html" => f.html = true,
                "xlsx" => f.xlsx = true,
                "docx" => f.docx = true,
                "json" => f.json = true,
                "csv" => f.csv = true,
                other => {
                    return Err(Error::Usage(crate::tr!("report-format", format = other)));
                }
            }
        }
        Ok(f)
    }
}

/// Where a report went.
#[derive(Debug)]
pub struct Published {
    /// The period's link, which readers open: `<reports>/<start>_<as_of>`.
    pub dir: PathBuf,
    pub edition: u32,
    /// False when the content was that of the newest edition already.
    pub new_edition: bool,
}

const RECORD: &str = "report.json";

/// A report rendered and written aside, ready to be published by [`Prepared::commit`].
pub struct Prepared {
    link: PathBuf,
    edition: u32,
    step: Step,
}

enum Step {
    /// The content of the newest edition already: files it lacks, to add.
    Same {
        dir: PathBuf,
        files: Vec<(String, Vec<u8>)>,
    },
    /// A new edition written (and synced) into `tmp`, to rename to `dir`.
    New {
        tmp: PathBuf,
        dir: PathBuf,
        editions: PathBuf,
        target: PathBuf,
    },
}

impl Prepared {
    /// Whether committing makes a new edition (else the period's current one stays).
    pub fn is_new(&self) -> bool {
        matches!(self.step, Step::New { .. })
    }

    /// Moves the edition into place and switches the period's link (or adds the
    /// missing files to the same edition).
    pub fn commit(self) -> Result<Published> {
        crate::faults::pause_at(crate::faults::REPORTING);
        match self.step {
            Step::Same { dir, files } => {
                for (name, body) in files {
                    if !dir.join(&name).exists() {
                        write_aside(&dir, &name, &body)?;
                    }
                }
                Ok(Published {
                    dir: self.link,
                    edition: self.edition,
                    new_edition: false,
                })
            }
            Step::New {
                tmp,
                dir,
                editions,
                target,
            } => {
                fs::rename(&tmp, &dir)
                    .map_err(|e| Error::io(crate::tr!("io-publishing", path = dir.display()), e))?;
                sync(&editions)?;
                switch_link(&self.link, &target)?;
                Ok(Published {
                    dir: self.link,
                    edition: self.edition,
                    new_edition: true,
                })
            }
        }
    }
}

/// Renders `report` (its edition is set here) and writes it aside.
pub fn prepare(
    reports: &Path,
    folder: Option<&Path>,
    report: &mut Report,
    formats: Formats,
) -> Result<Prepared> {
    let creating = |p: &Path, e| Error::io(crate::tr!("io-creating", path = p.display()), e);
    let period = format!("{}_{}", report.meta.period_start, report.meta.as_of);
    let link = reports.join(&period);
    let editions = reports.join(format!("{period}.editions"));
    fs::create_dir_all(&editions).map_err(|e| creating(&editions, e))?;
    remove_leftovers(reports);
    if fs::symlink_metadata(&link).is_ok_and(|m| !m.file_type().is_symlink()) {
        return Err(Error::io(
            crate::tr!("io-not-a-report-link", path = link.display()),
            std::io::Error::from(std::io::ErrorKind::AlreadyExists),
        ));
    }

    report.meta.edition = None;
    // The run that publishes an edition is recorded in it, but is not its content:
    // a rerun that changes nothing is the same edition.
    let run = report.meta.run.take();
    let content = serde_json::to_vec(&*report)
        .map_err(|e| Error::Invariant(format!("report is not serialisable: {e}")))?;
    report.meta.run = run;
    let content_sha256 = crate::text::hex(&Sha256::digest(&content));
    let current = current_edition(&link)?;

    if let Some((number, dir, previous)) = &current
        && previous["meta"]["edition"]["content_sha256"] == content_sha256.as_str()
    {
        report.meta.edition = Some(Edition {
            number: *number,
            previous: previous["meta"]["edition"]["previous"]
                .as_u64()
                .and_then(|n| u32::try_from(n).ok()),
            content_sha256,
            changes: previous["meta"]["edition"]["changes"]
                .as_array()
                .map(|c| {
                    c.iter()
                        .filter_map(|s| s.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default(),
        });
        // Only the formats this edition lacks are rendered.
        let files = render(report, folder, formats.without(Formats::present_in(dir)))?
            .into_iter()
            .filter(|(name, _)| !dir.join(name).exists())
            .collect();
        return Ok(Prepared {
            link,
            edition: *number,
            step: Step::Same {
                dir: dir.clone(),
                files,
            },
        });
    }

    let number = current.as_ref().map_or(1, |(n, _, _)| n + 1) + skipped(&editions, &current);
    let changes = match &current {
        Some((_, _, previous)) => between(previous, report),
        None => Vec::new(),
    };
    report.meta.edition = Some(Edition {
        number,
        previous: current.as_ref().map(|(n, _, _)| *n),
        content_sha256,
        changes,
    });
    // Readers of the period's link keep every format they had: the new edition has
    // those of the one it replaces as well as the ones asked for.
    let formats = match &current {
        Some((_, dir, _)) => formats.union(Formats::present_in(dir)),
        None => formats,
    };
    let tmp = editions.join(format!(".tmp-{}", std::process::id()));
    let _ = fs::remove_dir_all(&tmp);
    fs::create_dir_all(&tmp).map_err(|e| creating(&tmp, e))?;
    for (name, body) in render(report, folder, formats)? {
        let path = tmp.join(name);
        fs::write(&path, body)
            .map_err(|e| Error::io(crate::tr!("io-writing", path = path.display()), e))?;
        sync(&path)?;
        crate::warehouse::cache::read_only(&path)?;
    }
    sync(&tmp)?;
    Ok(Prepared {
        link,
        edition: number,
        step: Step::New {
            tmp,
            dir: editions.join(number.to_string()),
            editions,
            target: Path::new(&format!("{period}.editions")).join(number.to_string()),
        },
    })
}

/// The files of the requested formats, plus the record.
fn render(
    report: &Report,
    folder: Option<&Path>,
    formats: Formats,
) -> Result<Vec<(String, Vec<u8>)>> {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let json = serde_json::to_string_pretty(report)
        .map_err(|e| Error::Invariant(format!("report is not serialisable: {e}")))?;
    files.push((RECORD.into(), (json + "\n").into_bytes()));
    if formats.md {
        files.push(("report.md".into(), markdown::render(report).into_bytes()));
    }
    if formats.html {
        files.push((
            "report.html".into(),
            html::render(report, folder)?.into_bytes(),
        ));
    }
    if formats.xlsx {
        files.push(("report.xlsx".into(), xlsx::render(report)?));
    }
    if formats.docx {
        files.push(("report.docx".into(), docx::render(report)?));
    }
    if formats.csv {
        for section in &report.sections {
            files.push((format!("{}.csv", section.id), csv_out::render(section)?));
        }
    }
    Ok(files)
}

/// The newest edition behind `link`: its number, folder and record.
fn current_edition(link: &Path) -> Result<Option<(u32, PathBuf, Value)>> {
    let Ok(target) = fs::read_link(link) else {
        return Ok(None);
    };
    let dir = link.parent().unwrap_or(Path::new(".")).join(target);
    let number = dir
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.parse::<u32>().ok());
    let record = fs::read(dir.join(RECORD))
        .ok()
        .and_then(|b| serde_json::from_slice::<Value>(&b).ok());
    match (number, record) {
        (Some(n), Some(r)) => Ok(Some((n, dir, r))),
        // A link to something that is not an edition: start a new one after it.
        _ => Ok(None),
    }
}

/// Edition numbers already taken beyond the current one (e.g. an edition renamed
/// into place by a run killed before it switched the link): never reused.
fn skipped(editions: &Path, current: &Option<(u32, PathBuf, Value)>) -> u32 {
    let base = current.as_ref().map_or(0, |(n, _, _)| *n);
    let highest = fs::read_dir(editions)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().to_str().and_then(|n| n.parse::<u32>().ok()))
        .max()
        .unwrap_or(0);
    highest.saturating_sub(base)
}

/// Adds one file to an existing edition: written aside, synced, renamed in.
fn write_aside(dir: &Path, name: &str, body: &[u8]) -> Result<()> {
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    fs::write(&tmp, body)
        .map_err(|e| Error::io(crate::tr!("io-writing", path = tmp.display()), e))?;
    sync(&tmp)?;
    crate::warehouse::cache::read_only(&tmp)?;
    let path = dir.join(name);
    fs::rename(&tmp, &path)
        .map_err(|e| Error::io(crate::tr!("io-publishing", path = path.display()), e))?;
    sync(dir)
}

/// Points `link` at `target` (relative to the link's folder) by an atomic rename.
fn switch_link(link: &Path, target: &Path) -> Result<()> {
    let name = link.file_name().unwrap_or_default().to_string_lossy();
    let tmp = link.with_file_name(format!(".{name}.link-{}", std::process::id()));
    let _ = fs::remove_file(&tmp);
    std::os::unix::fs::symlink(target, &tmp)
        .map_err(|e| Error::io(crate::tr!("io-creating", path = tmp.display()), e))?;
    fs::rename(&tmp, link)
        .map_err(|e| Error::io(crate::tr!("io-publishing", path = link.display()), e))?;
    if let Some(parent) = link.parent() {
        sync(parent)?;
    }
    Ok(())
}

fn sync(path: &Path) -> Result<()> {
    File::open(path)
        .and_then(|f| f.sync_all())
        .map_err(|e| Error::io(crate::tr!("io-syncing", path = path.display()), e))
}

/// Temporary folders, files and links of runs that were killed, for every period;
/// only one run writes at a time (the run lock), so none of them is in use.
fn remove_leftovers(reports: &Path) {
    let Ok(entries) = fs::read_dir(reports) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') && name.contains(".link-") {
            let _ = fs::remove_file(entry.path());
        } else if name.ends_with(".editions") {
            for edition in fs::read_dir(entry.path()).into_iter().flatten().flatten() {
                if edition.file_name().to_string_lossy().starts_with(".tmp-") {
                    let _ = fs::remove_dir_all(edition.path());
                    continue;
                }
                for file in fs::read_dir(edition.path()).into_iter().flatten().flatten() {
                    let file_name = file.file_name().to_string_lossy().into_owned();
                    if file_name.starts_with('.') && file_name.contains(".tmp-") {
                        let _ = fs::remove_file(file.path());
                    }
                }
            }
        }
    }
}
