-- title: Hồ sơ giải quyết trễ hạn theo lĩnh vực
-- role: late_by_field
-- sheet: Trễ hạn theo lĩnh vực
SELECT
    c.commune_code,
    c.commune,
    coalesce(d.field, '(không ghi lĩnh vực)') AS field,
    count(*) AS late
FROM dossiers_as_of d
JOIN communes c ON c.commune_code = d.commune_code
WHERE d.timeliness = 'late'
  AND d.received_date BETWEEN period_start() AND as_of()
GROUP BY c.position, c.commune_code, c.commune, d.field
ORDER BY c.position, late DESC, field
