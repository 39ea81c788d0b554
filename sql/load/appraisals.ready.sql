-- The label: derived from the score's band (numeric regimes) or the 3x3 matrix (PermenPANRB 6/2022).
-- A given predikat is kept when the regime allows it for that score (PP 30/2019's Sangat Baik needs
-- an innovation the data does not record); any other disagreement is rejected by the check.
CREATE TEMP TABLE ready_appraisal ON COMMIT DROP AS
SELECT a.*,
       coalesce(CASE WHEN a.given_label IS NOT NULL AND a.is_numeric AND kinerja.band_allows(a.regime, a.given_label, a.score)
                     THEN a.given_label END, a.derived_label) AS label_code,
       l.step
FROM (
    SELECT s.line,
           $1::smallint AS year,
           kinerja.cell(s.nip) AS nip,
           kinerja.parse_period(s.period) AS period,
           kinerja.cell(s.rater_nip) AS rater_nip,
           r.code AS regime,
           r.is_numeric,
           kinerja.parse_decimal(s.score, $2) AS score,
           hk.code AS hasil_kerja,
           pk.code AS perilaku_kerja,
           CASE WHEN r.is_numeric THEN kinerja.band_label(r.code, kinerja.parse_decimal(s.score, $2))
                ELSE (SELECT m.label_code FROM kinerja.predikat_matrix m
                      WHERE m.regime = r.code AND m.hasil_kerja = hk.code AND m.perilaku_kerja = pk.code) END AS derived_label,
           (SELECT la.label_code FROM kinerja.label_alias la
            WHERE la.regime = r.code AND la.alias = kinerja.normalize_label(s.predikat)) AS given_label,
           kinerja.cell(s.period) AS raw_period,
           upper(kinerja.cell(s.regime)) AS raw_regime,
           kinerja.cell(s.score) AS raw_score,
           kinerja.cell(s.hasil_kerja) AS raw_hasil_kerja,
           kinerja.cell(s.perilaku_kerja) AS raw_perilaku_kerja,
           kinerja.cell(s.predikat) AS raw_predikat,
           kinerja.cell(s.year) AS raw_year
    FROM pg_temp.stage_appraisals s
    LEFT JOIN kinerja.regime r ON r.code = upper(kinerja.cell(s.regime))
    LEFT JOIN kinerja.expectation hk ON hk.code = kinerja.normalize_label(s.hasil_kerja)
    LEFT JOIN kinerja.expectation pk ON pk.code = kinerja.normalize_label(s.perilaku_kerja)
) a
LEFT JOIN kinerja.regime_label l
       ON l.regime = a.regime
      AND l.label_code = coalesce(CASE WHEN a.given_label IS NOT NULL AND a.is_numeric AND kinerja.band_allows(a.regime, a.given_label, a.score)
                                       THEN a.given_label END, a.derived_label)
