-- Rows that repeat a key of the year's table. Not part of the check: the unique index the publish
-- builds finds a duplicate anyway, in the sort it needs for the index, so this query (a second sort
-- of the whole file) only runs when that index build failed or the load is already rejected.
INSERT INTO pg_temp.rejection (file, line, field, value, reason)
SELECT 'appraisals.csv', line, 'period', period,
       'NIP ' || nip || ' already has an appraisal for period ' || period || ' (line ' || first_line || ')'
FROM (SELECT line, nip, period, min(line) OVER (PARTITION BY nip, period) AS first_line
      FROM pg_temp.ready_appraisal WHERE nip IS NOT NULL AND period IS NOT NULL) d
WHERE line <> first_line
