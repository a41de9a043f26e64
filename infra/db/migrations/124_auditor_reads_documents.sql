-- Up Migration
-- `audit:verify --deep` checks every stored document against the hash its audited act recorded;
-- it runs as the auditor role, which therefore reads the documents (and still writes nothing).
grant select on documents to courtrelay_auditor;

-- Down Migration
revoke select on documents from courtrelay_auditor;
