//! A commune's glob that names a remote place: `s3://bucket/folder/ho-so*.csv`, or
//! `http(s)://host/folder/file.csv` (one file), or `http(s)://host/folder/*.csv` (a
//! folder of a WebDAV server, such as Nextcloud, listed with PROPFIND). Wildcards
//! may stand only in the file name. What is shown of it — in logs, errors, the
//! inbox index — never carries user info or a query string (signed URLs, tokens).

use url::Url;

/// Whether a config glob names a remote place.
pub fn is_remote(glob: &str) -> bool {
    ["s3://", "http://", "https://"].iter().any(|scheme| {
        glob.get(..scheme.len())
            .is_some_and(|g| g.eq_ignore_ascii_case(scheme))
    })
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Service {
    S3 {
        bucket: String,
    },
    /// `scheme://host[:port]` with nothing after it.
    Http {
        origin: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Remote {
    pub service: Service,
    /// The folder's path in the store, without leading or trailing `/`.
    pub folder: String,
    /// The file name, or its pattern when it has wildcards.
    pub name: String,
    pub wildcard: bool,
}

impl Remote {
    pub fn parse(text: &str) -> Result<Remote, String> {
        let url = Url::parse(text)
            .map_err(|e| crate::tr!("remote-bad-url", url = shown(text), cause = e))?;
        if !url.username().is_empty() || url.password().is_some() || url.query().is_some() {
            return Err(crate::tr!("remote-credentials-in-url", url = shown(text)));
        }
        let host = url
            .host_str()
            .filter(|h| !h.is_empty())
            .ok_or_else(|| crate::tr!("remote-bad-url", url = shown(text), cause = "no host"))?;
        let service = match url.scheme() {
            "s3" => Service::S3 {
                bucket: host.to_string(),
            },
            scheme => Service::Http {
                origin: match url.port() {
                    Some(p) => format!("{scheme}://{host}:{p}"),
                    None => format!("{scheme}://{host}"),
                },
            },
        };
        // Percent-escapes stay as the server spells them; the path is split as written.
        let path = url.path().trim_start_matches('/');
        let (folder, name) = match path.rsplit_once('/') {
            Some((folder, name)) => (folder.to_string(), name.to_string()),
            None => (String::new(), path.to_string()),
        };
        let decoded = percent_decode(&name);
        if decoded.is_empty() || folder.contains(['*', '?', '[']) {
            return Err(crate::tr!("remote-glob-in-folder", url = shown(text)));
        }
        Ok(Remote {
            service,
            wildcard: decoded.contains(['*', '?', '[']),
            folder: percent_decode(&folder),
            name: decoded,
        })
    }

    /// The URL as shown to people.
    pub fn shown(&self) -> String {
        let base = match &self.service {
            Service::S3 { bucket } => format!("s3://{bucket}"),
            Service::Http { origin } => origin.clone(),
        };
        if self.folder.is_empty() {
            format!("{base}/{}", self.name)
        } else {
            format!("{base}/{}/{}", self.folder, self.name)
        }
    }

    /// Whether a file name in the folder is one of this glob's.
    pub fn matches(&self, file: &str) -> bool {
        if !self.wildcard {
            return file == self.name;
        }
        glob::Pattern::new(&self.name).is_ok_and(|p| p.matches(file))
    }
}

/// `text` without user info, query or fragment: how a URL is shown.
pub fn shown(text: &str) -> String {
    match Url::parse(text) {
        Ok(mut url) => {
            let _ = url.set_username("");
            let _ = url.set_password(None);
            url.set_query(None);
            url.set_fragment(None);
            url.to_string()
        }
        // Not a URL: cut at the first character that could start credentials.
        Err(_) => text
            .split(['@', '?', '#'])
            .next()
            .unwrap_or_default()
            .to_string(),
    }
}

fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_servers_folders_and_patterns() {
        let r = Remote::parse("s3://exports/tp1/ho-so*.csv").expect("s3");
        assert_eq!(
            r.service,
            Service::S3 {
                bucket: "exports".into()
            }
        );
        assert_eq!(
            (r.folder.as_str(), r.name.as_str(), r.wildcard),
            ("tp1", "ho-so*.csv", true)
        );
        assert!(r.matches("ho-so_2025-12-15.csv") && !r.matches("chi-tieu.csv"));
        let r = Remote::parse("http://127.0.0.1:8080/dav/Tân%20Phước/ho-so.csv").expect("http");
        assert_eq!(
            r.service,
            Service::Http {
                origin: "http://127.0.0.1:8080".into()
            }
        );
        assert_eq!((r.folder.as_str(), r.wildcard), ("dav/Tân Phước", false));
        assert!(is_remote("S3://x/y") && !is_remote("data/exports/*.csv"));
    }

    #[test]
    fn credentials_are_refused_in_globs_and_never_shown() {
        assert!(Remote::parse("https://u:secret@host/a.csv").is_err());
        assert!(Remote::parse("https://host/a.csv?X-Amz-Signature=abc").is_err());
        let err = Remote::parse("https://u:secret@host/a.csv").expect_err("refused");
        assert!(!err.contains("secret"), "{err}");
        assert_eq!(
            shown("https://u:secret@host/a.csv?token=1"),
            "https://host/a.csv"
        );
        assert!(Remote::parse("s3://b/*/x.csv").is_err());
    }
}
