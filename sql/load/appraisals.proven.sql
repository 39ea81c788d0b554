-- The rules of appraisals.csv that kinerja.appraisal's constraints prove, run only to explain a
-- failed load or in a dry run (see README.md); on a good load the publish proves them:
-- - the rules of the row itself: a NIP (NOT NULL), the year being loaded (ready_appraisal's year is
--   NULL otherwise: NOT NULL), a rater other than the ratee (CHECK);
-- - the employee and the rater exist (publish_year's reference check, kinerja.year_reference,
--   migration 021, raised as a foreign key violation).
INSERT INTO pg_temp.rejection (file, line, field, value, reason)
SELECT 'appraisals.csv', a.line, r.field, r.value, r.reason
FROM pg_temp.ready_appraisal a
CROSS JOIN LATERAL (
    SELECT 'nip' AS field, NULL::text AS value, 'nip is empty' AS reason
    WHERE a.nip IS NULL
    UNION ALL
    SELECT 'year', a.raw_year, 'year ' || a.raw_year || ' is not the year being loaded (' || $1::int || ')'
    WHERE a.year IS NULL   -- ready_appraisal's year is NULL just when the row's year column names another
    UNION ALL
    SELECT 'rater_nip', a.rater_nip, 'an employee cannot be their own rater (rater_nip = nip)'
    WHERE a.rater_nip = a.nip
) r
WHERE a.nip IS NULL OR a.year IS NULL OR a.rater_nip = a.nip;
INSERT INTO pg_temp.rejection (file, line, field, value, reason)
SELECT 'appraisals.csv', a.line, 'nip', a.nip, 'NIP ' || a.nip || ' is not in employees.csv'
FROM pg_temp.ready_appraisal a
WHERE a.nip IS NOT NULL AND NOT EXISTS (SELECT FROM pg_temp.ready_employee e WHERE e.nip = a.nip)
UNION ALL
SELECT 'appraisals.csv', a.line, 'rater_nip', a.rater_nip, 'rater NIP ' || a.rater_nip || ' is not in employees.csv'
FROM pg_temp.ready_appraisal a
WHERE a.rater_nip IS NOT NULL AND NOT EXISTS (SELECT FROM pg_temp.ready_employee e WHERE e.nip = a.rater_nip)
