-- title: Xếp hạng các xã theo tỷ lệ đúng hạn và tỷ lệ trực tuyến
-- role: ranking
-- sheet: Xếp hạng
-- The communes that delivered data for the period, ranked by on-time rate (of the
-- dossiers resolved, as in the summary) and by online share. Equal rates share a rank
-- (1, 1, 3) and the tie is stated; a commune with nothing to rate has no rank.
WITH s AS (
    SELECT
        commune_code,
        count(*) AS received,
        count(*) FILTER (WHERE timeliness IN ('early', 'on_time')) AS in_time,
        count(*) FILTER (WHERE timeliness = 'late') AS late,
        count(*) FILTER (WHERE channel = 'online') AS online
    FROM dossiers_as_of
    WHERE received_date BETWEEN period_start() AND as_of()
      AND data_date >= period_start()
    GROUP BY commune_code
),
rates AS (
    SELECT c.position, c.commune_code, c.commune,
           round(CAST(s.in_time AS DOUBLE) / nullif(s.in_time + s.late, 0), 3)
               AS on_time_rate,
           round(CAST(s.online AS DOUBLE) / nullif(s.received, 0), 3) AS online_share
    FROM s JOIN communes c ON c.commune_code = s.commune_code
),
ranked AS (
    SELECT *,
        CASE WHEN on_time_rate IS NOT NULL
             THEN rank() OVER (ORDER BY on_time_rate DESC NULLS LAST) END AS on_time_rank,
        CASE WHEN on_time_rate IS NOT NULL
             THEN count(*) OVER (PARTITION BY on_time_rate) END AS on_time_tied,
        CASE WHEN online_share IS NOT NULL
             THEN rank() OVER (ORDER BY online_share DESC NULLS LAST) END AS online_rank,
        CASE WHEN online_share IS NOT NULL
             THEN count(*) OVER (PARTITION BY online_share) END AS online_tied
    FROM rates
)
SELECT
    commune_code,
    commune,
    on_time_rate,
    on_time_rank,
    CASE WHEN on_time_tied > 1
         THEN 'đồng hạng ' || CAST(on_time_rank AS VARCHAR) || ' (' ||
              CAST(on_time_tied AS VARCHAR) || ' xã)' END AS on_time_tie,
    online_share,
    online_rank,
    CASE WHEN online_tied > 1
         THEN 'đồng hạng ' || CAST(online_rank AS VARCHAR) || ' (' ||
              CAST(online_tied AS VARCHAR) || ' xã)' END AS online_tie
FROM ranked
ORDER BY on_time_rank NULLS LAST, position
