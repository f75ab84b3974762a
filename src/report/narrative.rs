//! The narrative paragraphs, in the register of the commune reports the press
//! quotes («Từ ngày 01/07/2025 đến nay, … đã tiếp nhận 1.962 hồ sơ thuộc 13 lĩnh vực,
//! trong đó đã giải quyết 1.931 hồ sơ …»), generated from the sections whose queries
//! declare the roles `summary` and `late_by_field`, through an editable template
//! (`narrative.txt`, built in or from `<queries>/templates/`). Sentences adapt to the
//! data: no late dossiers, all online, nothing sent.

use minijinja::{Environment, context};
use serde::Serialize;
use serde_json::Value;

use super::model::{Report, Row, role};
use super::templates::Template;
use super::{compare, vn};
use crate::error::{Error, Result};

/// A figure for the template: `n` to compare, `text` to print.
#[derive(Serialize)]
struct Figure {
    n: i64,
    text: String,
}

#[derive(Serialize)]
struct LateField {
    field: String,
    n: i64,
    text: String,
}

fn int(row: &Row, key: &str) -> i64 {
    row.get(key).and_then(Value::as_i64).unwrap_or(0)
}

fn text<'r>(row: &'r Row, key: &str) -> &'r str {
    row.get(key).and_then(Value::as_str).unwrap_or("")
}

fn figure(row: &Row, key: &str) -> Figure {
    let n = int(row, key);
    Figure {
        n,
        text: vn::integer(n),
    }
}

/// One paragraph per commune (per group, when the config groups them), then one
/// for the area; empty when no query declares
/// the summary role (an analyst replaced the queries).
pub fn paragraphs(report: &Report, template: &Template) -> Result<Vec<String>> {
    let Some(summary) = report.by_role(role::SUMMARY) else {
        tracing::warn!(
            "{}",
            crate::tr!("warn-no-summary-role", role = role::SUMMARY)
        );
        return Ok(Vec::new());
    };
    let template_error = |e: minijinja::Error| Error::File {
        path: template.path.clone(),
        message: crate::tr!("template-error", name = "narrative.txt", cause = e),
    };
    let mut env = Environment::new();
    env.add_template_owned(template.name, template.source.clone())
        .map_err(template_error)?;
    let template = env.get_template(template.name).map_err(template_error)?;
    let unreadable_rows = report
        .by_role(role::UNREADABLE_FILES)
        .map(|s| s.rows.as_slice())
        .unwrap_or(&[]);
    let late_rows = report
        .by_role(role::LATE_BY_FIELD)
        .map(|s| s.rows.as_slice())
        .unwrap_or(&[]);
    let since = vn::date(report.meta.period_start);
    // «đến nay» only for a report up to the newest export; a past date is named.
    let newest = report
        .meta
        .inputs
        .iter()
        .filter(|i| i.kind == "dossiers")
        .map(|i| i.snapshot_date.as_str())
        .max();
    let until = match newest {
        Some(d) if d > report.meta.as_of.to_string().as_str() => {
            format!("đến ngày {}", vn::date(report.meta.as_of))
        }
        _ => "đến nay".to_string(),
    };
    // Grouped, the narrative speaks of each group and of the area: hundreds of
    // communes' paragraphs would bury what the reader needs (they stay in the tables).
    let grouped = summary.rows.iter().any(|r| text(r, "delivery") == "group");
    let mut narrated: Vec<(&Row, Scope)> = Vec::new();
    for row in &summary.rows {
        match (
            text(row, "delivery"),
            row.get("commune_code").and_then(Value::as_str),
        ) {
            ("area", _) => narrated.push((row, Scope::Area)),
            ("group", _) => narrated.push((row, Scope::Group(Vec::new()))),
            (_, Some(code)) if grouped => {
                if let Some((_, Scope::Group(members))) = narrated.last_mut() {
                    members.push(code);
                }
            }
            (_, Some(code)) => narrated.push((row, Scope::Commune(code))),
            (_, None) => {}
        }
    }
    narrated
        .iter()
        .map(|(row, scope)| {
            let area = matches!(scope, Scope::Area);
            let name = text(row, "commune");
            let subject = match scope {
                Scope::Area => "các xã trong khu vực".to_string(),
                Scope::Group(_) => format!("các xã thuộc {name}"),
                Scope::Commune(_) => format!("Trung tâm Phục vụ hành chính công xã {name}"),
            };
            let comparisons = match scope {
                Scope::Area => compare::said(report, None),
                Scope::Commune(code) => compare::said(report, Some(code)),
                // The comparison section has no group rows.
                Scope::Group(_) => Vec::new(),
            };
            let rendered = template
                .render(context! {
                    area,
                    name,
                    subject,
                    since => &since,
                    until => &until,
                    data_note => text(row, "data_note"),
                    missing => text(row, "delivery") == "missing",
                    received => figure(row, "received"),
                    fields => figure(row, "fields"),
                    online => figure(row, "online"),
                    online_share => vn::percent(
                        row.get("online_share").and_then(Value::as_f64).unwrap_or(0.0)
                    ),
                    resolved => figure(row, "resolved"),
                    processing => figure(row, "processing"),
                    overdue => figure(row, "overdue"),
                    paused => figure(row, "paused"),
                    returned => figure(row, "returned"),
                    withdrawn => figure(row, "withdrawn"),
                    late => figure(row, "late"),
                    late_fields => late_fields(late_rows, scope),
                    unreadable => unreadable(unreadable_rows, scope),
                    comparisons,
                })
                .map_err(template_error)?;
            Ok(one_line(&rendered))
        })
        .collect()
}

