-- title: Thủ tục hành chính đang thực hiện
-- sheet: Thủ tục hành chính
SELECT
    c.commune_code,
    c.commune,
    count(DISTINCT p.procedure_code) AS procedures,
    count(DISTINCT p.field) AS fields,
    count(*) FILTER (WHERE p.online_level = 'full') AS online_full,
    count(*) FILTER (WHERE p.online_level = 'partial') AS online_partial
FROM procedures p
JOIN communes c ON c.commune_code = p.commune_code
GROUP BY c.position, c.commune_code, c.commune
ORDER BY c.position
