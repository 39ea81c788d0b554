-- Helpers the loader's SQL (sql/load/*.sql) uses to read staged CSV text.

-- A CSV cell: trimmed, and NULL when empty (COPY gives '' for a quoted empty field, NULL otherwise).
CREATE FUNCTION kinerja.cell(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN nullif(btrim(value, E' \t\r\n'), '');

-- A decimal number as exported by spreadsheets: '90.5', or '90,5' where the file uses ';'.
-- NULL when the cell is empty or not a number (the validation reports which).
CREATE FUNCTION kinerja.parse_decimal(value text, decimal_comma boolean) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE
        WHEN kinerja.cell(value) ~ '^[+-]?[0-9]{1,9}([.][0-9]{1,6})?$' THEN kinerja.cell(value)::numeric
        WHEN decimal_comma AND kinerja.cell(value) ~ '^[+-]?[0-9]{1,9}(,[0-9]{1,6})?$' THEN replace(kinerja.cell(value), ',', '.')::numeric
    END;

-- An ISO date (YYYY-MM-DD) that exists in the calendar, else NULL.
CREATE FUNCTION kinerja.parse_date(value text) RETURNS date
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE
        WHEN kinerja.cell(value) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'
         AND substr(kinerja.cell(value), 6, 2)::int BETWEEN 1 AND 12
         AND substr(kinerja.cell(value), 9, 2)::int BETWEEN 1 AND extract(day FROM make_date(substr(kinerja.cell(value), 1, 4)::int, substr(kinerja.cell(value), 6, 2)::int, 1) + interval '1 month' - interval '1 day')
        THEN make_date(substr(kinerja.cell(value), 1, 4)::int, substr(kinerja.cell(value), 6, 2)::int, substr(kinerja.cell(value), 9, 2)::int)
    END;

-- A period code in canonical form ('y' -> 'Y', 'm1' -> 'M01'), else NULL.
CREATE FUNCTION kinerja.parse_period(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE
        WHEN upper(kinerja.cell(value)) ~ '^(Y|S[12]|Q[1-4]|M(0[1-9]|1[0-2]))$' THEN upper(kinerja.cell(value))
        WHEN upper(kinerja.cell(value)) ~ '^M[1-9]$' THEN 'M0' || substr(kinerja.cell(value), 2)
    END;

-- A grade in canonical form: PNS 'iii/B' -> 'III/b'; PPPK 'ix' -> 'IX'.
CREATE FUNCTION kinerja.canonical_grade(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE
        WHEN kinerja.cell(value) LIKE '%/%' THEN upper(split_part(kinerja.cell(value), '/', 1)) || '/' || lower(split_part(kinerja.cell(value), '/', 2))
        ELSE upper(kinerja.cell(value))
    END;

-- The label a numeric regime derives from a score (the default band holding it).
CREATE FUNCTION kinerja.band_label(p_regime text, p_score numeric) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN (SELECT label_code FROM kinerja.regime_band
            WHERE regime = p_regime AND is_default AND p_score >= min_score AND (max_score IS NULL OR p_score < max_score));

-- Whether a numeric regime may give `p_label` for `p_score` (any band of that label holds it).
CREATE FUNCTION kinerja.band_allows(p_regime text, p_label text, p_score numeric) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN EXISTS (SELECT FROM kinerja.regime_band
                   WHERE regime = p_regime AND label_code = p_label AND p_score >= min_score AND (max_score IS NULL OR p_score < max_score));

GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA kinerja TO kinerja_reader, kinerja_loader;
REVOKE EXECUTE ON FUNCTION kinerja.publish_year(integer), kinerja.build_year_table(text, integer, regclass), kinerja.refresh_rollup(integer) FROM kinerja_reader;
REVOKE EXECUTE ON FUNCTION kinerja.build_year_table(text, integer, regclass), kinerja.refresh_rollup(integer) FROM kinerja_loader;
