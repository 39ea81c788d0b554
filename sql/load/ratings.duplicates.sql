-- Rows that repeat a key of the year's table. Not part of the check: the unique index the publish
-- builds finds a duplicate anyway, in the sort it needs for the index, so this query (a second sort
-- of the whole file) only runs when that index build failed or the load is already rejected.
INSERT INTO pg_temp.rejection (file, line, field, value, reason)
SELECT 'ratings.csv', line, 'item', item,
       'rater ' || rater_nip || ' already rated NIP ' || nip || ' on ' || item || ' for period ' || period || ' (line ' || first_line || ')'
FROM (SELECT line, nip, rater_nip, item, period, min(line) OVER (PARTITION BY nip, rater_nip, item, period) AS first_line
      FROM pg_temp.ready_rating WHERE nip IS NOT NULL AND rater_nip IS NOT NULL AND item IS NOT NULL AND period IS NOT NULL) d
WHERE line <> first_line
