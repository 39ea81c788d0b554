-- The rules of appraisals.csv that publish_year's reference check proves (kinerja.year_reference,
-- migration 021, raised as a foreign key violation): the employee and the rater exist. Run only to
-- explain a failed load or in a dry run (see README.md); on a good load the publish proves them.
INSERT INTO pg_temp.rejection (file, line, field, value, reason)
SELECT 'appraisals.csv', a.line, 'nip', a.nip, 'NIP ' || a.nip || ' is not in employees.csv'
FROM pg_temp.ready_appraisal a
WHERE a.nip IS NOT NULL AND NOT EXISTS (SELECT FROM pg_temp.ready_employee e WHERE e.nip = a.nip)
UNION ALL
SELECT 'appraisals.csv', a.line, 'rater_nip', a.rater_nip, 'rater NIP ' || a.rater_nip || ' is not in employees.csv'
FROM pg_temp.ready_appraisal a
WHERE a.rater_nip IS NOT NULL AND NOT EXISTS (SELECT FROM pg_temp.ready_employee e WHERE e.nip = a.rater_nip)
