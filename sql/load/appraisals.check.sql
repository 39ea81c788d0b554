-- The rules of a row's codes, checked once per distinct combination (pg_temp.appraisal_code) and
-- period (pg_temp.appraisal_period), not once per row: a national year's 4.73 M appraisals have a
-- few thousand combinations. A broken one is joined back to the staged rows for their lines; on a
-- good load there is none, and the one-time EXISTS filters skip reading them (whatever the join's
-- plan: hashed on the five cells, PostgreSQL may build the hash from the staged side). The rules of
-- the row itself (an empty NIP, another year, the rater being the ratee) are proven by
-- kinerja.appraisal's constraints (appraisals.proven.sql).
INSERT INTO pg_temp.rejection (file, line, field, value, reason)
WITH broken_code AS MATERIALIZED (
    SELECT c.key_regime, c.key_score, c.key_hasil_kerja, c.key_perilaku_kerja, c.key_predikat, r.field, r.value, r.reason
    FROM pg_temp.appraisal_code c
    LEFT JOIN kinerja.regime g ON g.code = c.regime_code
    CROSS JOIN LATERAL (
        SELECT 'regime' AS field, NULL::text AS value, 'regime is empty' AS reason
        WHERE c.raw_regime IS NULL
        UNION ALL
        SELECT 'regime', c.raw_regime, 'regime ' || c.raw_regime || ' is not one of PP10_1979, PP46_2011, PP30_2019, PERMENPANRB_6_2022'
        WHERE c.raw_regime IS NOT NULL AND c.regime_code IS NULL
        UNION ALL
        SELECT 'regime', c.regime_code,
               'regime ' || c.regime_code || ' applies to ' || g.first_year || '-' || coalesce(g.last_year::text, 'now') || ', not to ' || $1::int
        WHERE $1::int NOT BETWEEN g.first_year AND coalesce(g.last_year, 9999)
        -- numeric regimes: a score in range, no ratings
        UNION ALL
        SELECT 'score', NULL, 'score is required under ' || c.regime_code
        WHERE g.is_numeric AND c.raw_score IS NULL
        UNION ALL
        SELECT 'score', c.raw_score, 'score ' || c.raw_score || ' is not a number'
        WHERE c.raw_score IS NOT NULL AND c.score_value IS NULL
        UNION ALL
        SELECT 'score', c.raw_score, 'score ' || c.raw_score || ' is outside ' || g.min_score::int || '-' || g.max_score::int || ' for ' || c.regime_code
        WHERE g.is_numeric AND (c.score_value < g.min_score OR c.score_value > g.max_score)
        UNION ALL
        SELECT f.field, f.value, f.field || ' must be empty under ' || c.regime_code || ' (it applies to PERMENPANRB_6_2022 only)'
        FROM (VALUES ('hasil_kerja', c.raw_hasil_kerja), ('perilaku_kerja', c.raw_perilaku_kerja)) AS f(field, value)
        WHERE g.is_numeric AND f.value IS NOT NULL
        -- the matrix regime: both ratings, no score
        UNION ALL
        SELECT 'score', c.raw_score, 'score must be empty under ' || c.regime_code || ' (it rates hasil_kerja and perilaku_kerja, not a number)'
        WHERE NOT g.is_numeric AND c.raw_score IS NOT NULL
        UNION ALL
        SELECT f.field, f.raw,
               CASE WHEN f.raw IS NULL THEN f.field || ' is required under ' || c.regime_code
                    ELSE f.field || ' ' || f.raw || ' is not DIATAS, SESUAI or DIBAWAH' END
        FROM (VALUES ('hasil_kerja', c.raw_hasil_kerja, c.hasil_kerja_code), ('perilaku_kerja', c.raw_perilaku_kerja, c.perilaku_kerja_code)) AS f(field, raw, code)
        WHERE NOT g.is_numeric AND f.code IS NULL
        -- the given predikat must be a label of the regime and agree with the derived one
        UNION ALL
        SELECT 'predikat', c.raw_predikat,
               'predikat ' || c.raw_predikat || ' is not a label of ' || c.regime_code
               || ' (' || (SELECT string_agg(label_name, ', ' ORDER BY step DESC) FROM kinerja.regime_label WHERE regime = c.regime_code) || ')'
        WHERE c.raw_predikat IS NOT NULL AND c.regime_code IS NOT NULL AND c.given_label IS NULL
        UNION ALL
        SELECT 'predikat', c.raw_predikat,
               'predikat ' || c.raw_predikat || ' disagrees with '
               || CASE WHEN g.is_numeric THEN 'score ' || c.raw_score ELSE 'hasil_kerja ' || c.hasil_kerja_code || ' and perilaku_kerja ' || c.perilaku_kerja_code END
               || ', which give ' || (SELECT label_name FROM kinerja.regime_label WHERE regime = c.regime_code AND label_code = c.derived_label)
               || ' under ' || c.regime_code
        WHERE c.given_label IS NOT NULL AND c.derived_label IS NOT NULL AND c.label_code IS DISTINCT FROM c.given_label
    ) r
),
broken_period AS MATERIALIZED (
    SELECT p.raw, 'period' AS field, p.raw_period AS value,
           CASE WHEN p.raw_period IS NULL THEN 'period is empty'
                ELSE 'period ' || p.raw_period || ' is not Y, S1-S2, Q1-Q4 or M01-M12' END AS reason
    FROM pg_temp.appraisal_period p
    WHERE p.code IS NULL
)
-- the same five-cell key, and below the same period key, as ready_appraisal's joins (appraisals.ready.sql)
SELECT 'appraisals.csv', s.line, b.field, b.value, b.reason
FROM pg_temp.stage_appraisals s
JOIN broken_code b
  ON b.key_regime = coalesce(s.regime, '') AND b.key_score = coalesce(s.score, '') AND b.key_hasil_kerja = coalesce(s.hasil_kerja, '')
 AND b.key_perilaku_kerja = coalesce(s.perilaku_kerja, '') AND b.key_predikat = coalesce(s.predikat, '')
WHERE EXISTS (SELECT FROM broken_code)
UNION ALL
SELECT 'appraisals.csv', s.line, b.field, b.value, b.reason
FROM pg_temp.stage_appraisals s
JOIN broken_period b ON b.raw = coalesce(s.period, '')
WHERE EXISTS (SELECT FROM broken_period)
