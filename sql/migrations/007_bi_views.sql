-- Stable views for BI tools (Metabase, Superset, Grafana's PostgreSQL source), readable by
-- kinerja_reader. Every series has `time` (the start of its period) for time-series panels.
-- Aggregates over fewer people than kinerja.setting('min_group_size') show no ratings, as in the
-- CLI and the HTTP endpoint. Field names follow the JSON of `kinerja trend`.
-- These views are an interface: change them only by adding columns or new views.

CREATE TABLE kinerja.setting (
    name   text PRIMARY KEY,
    value  text NOT NULL
);
INSERT INTO kinerja.setting VALUES ('min_group_size', '5');
COMMENT ON TABLE kinerja.setting IS 'Settings the SQL interface reads; min_group_size: small-group suppression threshold.';

CREATE SCHEMA kinerja_bi;
COMMENT ON SCHEMA kinerja_bi IS 'kinerja for BI tools: stable, documented, aggregate-only views.';

CREATE VIEW kinerja_bi.unit_trend AS
WITH t AS (SELECT value::int AS threshold FROM kinerja.setting WHERE name = 'min_group_size'),
agg AS (
    SELECT r.year, r.period, r.unit_code, sum(r.n)::int AS n,
           sum(r.n_step1)::int AS n1, sum(r.n_step2)::int AS n2, sum(r.n_step3)::int AS n3,
           sum(r.n_step4)::int AS n4, sum(r.n_step5)::int AS n5, sum(r.sum_step) AS sum_step,
           sum(r.n_score) AS n_score, sum(r.sum_score) AS sum_score
    FROM kinerja.appraisal_rollup r GROUP BY r.year, r.period, r.unit_code
)
SELECT kinerja.period_start(a.year, a.period)::timestamp AS time, a.year, a.period,
       a.unit_code, u.unit_name, u.parent_unit_code, u.instansi_code, a.n,
       a.n < t.threshold AS suppressed,
       CASE WHEN a.n >= t.threshold THEN a.n1 END AS n_step1,
       CASE WHEN a.n >= t.threshold THEN a.n2 END AS n_step2,
       CASE WHEN a.n >= t.threshold THEN a.n3 END AS n_step3,
       CASE WHEN a.n >= t.threshold THEN a.n4 END AS n_step4,
       CASE WHEN a.n >= t.threshold THEN a.n5 END AS n_step5,
       CASE WHEN a.n >= t.threshold THEN round(a.sum_step::numeric / a.n, 4)::float8 END AS mean_step,
       CASE WHEN a.n >= t.threshold AND a.n_score > 0 THEN round(a.sum_score / a.n_score, 2)::float8 END AS mean_score
FROM agg a
JOIN kinerja.unit u ON u.year = a.year AND u.unit_code = a.unit_code
CROSS JOIN t;
COMMENT ON VIEW kinerja_bi.unit_trend IS 'Per unit (own staff, without sub-units), year and period: counts of each predikat step (5 Sangat Baik .. 1 Buruk/Sangat Kurang), mean step, mean score (numeric regimes). Period Y is the annual result.';

CREATE VIEW kinerja_bi.instansi_trend AS
WITH t AS (SELECT value::int AS threshold FROM kinerja.setting WHERE name = 'min_group_size'),
agg AS (
    SELECT r.year, r.period, u.instansi_code, sum(r.n)::int AS n,
           sum(r.n_step1)::int AS n1, sum(r.n_step2)::int AS n2, sum(r.n_step3)::int AS n3,
           sum(r.n_step4)::int AS n4, sum(r.n_step5)::int AS n5, sum(r.sum_step) AS sum_step,
           sum(r.n_score) AS n_score, sum(r.sum_score) AS sum_score
    FROM kinerja.appraisal_rollup r JOIN kinerja.unit u ON u.year = r.year AND u.unit_code = r.unit_code
    GROUP BY r.year, r.period, u.instansi_code
)
SELECT kinerja.period_start(a.year, a.period)::timestamp AS time, a.year, a.period,
       a.instansi_code, i.instansi_name, a.n,
       a.n < t.threshold AS suppressed,
       CASE WHEN a.n >= t.threshold THEN a.n1 END AS n_step1,
       CASE WHEN a.n >= t.threshold THEN a.n2 END AS n_step2,
       CASE WHEN a.n >= t.threshold THEN a.n3 END AS n_step3,
       CASE WHEN a.n >= t.threshold THEN a.n4 END AS n_step4,
       CASE WHEN a.n >= t.threshold THEN a.n5 END AS n_step5,
       CASE WHEN a.n >= t.threshold THEN round(a.sum_step::numeric / a.n, 4)::float8 END AS mean_step,
       CASE WHEN a.n >= t.threshold AND a.n_score > 0 THEN round(a.sum_score / a.n_score, 2)::float8 END AS mean_score
FROM agg a
JOIN kinerja.instansi i ON i.instansi_code = a.instansi_code
CROSS JOIN t;
COMMENT ON VIEW kinerja_bi.instansi_trend IS 'Per instansi, year and period: as unit_trend, over all its units.';

CREATE VIEW kinerja_bi.units AS
SELECT year, unit_code, unit_name, parent_unit_code, instansi_code FROM kinerja.unit;
COMMENT ON VIEW kinerja_bi.units IS 'The organisation of each year, as loaded from units.csv.';

CREATE VIEW kinerja_bi.loads AS
SELECT batch_id, year, outcome, dry_run, started_at AS time, finished_at, rejected, db_user,
       (SELECT coalesce(sum((f ->> 'rows')::bigint), 0) FROM jsonb_array_elements(files) f)::bigint AS rows
FROM kinerja.load_batch;
COMMENT ON VIEW kinerja_bi.loads IS 'Every load attempt (succeeded, rejected, validated, failed, running).';

GRANT USAGE ON SCHEMA kinerja_bi TO kinerja_reader, kinerja_loader;
GRANT SELECT ON ALL TABLES IN SCHEMA kinerja_bi TO kinerja_reader, kinerja_loader;
GRANT SELECT ON kinerja.setting TO kinerja_reader, kinerja_loader;
