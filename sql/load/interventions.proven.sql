-- Every rule of interventions.csv: kinerja.intervention's NOT NULLs and CHECKs (a date that does not
-- parse is NULL; a year column naming another year makes ready_intervention.year NULL) and
-- publish_year's check of its NIP inside the year (kinerja.year_reference) prove them all, so
-- interventions.csv has no check file. Run only to explain a failed load or in a dry run (see
-- README.md).
INSERT INTO pg_temp.rejection (file, line, field, value, reason)
SELECT 'interventions.csv', r.line, r.field, r.value, r.reason
FROM pg_temp.ready_intervention i
CROSS JOIN LATERAL (
    SELECT i.line, f.field, NULL::text AS value, f.field || ' is empty' AS reason
    FROM (VALUES ('nip', i.nip), ('date', i.raw_date), ('kind', i.kind)) AS f(field, value)
    WHERE f.value IS NULL
    UNION ALL
    SELECT i.line, 'year', i.raw_year, 'year ' || i.raw_year || ' is not the year being loaded (' || $1::int || ')'
    WHERE i.year IS NULL
    UNION ALL
    SELECT i.line, 'date', i.raw_date, 'date ' || i.raw_date || ' is not an ISO date (YYYY-MM-DD) in the calendar'
    WHERE i.raw_date IS NOT NULL AND i.date IS NULL
    UNION ALL
    SELECT i.line, 'date', i.raw_date, 'date ' || i.raw_date || ' is not in ' || $1::int
    WHERE extract(year FROM i.date) <> $1::int
    UNION ALL
    SELECT i.line, 'kind', i.kind, 'kind ' || i.kind || ' must be pembinaan, pelatihan, promosi, penghargaan, mutasi or hukuman_disiplin'
    WHERE i.kind NOT IN ('pembinaan', 'pelatihan', 'promosi', 'penghargaan', 'mutasi', 'hukuman_disiplin')
) r
UNION ALL
-- outside the per-row part, so that PostgreSQL can make it one hash anti-join
SELECT 'interventions.csv', i.line, 'nip', i.nip, 'NIP ' || i.nip || ' is not in employees.csv'
FROM pg_temp.ready_intervention i
WHERE i.nip IS NOT NULL AND NOT EXISTS (SELECT FROM pg_temp.ready_employee e WHERE e.nip = i.nip)
