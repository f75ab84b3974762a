//! Tab completion in the shell: backslash commands, table and column names of the
//! version the shell last read, and the common SQL words.

use std::borrow::Cow;
use std::sync::{Arc, Mutex};

use rustyline::completion::{Completer, Pair};
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::validate::Validator;

use crate::engine::reader::Reader;

const KEYWORDS: [&str; 24] = [
    "SELECT",
    "FROM",
    "WHERE",
    "GROUP BY",
    "ORDER BY",
    "HAVING",
    "LIMIT",
    "JOIN",
    "LEFT JOIN",
    "ON",
    "AND",
    "OR",
    "NOT",
    "AS",
    "DISTINCT",
    "COUNT",
    "SUM",
    "AVG",
    "CASE",
    "WHEN",
    "THEN",
    "ELSE",
    "END",
    "WITH",
];

/// Table and column names to complete, sorted and without repeats.
#[derive(Debug, Default)]
pub struct Names {
    words: Vec<String>,
}

/// Reads the names of the current version's tables and columns.
pub async fn refresh(names: &Arc<Mutex<Names>>, reader: &Reader) {
    let Ok(pinned) = reader.pin().await else {
        return;
    };
    let ctx = pinned.context(&crate::engine::interrupt::Interrupt::new(None));
    let Some(schema) = ctx.catalog("datafusion").and_then(|c| c.schema("public")) else {
        return;
    };
    let mut words = Vec::new();
    for table in schema.table_names() {
        if let Ok(Some(provider)) = schema.table(&table).await {
            words.extend(provider.schema().fields().iter().map(|f| f.name().clone()));
        }
        words.push(table);
    }
    words.sort();
    words.dedup();
    if let Ok(mut n) = names.lock() {
        n.words = words;
    }
}

pub struct Helper {
    names: Arc<Mutex<Names>>,
}

impl Helper {
    pub fn new(names: Arc<Mutex<Names>>) -> Helper {
        Helper { names }
    }

    /// The candidates for the word `word` (the text before the cursor back to the
    /// last character that cannot be in a name).
    fn candidates(&self, word: &str) -> Vec<String> {
        if word.starts_with('\\') {
            return super::COMMANDS
                .iter()
                .filter(|c| c.starts_with(word))
                .map(|c| c.to_string())
                .collect();
        }
        if word.is_empty() {
            return Vec::new();
        }
        let lower = word.to_lowercase();
        let mut out: Vec<String> = self
            .names
            .lock()
            .map(|n| {
                n.words
                    .iter()
                    .filter(|w| w.to_lowercase().starts_with(&lower))
                    .cloned()
                    .collect()
            })
            .unwrap_or_default();
        let upper = word.to_uppercase();
        out.extend(KEYWORDS.iter().filter(|k| k.starts_with(&upper)).map(|k| {
            // As the analyst types it: lower case stays lower case.
            if word.chars().all(|c| !c.is_uppercase()) {
                k.to_lowercase()
            } else {
                k.to_string()
            }
        }));
        out
    }
}

fn word_start(line: &str, pos: usize) -> usize {
    line[..pos]
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '_' || *c == '\\'))
        .map_or(0, |(i, c)| i + c.len_utf8())
}

impl Completer for Helper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &rustyline::Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let start = word_start(line, pos);
        let pairs = self
            .candidates(&line[start..pos])
            .into_iter()
            .map(|c| Pair {
                display: c.clone(),
                replacement: c,
            })
            .collect();
        Ok((start, pairs))
    }
}

impl Hinter for Helper {
    type Hint = String;
}

impl Highlighter for Helper {
    fn highlight<'l>(&self, line: &'l str, _pos: usize) -> Cow<'l, str> {
        Cow::Borrowed(line)
    }
}

impl Validator for Helper {}

impl rustyline::Helper for Helper {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completes_names_words_and_commands() {
        let names = Arc::new(Mutex::new(Names {
            words: vec!["dossier_id".into(), "dossiers".into(), "rejects".into()],
        }));
        let helper = Helper::new(names);
        assert_eq!(helper.candidates("doss"), ["dossier_id", "dossiers"]);
        assert_eq!(helper.candidates("sel"), ["select"]);
        assert_eq!(helper.candidates("SEL"), ["SELECT"]);
        assert_eq!(helper.candidates("\\ti"), ["\\timing"]);
        assert_eq!(word_start("SELECT * FROM dos", 17), 14);
        assert_eq!(word_start("\\ti", 3), 0);
    }
}
