#!/usr/bin/env bash
# National scale (#18): a year of every commune and ward of the country (3,321 units,
# benches/national.py), as one export per commune and as one province-wide export per
# province; for each size, `run` on both layouts (wall time, peak RSS, warehouse size)
# and three ad hoc queries on the warehouse, with a check that both layouts load the
# same dossiers. Prints a Markdown table for docs/benchmarks.md.
#
#   benches/national.sh [ROWS ...]      default: 1000000 4000000 16000000
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_DIR:-/tmp/commune-report-national}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000000 4000000 16000000)

cargo build --release --locked --manifest-path "$here/Cargo.toml" >&2
bin="${CARGO_TARGET_DIR:-$here/target}/release/commune-report"

queries=(
    # received and late share per province
    "SELECT c.commune_group AS province, count(*) AS received,
            avg(CASE WHEN d.timeliness = 'late' THEN 1.0 ELSE 0.0 END) AS late_share
     FROM dossiers d JOIN communes c ON c.commune_code = d.commune_code
     GROUP BY 1 ORDER BY 2 DESC"
    # the ten communes with the most late dossiers
    "SELECT commune_code, commune, sum(CASE WHEN timeliness = 'late' THEN 1 ELSE 0 END) AS late
     FROM dossiers GROUP BY 1, 2 ORDER BY 3 DESC, 1 LIMIT 10"
    # dossiers received per month and channel, nationwide
    "SELECT date_trunc('month', received_date) AS month, channel, count(*) AS received
     FROM dossiers GROUP BY 1, 2 ORDER BY 1, 2"
)

timed() { # seconds and peak MiB of a command, into $t and $m
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null
    read -r t kb <"$work/time"
    m=$((kb / 1024))
}

echo "| rows | layout | CSV MB | run s | peak MiB | warehouse MB | query 1 s | query 2 s | query 3 s |"
echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|"
for rows in "${sizes[@]}"; do
    dir="$work/$rows"
    if [ ! -f "$dir/generated" ]; then
        rm -rf "$dir"
        python3 "$here/benches/national.py" --rows "$rows" --out "$dir"
        touch "$dir/generated"
    fi
    for layout in per-commune per-province; do
        config="$dir/$layout.toml"
        folder=$([ "$layout" = per-commune ] && echo xa || echo tinh)
        csv=$(du -sm "$dir/$folder" | cut -f1)
        timed "$bin" -q -c "$config" run --full-refresh
        line="| $rows | $layout | $csv | $t | $m"
        line="$line | $(du -smL "$dir/warehouse-$layout/" | cut -f1)"
        for q in "${queries[@]}"; do
            timed "$bin" -q -c "$config" sql --format csv "$q"
            line="$line | $t"
        done
        echo "$line |"
        "$bin" -q -c "$config" sql --format csv \
            "SELECT commune_code, status, count(*) AS n FROM dossiers GROUP BY 1, 2 ORDER BY 1, 2" \
            >"$dir/$layout.counts"
    done
    if ! cmp -s "$dir/per-commune.counts" "$dir/per-province.counts"; then
        echo "the two layouts loaded different dossiers at $rows rows" >&2
        exit 1
    fi
done
