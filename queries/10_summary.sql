-- title: Tổng hợp kết quả giải quyết hồ sơ theo xã
-- role: summary
-- sheet: Tổng hợp
-- Per commune, per group where the config groups communes (`report.group_by`,
-- `group`), and for the area: dossiers received in the period and what became of
-- them, as at each commune's data date (as_of, or its newest export when that is older;
-- the area's is the earliest). A commune that sent no dossier export has NULLs (shown as
-- missing), never 0.
WITH in_period AS (
    SELECT * FROM dossiers_as_of
    WHERE received_date BETWEEN period_start() AND as_of()
),
delivered AS (
    -- a commune whose newest export is older than the period has no data for it
    SELECT DISTINCT f.commune_code FROM files f
    JOIN data_dates dd ON dd.commune_code = f.commune_code
    WHERE f.kind = 'dossiers' AND f.status = 'loaded' AND dd.data_date >= period_start()
),
d AS (
    SELECT commune_code, received_date, status, timeliness, channel, field, due_date,
           data_date
    FROM in_period
    UNION ALL
    -- one empty anchor row per delivered commune, so a commune with no dossier in the
    -- period counts 0 rather than disappearing (every count below skips NULLs)
    SELECT commune_code, NULL, NULL, NULL, NULL, NULL, NULL, NULL
    FROM delivered
),
-- Counted in two steps: per commune and field over the dossiers (a cheap grouping),
-- then per commune and for the area over those few rows.
by_field AS (
    SELECT
        commune_code,
        field,
        count(received_date) AS received, -- never null in a dossier: 0 for an anchor
        count(*) FILTER (WHERE status = 'resolved') AS resolved,
        count(*) FILTER (WHERE timeliness = 'early') AS early,
        count(*) FILTER (WHERE timeliness = 'on_time') AS on_time,
        count(*) FILTER (WHERE timeliness = 'late') AS late,
        count(*) FILTER (WHERE status = 'processing') AS processing,
        count(*) FILTER (WHERE status = 'processing' AND due_date < data_date) AS overdue,
        count(*) FILTER (WHERE status = 'paused') AS paused,
        count(*) FILTER (WHERE status = 'returned') AS returned,
        count(*) FILTER (WHERE status = 'withdrawn') AS withdrawn,
        count(*) FILTER (WHERE channel = 'online') AS online
    FROM d
    GROUP BY commune_code, field
),
m AS (
    -- per commune, per group (when the config groups communes) and for the area
    SELECT
        b.commune_code,
        c.commune_group,
        grouping(b.commune_code) AS rolled_commune,
        grouping(c.commune_group) AS rolled_group,
        sum(received) AS received,
        sum(resolved) AS resolved,
        sum(early) AS early,
        sum(on_time) AS on_time,
        sum(late) AS late,
        sum(processing) AS processing,
        sum(overdue) AS overdue,
        sum(paused) AS paused,
        sum(returned) AS returned,
        sum(withdrawn) AS withdrawn,
        sum(online) AS online,
        count(DISTINCT field) AS fields
    FROM by_field b
    LEFT JOIN communes c ON c.commune_code = b.commune_code
    GROUP BY ROLLUP (c.commune_group, b.commune_code)
),
groups AS (
    SELECT c.commune_group, min(c.position) AS first_position, min(dd.data_date) AS data_date
    FROM communes c
    LEFT JOIN data_dates dd ON dd.commune_code = c.commune_code
    WHERE c.commune_group IS NOT NULL
    GROUP BY c.commune_group
),
report_rows AS (
    -- m is read once (a CTE is computed per reference): communes meet their own row;
    -- a group's subtotal comes before its communes, the area's total (the ROLLUP's
    -- grand total) last. Ungrouped, the subtotal of the one NULL group is the total
    -- again and is left out.
    SELECT CASE WHEN c.commune_code IS NOT NULL THEN 2 * c.position + 1
                WHEN m.rolled_group = 0 THEN 2 * g.first_position
                ELSE 1000000000 END AS position,
           c.commune_code,
           coalesce(c.commune, m.commune_group, 'Toàn khu vực') AS commune,
           CASE WHEN c.commune_code IS NOT NULL AND dl.commune_code IS NULL THEN 'missing'
                WHEN c.commune_code IS NOT NULL THEN 'delivered'
                WHEN m.rolled_group = 0 THEN 'group'
                ELSE 'area' END AS delivery,
           CASE WHEN c.commune_code IS NOT NULL THEN dd.data_date
                WHEN m.rolled_group = 0 THEN g.data_date
                ELSE area.data_date END AS data_date,
           m.received, m.resolved, m.early, m.on_time, m.late, m.processing, m.overdue,
           m.paused, m.returned, m.withdrawn, m.online, m.fields
    FROM communes c
    LEFT JOIN delivered dl ON dl.commune_code = c.commune_code
    LEFT JOIN data_dates dd ON dd.commune_code = c.commune_code
    FULL JOIN m ON m.commune_code = c.commune_code
    LEFT JOIN groups g ON g.commune_group = m.commune_group AND m.rolled_commune = 1
    CROSS JOIN (SELECT min(data_date) AS data_date FROM data_dates) area
    WHERE NOT coalesce(
        m.rolled_commune = 1 AND m.rolled_group = 0 AND m.commune_group IS NULL, false)
)
SELECT
    commune_code,
    commune,
    delivery,
    data_date,
    CASE WHEN data_date < as_of()
         THEN 'số liệu đến ngày ' || to_char(data_date, '%d/%m/%Y') END AS data_note,
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
