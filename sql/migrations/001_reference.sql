-- Reference data: the rules of each appraisal regime, in one place.
-- Facts marked (S) or (?) in shared/domain.md live only here (and in KinerjaDomain's Regime table,
-- which a test keeps equal to this file), so a correction is one edit.

CREATE TABLE kinerja.regime (
    code        text PRIMARY KEY,
    name        text NOT NULL,
    first_year  smallint NOT NULL,
    last_year   smallint,                 -- NULL: still in force
    is_numeric  boolean NOT NULL,         -- false: rated by the 3x3 matrix, no score
    min_score   numeric(6,2),
    max_score   numeric(6,2),
    status      text NOT NULL CHECK (status IN ('V', 'S', '?'))
);

INSERT INTO kinerja.regime VALUES
    ('PP10_1979',          'PP 10/1979 (DP3)',             1980, 2013, true,  0, 100, '?'),
    ('PP46_2011',          'PP 46/2011 (SKP + perilaku)',   2014, 2021, true,  0, 120, 'S'),
    ('PP30_2019',          'PP 30/2019',                    2021, 2022, true,  0, 120, 'V'),
    ('PERMENPANRB_6_2022', 'PermenPANRB 6/2022',            2022, NULL, false, NULL, NULL, 'V');

-- Every label a regime can give, with its five-step ordinal value (5 best ... 1 worst), the only
-- scale on which regimes compare.
CREATE TABLE kinerja.regime_label (
    regime      text NOT NULL REFERENCES kinerja.regime,
    label_code  text NOT NULL,
    label_name  text NOT NULL,
    step        smallint NOT NULL CHECK (step BETWEEN 1 AND 5),
    PRIMARY KEY (regime, label_code),
    UNIQUE (regime, label_code, step)
);

INSERT INTO kinerja.regime_label VALUES
    ('PP10_1979', 'AMAT_BAIK', 'Amat Baik', 5),
    ('PP10_1979', 'BAIK', 'Baik', 4),
    ('PP10_1979', 'CUKUP', 'Cukup', 3),
    ('PP10_1979', 'SEDANG', 'Sedang', 2),
    ('PP10_1979', 'KURANG', 'Kurang', 1),
    ('PP46_2011', 'SANGAT_BAIK', 'Sangat Baik', 5),
    ('PP46_2011', 'BAIK', 'Baik', 4),
    ('PP46_2011', 'CUKUP', 'Cukup', 3),
    ('PP46_2011', 'KURANG', 'Kurang', 2),
    ('PP46_2011', 'BURUK', 'Buruk', 1),
    ('PP30_2019', 'SANGAT_BAIK', 'Sangat Baik', 5),
    ('PP30_2019', 'BAIK', 'Baik', 4),
    ('PP30_2019', 'CUKUP', 'Cukup', 3),
    ('PP30_2019', 'KURANG', 'Kurang', 2),
    ('PP30_2019', 'SANGAT_KURANG', 'Sangat Kurang', 1),
    ('PERMENPANRB_6_2022', 'SANGAT_BAIK', 'Sangat Baik', 5),
    ('PERMENPANRB_6_2022', 'BAIK', 'Baik', 4),
    ('PERMENPANRB_6_2022', 'BUTUH_PERBAIKAN', 'Butuh Perbaikan', 3),
    ('PERMENPANRB_6_2022', 'KURANG_MISCONDUCT', 'Kurang/Misconduct', 2),
    ('PERMENPANRB_6_2022', 'SANGAT_KURANG', 'Sangat Kurang', 1);

