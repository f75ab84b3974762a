-- title: Tình hình giải quyết hồ sơ (biểu thống kê theo Quyết định 766)
-- sheet: Biểu 766
-- The standard progress table, per commune as at its data date. Carried over: open
-- (processing or paused) at the end of the day before the period, by the same rule as
-- every figure; newly received in the period by channel. What became of both, which
-- always balances: carried over + newly received = resolved (early, on time, late,
-- unrated) + returned + withdrawn + still open (within time, overdue, paused).
-- Counted per commune over the dossiers, then summed for the area over those rows.
WITH carried AS (
    SELECT commune_code, dossier_id FROM dossiers_before_period
    WHERE status IN ('processing', 'paused')
),
u AS (
    SELECT d.commune_code, d.channel, d.status, d.timeliness, d.due_date, d.data_date,
           c.dossier_id IS NOT NULL AS carried
    FROM dossiers_as_of d
    LEFT JOIN carried c ON c.commune_code = d.commune_code AND c.dossier_id = d.dossier_id
    WHERE (c.dossier_id IS NOT NULL OR d.received_date >= period_start())
      -- a commune whose newest export is older than the period has no data for it
      AND d.data_date >= period_start()
),
by_commune AS (
    SELECT
        commune_code,
        count(*) FILTER (WHERE carried) AS carried_over,
        count(*) FILTER (WHERE NOT carried AND channel = 'online') AS new_online,
        count(*) FILTER (WHERE NOT carried AND channel = 'in_person') AS new_in_person,
        count(*) FILTER (WHERE NOT carried AND channel = 'postal') AS new_postal,
        count(*) FILTER (WHERE NOT carried AND channel IS NULL) AS new_unknown_channel,
        count(*) FILTER (WHERE status = 'resolved' AND timeliness = 'early')
            AS resolved_early,
        count(*) FILTER (WHERE status = 'resolved' AND timeliness = 'on_time')
            AS resolved_on_time,
        count(*) FILTER (WHERE status = 'resolved' AND timeliness = 'late')
            AS resolved_late,
        count(*) FILTER (WHERE status = 'resolved' AND timeliness IS NULL)
            AS resolved_unrated,
        count(*) FILTER (WHERE status = 'returned') AS returned,
        count(*) FILTER (WHERE status = 'withdrawn') AS withdrawn,
        count(*) FILTER (WHERE status = 'processing'
                    AND (due_date IS NULL OR due_date >= data_date))
            AS open_within_time,
        count(*) FILTER (WHERE status = 'processing' AND due_date < data_date)
            AS open_overdue,
        count(*) FILTER (WHERE status = 'paused') AS open_paused
    FROM u
    GROUP BY commune_code
),
m AS (
    SELECT
        commune_code,
        sum(carried_over) AS carried_over,
        sum(new_online) AS new_online,
        sum(new_in_person) AS new_in_person,
        sum(new_postal) AS new_postal,
        sum(new_unknown_channel) AS new_unknown_channel,
        sum(resolved_early) AS resolved_early,
        sum(resolved_on_time) AS resolved_on_time,
        sum(resolved_late) AS resolved_late,
        sum(resolved_unrated) AS resolved_unrated,
        sum(returned) AS returned,
        sum(withdrawn) AS withdrawn,
        sum(open_within_time) AS open_within_time,
        sum(open_overdue) AS open_overdue,
        sum(open_paused) AS open_paused
    FROM by_commune
    GROUP BY ROLLUP (commune_code)
),
report_rows AS (
    -- m is read once (a CTE is computed per reference): communes meet their own row,
    -- and the ROLLUP total (commune_code NULL, matching no commune) is the area row.
    SELECT coalesce(c.position, 1000000) AS position,
           c.commune_code,
           coalesce(c.commune, 'Toàn khu vực') AS commune,
           m.carried_over, m.new_online, m.new_in_person, m.new_postal, m.new_unknown_channel,
           m.resolved_early, m.resolved_on_time, m.resolved_late, m.resolved_unrated,
           m.returned, m.withdrawn, m.open_within_time, m.open_overdue, m.open_paused
    FROM communes c FULL JOIN m ON m.commune_code = c.commune_code
)
SELECT
    commune_code,
    commune,
    carried_over,
    new_online,
    new_in_person,
    new_postal,
    new_unknown_channel,
    resolved_early,
    resolved_on_time,
    resolved_late,
    resolved_unrated,
    returned,
    withdrawn,
    open_within_time,
    open_overdue,
    open_paused,
    CAST(resolved_early + resolved_on_time AS DOUBLE)
        / nullif(resolved_early + resolved_on_time + resolved_late, 0) AS on_time_rate,
    CAST(new_online AS DOUBLE)
        / nullif(new_online + new_in_person + new_postal + new_unknown_channel, 0) AS online_rate
FROM report_rows
ORDER BY position
