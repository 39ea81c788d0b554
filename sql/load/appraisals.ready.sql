-- The label: derived from the score's band (numeric regimes) or the 3x3 matrix (PermenPANRB 6/2022).
-- A given predikat is kept when the regime allows it for that score (PP 30/2019's Sangat Baik needs
-- an innovation the data does not record); any other disagreement is rejected by the check.
--
-- Why a map: deriving a label takes several lookups (bands, matrix, aliases). A year has millions of
-- appraisals but only thousands of distinct (regime, score, hasil_kerja, perilaku_kerja, predikat)
-- combinations, so each combination is decoded once into a one-row map from its raw text to its
-- decoded values, and every row looks itself up there (a join would leave the plan to a row
-- estimate the planner cannot make on freshly staged text). Keys use coalesce(raw, ''): an empty
-- cell and a missing one decode alike.
CREATE TEMP TABLE ready_appraisal ON COMMIT DROP AS
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
),
map AS MATERIALIZED (
    SELECT jsonb_object_agg(concat_ws(E'\x1f', l.regime, l.score, l.hasil_kerja, l.perilaku_kerja, l.predikat),
                            jsonb_build_object('regime', l.regime_code, 'is_numeric', l.is_numeric, 'score', l.score_value,
                                               'hasil_kerja', l.hasil_kerja_code, 'perilaku_kerja', l.perilaku_kerja_code,
                                               'derived_label', l.derived_label, 'given_label', l.given_label,
                                               'label_code', l.label_code, 'step', rl.step)) AS decoded
    FROM labelled l
    LEFT JOIN kinerja.regime_label rl ON rl.regime = l.regime_code AND rl.label_code = l.label_code
)
SELECT s.line,
       $1::smallint AS year,
       kinerja.cell(s.nip) AS nip,
       kinerja.parse_period(s.period) AS period,
       kinerja.cell(s.rater_nip) AS rater_nip,
       x.d ->> 'regime' AS regime,
       (x.d ->> 'is_numeric')::boolean AS is_numeric,
       (x.d ->> 'score')::numeric AS score,
       x.d ->> 'hasil_kerja' AS hasil_kerja,
       x.d ->> 'perilaku_kerja' AS perilaku_kerja,
       x.d ->> 'derived_label' AS derived_label,
       x.d ->> 'given_label' AS given_label,
       kinerja.cell(s.period) AS raw_period,
       upper(kinerja.cell(s.regime)) AS raw_regime,
       kinerja.cell(s.score) AS raw_score,
       kinerja.cell(s.hasil_kerja) AS raw_hasil_kerja,
       kinerja.cell(s.perilaku_kerja) AS raw_perilaku_kerja,
       kinerja.cell(s.predikat) AS raw_predikat,
       kinerja.cell(s.year) AS raw_year,
       x.d ->> 'label_code' AS label_code,
       (x.d ->> 'step')::smallint AS step
FROM pg_temp.stage_appraisals s
CROSS JOIN map m
CROSS JOIN LATERAL (
    SELECT m.decoded -> concat_ws(E'\x1f', coalesce(s.regime, ''), coalesce(s.score, ''), coalesce(s.hasil_kerja, ''),
                                  coalesce(s.perilaku_kerja, ''), coalesce(s.predikat, '')) AS d
) x
