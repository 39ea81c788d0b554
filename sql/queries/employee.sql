-- kinerja employee NIP: one person's whole history across regimes, with raters and interventions.
--   $1 nip
SELECT a.year, a.period, to_char(kinerja.period_start(a.year, a.period), 'YYYY-MM-DD') AS time,
       e.name, e.unit_code, u.unit_name, e.position, e.grade, e.asn_type,
       a.regime, a.score::float8 AS score, a.hasil_kerja, a.perilaku_kerja, a.label_code AS predikat, a.step,
       a.rater_nip, r.name AS rater_name,
       (SELECT json_agg(json_build_object('rater_role', x.rater_role, 'raters', x.raters, 'mean_score', x.mean_score) ORDER BY x.rater_role)
        FROM (SELECT rater_role, count(DISTINCT rater_nip) AS raters, round(avg(score), 2) AS mean_score
              FROM kinerja.rating WHERE year = a.year AND period = a.period AND nip::bigint = a.nip::bigint GROUP BY rater_role) x) AS ratings,
       (SELECT json_agg(json_build_object('date', i.date, 'kind', i.kind, 'note', i.note) ORDER BY i.date)
        FROM kinerja.intervention i WHERE i.year = a.year AND i.nip = a.nip AND a.period = (
            SELECT max(p.period) FROM kinerja.appraisal p WHERE p.year = a.year AND p.nip = a.nip)) AS interventions
FROM kinerja.appraisal a
JOIN kinerja.employee e ON e.year = a.year AND e.nip = a.nip
JOIN kinerja.unit u ON u.year = e.year AND u.unit_code = e.unit_code
LEFT JOIN kinerja.employee r ON r.year = a.year AND r.nip = a.rater_nip
WHERE a.nip = $1::text
ORDER BY a.year, kinerja.period_order(a.period)
