-- title: Tệp không đọc được
-- role: unreadable_files
-- sheet: Tệp không đọc được
-- Exports that could not be read as an export at all (not decodable, no header,
-- unreadable, changed while read, a quote that never closes): left out of the run,
-- the other exports loaded; each commune keeps its earlier data, if any.
SELECT
    c.commune_code,
    c.commune,
    f.kind,
    f.source_file,
    f.error
FROM files f
JOIN (SELECT * FROM communes UNION ALL SELECT * FROM sources) c ON c.commune_code = f.commune_code
WHERE f.status = 'quarantined'
ORDER BY c.position, f.source_file
