#!/usr/bin/env bash
# Times `commune-report run` against DuckDB doing the same job (benches/duckdb_job.py)
# on generated exports, alternating the two over several pairs; prints the median wall
# times, their ratio and peak RSS (/usr/bin/time), and checks that both produce the
# same counts per commune and status.
#
#   benches/run.sh [ROWS=4000000] [COMMUNES=8] [PAIRS=3]
set -euo pipefail
rows=${1:-4000000}
communes=${2:-8}
pairs=${3:-3}
here=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_DIR:-/tmp/commune-report-bench}

python3 -c "import duckdb" 2>/dev/null || pip install -q duckdb==2.0.0
cargo build --release --locked --manifest-path "$here/Cargo.toml" >&2
bin="${CARGO_TARGET_DIR:-$here/target}/release/commune-report"

# Reuse the generated exports when they are for the same size (the generator is
# deterministic).
if [ "$(cat "$work/generated" 2>/dev/null)" != "$rows $communes" ]; then
    rm -rf "$work"
    python3 "$here/benches/generate.py" --rows "$rows" --communes "$communes" --out "$work"
    echo "$rows $communes" >"$work/generated"
fi
mb=$(du -sm "$work/exports" | cut -f1)

for i in $(seq "$pairs"); do
    /usr/bin/time -f "%e %M" -o "$work/ours.$i" \
        "$bin" -q -c "$work/commune-report.toml" run --full-refresh >/dev/null
    /usr/bin/time -f "%e %M" -o "$work/duckdb.$i" \
        python3 "$here/benches/duckdb_job.py" "$work" >"$work/duckdb.csv"
done

"$bin" -q -c "$work/commune-report.toml" sql --format csv \
    "SELECT commune_code, status, count(*) AS n FROM dossiers GROUP BY 1, 2 ORDER BY 1, 2" \
    >"$work/ours.csv"
if diff -q <(tail -n +2 "$work/ours.csv") <(tail -n +2 "$work/duckdb.csv") >/dev/null; then
    agree="yes"
else
    agree="NO"
fi

python3 - "$work" "$pairs" "$rows" "$mb" "$agree" <<'PY'
import statistics, sys, os
work, pairs, rows, mb, agree = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
def read(name):
    t, m = [], []
    for i in range(1, pairs + 1):
        wall, rss = open(os.path.join(work, f"{name}.{i}")).read().split()[-2:]
        t.append(float(wall)); m.append(int(rss))
    return statistics.median(t), max(m) / 1024
ours, ours_rss = read("ours")
duck, duck_rss = read("duckdb")
print("| rows | MB | ours (s) | DuckDB (s) | ratio | our peak RSS (MiB) | DuckDB peak RSS (MiB) | agree |")
print("|---:|---:|---:|---:|---:|---:|---:|---|")
print(f"| {rows:,} | {mb} | {ours:.1f} | {duck:.1f} | {ours / duck:.2f} | {ours_rss:.0f} | {duck_rss:.0f} | {agree} |")
PY
