-- A year's rows carry at most a few hundred distinct dates: each is parsed once (parse_date's
-- regular expression and calendar arithmetic) into a small table keyed by its raw text, and every
-- row finds it by a hash join, as appraisals.ready.sql does for its codes (a national year's 0.63 M
-- interventions: 1.4 s instead of 3.7 s in psql). coalesce(raw, ''): empty and missing alike.
CREATE TEMP TABLE intervention_date ON COMMIT DROP AS
SELECT raw, kinerja.parse_date(raw) AS date, kinerja.cell(raw) AS raw_date
FROM (SELECT DISTINCT coalesce(date, '') AS raw FROM pg_temp.stage_interventions) d;

-- Row counts for the planner: with them the lookup below is a hash join over a few rows.
ANALYZE pg_temp.stage_interventions, pg_temp.intervention_date;

-- a left join keeps every row in the planner's estimate (ratings.ready.sql)
CREATE TEMP TABLE ready_intervention ON COMMIT DROP AS
SELECT s.line,
       -- NULL when the row's year column names another year: the year table's NOT NULL refuses it
       -- (interventions.proven.sql names it)
       CASE WHEN kinerja.cell(s.year) IS NULL OR kinerja.cell(s.year) = $1::int::text THEN $1::smallint END AS year,
       kinerja.cell(s.nip) AS nip,
       d.date,
       lower(kinerja.cell(s.kind)) AS kind,
       kinerja.cell(s.note) AS note,
       d.raw_date,
       kinerja.cell(s.year) AS raw_year
FROM pg_temp.stage_interventions s
LEFT JOIN pg_temp.intervention_date d ON d.raw = coalesce(s.date, '');
