-- Up Migration
-- Least privilege by process (issue 16): the API and the worker each log in as a role of their own
-- with grants per table, instead of sharing courtrelay_app, which could rewrite the read model
-- (`update transfers set stage = 'accepted'`), push a seizure's expiry out or insert a document.
--
--   courtrelay_worker  writes the read model the workflows own (INSERT, UPDATE; never DELETE),
--                      inserts issued documents and audit rows; reads what its activities read.
--   courtrelay_api     reads the read model; writes only what the API owns: idempotency keys,
--                      interference records, work assignments, enforcement cases imported from
--                      the court's case system, a candidate's dismissal, a notice's redelivery
--                      (those columns only), and its audit rows.
--   courtrelay_auditor the checkpointer: reads the trail, inserts checkpoints.
-- Neither app role may UPDATE, DELETE or TRUNCATE the audit trail, documents or checkpoints.
-- courtrelay_app (migration 060) is retired: NOLOGIN, kept because older databases' grants name it.
-- Roles are cluster-wide and every test database runs this migration: create them only when missing.
DO $$
DECLARE r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['courtrelay_api', 'courtrelay_worker', 'courtrelay_auditor'] LOOP
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
        EXECUTE format('CREATE ROLE %I LOGIN', r);
      END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL; -- another database's migration created it in the same instant
    END;
  END LOOP;
END
$$;
alter role courtrelay_app nologin;

grant usage on schema public to courtrelay_api, courtrelay_worker, courtrelay_auditor;
-- nextval only: a sequence number proves nothing and hides nothing.
grant usage on all sequences in schema public to courtrelay_api, courtrelay_worker;

-- Everyone who serves people reads the read model and the reference tables.
grant select on
  transfers, transfer_cases, transfer_parties, transfer_property, transfer_consents, transfer_material_items, transfer_notices,
  known_creditors, attachment_distributions, attachment_distribution_rows,
  preservations, preservation_measures, preservation_consultations, seizures, process_notices, notice_outbox,
  deadlines, escalations, reminder_digests, candidate_worklist, enforcement_cases, enforcement_queue,
  documents, audit_trail, interference_log, work_assignments, holiday_calendar, courts
  to courtrelay_api, courtrelay_worker;

-- The worker: the workflows' read model.
grant insert, update on
  transfers, transfer_cases, transfer_parties, transfer_property, transfer_consents, transfer_material_items, transfer_notices,
  known_creditors, attachment_distributions, attachment_distribution_rows,
  preservations, preservation_measures, preservation_consultations, seizures, process_notices,
  deadlines, escalations, reminder_digests, candidate_worklist
  to courtrelay_worker;
grant insert on documents to courtrelay_worker;

-- The API: what it owns.
grant select, insert, update, delete on idempotency_keys to courtrelay_api;
grant insert, update on work_assignments, enforcement_cases to courtrelay_api;
grant insert on interference_log to courtrelay_api;
grant update (status, dismissed_by, dismissed_reason, dismissed_at) on candidate_worklist to courtrelay_api;
grant update (status, attempts, next_attempt_at, claimed_until) on transfer_notices, process_notices to courtrelay_api;

-- Both append audit rows: content, place and seal only (see migration 122).
grant insert (event_key, process_kind, process_id, actor_id, actor_role, actor_court, action, reason, details,
  occurred_at, process_prev_hash, process_hash, seq, seal, seal_key_id) on audit_trail to courtrelay_api, courtrelay_worker;

grant select on audit_trail, audit_checkpoints, audit_sealing_began, interference_log to courtrelay_auditor;
grant insert on audit_checkpoints to courtrelay_auditor;

-- Tables added by later migrations: the worker may write them and the API read them until that
-- migration decides otherwise (test/db/grants.test.ts holds every table to a decision).
alter default privileges in schema public grant select, insert, update on tables to courtrelay_worker;
alter default privileges in schema public grant select on tables to courtrelay_api;
alter default privileges in schema public grant usage on sequences to courtrelay_api, courtrelay_worker;

-- Down Migration
alter default privileges in schema public revoke select, insert, update on tables from courtrelay_worker;
alter default privileges in schema public revoke select on tables from courtrelay_api;
alter default privileges in schema public revoke usage on sequences from courtrelay_api, courtrelay_worker;
revoke all on all tables in schema public from courtrelay_api, courtrelay_worker, courtrelay_auditor;
revoke all on all sequences in schema public from courtrelay_api, courtrelay_worker;
revoke usage on schema public from courtrelay_api, courtrelay_worker, courtrelay_auditor;
alter role courtrelay_app login;