/// Whose rows a paragraph speaks of.
enum Scope<'a> {
    Commune(&'a str),
    /// A group's subtotal: the communes listed under it.
    Group(Vec<&'a str>),
    Area,
}

impl Scope<'_> {
    fn has(&self, row: &Row) -> bool {
        let code = row.get("commune_code").and_then(Value::as_str);
        match self {
            Scope::Area => true,
            Scope::Commune(c) => code == Some(c),
            Scope::Group(members) => code.is_some_and(|c| members.contains(&c)),
        }
    }
}

/// A free-text template rendered into paragraphs: blocks separated by blank lines,
/// each made one line.
pub fn blocks(template: &Template, ctx: minijinja::Value) -> Result<Vec<String>> {
    let template_error = |e: minijinja::Error| Error::File {
        path: template.path.clone(),
        message: crate::tr!("template-error", name = template.name, cause = e),
    };
    let mut env = Environment::new();
    env.add_template_owned(template.name, template.source.clone())
        .map_err(template_error)?;
    let text = env
        .get_template(template.name)
        .and_then(|t| t.render(ctx))
        .map_err(template_error)?;
    // A paragraph ends at a blank line (one holding only spaces counts).
    let mut paragraphs = vec![String::new()];
    for line in text.lines() {
        match (line.trim().is_empty(), paragraphs.last_mut()) {
            (true, _) => paragraphs.push(String::new()),
            (false, Some(p)) => {
                p.push_str(line);
                p.push('\n');
            }
            (false, None) => {}
        }
    }
    Ok(paragraphs
        .iter()
        .map(|p| one_line(p))
        .filter(|p| !p.is_empty())
        .collect())
}

#[derive(Serialize)]
struct Unreadable {
    file: String,
    error: String,
}

/// Files of a commune, a group or the area that could not be read.
fn unreadable(rows: &[Row], scope: &Scope) -> Vec<Unreadable> {
    rows.iter()
        .filter(|r| scope.has(r))
        .map(|r| Unreadable {
            file: text(r, "source_file").to_string(),
            error: text(r, "error").to_string(),
        })
        .collect()
}

/// Late dossiers by field of a commune, or summed over a group or the area, most
/// first.
fn late_fields(rows: &[Row], scope: &Scope) -> Vec<LateField> {
    let mut fields: Vec<(String, i64)> = Vec::new();
    for r in rows {
        if !scope.has(r) {
            continue;
        }
        let field = text(r, "field");
        match fields.iter_mut().find(|(f, _)| f == field) {
            Some((_, n)) => *n += int(r, "late"),
            None => fields.push((field.to_string(), int(r, "late"))),
        }
    }
    fields.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    fields
        .into_iter()
        .map(|(field, n)| LateField {
            field,
            n,
            text: vn::integer(n),
        })
        .collect()
}

/// The template's output as one paragraph: whitespace runs collapsed, no space left
/// before punctuation.
fn one_line(text: &str) -> String {
    let mut s = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for p in [",", ".", ";", ")"] {
        s = s.replace(&format!(" {p}"), p);
    }
    s.replace("( ", "(")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_end_at_blank_lines_even_with_spaces_on_them() {
        let template = Template {
            name: "recommendations.txt",
            path: "t".into(),
            origin: crate::query::Origin::BuiltIn,
            source: "Một\nhai.\n   \nBa {{ x }}.\n\n\n".into(),
        };
        let got = blocks(&template, minijinja::context! { x => "bốn" }).expect("render");
        assert_eq!(got, ["Một hai.", "Ba bốn."]);
    }

    #[test]
    fn one_line_tidies_template_whitespace() {
        assert_eq!(
            one_line("  Từ ngày 1-7-2025 ,\n   đã giải quyết 26 hồ sơ .\n"),
            "Từ ngày 1-7-2025, đã giải quyết 26 hồ sơ."
        );
    }
}
