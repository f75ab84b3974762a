//! The report's templates (`narrative.txt`, `report.html`): the built-in one, or the
//! analyst's copy in `<queries>/templates/` when present.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::query::{Origin, bundled};

pub const NARRATIVE: &str = "narrative.txt";
pub const HTML: &str = "report.html";
pub const RECOMMENDATIONS: &str = "recommendations.txt";

pub struct Template {
    pub name: &'static str,
    /// Where errors point.
    pub path: PathBuf,
    pub origin: Origin,
    pub source: String,
}

pub fn load(folder: Option<&Path>, name: &'static str) -> Result<Template> {
    if let Some(dir) = folder {
        let path = dir.join("templates").join(name);
        match std::fs::read_to_string(&path) {
            // An unedited `init` copy: the current built-in serves instead.
            Ok(source) if bundled::is_unedited_copy(&source) => {}
            Ok(source) => {
                return Ok(Template {
                    name,
                    path,
                    origin: Origin::Folder,
                    source,
                });
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(Error::io(
                    crate::tr!("io-reading", path = path.display()),
                    e,
                ));
            }
        }
    }
    let source = bundled::template(name)
        .ok_or_else(|| Error::Invariant(format!("no built-in template {name}")))?;
    Ok(Template {
        name,
        path: PathBuf::from(format!("(built-in) {name}")),
        origin: Origin::BuiltIn,
        source: source.to_string(),
    })
}
