-- title: Hồ sơ tiếp nhận chưa được số liệu báo cáo phân loại
-- sheet: Chưa phân loại
-- Reported received minus every outcome the commune reported; where the gap is not
-- zero, the records say which dossiers the published figures leave out.
WITH rep AS (
    SELECT
        commune_code,
        max(CASE WHEN indicator = 'reported_received' THEN value END) AS received,
        max(CASE WHEN indicator = 'reported_resolved' THEN value END) AS resolved,
        max(CASE WHEN indicator = 'reported_processing' THEN value END) AS processing,
        max(CASE WHEN indicator = 'reported_paused' THEN value END) AS paused,
        max(CASE WHEN indicator = 'reported_returned' THEN value END) AS returned,
        max(CASE WHEN indicator = 'reported_withdrawn' THEN value END) AS withdrawn
    FROM indicators
    GROUP BY commune_code
),
rec AS (
    SELECT
        d.commune_code,
        count(*) FILTER (WHERE status = 'resolved') AS resolved,
        count(*) FILTER (WHERE status = 'processing') AS processing,
        count(*) FILTER (WHERE status = 'paused') AS paused,
        count(*) FILTER (WHERE status = 'returned') AS returned,
        count(*) FILTER (WHERE status = 'withdrawn') AS withdrawn
    FROM dossiers_as_of d
    WHERE d.received_date BETWEEN period_start() AND as_of()
    GROUP BY d.commune_code
),
balance AS (
    SELECT
        c.position,
        c.commune_code,
        c.commune,
        rep.received AS reported_received,
        coalesce(rep.resolved, 0) + coalesce(rep.processing, 0) + coalesce(rep.paused, 0)
            + coalesce(rep.returned, 0) + coalesce(rep.withdrawn, 0) AS reported_outcomes,
        CASE WHEN rep.resolved IS NULL THEN rec.resolved ELSE 0 END AS unreported_resolved,
        CASE WHEN rep.processing IS NULL THEN rec.processing ELSE 0 END AS unreported_processing,
        CASE WHEN rep.paused IS NULL THEN rec.paused ELSE 0 END AS unreported_paused,
        CASE WHEN rep.returned IS NULL THEN rec.returned ELSE 0 END AS unreported_returned,
        CASE WHEN rep.withdrawn IS NULL THEN rec.withdrawn ELSE 0 END AS unreported_withdrawn
    FROM rep
    JOIN communes c ON c.commune_code = rep.commune_code
    LEFT JOIN rec ON rec.commune_code = rep.commune_code
    WHERE rep.received IS NOT NULL
)
SELECT
    commune_code,
    commune,
    reported_received,
    reported_outcomes,
    reported_received - reported_outcomes AS gap,
    unreported_resolved + unreported_processing + unreported_paused
        + unreported_returned + unreported_withdrawn AS recorded_unreported,
    concat_ws(', ',
        CASE WHEN unreported_resolved > 0 THEN unreported_resolved || ' đã giải quyết' END,
        CASE WHEN unreported_processing > 0 THEN unreported_processing || ' đang giải quyết' END,
        CASE WHEN unreported_paused > 0 THEN unreported_paused || ' tạm dừng' END,
        CASE WHEN unreported_returned > 0 THEN unreported_returned || ' trả lại' END,
        CASE WHEN unreported_withdrawn > 0 THEN unreported_withdrawn || ' rút hồ sơ' END
    ) AS explanation
FROM balance
ORDER BY position
