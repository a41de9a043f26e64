-- Up Migration
-- The application's own database role and the append-only records.
--
-- courtrelay_app is what the API and the worker act as (SET ROLE on each connection, see
-- infra/db/app-role.ts): full DML on the read model, but on the audit trail and the interference
-- log (反干预) only SELECT and INSERT, so a compromised or buggy application cannot rewrite history.
-- Roles are cluster-wide and every test database runs this migration: create it only when missing.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'courtrelay_app') THEN
    CREATE ROLE courtrelay_app LOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL; -- another database's migration created it in the same instant
END
$$;

-- 反干预: outside inquiries about or interventions in a case, recorded by the staff member who
-- received them. Never edited: a correction is a new row pointing at the one it corrects.
CREATE TABLE interference_log (
  id               uuid PRIMARY KEY,
  case_ref         text NOT NULL CHECK (length(case_ref) BETWEEN 1 AND 128),
  intervenor_name  text NOT NULL CHECK (length(intervenor_name) BETWEEN 1 AND 64),
  intervenor_position text NOT NULL CHECK (length(intervenor_position) BETWEEN 1 AND 128),
  intervenor_unit  text NOT NULL CHECK (length(intervenor_unit) BETWEEN 1 AND 128),
  channel          text NOT NULL CHECK (channel IN ('phone', 'letter', 'in_person', 'message', 'email', 'via_third_party', 'other')),
  request          text NOT NULL CHECK (length(request) BETWEEN 1 AND 4000),
  response         text CHECK (length(response) <= 4000),
  occurred_at      timestamptz NOT NULL,
  corrects         uuid REFERENCES interference_log (id),
  recorded_by      text NOT NULL,
  recorded_by_role text NOT NULL,
  recorded_by_court text,
  recorded_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX interference_log_case ON interference_log (case_ref, recorded_at);
CREATE INDEX interference_log_recorded ON interference_log (recorded_at DESC, id);

-- Belt and braces: even the tables' owner cannot change or remove a row while the trigger is on.
-- (A superuser can still switch triggers off with session_replication_role; the hash chain and
-- `npm run audit:verify` are what catch that.)
CREATE FUNCTION refuse_change_to_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused (只可追加，不得修改或删除)', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_trail_append_only BEFORE UPDATE OR DELETE ON audit_trail
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
CREATE TRIGGER audit_trail_no_truncate BEFORE TRUNCATE ON audit_trail
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();
CREATE TRIGGER interference_log_append_only BEFORE UPDATE OR DELETE ON interference_log
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
CREATE TRIGGER interference_log_no_truncate BEFORE TRUNCATE ON interference_log
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();

-- Grants: every table of the read model, now and later (default privileges of the migrating
-- role), but the append-only ones and the migration bookkeeping are read/insert or hidden.
GRANT USAGE ON SCHEMA public TO courtrelay_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO courtrelay_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO courtrelay_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO courtrelay_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO courtrelay_app;
REVOKE ALL ON schema_migrations FROM courtrelay_app;
REVOKE ALL ON SEQUENCE schema_migrations_id_seq FROM courtrelay_app;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_trail, interference_log FROM courtrelay_app;

-- Down Migration
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM courtrelay_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE, SELECT ON SEQUENCES FROM courtrelay_app;
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM courtrelay_app;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM courtrelay_app;
REVOKE USAGE ON SCHEMA public FROM courtrelay_app;
DROP TRIGGER audit_trail_append_only ON audit_trail;
DROP TRIGGER audit_trail_no_truncate ON audit_trail;
DROP TABLE interference_log;
DROP FUNCTION refuse_change_to_append_only();
