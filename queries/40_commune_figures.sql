-- title: Số liệu do xã tự báo cáo
-- sheet: Số liệu xã báo cáo
-- The communes' own figures that the dossier records cannot check (digital teams,
-- training classes, meetings, ...).
SELECT
    c.commune_code,
    c.commune,
    i.label,
    i.value,
    i.unit,
    i.note
FROM indicators i
JOIN communes c ON c.commune_code = i.commune_code
WHERE NOT starts_with(i.indicator, 'reported_')
ORDER BY c.position, i.source_file, i.source_line
