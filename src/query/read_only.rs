//! Which statements `sql` runs: queries only, decided on the syntax tree before
//! anything is planned or executed (the planner's own check follows).

use datafusion::sql::parser::Statement as DfStatement;
use datafusion::sql::sqlparser::ast::{Query, SetExpr, Statement};

/// A query or an `EXPLAIN` of one, with no data-changing statement inside.
pub fn is_query(statement: &DfStatement) -> bool {
    match statement {
        DfStatement::Statement(s) => statement_is_query(s),
        DfStatement::Explain(e) => is_query(&e.statement),
        _ => false,
    }
}

pub fn statement_is_query(s: &Statement) -> bool {
    match s {
        Statement::Query(q) => query_is_read_only(q),
        Statement::Explain { statement, .. } => statement_is_query(statement),
        _ => false,
    }
}

pub fn query_is_read_only(q: &Query) -> bool {
    let ctes = q
        .with
        .as_ref()
        .is_none_or(|w| w.cte_tables.iter().all(|c| query_is_read_only(&c.query)));
    ctes && body_is_read_only(&q.body)
}

fn body_is_read_only(body: &SetExpr) -> bool {
    match body {
        SetExpr::Select(_) | SetExpr::Values(_) | SetExpr::Table(_) => true,
        SetExpr::Query(q) => query_is_read_only(q),
        SetExpr::SetOperation { left, right, .. } => {
            body_is_read_only(left) && body_is_read_only(right)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use datafusion::sql::parser::DFParser;

    use super::*;

    fn query(sql: &str) -> bool {
        let statements = DFParser::parse_sql(sql).expect("parses");
        statements.iter().all(is_query)
    }

    #[test]
    fn queries_pass_and_everything_else_is_refused() {
        for sql in [
            "SELECT 1",
            "WITH a AS (SELECT 1) SELECT * FROM a",
            "SELECT 1 UNION ALL SELECT 2",
            "VALUES (1)",
            "EXPLAIN SELECT 1",
        ] {
            assert!(query(sql), "{sql}");
        }
        for sql in [
            "CREATE TABLE t (a INT)",
            "INSERT INTO t VALUES (1)",
            "WITH a AS (SELECT 1) INSERT INTO t SELECT * FROM a",
            "COPY (SELECT 1) TO 'x.csv'",
            "SET datafusion.execution.batch_size = 1",
            "BEGIN",
            "ANALYZE TABLE t COMPUTE STATISTICS",
            "DROP TABLE t",
            "EXPLAIN INSERT INTO t VALUES (1)",
        ] {
            // Some of these do not even parse as DataFusion SQL; those are refused too.
            let refused = DFParser::parse_sql(sql).map_or(true, |s| !s.iter().all(is_query));
            assert!(refused, "{sql}");
        }
    }
}
