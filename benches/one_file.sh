#!/usr/bin/env bash
# One large export against the same number of rows in several: generates ROWS dossier
# rows as one file (one commune) and as COMMUNES files (one per commune, same
# generator), then runs `commune-report ingest --full-refresh`, PAIRS times in turn, on
# the one file (cut into pieces), on the one file read in one pass
# (COMMUNE_REPORT_PIECE_BYTES=0: as before pieces, same binary) and on the COMMUNES
# files; prints median wall times, the ratios to the COMMUNES files and peak RSS.
#
#   benches/one_file.sh [ROWS=4000000] [COMMUNES=8] [PAIRS=3]
set -euo pipefail
rows=${1:-4000000}
communes=${2:-8}
pairs=${3:-3}
here=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_DIR:-/tmp/commune-report-one-file}

cargo build --release --locked --manifest-path "$here/Cargo.toml" >&2
bin="${CARGO_TARGET_DIR:-$here/target}/release/commune-report"

for layout in one many; do
    n=$([ "$layout" = one ] && echo 1 || echo "$communes")
    if [ "$(cat "$work/$layout/generated" 2>/dev/null)" != "$rows $n" ]; then
        rm -rf "${work:?}/$layout"
        python3 "$here/benches/generate.py" --rows "$rows" --communes "$n" --snapshots 1 \
            --out "$work/$layout"
        echo "$rows $n" >"$work/$layout/generated"
    fi
done

for i in $(seq "$pairs"); do
    /usr/bin/time -f "%e %M" -o "$work/one.$i" \
        "$bin" -q -c "$work/one/commune-report.toml" ingest --full-refresh >/dev/null
    COMMUNE_REPORT_PIECE_BYTES=0 /usr/bin/time -f "%e %M" -o "$work/onepass.$i" \
        "$bin" -q -c "$work/one/commune-report.toml" ingest --full-refresh >/dev/null
    /usr/bin/time -f "%e %M" -o "$work/many.$i" \
        "$bin" -q -c "$work/many/commune-report.toml" ingest --full-refresh >/dev/null
done

python3 - "$work" "$pairs" "$rows" "$communes" <<'PY'
import statistics, sys, os
work, pairs, rows, communes = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
def read(name):
    t, m = [], []
    for i in range(1, pairs + 1):
        wall, rss = open(os.path.join(work, f"{name}.{i}")).read().split()[-2:]
        t.append(float(wall)); m.append(int(rss))
    return statistics.median(t), max(m) / 1024, t
one, one_rss, one_all = read("one")
onepass, onepass_rss, onepass_all = read("onepass")
many, many_rss, many_all = read("many")
print(f"| rows | one file, pieces (s) | one file, one pass (s) | {communes} files (s) | pieces / {communes} files | one pass / {communes} files | peak RSS pieces / one pass / {communes} files (MiB) |")
print("|---:|---:|---:|---:|---:|---:|---|")
print(f"| {rows:,} | {one:.2f} | {onepass:.2f} | {many:.2f} | {one / many:.2f} | {onepass / many:.2f} | {one_rss:.0f} / {onepass_rss:.0f} / {many_rss:.0f} |")
print(f"each run: pieces {one_all}, one pass {onepass_all}, {communes} files {many_all}", file=sys.stderr)
PY
