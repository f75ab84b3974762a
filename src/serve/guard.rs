//! Which statements a client of `serve` may send: queries, as for `sql` (see
//! [`crate::query::read_only`]), and the session statements drivers and BI tools
//! send on their own (`SET`, `SHOW`, transactions, cursors over a query), which
//! touch nothing but the connection. Everything else is refused before planning.

use datafusion::sql::sqlparser::ast::Statement;

use crate::query::read_only::{query_is_read_only, statement_is_query};

/// `Err(first words)` for a statement that is refused.
pub fn check(statement: &Statement) -> Result<(), String> {
    let allowed = match statement {
        Statement::Declare { stmts } => stmts
            .iter()
            .all(|d| d.for_query.as_ref().is_none_or(|q| query_is_read_only(q))),
        Statement::Set(_)
        | Statement::ShowVariable { .. }
        | Statement::ShowVariables { .. }
        | Statement::ShowStatus { .. }
        | Statement::ShowTables { .. }
        | Statement::ShowColumns { .. }
        | Statement::ShowSchemas { .. }
        | Statement::ShowCatalogs { .. }
        | Statement::ShowFunctions { .. }
        | Statement::StartTransaction { .. }
        | Statement::Commit { .. }
        | Statement::Rollback { .. }
        | Statement::Fetch { .. }
        | Statement::Close { .. }
        | Statement::Discard { .. } => true,
        other => statement_is_query(other),
    };
    if allowed {
        Ok(())
    } else {
        let text = statement.to_string();
        Err(text
            .split_whitespace()
            .take(4)
            .collect::<Vec<_>>()
            .join(" "))
    }
}

#[cfg(test)]
mod tests {
    use datafusion_postgres::datafusion_pg_catalog::sql::PostgresCompatibilityParser;

    use super::*;

    fn allowed(sql: &str) -> bool {
        let statements = PostgresCompatibilityParser::new()
            .parse(sql)
            .expect("parses");
        statements.iter().all(|s| check(s).is_ok())
    }

    #[test]
    fn queries_and_session_statements_pass_writes_do_not() {
        for sql in [
            "SELECT 1",
            "SELECT $1::int",
            "SET extra_float_digits = 3",
            "SHOW transaction_isolation",
            "BEGIN",
            "COMMIT",
            "DECLARE c CURSOR FOR SELECT 1",
            "FETCH 10 FROM c",
        ] {
            assert!(allowed(sql), "{sql}");
        }
        for sql in [
            "CREATE TABLE t (a INT)",
            "INSERT INTO t VALUES (1)",
            "DELETE FROM dossiers",
            "DROP TABLE dossiers",
            "COPY dossiers TO '/tmp/x.csv'",
            "WITH a AS (SELECT 1) INSERT INTO t SELECT * FROM a",
            "CREATE VIEW v AS SELECT 1",
        ] {
            assert!(!allowed(sql), "{sql}");
        }
    }
}
