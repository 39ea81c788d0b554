-- The label: derived from the score's band (numeric regimes) or the 3x3 matrix (PermenPANRB 6/2022).
-- A given predikat is kept when the regime allows it for that score (PP 30/2019's Sangat Baik needs
-- an innovation the data does not record); any other disagreement is rejected by the check.
--
-- Why code tables: deriving a label takes several lookups (bands, matrix, aliases), and a period a
-- regular expression. A year has millions of appraisals but only thousands of distinct (regime,
-- score, hasil_kerja, perilaku_kerja, predikat) combinations and a handful of periods, so each is
-- decoded once, into a small table keyed by its raw text, and every row finds its values there by
-- a hash join on the five cells (as the ratings do, sql/load/ratings.ready.sql; a national year's
-- 4.7 million appraisals: 48 s when each row looked its combination up in a jsonb map; the join on
-- one text made of the five took 4.4 s of the publish's read of ready_appraisal, on the five
-- 3.5 s). Keys use coalesce(raw, ''): an empty cell and a missing one decode alike.
CREATE TEMP TABLE appraisal_code ON COMMIT DROP AS
WITH combination AS (
    SELECT DISTINCT coalesce(regime, '') AS regime, coalesce(score, '') AS score, coalesce(hasil_kerja, '') AS hasil_kerja,
                    coalesce(perilaku_kerja, '') AS perilaku_kerja, coalesce(predikat, '') AS predikat
    FROM pg_temp.stage_appraisals
),
parsed AS (
    SELECT c.*,
           r.code AS regime_code,
           r.is_numeric,
           round(kinerja.parse_decimal(c.score, $2), 2) AS score_value,   -- as stored: numeric(6,2)
           hk.code AS hasil_kerja_code,
           pk.code AS perilaku_kerja_code,
           (SELECT la.label_code FROM kinerja.label_alias la
            WHERE la.regime = r.code AND la.alias = kinerja.normalize_label(c.predikat)) AS given_label
    FROM combination c
    LEFT JOIN kinerja.regime r ON r.code = upper(kinerja.cell(c.regime))
    LEFT JOIN kinerja.expectation hk ON hk.code = kinerja.normalize_label(c.hasil_kerja)
    LEFT JOIN kinerja.expectation pk ON pk.code = kinerja.normalize_label(c.perilaku_kerja)
),
derived AS (
    SELECT p.*,
           CASE WHEN p.is_numeric THEN kinerja.band_label(p.regime_code, p.score_value)
                ELSE (SELECT m.label_code FROM kinerja.predikat_matrix m
                      WHERE m.regime = p.regime_code AND m.hasil_kerja = p.hasil_kerja_code AND m.perilaku_kerja = p.perilaku_kerja_code) END AS derived_label
    FROM parsed p
),
labelled AS (
    SELECT d.*,
           coalesce(CASE WHEN d.given_label IS NOT NULL AND d.is_numeric AND kinerja.band_allows(d.regime_code, d.given_label, d.score_value)
                         THEN d.given_label END, d.derived_label) AS label_code
    FROM derived d
)
SELECT l.regime AS key_regime, l.score AS key_score, l.hasil_kerja AS key_hasil_kerja,
       l.perilaku_kerja AS key_perilaku_kerja, l.predikat AS key_predikat,
       $1::smallint AS year,   -- the year being loaded, for every row (each finds its combination)
       l.regime_code, l.is_numeric, l.score_value, l.hasil_kerja_code, l.perilaku_kerja_code,
       l.derived_label, l.given_label, l.label_code, rl.step,
       -- the cells as written, trimmed, for the check's messages
       upper(kinerja.cell(l.regime)) AS raw_regime, kinerja.cell(l.score) AS raw_score,
       kinerja.cell(l.hasil_kerja) AS raw_hasil_kerja, kinerja.cell(l.perilaku_kerja) AS raw_perilaku_kerja,
       kinerja.cell(l.predikat) AS raw_predikat
FROM labelled l
LEFT JOIN kinerja.regime_label rl ON rl.regime = l.regime_code AND rl.label_code = l.label_code;

CREATE TEMP TABLE appraisal_period ON COMMIT DROP AS
SELECT raw, kinerja.parse_period(raw) AS code, kinerja.cell(raw) AS raw_period
FROM (SELECT DISTINCT coalesce(period, '') AS raw FROM pg_temp.stage_appraisals) d;

-- Row counts for the planner: with them both lookups below are hash joins over a few rows. No
-- statistics of the code keys: one regime's rows share most key cells, and from their frequencies
-- the planner expects a probe of a few rows to meet several, so it hashed the two million staged
-- rows and probed them with the codes instead (4.7 s against 3.7 s for the publish's write of a
-- 2 M-appraisal year, psql).
ALTER TABLE pg_temp.appraisal_code ALTER COLUMN key_regime SET STATISTICS 0, ALTER COLUMN key_score SET STATISTICS 0,
    ALTER COLUMN key_hasil_kerja SET STATISTICS 0, ALTER COLUMN key_perilaku_kerja SET STATISTICS 0,
    ALTER COLUMN key_predikat SET STATISTICS 0;
ANALYZE pg_temp.stage_appraisals, pg_temp.appraisal_code, pg_temp.appraisal_period;

-- A view, not a table, as for ratings (ratings.ready.sql): on a good load it is read once, by the
-- publish as it writes the year's new partition, whose constraints prove the rules of the row itself
-- (appraisals.proven.sql); the rules of its codes were checked once per combination
-- (appraisals.check.sql). National year: the table took 10 s to write and the publish 5 s to copy
-- it; the check read it in 1.9 s. OFFSET 0 keeps the decoding in the subquery (each NIP trimmed
-- once per row). Every row has its code rows; left joins keep every row in the planner's estimate.
CREATE TEMP VIEW ready_appraisal AS
SELECT * FROM (
SELECT s.line,
       -- the year being loaded; NULL when the row's year column names another, so that the NOT NULL
       -- refuses it too
       CASE WHEN kinerja.cell(s.year) IS NULL OR kinerja.cell(s.year) = c.year::text THEN c.year END AS year,
       kinerja.cell(s.nip) AS nip,
       p.code AS period,
       kinerja.cell(s.rater_nip) AS rater_nip,
       c.regime_code AS regime,
       c.is_numeric,
       c.score_value AS score,
       c.hasil_kerja_code AS hasil_kerja,
       c.perilaku_kerja_code AS perilaku_kerja,
       c.derived_label,
       c.given_label,
       p.raw_period,
       c.raw_regime,
       c.raw_score,
       c.raw_hasil_kerja,
       c.raw_perilaku_kerja,
       c.raw_predikat,
       kinerja.cell(s.year) AS raw_year,
       c.label_code,
       c.step
FROM pg_temp.stage_appraisals s
-- (appraisals.check.sql joins the broken codes back to the staged rows on the same keys)
LEFT JOIN pg_temp.appraisal_period p ON p.raw = coalesce(s.period, '')
LEFT JOIN pg_temp.appraisal_code c
       ON c.key_regime = coalesce(s.regime, '') AND c.key_score = coalesce(s.score, '') AND c.key_hasil_kerja = coalesce(s.hasil_kerja, '')
      AND c.key_perilaku_kerja = coalesce(s.perilaku_kerja, '') AND c.key_predikat = coalesce(s.predikat, '')
OFFSET 0) r;
