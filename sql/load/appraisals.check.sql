INSERT INTO pg_temp.rejection (file, line, field, value, reason)
SELECT 'appraisals.csv', r.line, r.field, r.value, r.reason
FROM pg_temp.ready_appraisal a
LEFT JOIN kinerja.regime g ON g.code = a.regime
CROSS JOIN LATERAL (
    SELECT a.line, f.field, NULL::text AS value, f.field || ' is empty' AS reason
    FROM (VALUES ('nip', a.nip), ('period', a.raw_period), ('regime', a.raw_regime)) AS f(field, value)
    WHERE f.value IS NULL
    UNION ALL
    SELECT a.line, 'year', a.raw_year, 'year ' || a.raw_year || ' is not the year being loaded (' || $1::int || ')'
    WHERE a.raw_year IS DISTINCT FROM $1::int::text AND a.raw_year IS NOT NULL
    UNION ALL
    SELECT a.line, 'period', a.raw_period, 'period ' || a.raw_period || ' is not Y, S1-S2, Q1-Q4 or M01-M12'
    WHERE a.raw_period IS NOT NULL AND a.period IS NULL
    UNION ALL
    SELECT a.line, 'regime', a.raw_regime, 'regime ' || a.raw_regime || ' is not one of PP10_1979, PP46_2011, PP30_2019, PERMENPANRB_6_2022'
    WHERE a.raw_regime IS NOT NULL AND a.regime IS NULL
    UNION ALL
    SELECT a.line, 'regime', a.regime,
           'regime ' || a.regime || ' applies to ' || g.first_year || '-' || coalesce(g.last_year::text, 'now') || ', not to ' || $1::int
    WHERE $1::int NOT BETWEEN g.first_year AND coalesce(g.last_year, 9999)
    UNION ALL
    SELECT a.line, 'rater_nip', a.rater_nip, 'an employee cannot be their own rater (rater_nip = nip)'
    WHERE a.rater_nip = a.nip
    -- numeric regimes: a score in range, no ratings
    UNION ALL
    SELECT a.line, 'score', NULL, 'score is required under ' || a.regime
    WHERE g.is_numeric AND a.raw_score IS NULL
    UNION ALL
    SELECT a.line, 'score', a.raw_score, 'score ' || a.raw_score || ' is not a number'
    WHERE a.raw_score IS NOT NULL AND a.score IS NULL
    UNION ALL
    SELECT a.line, 'score', a.raw_score, 'score ' || a.raw_score || ' is outside ' || g.min_score::int || '-' || g.max_score::int || ' for ' || a.regime
    WHERE g.is_numeric AND (a.score < g.min_score OR a.score > g.max_score)
    UNION ALL
    SELECT a.line, f.field, f.value, f.field || ' must be empty under ' || a.regime || ' (it applies to PERMENPANRB_6_2022 only)'
    FROM (VALUES ('hasil_kerja', a.raw_hasil_kerja), ('perilaku_kerja', a.raw_perilaku_kerja)) AS f(field, value)
    WHERE g.is_numeric AND f.value IS NOT NULL
    -- the matrix regime: both ratings, no score
    UNION ALL
    SELECT a.line, 'score', a.raw_score, 'score must be empty under ' || a.regime || ' (it rates hasil_kerja and perilaku_kerja, not a number)'
    WHERE NOT g.is_numeric AND a.raw_score IS NOT NULL
    UNION ALL
    SELECT a.line, f.field, f.raw,
           CASE WHEN f.raw IS NULL THEN f.field || ' is required under ' || a.regime
                ELSE f.field || ' ' || f.raw || ' is not DIATAS, SESUAI or DIBAWAH' END
    FROM (VALUES ('hasil_kerja', a.raw_hasil_kerja, a.hasil_kerja), ('perilaku_kerja', a.raw_perilaku_kerja, a.perilaku_kerja)) AS f(field, raw, code)
    WHERE NOT g.is_numeric AND f.code IS NULL
    -- the given predikat must be a label of the regime and agree with the derived one
    UNION ALL
    SELECT a.line, 'predikat', a.raw_predikat,
           'predikat ' || a.raw_predikat || ' is not a label of ' || a.regime
           || ' (' || (SELECT string_agg(label_name, ', ' ORDER BY step DESC) FROM kinerja.regime_label WHERE regime = a.regime) || ')'
    WHERE a.raw_predikat IS NOT NULL AND a.regime IS NOT NULL AND a.given_label IS NULL
    UNION ALL
    SELECT a.line, 'predikat', a.raw_predikat,
           'predikat ' || a.raw_predikat || ' disagrees with '
           || CASE WHEN g.is_numeric THEN 'score ' || a.raw_score ELSE 'hasil_kerja ' || a.hasil_kerja || ' and perilaku_kerja ' || a.perilaku_kerja END
           || ', which give ' || (SELECT label_name FROM kinerja.regime_label WHERE regime = a.regime AND label_code = a.derived_label)
           || ' under ' || a.regime
    WHERE a.given_label IS NOT NULL AND a.derived_label IS NOT NULL AND a.label_code IS DISTINCT FROM a.given_label
) r
-- only rows with some problem reach the per-row rules above (millions do not): the disjunction of
-- their conditions, in the same order
WHERE a.nip IS NULL OR a.raw_period IS NULL OR a.raw_regime IS NULL
   OR (a.raw_year IS DISTINCT FROM $1::int::text AND a.raw_year IS NOT NULL)
   OR (a.raw_period IS NOT NULL AND a.period IS NULL)
   OR (a.raw_regime IS NOT NULL AND a.regime IS NULL)
   OR $1::int NOT BETWEEN g.first_year AND coalesce(g.last_year, 9999)
   OR a.rater_nip = a.nip
   OR (g.is_numeric AND a.raw_score IS NULL)
   OR (a.raw_score IS NOT NULL AND a.score IS NULL)
   OR (g.is_numeric AND (a.score < g.min_score OR a.score > g.max_score))
   OR (g.is_numeric AND (a.raw_hasil_kerja IS NOT NULL OR a.raw_perilaku_kerja IS NOT NULL))
   OR (NOT g.is_numeric AND a.raw_score IS NOT NULL)
   OR (NOT g.is_numeric AND (a.hasil_kerja IS NULL OR a.perilaku_kerja IS NULL))
   OR (a.raw_predikat IS NOT NULL AND a.regime IS NOT NULL AND a.given_label IS NULL)
   OR (a.given_label IS NOT NULL AND a.derived_label IS NOT NULL AND a.label_code IS DISTINCT FROM a.given_label)
