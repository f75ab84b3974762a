"""The same job in DuckDB SQL: read the CSVs, map headers and labels, parse dates,
compute timeliness, keep the newest snapshot of each dossier, write zstd Parquet
partitioned by commune, and compute the per-commune summary (printed as CSV on
stdout, commune_code,status,n, for the agreement check).

    python3 benches/duckdb_job.py /tmp/bench
"""
import shutil
import sys

import duckdb

root = sys.argv[1]
out = f"{root}/duckdb-warehouse"
shutil.rmtree(out, ignore_errors=True)
con = duckdb.connect()
# Labels are matched the way commune-report matches them: case and diacritics
# ignored; strip_accents leaves đ alone, so it is mapped first.
con.execute("CREATE MACRO fold(s) AS lower(strip_accents(replace(replace(s, 'Đ', 'D'), 'đ', 'd')))")
con.execute(f"""
CREATE TABLE dossiers AS
WITH raw AS (
    SELECT * FROM read_csv('{root}/exports/*/*.csv', header = true, all_varchar = true,
                           filename = true, delim = ',', quote = '"')
), typed AS (
    SELECT
        regexp_extract(filename, 'exports/([^/]+)/', 1) AS commune_code,
        CAST(regexp_extract(filename, '(\\d{{4}}-\\d{{2}}-\\d{{2}})', 1) AS DATE) AS snapshot_date,
        filename AS source_file,
        "Mã hồ sơ" AS dossier_id,
        "Tên thủ tục" AS procedure_name,
        "Lĩnh vực" AS field,
        CASE fold("Hình thức nộp")
            WHEN 'truc tuyen' THEN 'online' WHEN 'truc tiep' THEN 'in_person'
            WHEN 'buu chinh cong ich' THEN 'postal' END AS channel,
        CAST(strptime("Ngày tiếp nhận", '%d/%m/%Y %H:%M') AS DATE) AS received_date,
        CAST(strptime("Ngày hẹn trả", '%d/%m/%Y') AS DATE) AS due_date,
        CAST(strptime(nullif("Ngày có kết quả", ''), '%d/%m/%Y') AS DATE) AS completed_date,
        CASE fold("Trạng thái")
            WHEN 'da giai quyet' THEN 'resolved' WHEN 'dang xu ly' THEN 'processing'
            WHEN 'tam dung' THEN 'paused' WHEN 'tra lai' THEN 'returned'
            WHEN 'rut ho so' THEN 'withdrawn' END AS status
    FROM raw
)
SELECT *,
    CASE WHEN status = 'resolved' AND completed_date < due_date THEN 'early'
         WHEN status = 'resolved' AND completed_date = due_date THEN 'on_time'
         WHEN status = 'resolved' AND completed_date > due_date THEN 'late' END AS timeliness
FROM typed
QUALIFY row_number() OVER (PARTITION BY commune_code, dossier_id
                           ORDER BY snapshot_date DESC, source_file DESC) = 1
""")
con.execute(f"COPY dossiers TO '{out}' (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (commune_code))")
rows = con.execute("""
    SELECT commune_code, status, count(*) FROM dossiers
    GROUP BY ALL ORDER BY commune_code, status
""").fetchall()
print("commune_code,status,n")
for code, status, n in rows:
    print(f"{code},{status},{n}")
