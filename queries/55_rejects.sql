-- title: Dòng dữ liệu bị loại theo lý do
SELECT
    c.commune_code,
    c.commune,
    r.reason_code,
    count(*) AS rows,
    min(r.source_file || ':' || CAST(r.source_line AS VARCHAR)) AS first_at,
    min(r.reason) AS example
FROM rejects r
JOIN communes c ON c.commune_code = r.commune_code
GROUP BY c.position, c.commune_code, c.commune, r.reason_code
ORDER BY c.position, rows DESC, r.reason_code
