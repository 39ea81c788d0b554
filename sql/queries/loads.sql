-- The load history, newest first. A 'running' attempt whose connection is gone was interrupted
-- (the loader was killed, or the server restarted): it is shown as such.
-- $1: year or NULL for all; $2: limit.
SELECT b.batch_id,
       b.year,
       CASE WHEN b.outcome = 'running' AND NOT EXISTS (SELECT FROM pg_stat_activity a WHERE a.pid = b.backend_pid)
            THEN 'interrupted' ELSE b.outcome END AS outcome,
       b.dry_run,
       to_char(b.started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS started_at,
       round(extract(epoch FROM b.finished_at - b.started_at)::numeric, 1)::float8 AS seconds,
       (SELECT coalesce(sum((f ->> 'rows')::bigint), 0) FROM jsonb_array_elements(b.files) f)::bigint AS rows,
       b.rejected,
       b.db_user,
       b.source,
       (SELECT string_agg((f ->> 'file') || ' ' || left(f ->> 'sha256', 12), '; ' ORDER BY f ->> 'file') FROM jsonb_array_elements(b.files) f) AS files
FROM kinerja.load_batch b
WHERE $1::int IS NULL OR b.year = $1::int
ORDER BY b.batch_id DESC
LIMIT $2::int
