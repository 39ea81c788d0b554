-- The appraisal history. Tables keyed by year hold "the organisation that year" as loaded from that
-- year's folder; a reload replaces exactly one year. The big tables (employee, appraisal, rating)
-- are partitioned by year: a load builds the new year's partition unindexed, indexes it, and swaps it
-- in at the end of its transaction (see 003_loading.sql), so readers see the old year or the new one.

CREATE TABLE kinerja.instansi (
    instansi_code  text PRIMARY KEY CHECK (instansi_code <> ''),
    instansi_name  text NOT NULL CHECK (instansi_name <> '')
);

CREATE TABLE kinerja.unit (
    year              smallint NOT NULL CHECK (year BETWEEN 1970 AND 2100),
    unit_code         text NOT NULL CHECK (unit_code <> ''),
    unit_name         text NOT NULL CHECK (unit_name <> ''),
    instansi_code     text NOT NULL REFERENCES kinerja.instansi,
    parent_unit_code  text,
    PRIMARY KEY (year, unit_code),
    FOREIGN KEY (year, parent_unit_code) REFERENCES kinerja.unit (year, unit_code),
    CHECK (parent_unit_code IS DISTINCT FROM unit_code)
);
CREATE INDEX unit_parent_idx ON kinerja.unit (year, parent_unit_code);
CREATE INDEX unit_instansi_idx ON kinerja.unit (instansi_code, year);

CREATE TABLE kinerja.employee (
    year           smallint NOT NULL,
    nip            text NOT NULL,
    name           text NOT NULL CHECK (name <> ''),
    asn_type       text NOT NULL CHECK (asn_type IN ('PNS', 'PPPK')),
    unit_code      text NOT NULL,
    position       text,
    position_type  text CHECK (position_type IN ('struktural', 'fungsional', 'pelaksana')),
    grade          text,
    -- Decoded from the NIP for PNS (NI PPPK is not decoded).
    gender         smallint GENERATED ALWAYS AS (CASE WHEN asn_type = 'PNS' THEN substr(nip, 15, 1)::smallint END) STORED,
    birth_date     date GENERATED ALWAYS AS (CASE WHEN asn_type = 'PNS' THEN make_date(substr(nip, 1, 4)::int, substr(nip, 5, 2)::int, substr(nip, 7, 2)::int) END) STORED,
    PRIMARY KEY (year, nip),
    FOREIGN KEY (year, unit_code) REFERENCES kinerja.unit (year, unit_code),
    FOREIGN KEY (asn_type, grade) REFERENCES kinerja.grade (asn_type, code),
    CHECK (kinerja.nip_problem(nip, asn_type) IS NULL)
) PARTITION BY LIST (year);
CREATE INDEX employee_unit_idx ON kinerja.employee (year, unit_code);

CREATE TABLE kinerja.appraisal (
    year            smallint NOT NULL,
    nip             text NOT NULL,
    period          text NOT NULL CHECK (period ~ '^(Y|S[12]|Q[1-4]|M(0[1-9]|1[0-2]))$'),
    rater_nip       text,
    regime          text NOT NULL REFERENCES kinerja.regime,
    score           numeric(6,2) CHECK (score BETWEEN 0 AND 120),
    hasil_kerja     text REFERENCES kinerja.expectation,
    perilaku_kerja  text REFERENCES kinerja.expectation,
    label_code      text NOT NULL,
    step            smallint NOT NULL,
    PRIMARY KEY (year, nip, period),
    FOREIGN KEY (year, nip) REFERENCES kinerja.employee (year, nip),
    FOREIGN KEY (year, rater_nip) REFERENCES kinerja.employee (year, nip),
    FOREIGN KEY (regime, label_code, step) REFERENCES kinerja.regime_label (regime, label_code, step),
    -- numeric regimes carry a score and no ratings; the matrix regime the reverse
    CHECK ((regime = 'PERMENPANRB_6_2022') = (score IS NULL)),
    CHECK ((regime = 'PERMENPANRB_6_2022') = (hasil_kerja IS NOT NULL AND perilaku_kerja IS NOT NULL)),
    CHECK (regime = 'PERMENPANRB_6_2022' OR (hasil_kerja IS NULL AND perilaku_kerja IS NULL)),
    CHECK (rater_nip IS DISTINCT FROM nip)
) PARTITION BY LIST (year);
CREATE INDEX appraisal_rater_idx ON kinerja.appraisal (year, rater_nip);

