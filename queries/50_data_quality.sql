-- title: Chất lượng dữ liệu đầu vào
-- sheet: Chất lượng dữ liệu
-- Per commune: files and snapshots received, and how their rows ended; files that
-- could not be read at all are counted as quarantined (listed in the next section).
-- A shared export ([[sources]]) has a line of its own: the rows naming no known
-- commune are its rejects; rows of communes the config leaves out are not counted
-- here (they are not the area's: files.kept_out and the run summary count them).
SELECT
    c.commune_code,
    c.commune,
    CASE WHEN count(f.source_file) = 0 THEN 'missing' ELSE 'delivered' END AS delivery,
    count(f.source_file) AS files,
    count(*) FILTER (WHERE f.status = 'quarantined') AS quarantined,
    CAST(max(f.snapshot_date) AS VARCHAR) AS newest_snapshot,
    sum(f.data_rows - coalesce(f.kept_out, 0)) AS data_rows,
    sum(f.loaded) AS loaded,
    sum(f.superseded) AS superseded,
    sum(f.rejected) AS rejected,
    CAST(sum(f.rejected) AS DOUBLE)
        / nullif(sum(f.data_rows - coalesce(f.kept_out, 0)), 0) AS reject_share
FROM (SELECT * FROM communes UNION ALL SELECT * FROM sources) c
LEFT JOIN files f ON f.commune_code = c.commune_code
GROUP BY c.position, c.commune_code, c.commune
ORDER BY c.position
