-- title: Tổng hợp kết quả giải quyết hồ sơ theo xã
-- Per commune and for the area: dossiers received in the period and what became of
-- them. A commune that sent no dossier export has NULLs (shown as missing), never 0.
WITH in_period AS (
    SELECT d.*, p.as_of
    FROM dossiers d CROSS JOIN report_period p
    WHERE d.received_date BETWEEN p.period_start AND p.as_of
),
delivered AS (
    SELECT DISTINCT commune_code FROM files WHERE kind = 'dossiers'
),
d AS (
    -- one anchor row per delivered commune, so a commune with no dossier in the
    -- period counts 0 rather than disappearing
    SELECT dl.commune_code, x.dossier_id, x.status, x.timeliness, x.channel, x.field,
           x.due_date, x.as_of
    FROM delivered dl LEFT JOIN in_period x ON x.commune_code = dl.commune_code
),
m AS (
    SELECT
        commune_code,
        count(dossier_id) AS received,
        count(CASE WHEN status = 'resolved' THEN 1 END) AS resolved,
        count(CASE WHEN timeliness = 'early' THEN 1 END) AS early,
        count(CASE WHEN timeliness = 'on_time' THEN 1 END) AS on_time,
        count(CASE WHEN timeliness = 'late' THEN 1 END) AS late,
        count(CASE WHEN status = 'processing' THEN 1 END) AS processing,
        count(CASE WHEN status = 'processing' AND due_date < as_of THEN 1 END) AS overdue,
        count(CASE WHEN status = 'paused' THEN 1 END) AS paused,
        count(CASE WHEN status = 'returned' THEN 1 END) AS returned,
        count(CASE WHEN status = 'withdrawn' THEN 1 END) AS withdrawn,
        count(CASE WHEN channel = 'online' THEN 1 END) AS online,
        count(DISTINCT field) AS fields
    FROM d
    GROUP BY ROLLUP (commune_code)
),
report_rows AS (
    SELECT c.position, c.commune_code, c.commune,
           CASE WHEN dl.commune_code IS NULL THEN 'missing' ELSE 'delivered' END AS delivery,
           m.received, m.resolved, m.early, m.on_time, m.late, m.processing, m.overdue,
           m.paused, m.returned, m.withdrawn, m.online, m.fields
    FROM communes c
    LEFT JOIN delivered dl ON dl.commune_code = c.commune_code
    LEFT JOIN m ON m.commune_code = c.commune_code
    UNION ALL
    SELECT 1000000, NULL, 'Toàn khu vực', 'area',
           received, resolved, early, on_time, late, processing, overdue,
           paused, returned, withdrawn, online, fields
    FROM m
    WHERE m.commune_code IS NULL
)
SELECT
    commune_code,
    commune,
    delivery,
    received,
    resolved,
    early,
    on_time,
    late,
    processing,
    overdue,
    paused,
    returned,
    withdrawn,
    online,
    CAST(online AS DOUBLE) / nullif(received, 0) AS online_share,
    CAST(early + on_time AS DOUBLE) / nullif(early + on_time + late, 0) AS on_time_rate,
    fields
FROM report_rows
ORDER BY position