CREATE TABLE kinerja.rating (
    year        smallint NOT NULL,
    period      text NOT NULL CHECK (period ~ '^(Y|S[12]|Q[1-4]|M(0[1-9]|1[0-2]))$'),
    nip         text NOT NULL,
    rater_nip   text NOT NULL,
    rater_role  text NOT NULL CHECK (rater_role IN ('atasan', 'rekan', 'bawahan', 'diri')),
    item        text NOT NULL REFERENCES kinerja.rating_item,
    score       numeric(6,2) NOT NULL CHECK (score BETWEEN 0 AND 120),
    PRIMARY KEY (year, period, nip, rater_nip, item),
    FOREIGN KEY (year, nip) REFERENCES kinerja.employee (year, nip),
    FOREIGN KEY (year, rater_nip) REFERENCES kinerja.employee (year, nip),
    CHECK ((rater_role = 'diri') = (rater_nip = nip))
) PARTITION BY LIST (year);
CREATE INDEX rating_rater_idx ON kinerja.rating (year, rater_nip);

CREATE TABLE kinerja.intervention (
    year   smallint NOT NULL,
    nip    text NOT NULL,
    date   date NOT NULL,
    kind   text NOT NULL CHECK (kind IN ('pembinaan', 'pelatihan', 'promosi', 'penghargaan', 'mutasi', 'hukuman_disiplin')),
    note   text,
    CHECK (extract(year FROM date) = year)
);
CREATE INDEX intervention_year_idx ON kinerja.intervention (year, kind, nip);
CREATE INDEX intervention_nip_idx ON kinerja.intervention (nip);

CREATE TABLE kinerja.unit_predikat (
    year       smallint NOT NULL,
    unit_code  text NOT NULL,
    period     text NOT NULL CHECK (period ~ '^(Y|S[12]|Q[1-4]|M(0[1-9]|1[0-2]))$'),
    predikat   text NOT NULL REFERENCES kinerja.unit_predikat_label,
    PRIMARY KEY (year, unit_code, period),
    FOREIGN KEY (year, unit_code) REFERENCES kinerja.unit (year, unit_code)
);

-- Every load attempt, kept even when the load itself rolled back: the row is written and
-- committed on a separate connection before the load starts, and finished afterwards.
CREATE TABLE kinerja.load_batch (
    batch_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    year          smallint NOT NULL,
    source        text NOT NULL,
    dry_run       boolean NOT NULL DEFAULT false,
    started_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
    finished_at   timestamptz,
    outcome       text NOT NULL DEFAULT 'running' CHECK (outcome IN ('running', 'succeeded', 'rejected', 'failed', 'validated')),
    rejected      integer NOT NULL DEFAULT 0,
    message       text,
    db_user       text NOT NULL DEFAULT current_user,
    backend_pid   integer NOT NULL DEFAULT pg_backend_pid(),
    files         jsonb NOT NULL DEFAULT '[]'   -- [{file, sha256, bytes, rows}]
);
CREATE INDEX load_batch_year_idx ON kinerja.load_batch (year, batch_id);

-- What a reader needs to know about the data's version (HTTP ETags): the last successful load.
CREATE VIEW kinerja.data_version AS
SELECT coalesce(max(batch_id), 0) AS batch_id, max(finished_at) AS loaded_at
FROM kinerja.load_batch WHERE outcome = 'succeeded';
