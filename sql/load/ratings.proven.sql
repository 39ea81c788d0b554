-- Every rule of ratings.csv: kinerja.rating's NOT NULLs and CHECKs and publish_year's check of
-- rating_cell's references to kinerja.employee (kinerja.year_reference) prove them all, so ratings.csv has no check file. Run only to explain a failed
-- load or in a dry run (see README.md).
INSERT INTO pg_temp.rejection (file, line, field, value, reason)
WITH employee AS MATERIALIZED (      -- the NIPs of employees.csv, once for both joins below
    SELECT DISTINCT nip FROM pg_temp.ready_employee WHERE nip IS NOT NULL
)
SELECT 'ratings.csv', r.line, r.field, r.value, r.reason
FROM pg_temp.ready_rating a
-- one pass over the rows: the employees are joined, not probed in a second and third scan
LEFT JOIN employee ratee ON ratee.nip = a.nip
LEFT JOIN employee rater ON rater.nip = a.rater_nip
-- the cells as written, trimmed: only for the rows that reach the rules (see the WHERE)
CROSS JOIN LATERAL (SELECT kinerja.cell(a.raw_period) AS period, kinerja.cell(a.raw_item) AS item,
                           kinerja.cell(a.raw_score) AS score, kinerja.cell(a.raw_year) AS year) raw
CROSS JOIN LATERAL (
    SELECT a.line, f.field, NULL::text AS value, f.field || ' is empty' AS reason
    FROM (VALUES ('nip', a.nip), ('period', raw.period), ('rater_nip', a.rater_nip), ('rater_role', a.rater_role),
                 ('item', raw.item), ('score', raw.score)) AS f(field, value)
    WHERE f.value IS NULL
    UNION ALL
    SELECT a.line, 'year', raw.year, 'year ' || raw.year || ' is not the year being loaded (' || $1::int || ')'
    WHERE a.year IS NULL   -- the view's year: NULL when the row's year column names another
    UNION ALL
    SELECT a.line, 'period', raw.period, 'period ' || raw.period || ' is not Y, S1-S2, Q1-Q4 or M01-M12'
    WHERE raw.period IS NOT NULL AND a.period IS NULL
    UNION ALL
    SELECT a.line, 'rater_role', a.rater_role, 'rater_role ' || a.rater_role || ' must be atasan, rekan, bawahan or diri'
    WHERE a.rater_role NOT IN ('atasan', 'rekan', 'bawahan', 'diri')
    UNION ALL
    SELECT a.line, 'item', raw.item, 'item ' || raw.item || ' is not a BerAKHLAK value, a PP 46/2011 aspect or OVERALL'
    WHERE raw.item IS NOT NULL AND a.item IS NULL
    UNION ALL
    SELECT a.line, 'score', raw.score, 'score ' || raw.score || ' is not a number'
    WHERE raw.score IS NOT NULL AND a.score IS NULL
    UNION ALL
    SELECT a.line, 'score', raw.score, 'score ' || raw.score || ' is outside 0-120'
    WHERE a.score < 0 OR a.score > 120
    UNION ALL
    SELECT a.line, 'rater_nip', a.rater_nip, 'rater_nip equals nip, which only a self rating (rater_role diri) may do'
    WHERE a.rater_nip = a.nip AND a.rater_role IS DISTINCT FROM 'diri'
    UNION ALL
    SELECT a.line, 'rater_nip', a.rater_nip, 'a self rating (rater_role diri) must have rater_nip equal to nip'
    WHERE a.rater_role = 'diri' AND a.rater_nip IS DISTINCT FROM a.nip
    UNION ALL
    SELECT a.line, 'nip', a.nip, 'NIP ' || a.nip || ' is not in employees.csv'
    WHERE a.nip IS NOT NULL AND ratee.nip IS NULL
    UNION ALL
    SELECT a.line, 'rater_nip', a.rater_nip, 'rater NIP ' || a.rater_nip || ' is not in employees.csv'
    WHERE a.rater_nip IS NOT NULL AND a.rater_nip IS DISTINCT FROM a.nip AND rater.nip IS NULL
) r
-- only rows with some problem reach the per-row rules above (tens of millions do not): this is the
-- disjunction of their conditions, in the same order
-- (an empty period, item or score decodes to NULL, so the tests of the decoded values cover them,
-- and a year column naming another year makes the decoded year NULL)
WHERE a.nip IS NULL OR a.rater_nip IS NULL OR a.rater_role IS NULL
   OR a.year IS NULL
   OR a.period IS NULL
   OR a.rater_role NOT IN ('atasan', 'rekan', 'bawahan', 'diri')
   OR a.item IS NULL
   OR a.score IS NULL
   OR a.score < 0 OR a.score > 120
   OR (a.rater_nip = a.nip) IS DISTINCT FROM (a.rater_role = 'diri')
   OR (a.nip IS NOT NULL AND ratee.nip IS NULL)
   OR (a.rater_nip IS NOT NULL AND a.rater_nip IS DISTINCT FROM a.nip AND rater.nip IS NULL)
