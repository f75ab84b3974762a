-- title: Dòng dữ liệu bị loại theo lý do
-- sheet: Dòng bị loại
SELECT
    c.commune_code,
    c.commune,
    r.reason_code,
    count(*) AS rows,
    -- the first by line number (as text, "file:110" would sort before "file:15")
    first_value(r.source_file || ':' || CAST(r.source_line AS VARCHAR)
                ORDER BY r.source_file, r.source_line) AS first_at,
    first_value(r.reason ORDER BY r.source_file, r.source_line) AS example
FROM rejects r
JOIN (SELECT * FROM communes UNION ALL SELECT * FROM sources) c ON c.commune_code = r.commune_code
GROUP BY c.position, c.commune_code, c.commune, r.reason_code
ORDER BY c.position, rows DESC, r.reason_code
