-- Up Migration
-- `audit:verify --deep` now also reconciles the preservations read model, its measures, the seizure
-- register's preservation rows and the preservations' deadlines against each workflow's state
-- (infra/audit/read-model-check.ts). It runs as the auditor role, which therefore reads these four
-- tables (and still writes nothing).
grant select on preservations, preservation_measures, seizures, deadlines to courtrelay_auditor;

-- Down Migration
revoke select on preservations, preservation_measures, seizures, deadlines from courtrelay_auditor;
