-- title: Tình hình giải quyết hồ sơ (biểu thống kê theo Quyết định 766)
-- The standard progress table: carried over from before the period and still open at
-- its start; newly received by channel; resolved in the period by timeliness; still
-- open at as_of, within time or overdue.
-- Counted per commune over the dossiers, then summed for the area over those rows.
WITH by_commune AS (
    SELECT
        commune_code,
        count(CASE WHEN received_date < period_start()
                    AND (completed_date IS NULL OR completed_date >= period_start())
                    AND status <> 'withdrawn' THEN 1 END) AS carried_over,
        count(CASE WHEN received_date BETWEEN period_start() AND as_of()
                    AND channel = 'online' THEN 1 END) AS new_online,
        count(CASE WHEN received_date BETWEEN period_start() AND as_of()
                    AND channel = 'in_person' THEN 1 END) AS new_in_person,
        count(CASE WHEN received_date BETWEEN period_start() AND as_of()
                    AND channel = 'postal' THEN 1 END) AS new_postal,
        count(CASE WHEN received_date BETWEEN period_start() AND as_of()
                    AND channel IS NULL THEN 1 END) AS new_unknown_channel,
        count(CASE WHEN status = 'resolved' AND completed_date BETWEEN period_start() AND as_of()
                    AND timeliness = 'early' THEN 1 END) AS resolved_early,
        count(CASE WHEN status = 'resolved' AND completed_date BETWEEN period_start() AND as_of()
                    AND timeliness = 'on_time' THEN 1 END) AS resolved_on_time,
        count(CASE WHEN status = 'resolved' AND completed_date BETWEEN period_start() AND as_of()
                    AND timeliness = 'late' THEN 1 END) AS resolved_late,
        count(CASE WHEN status = 'processing' AND received_date <= as_of()
                    AND (due_date IS NULL OR due_date >= as_of()) THEN 1 END) AS open_within_time,
        count(CASE WHEN status = 'processing' AND due_date < as_of() THEN 1 END)
            AS open_overdue
    FROM dossiers
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
        sum(open_within_time) AS open_within_time,
        sum(open_overdue) AS open_overdue
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
           m.resolved_early, m.resolved_on_time, m.resolved_late,
           m.open_within_time, m.open_overdue
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
    open_within_time,
    open_overdue,
    CAST(resolved_early + resolved_on_time AS DOUBLE)
        / nullif(resolved_early + resolved_on_time + resolved_late, 0) AS on_time_rate,
    CAST(new_online AS DOUBLE)
        / nullif(new_online + new_in_person + new_postal + new_unknown_channel, 0) AS online_rate
FROM report_rows
ORDER BY position
