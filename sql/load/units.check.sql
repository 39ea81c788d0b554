INSERT INTO pg_temp.rejection (file, line, field, value, reason)
SELECT 'units.csv', r.line, r.field, r.value, r.reason
FROM pg_temp.ready_unit u
CROSS JOIN LATERAL (
    SELECT u.line, f.field, NULL::text AS value, f.field || ' is empty' AS reason
    FROM (VALUES ('instansi_code', u.instansi_code), ('instansi_name', u.instansi_name),
                 ('unit_code', u.unit_code), ('unit_name', u.unit_name)) AS f(field, value)
    WHERE f.value IS NULL
    UNION ALL
    SELECT u.line, 'year', u.raw_year, 'year ' || u.raw_year || ' is not the year being loaded (' || $1::int || ')'
    WHERE u.raw_year IS DISTINCT FROM $1::int::text AND u.raw_year IS NOT NULL
    UNION ALL
    SELECT u.line, 'parent_unit_code', u.parent_unit_code, 'a unit cannot be its own parent'
    WHERE u.parent_unit_code = u.unit_code
    UNION ALL
    -- codes are keys (indexed, repeated in every row that refers to them): short, as codes are
    SELECT u.line, f.field, left(f.value, 40) || '...', f.field || ' is ' || length(f.value) || ' characters long; a code has at most 64'
    FROM (VALUES ('instansi_code', u.instansi_code), ('unit_code', u.unit_code), ('parent_unit_code', u.parent_unit_code)) AS f(field, value)
    WHERE length(f.value) > 64
) r
UNION ALL
-- the same unit twice
SELECT 'units.csv', line, 'unit_code', unit_code, 'unit_code ' || unit_code || ' appears more than once (first on line ' || first_line || ')'
FROM (SELECT line, unit_code, min(line) OVER (PARTITION BY unit_code) AS first_line FROM pg_temp.ready_unit WHERE unit_code IS NOT NULL) d
WHERE line <> first_line
UNION ALL
-- parents must be units of the same file
SELECT 'units.csv', u.line, 'parent_unit_code', u.parent_unit_code, 'parent unit ' || u.parent_unit_code || ' is not in units.csv'
FROM pg_temp.ready_unit u
WHERE u.parent_unit_code IS NOT NULL
  AND NOT EXISTS (SELECT FROM pg_temp.ready_unit p WHERE p.unit_code = u.parent_unit_code)
UNION ALL
-- one name per instansi
SELECT 'units.csv', line, 'instansi_name', instansi_name,
       'instansi ' || instansi_code || ' has another name on line ' || first_line || ' (' || first_name || ')'
FROM (SELECT line, instansi_code, instansi_name,
             first_value(line) OVER w AS first_line, first_value(instansi_name) OVER w AS first_name
      FROM pg_temp.ready_unit WHERE instansi_code IS NOT NULL AND instansi_name IS NOT NULL
      WINDOW w AS (PARTITION BY instansi_code ORDER BY line)) n
WHERE instansi_name <> first_name
UNION ALL
-- the hierarchy must be a tree: no unit may be its own ancestor
SELECT 'units.csv', c.line, 'parent_unit_code', c.parent_unit_code, 'the parent chain of unit ' || c.unit_code || ' loops back to it'
FROM (
    WITH RECURSIVE chain(start_code, code, depth) AS (
        SELECT unit_code, parent_unit_code, 1 FROM pg_temp.ready_unit WHERE parent_unit_code IS NOT NULL AND parent_unit_code <> unit_code
        UNION ALL
        SELECT c.start_code, u.parent_unit_code, c.depth + 1
        FROM chain c JOIN pg_temp.ready_unit u ON u.unit_code = c.code
        WHERE u.parent_unit_code IS NOT NULL AND c.code <> c.start_code AND c.depth < 100
    )
    SELECT DISTINCT u.line, u.unit_code, u.parent_unit_code
    FROM chain JOIN pg_temp.ready_unit u ON u.unit_code = chain.start_code
    WHERE chain.code = chain.start_code
) c
