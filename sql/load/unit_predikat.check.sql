INSERT INTO pg_temp.rejection (file, line, field, value, reason)
SELECT 'unit_predikat.csv', r.line, r.field, r.value, r.reason
FROM pg_temp.ready_unit_predikat p
CROSS JOIN LATERAL (
    SELECT p.line, f.field, NULL::text AS value, f.field || ' is empty' AS reason
    FROM (VALUES ('unit_code', p.unit_code), ('period', p.raw_period), ('predikat', p.raw_predikat)) AS f(field, value)
    WHERE f.value IS NULL
    UNION ALL
    SELECT p.line, 'year', p.raw_year, 'year ' || p.raw_year || ' is not the year being loaded (' || $1::int || ')'
    WHERE p.raw_year IS DISTINCT FROM $1::int::text AND p.raw_year IS NOT NULL
    UNION ALL
    SELECT p.line, 'period', p.raw_period, 'period ' || p.raw_period || ' is not Y, S1-S2, Q1-Q4 or M01-M12'
    WHERE p.raw_period IS NOT NULL AND p.period IS NULL
    UNION ALL
    SELECT p.line, 'predikat', p.raw_predikat, 'predikat ' || p.raw_predikat || ' must be ISTIMEWA, BAIK, BUTUH_PERBAIKAN, KURANG or SANGAT_KURANG'
    WHERE p.raw_predikat IS NOT NULL AND p.predikat IS NULL
) r
UNION ALL
SELECT 'unit_predikat.csv', p.line, 'unit_code', p.unit_code, 'unit ' || p.unit_code || ' is not in units.csv'
FROM pg_temp.ready_unit_predikat p
WHERE p.unit_code IS NOT NULL AND NOT EXISTS (SELECT FROM pg_temp.ready_unit u WHERE u.unit_code = p.unit_code)
UNION ALL
SELECT 'unit_predikat.csv', line, 'period', period, 'unit ' || unit_code || ' already has a predikat for period ' || period || ' (line ' || first_line || ')'
FROM (SELECT line, unit_code, period, min(line) OVER (PARTITION BY unit_code, period) AS first_line
      FROM pg_temp.ready_unit_predikat WHERE unit_code IS NOT NULL AND period IS NOT NULL) d
WHERE line <> first_line
