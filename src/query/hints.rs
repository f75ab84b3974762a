//! SQL errors an analyst can act on: a misspelt table gets "did you mean", a parser
//! error names its line, column and word instead of a debug string, and a coded
//! column compared with a label it never holds (`status = 'Đã giải quyết'`) gets the
//! values it does hold.

use crate::config::labels::VOCABULARY;

/// A parser error («Expected: an expression, found: FROM at Line: 1, Column: 8»)
/// as a sentence: where, which word, what was expected.
pub fn parser_error(message: &str) -> String {
    let text = message
        .trim_start_matches("SQL error: ")
        .trim_start_matches("ParserError(\"")
        .trim_end_matches("\")")
        .trim_start_matches("sql parser error: ");
    let (expected, found) = match text.split_once(", found: ") {
        Some((e, f)) => (e.trim_start_matches("Expected: "), f),
        None => return crate::tr!("sql-unreadable", detail = text),
    };
    let (word, position) = match found.rsplit_once(" at Line: ") {
        Some((w, p)) => (w, Some(p)),
        None => (found, None),
    };
    let place = position
        .and_then(|p| p.split_once(", Column: "))
        .map(|(l, c)| {
            let column = c.trim_end_matches(['"', ')']);
            crate::tr!("sql-at", line = l, column = column)
        })
        .unwrap_or_default();
    let word = if word == "EOF" {
        crate::tr!("sql-end-of-text")
    } else {
        format!("`{word}`")
    };
    crate::tr!(
        "sql-syntax",
        place = place,
        word = word,
        expected = expected
    )
}

/// A table that does not exist, named, with "did you mean `dossiers`?" when one is
/// close.
pub fn table_not_found(message: &str, tables: &[String]) -> Option<String> {
    let rest = message.split("table '").nth(1)?;
    let name = rest.split('\'').next()?;
    let bare = name.rsplit('.').next().unwrap_or(name);
    let best = tables
        .iter()
        .map(|t| (strsim::levenshtein(&bare.to_lowercase(), t), t))
        .min_by_key(|(d, _)| *d)
        .filter(|(d, t)| *d <= 3.max(t.len() / 3));
    Some(match best {
        Some((_, t)) => crate::tr!("sql-no-table-like", name = bare, like = t),
        None => crate::tr!("sql-no-table", name = bare),
    })
}

/// Comparisons of a coded column with a text it never holds: for each, the column,
/// the text and the values it does hold.
pub fn coded_comparisons(sql: &str) -> Vec<(&'static str, String, &'static [&'static str])> {
    let lower = sql.to_lowercase();
    let mut found = Vec::new();
    for (column, values) in VOCABULARY {
        let mut from = 0;
        while let Some(at) = lower[from..].find(column) {
            let start = from + at;
            from = start + column.len();
            let before_ok = start == 0
                || !lower[..start]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_');
            if !before_ok {
                continue;
            }
            let rest = sql[from..].trim_start();
            let rest = ["<>", "!=", "="]
                .iter()
                .find_map(|op| rest.strip_prefix(op))
                .map(str::trim_start);
            let Some(literal) = rest.and_then(|r| r.strip_prefix('\'')) else {
                continue;
            };
            let Some(text) = literal.split('\'').next() else {
                continue;
            };
            if !values.contains(&text) {
                found.push((column, text.to_string(), values));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_parser_error_names_its_place_and_word() {
        let raw = "SQL error: ParserError(\"Expected: an expression, found: FROM at Line: 1, Column: 8\")";
        assert_eq!(
            parser_error(raw),
            "SQL: the SQL cannot be read at line 1, column 8: found `FROM` where an expression \
             was expected"
        );
    }

    #[test]
    fn a_misspelt_table_gets_a_suggestion() {
        let tables = vec!["dossiers".to_string(), "files".to_string()];
        let msg = "Error during planning: table 'datafusion.public.dosiers' not found";
        assert!(table_not_found(msg, &tables).is_some_and(|m| m.contains("`dossiers`")));
        let far = table_not_found("table 'x.y.zzzzzzzzzz' not found", &tables).expect("named");
        assert!(!far.contains("did you mean"), "{far}");
    }

    #[test]
    fn a_label_compared_with_a_coded_column_is_found() {
        let found = coded_comparisons("SELECT * FROM dossiers WHERE status = 'Đã giải quyết'");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "status");
        assert!(coded_comparisons("SELECT 1 WHERE status = 'resolved'").is_empty());
        assert!(coded_comparisons("SELECT 1 WHERE my_status = 'x'").is_empty());
    }
}
