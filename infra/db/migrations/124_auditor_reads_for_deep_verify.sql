-- Up Migration
-- `audit:verify --deep` checks every stored document against the hash its audited act recorded and
-- every transfers row against its workflow; it runs as the auditor role, which therefore reads
-- those two tables (and still writes nothing).
grant select on documents, transfers to courtrelay_auditor;

-- Down Migration
revoke select on documents, transfers from courtrelay_auditor;