-- Score bands of the numeric regimes: [min_score, max_score) (max NULL = up to the regime's maximum).
-- The derived label is the default band holding the score. A non-default band names a label that may
-- be GIVEN for such a score: PP 30/2019 gives Sangat Baik for 110-120 only with an innovation, which
-- the data does not record, so 110-120 derives Baik and a given Sangat Baik is accepted.
CREATE TABLE kinerja.regime_band (
    regime      text NOT NULL,
    label_code  text NOT NULL,
    min_score   numeric(6,2) NOT NULL,
    max_score   numeric(6,2),
    is_default  boolean NOT NULL DEFAULT true,
    PRIMARY KEY (regime, label_code, is_default),
    FOREIGN KEY (regime, label_code) REFERENCES kinerja.regime_label
);

INSERT INTO kinerja.regime_band VALUES
    ('PP10_1979', 'AMAT_BAIK', 91, NULL, true),
    ('PP10_1979', 'BAIK', 76, 91, true),
    ('PP10_1979', 'CUKUP', 61, 76, true),
    ('PP10_1979', 'SEDANG', 51, 61, true),
    ('PP10_1979', 'KURANG', 0, 51, true),
    ('PP46_2011', 'SANGAT_BAIK', 91, NULL, true),
    ('PP46_2011', 'BAIK', 76, 91, true),
    ('PP46_2011', 'CUKUP', 61, 76, true),
    ('PP46_2011', 'KURANG', 51, 61, true),
    ('PP46_2011', 'BURUK', 0, 51, true),
    ('PP30_2019', 'BAIK', 90, NULL, true),
    ('PP30_2019', 'SANGAT_BAIK', 110, NULL, false),
    ('PP30_2019', 'CUKUP', 70, 90, true),
    ('PP30_2019', 'KURANG', 50, 70, true),
    ('PP30_2019', 'SANGAT_KURANG', 0, 50, true);

-- The two ratings of PermenPANRB 6/2022 and the matrix that maps them to a predikat.
CREATE TABLE kinerja.expectation (
    code  text PRIMARY KEY,
    name  text NOT NULL,
    rank  smallint NOT NULL UNIQUE
);

INSERT INTO kinerja.expectation VALUES
    ('DIATAS', 'Di Atas Ekspektasi', 3),
    ('SESUAI', 'Sesuai Ekspektasi', 2),
    ('DIBAWAH', 'Di Bawah Ekspektasi', 1);

CREATE TABLE kinerja.predikat_matrix (
    regime          text NOT NULL,
    hasil_kerja     text NOT NULL REFERENCES kinerja.expectation,
    perilaku_kerja  text NOT NULL REFERENCES kinerja.expectation,
    label_code      text NOT NULL,
    PRIMARY KEY (regime, hasil_kerja, perilaku_kerja),
    FOREIGN KEY (regime, label_code) REFERENCES kinerja.regime_label
);

INSERT INTO kinerja.predikat_matrix VALUES
    ('PERMENPANRB_6_2022', 'DIATAS',  'DIBAWAH', 'KURANG_MISCONDUCT'),
    ('PERMENPANRB_6_2022', 'DIATAS',  'SESUAI',  'BAIK'),
    ('PERMENPANRB_6_2022', 'DIATAS',  'DIATAS',  'SANGAT_BAIK'),
    ('PERMENPANRB_6_2022', 'SESUAI',  'DIBAWAH', 'KURANG_MISCONDUCT'),
    ('PERMENPANRB_6_2022', 'SESUAI',  'SESUAI',  'BAIK'),
    ('PERMENPANRB_6_2022', 'SESUAI',  'DIATAS',  'BAIK'),
    ('PERMENPANRB_6_2022', 'DIBAWAH', 'DIBAWAH', 'SANGAT_KURANG'),
    ('PERMENPANRB_6_2022', 'DIBAWAH', 'SESUAI',  'BUTUH_PERBAIKAN'),
    ('PERMENPANRB_6_2022', 'DIBAWAH', 'DIATAS',  'BUTUH_PERBAIKAN');

-- Labels are matched case-insensitively with spaces, hyphens, underscores and slashes alike, and
-- "Di Atas Ekspektasi" equal to "DIATAS": compare kinerja.normalize_label(x) with these aliases.
CREATE FUNCTION kinerja.normalize_label(label text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN regexp_replace(regexp_replace(upper(label), '[^A-Z0-9]', '', 'g'), '(.)EKSPEKTASI$', '\1');

CREATE TABLE kinerja.label_alias (
    regime      text NOT NULL,
    alias       text NOT NULL,           -- normalized
    label_code  text NOT NULL,
    PRIMARY KEY (regime, alias),
    FOREIGN KEY (regime, label_code) REFERENCES kinerja.regime_label
);

INSERT INTO kinerja.label_alias
SELECT regime, kinerja.normalize_label(label_code), label_code FROM kinerja.regime_label
UNION
SELECT regime, kinerja.normalize_label(label_name), label_code FROM kinerja.regime_label;
INSERT INTO kinerja.label_alias VALUES
    ('PERMENPANRB_6_2022', 'KURANG', 'KURANG_MISCONDUCT'),
    ('PERMENPANRB_6_2022', 'MISCONDUCT', 'KURANG_MISCONDUCT')
ON CONFLICT DO NOTHING;

-- A unit's own predikat (SE MenPANRB 3/2023) and the bounds it puts on its staff's labels (S).
CREATE TABLE kinerja.unit_predikat_label (
    code  text PRIMARY KEY,
    name  text NOT NULL,
    rank  smallint NOT NULL UNIQUE
);

INSERT INTO kinerja.unit_predikat_label VALUES
    ('ISTIMEWA', 'Istimewa', 5),
    ('BAIK', 'Baik', 4),
    ('BUTUH_PERBAIKAN', 'Butuh Perbaikan', 3),
    ('KURANG', 'Kurang', 2),
    ('SANGAT_KURANG', 'Sangat Kurang', 1);

-- One row per bound: the share (or count) of staff whose step is in `steps` must respect it.
CREATE TABLE kinerja.curve_bound (
    unit_predikat  text NOT NULL REFERENCES kinerja.unit_predikat_label,
    bound_code     text NOT NULL,
    description    text NOT NULL,
    steps          smallint[] NOT NULL,
    min_share      numeric(4,3),
    max_share      numeric(4,3),
    min_count      integer,
    PRIMARY KEY (unit_predikat, bound_code),
    CHECK (num_nonnulls(min_share, max_share, min_count) = 1)
);

INSERT INTO kinerja.curve_bound VALUES
    ('ISTIMEWA', 'SB_MAX_70', 'Sangat Baik at most 70%', '{5}', NULL, 0.70, NULL),
    ('BAIK', 'B_MAX_70', 'Baik at most 70%', '{4}', NULL, 0.70, NULL),
    ('BAIK', 'BP_OR_K_MIN_1', 'at least one Butuh Perbaikan or Kurang', '{3,2}', NULL, NULL, 1),
    ('BUTUH_PERBAIKAN', 'BP_MIN_60', 'Butuh Perbaikan at least 60%', '{3}', 0.60, NULL, NULL),
    ('BUTUH_PERBAIKAN', 'SB_MAX_10', 'Sangat Baik at most 10%', '{5}', NULL, 0.10, NULL),
    ('KURANG', 'K_MIN_60', 'Kurang at least 60%', '{2}', 0.60, NULL, NULL),
    ('KURANG', 'BP_MIN_10', 'Butuh Perbaikan at least 10%', '{3}', 0.10, NULL, NULL),
    ('KURANG', 'SB_MAX_10', 'Sangat Baik at most 10%', '{5}', NULL, 0.10, NULL),
    ('SANGAT_KURANG', 'SK_MIN_60', 'Sangat Kurang at least 60%', '{1}', 0.60, NULL, NULL),
    ('SANGAT_KURANG', 'K_OR_BP_MIN_10', 'Kurang or Butuh Perbaikan at least 10%', '{2,3}', 0.10, NULL, NULL),
    ('SANGAT_KURANG', 'SB_NONE', 'no Sangat Baik', '{5}', NULL, 0.00, NULL);

-- Golongan/ruang of PNS (V) and PPPK grades (?).
CREATE TABLE kinerja.grade (
    asn_type  text NOT NULL CHECK (asn_type IN ('PNS', 'PPPK')),
    code      text NOT NULL,
    rank      smallint NOT NULL,
    PRIMARY KEY (asn_type, code)
);

INSERT INTO kinerja.grade
SELECT 'PNS', g || '/' || r, row_number() OVER (ORDER BY gi, r)
FROM unnest(ARRAY['I','II','III','IV']) WITH ORDINALITY AS gs(g, gi)
CROSS JOIN unnest(ARRAY['a','b','c','d','e']) AS rs(r)
WHERE r <> 'e' OR g = 'IV';
INSERT INTO kinerja.grade
SELECT 'PPPK', to_char(n, 'FMRN'), n FROM generate_series(1, 17) AS n;

CREATE TABLE kinerja.rating_item (
    code    text PRIMARY KEY,
    name    text NOT NULL,
    family  text NOT NULL CHECK (family IN ('BERAKHLAK', 'PP46_2011', 'OVERALL'))
);

INSERT INTO kinerja.rating_item VALUES
    ('BERORIENTASI_PELAYANAN', 'Berorientasi Pelayanan', 'BERAKHLAK'),
    ('AKUNTABEL', 'Akuntabel', 'BERAKHLAK'),
    ('KOMPETEN', 'Kompeten', 'BERAKHLAK'),
    ('HARMONIS', 'Harmonis', 'BERAKHLAK'),
    ('LOYAL', 'Loyal', 'BERAKHLAK'),
    ('ADAPTIF', 'Adaptif', 'BERAKHLAK'),
    ('KOLABORATIF', 'Kolaboratif', 'BERAKHLAK'),
    ('ORIENTASI_PELAYANAN', 'Orientasi Pelayanan', 'PP46_2011'),
    ('INTEGRITAS', 'Integritas', 'PP46_2011'),
    ('KOMITMEN', 'Komitmen', 'PP46_2011'),
    ('DISIPLIN', 'Disiplin', 'PP46_2011'),
    ('KERJA_SAMA', 'Kerja Sama', 'PP46_2011'),
    ('KEPEMIMPINAN', 'Kepemimpinan', 'PP46_2011'),
    ('OVERALL', 'Overall', 'OVERALL');

-- NIP checks (V): 18 digits; for PNS a calendar birth date, a CPNS month after it, gender 1 or 2.
-- Returns NULL when valid, else the reason in words. NI PPPK is 18 digits, not decoded (?).
CREATE FUNCTION kinerja.nip_problem(nip text, asn_type text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE
        WHEN nip IS NULL THEN 'NIP is empty'
        WHEN nip !~ '^[0-9]{18}$' THEN 'NIP must be exactly 18 digits'
        WHEN asn_type IS DISTINCT FROM 'PNS' THEN NULL
        WHEN substr(nip, 1, 4)::int < 1900
          OR substr(nip, 5, 2)::int NOT BETWEEN 1 AND 12
          OR substr(nip, 7, 2)::int < 1
          OR substr(nip, 7, 2)::int > extract(day FROM make_date(substr(nip, 1, 4)::int, substr(nip, 5, 2)::int, 1) + interval '1 month' - interval '1 day')
            THEN 'birth date ' || substr(nip, 1, 8) || ' (NIP digits 1-8) is not a calendar date'
        WHEN substr(nip, 13, 2)::int NOT BETWEEN 1 AND 12
            THEN 'CPNS month ' || substr(nip, 13, 2) || ' (NIP digits 13-14) is not a month'
        WHEN substr(nip, 9, 6) <= substr(nip, 1, 6)
            THEN 'CPNS date ' || substr(nip, 9, 6) || ' (NIP digits 9-14) is not after the birth date'
        WHEN substr(nip, 15, 1) NOT IN ('1', '2')
            THEN 'gender digit ' || substr(nip, 15, 1) || ' (NIP digit 15) must be 1 or 2'
    END;

-- Start of an appraisal period, for the `time` column of series.
CREATE FUNCTION kinerja.period_start(year integer, period text) RETURNS date
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN CASE
        WHEN period = 'Y' THEN make_date(year, 1, 1)
        WHEN period ~ '^S[12]$' THEN make_date(year, 1 + 6 * (substr(period, 2)::int - 1), 1)
        WHEN period ~ '^Q[1-4]$' THEN make_date(year, 1 + 3 * (substr(period, 2)::int - 1), 1)
        WHEN period ~ '^M(0[1-9]|1[0-2])$' THEN make_date(year, substr(period, 2)::int, 1)
    END;

-- Order of periods inside a year (annual last, as the closing result of the year).
CREATE FUNCTION kinerja.period_order(period text) RETURNS smallint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN CASE
        WHEN period ~ '^M' THEN substr(period, 2)::smallint
        WHEN period ~ '^Q' THEN 100 + substr(period, 2)::smallint * 3
        WHEN period ~ '^S' THEN 200 + substr(period, 2)::smallint * 6
        WHEN period = 'Y' THEN 300
    END;
