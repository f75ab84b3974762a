-- title: Số liệu xã báo cáo so với số liệu ghi nhận
-- sheet: Đối chiếu số liệu
-- Every figure a commune reported that the records can check, side by side.
WITH d AS (
    SELECT * FROM dossiers_as_of
    WHERE received_date BETWEEN period_start() AND as_of()
),
by_commune AS (
    SELECT
        commune_code,
        count(*) AS received,
        count(*) FILTER (WHERE status = 'resolved') AS resolved,
        count(*) FILTER (WHERE status = 'processing') AS processing,
        count(*) FILTER (WHERE status = 'paused') AS paused,
        count(*) FILTER (WHERE status = 'returned') AS returned,
        count(*) FILTER (WHERE status = 'withdrawn') AS withdrawn,
        count(*) FILTER (WHERE timeliness = 'late') AS late,
        count(DISTINCT field) AS fields,
        100.0 * count(*) FILTER (WHERE channel = 'online') / count(*) AS online_pct
    FROM d
    GROUP BY commune_code
),
procs AS (
    SELECT commune_code,
           count(DISTINCT procedure_code) AS procedures,
           count(DISTINCT field) AS procedure_fields
    FROM procedures
    GROUP BY commune_code
),
-- by_commune is read once (a CTE is computed per reference): each of its rows is
-- spread over the figures it can check.
figures AS (
    SELECT * FROM (VALUES
        ('reported_received'), ('reported_resolved'), ('reported_processing'),
        ('reported_paused'), ('reported_returned'), ('reported_withdrawn'),
        ('reported_late'), ('reported_fields'), ('reported_online_share_pct')
    ) AS f(indicator)
),
recorded AS (
    SELECT b.commune_code, f.indicator,
           CASE f.indicator
               WHEN 'reported_received' THEN CAST(b.received AS DOUBLE)
               WHEN 'reported_resolved' THEN CAST(b.resolved AS DOUBLE)
               WHEN 'reported_processing' THEN CAST(b.processing AS DOUBLE)
               WHEN 'reported_paused' THEN CAST(b.paused AS DOUBLE)
               WHEN 'reported_returned' THEN CAST(b.returned AS DOUBLE)
               WHEN 'reported_withdrawn' THEN CAST(b.withdrawn AS DOUBLE)
               WHEN 'reported_late' THEN CAST(b.late AS DOUBLE)
               WHEN 'reported_fields' THEN CAST(b.fields AS DOUBLE)
               WHEN 'reported_online_share_pct' THEN round(b.online_pct, 1)
           END AS recorded
    FROM by_commune b CROSS JOIN figures f
    UNION ALL SELECT commune_code, 'reported_procedures', CAST(procedures AS DOUBLE) FROM procs
    UNION ALL SELECT commune_code, 'reported_procedure_fields', CAST(procedure_fields AS DOUBLE) FROM procs
)
SELECT
    c.commune_code,
    c.commune,
    i.indicator,
    i.label,
    i.value AS reported,
    r.recorded,
    r.recorded - i.value AS difference,
    CASE
        WHEN r.recorded IS NULL THEN 'unchecked'
        WHEN r.recorded = i.value THEN 'match'
        ELSE 'differs'
    END AS verdict
FROM indicators i
JOIN communes c ON c.commune_code = i.commune_code
LEFT JOIN recorded r ON r.commune_code = i.commune_code AND r.indicator = i.indicator
WHERE starts_with(i.indicator, 'reported_')
ORDER BY c.position, i.source_file, i.source_line
