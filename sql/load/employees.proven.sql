-- Every rule of employees.csv: kinerja.employee's NOT NULLs and CHECKs (the NIP layout on
-- kinerja.nip_problem, the sets, a year column naming another year: ready_employee's year is then
-- NULL) and its foreign keys (the unit, and the grade of the ASN type) prove them all, so
-- employees.csv has no check file. Run only to explain a failed load or in a dry run (see README.md).
INSERT INTO pg_temp.rejection (file, line, field, value, reason)
SELECT 'employees.csv', r.line, r.field, r.value, r.reason
FROM pg_temp.ready_employee e
CROSS JOIN LATERAL (
    SELECT e.line, f.field, NULL::text AS value, f.field || ' is empty' AS reason
    FROM (VALUES ('nip', e.nip), ('name', e.name), ('asn_type', e.asn_type), ('unit_code', e.unit_code)) AS f(field, value)
    WHERE f.value IS NULL
    UNION ALL
    SELECT e.line, 'nip', e.nip, kinerja.nip_problem(e.nip, e.asn_type)
    WHERE e.nip IS NOT NULL AND kinerja.nip_problem(e.nip, e.asn_type) IS NOT NULL
    UNION ALL
    SELECT e.line, 'year', e.raw_year, 'year ' || e.raw_year || ' is not the year being loaded (' || $1::int || ')'
    WHERE e.year IS NULL
    UNION ALL
    SELECT e.line, 'asn_type', e.asn_type, 'asn_type ' || e.asn_type || ' must be PNS or PPPK'
    WHERE e.asn_type NOT IN ('PNS', 'PPPK')
    UNION ALL
    SELECT e.line, 'position_type', e.position_type, 'position_type ' || e.position_type || ' must be struktural, fungsional or pelaksana'
    WHERE e.position_type NOT IN ('struktural', 'fungsional', 'pelaksana')
    UNION ALL
    SELECT e.line, 'grade', e.grade,
           'grade ' || e.grade || ' is not a ' || e.asn_type || ' grade (' || CASE e.asn_type WHEN 'PNS' THEN 'I/a to IV/e' ELSE 'I to XVII' END || ')'
    WHERE e.grade IS NOT NULL AND e.asn_type IN ('PNS', 'PPPK')
      AND NOT EXISTS (SELECT FROM kinerja.grade g WHERE g.asn_type = e.asn_type AND g.code = e.grade)
) r
-- only rows with some problem reach the per-row rules above (millions do not): the disjunction of
-- their conditions, in the same order; the grade test as a hashed NOT IN rather than a probe per row
WHERE e.nip IS NULL OR e.name IS NULL OR e.asn_type IS NULL OR e.unit_code IS NULL
   OR kinerja.nip_problem(e.nip, e.asn_type) IS NOT NULL
   OR e.year IS NULL
   OR e.asn_type NOT IN ('PNS', 'PPPK')
   OR e.position_type NOT IN ('struktural', 'fungsional', 'pelaksana')
   OR (e.grade IS NOT NULL AND (e.asn_type, e.grade) NOT IN (SELECT asn_type, code FROM kinerja.grade))
UNION ALL
-- outside the per-row part, so that PostgreSQL can make it one hash anti-join
SELECT 'employees.csv', e.line, 'unit_code', e.unit_code, 'unit ' || e.unit_code || ' is not in units.csv'
FROM pg_temp.ready_employee e
WHERE e.unit_code IS NOT NULL AND NOT EXISTS (SELECT FROM pg_temp.ready_unit u WHERE u.unit_code = e.unit_code)
