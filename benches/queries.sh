#!/usr/bin/env bash
# Times every report query (queries/*.sql) and a few typical ad hoc queries, each as
# its own `commune-report sql` process (so start-up is included), over the warehouse
# that benches/run.sh left behind.
#
#   benches/queries.sh [BENCH_DIR=/tmp/commune-report-bench]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-${BENCH_DIR:-/tmp/commune-report-bench}}
bin="${CARGO_TARGET_DIR:-$here/target}/release/commune-report"
config="$work/commune-report.toml"

time_one() {
    local name=$1
    shift
    /usr/bin/time -f "%e" -o "$work/query.time" "$bin" -q -c "$config" sql --format csv "$@" >/dev/null
    printf '| %s | %s |\n' "$name" "$(cat "$work/query.time")"
}

echo "| query | seconds |"
echo "|---|---:|"
for q in "$here"/queries/*.sql; do
    time_one "$(basename "$q")" -f "$q"
done
time_one "one dossier by id" "SELECT * FROM dossiers WHERE dossier_id = '82003-000123456'"
time_one "late by field and month" \
    "SELECT field, date_trunc('month', received_date) AS m, count(*) FROM dossiers WHERE timeliness = 'late' GROUP BY 1, 2 ORDER BY 1, 2"
time_one "overdue of one commune" \
    "SELECT dossier_id, procedure_name, due_date FROM dossiers WHERE commune_code = '82005' AND status = 'processing' AND due_date < as_of() ORDER BY due_date LIMIT 50"
time_one "distinct procedures per commune" \
    "SELECT commune_code, count(DISTINCT procedure_name) FROM dossiers GROUP BY 1"
