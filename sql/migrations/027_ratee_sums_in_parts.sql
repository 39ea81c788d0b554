-- rating_ratee built in two halves at once.
--
-- rating_ratee sums each ratee's ratings in two groupings: per rater (a rater's value is the mean of
-- their items), then per ratee (twenty aggregates). PostgreSQL ran the first in parallel workers but
-- finished it, and ran all of the second, in the one leader process: 7.0 s of a 2 M-employee,
-- 10 M-rating year (CREATE TABLE AS in psql), the largest statement of its publish.
-- Both groupings are per ratee, so the ratees split into parts that need nothing of each other:
-- kinerja.ratee_sums computes one part (the ratees whose NIP hashes to it), and the definition
-- appends two parts. A parallel-safe plpgsql function is a plan leaf PostgreSQL cannot flatten,
-- so each part runs whole in its own process (Parallel Append), and the join to employee and the
-- sort are parallel too: 3.9-4.2 s against 7.0 s, the same rows (psql, EXCEPT ALL both ways).
-- Two parts: a Gather has at most three processes (max_parallel_workers_per_gather = 2), and the
-- embedded cluster's machine two cores.
CREATE FUNCTION kinerja.ratee_sums(p_cells regclass, p_part integer, p_parts integer)
    RETURNS TABLE (nip text, period text, year smallint, raters integer, value_sum numeric, value_ss float8,
                   value_max numeric, band_counts integer[], step_counts integer[],
                   atasan numeric, rekan numeric, bawahan numeric, diri numeric)
    LANGUAGE plpgsql STABLE PARALLEL SAFE ROWS 1000000 COST 100000 SET search_path = pg_catalog, pg_temp
AS $f$
BEGIN
    -- sorted groupings (rating_ratee's planner settings, which the workers share): the twenty
    -- aggregate states per ratee made a hashed grouping spill (019)
    RETURN QUERY EXECUTE format($q$
          SELECT c.nip, c.period, c.year, count(*)::integer AS raters, sum(c.value) AS value_sum,
                 (var_pop(c.value) * count(*))::float8 AS value_ss, max(c.value) AS value_max,
                 ARRAY[count(*) FILTER (WHERE c.band = 1), count(*) FILTER (WHERE c.band = 2), count(*) FILTER (WHERE c.band = 3),
                       count(*) FILTER (WHERE c.band = 4), count(*) FILTER (WHERE c.band = 5)]::integer[] AS band_counts,
                 CASE WHEN max(c.value) <= 5 THEN
                     ARRAY[count(*) FILTER (WHERE c.step = 0), count(*) FILTER (WHERE c.step = 1), count(*) FILTER (WHERE c.step = 2),
                           count(*) FILTER (WHERE c.step = 3), count(*) FILTER (WHERE c.step = 4), count(*) FILTER (WHERE c.step = 5)]::integer[]
                 END AS step_counts,
                 avg(c.value) FILTER (WHERE c.role = 'atasan') AS atasan, avg(c.value) FILTER (WHERE c.role = 'rekan') AS rekan,
                 avg(c.value) FILTER (WHERE c.role = 'bawahan') AS bawahan, avg(c.value) FILTER (WHERE c.role = 'diri') AS diri
          FROM (SELECT nip, period, year, role, value,
                       kinerja.rating_category(value, 100) AS band, kinerja.rating_category(value, 5) AS step
                FROM (SELECT nip, period, year, rater_nip, min(rater_role) AS role, sum(score_sum) / sum(items) AS value
                      FROM %s WHERE (hashtext(nip) & 2147483647) %% %s = %s
                      GROUP BY nip, period, year, rater_nip) v) c
          GROUP BY c.nip, c.period, c.year$q$, p_cells, p_parts, p_part);
END
$f$;

UPDATE kinerja.derived_year_table SET definition = $sql$
    SELECT t.year, t.period, e.unit_code, t.nip, t.raters, t.value_sum, t.value_ss, t.value_max, t.band_counts, t.step_counts,
           ARRAY[kinerja.rating_category(t.atasan, 100), kinerja.rating_category(t.rekan, 100),
                 kinerja.rating_category(t.bawahan, 100), kinerja.rating_category(t.diri, 100)] AS role_bands,
           ARRAY[kinerja.rating_category(t.atasan, 5), kinerja.rating_category(t.rekan, 5),
                 kinerja.rating_category(t.bawahan, 5), kinerja.rating_category(t.diri, 5)] AS role_steps
    FROM (SELECT * FROM kinerja.ratee_sums('{rating_cell}', 0, 2)
          UNION ALL
          SELECT * FROM kinerja.ratee_sums('{rating_cell}', 1, 2)) t
    JOIN {employee} e ON e.nip = t.nip
    ORDER BY e.unit_code, t.nip   -- a unit's rows together on disk, as in its index
$sql$
WHERE table_name = 'rating_ratee';
