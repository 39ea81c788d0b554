-- Least privilege. Both roles are NOLOGIN groups: grant them to real login roles
-- (GRANT kinerja_reader TO grafana;). Roles are cluster-wide, so create them only once.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'kinerja_reader') THEN
        CREATE ROLE kinerja_reader NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'kinerja_loader') THEN
        CREATE ROLE kinerja_loader NOLOGIN;
    END IF;
END
$$;

-- Readers (the HTTP endpoint, dashboards, BI tools): SELECT only, on everything now and later.
GRANT USAGE ON SCHEMA kinerja TO kinerja_reader, kinerja_loader;
GRANT SELECT ON ALL TABLES IN SCHEMA kinerja TO kinerja_reader, kinerja_loader;
ALTER DEFAULT PRIVILEGES IN SCHEMA kinerja GRANT SELECT ON TABLES TO kinerja_reader, kinerja_loader;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA kinerja TO kinerja_reader, kinerja_loader;

-- Loaders write data only through kinerja.publish_year (a SECURITY DEFINER function, 004) and the
-- load history; they may use temporary tables for staging but cannot change the schema.
GRANT INSERT, UPDATE ON kinerja.load_batch TO kinerja_loader;
DO $$
BEGIN
    EXECUTE format('GRANT TEMPORARY ON DATABASE %I TO kinerja_loader', current_database());
END
$$;
