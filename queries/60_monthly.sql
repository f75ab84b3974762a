-- title: Kết quả giải quyết hồ sơ theo tháng
-- role: monthly
-- sheet: Theo tháng
-- Per commune and month of the period, then the area per month: dossiers received in
-- the month, and of those, as at each commune's data date, how many are resolved and
-- late, and the on-time rate of the resolved ones. Counted by month of receipt, the
-- same dossiers and rules as the summary, so a commune's months add up to its
-- received, resolved and late there.
WITH by_day AS (
    -- per day first: a date groups cheaply, a month's text is formatted per group
    SELECT
        commune_code,
        received_date,
        count(*) AS received,
        count(*) FILTER (WHERE status = 'resolved') AS resolved,
        count(*) FILTER (WHERE timeliness IN ('early', 'on_time')) AS in_time,
        count(*) FILTER (WHERE timeliness = 'late') AS late
    FROM dossiers_as_of
    WHERE received_date BETWEEN period_start() AND as_of()
      AND data_date >= period_start()
    GROUP BY commune_code, received_date
),
by_month AS (
    SELECT commune_code, to_char(received_date, '%Y-%m') AS month, sum(received) AS received,
           sum(resolved) AS resolved, sum(in_time) AS in_time, sum(late) AS late
    FROM by_day
    GROUP BY commune_code, to_char(received_date, '%Y-%m')
),
rolled AS (
    SELECT commune_code, month, sum(received) AS received, sum(resolved) AS resolved,
           sum(in_time) AS in_time, sum(late) AS late
    FROM by_month
    GROUP BY GROUPING SETS ((commune_code, month), (month))
)
SELECT
    r.commune_code,
    coalesce(c.commune, 'Toàn khu vực') AS commune,
    r.month,
    r.received,
    r.resolved,
    r.late,
    CAST(r.in_time AS DOUBLE) / nullif(r.in_time + r.late, 0) AS on_time_rate
FROM rolled r
LEFT JOIN communes c ON c.commune_code = r.commune_code
ORDER BY coalesce(c.position, 1000000), r.month
