-- Up Migration
-- The court registry: every court a token's `court` claim may name (issue 16: a free-text court
-- was accepted). Codes as workflows/transfer/courts.ts computes them; the rows are migration 121
-- (generated from the administrative divisions). Special courts are added here by an administrator.
-- The application reads it and cannot change it: who a court is is not the application's to decide.
create table courts (
  code         text primary key check (code ~ '^(BPC|IPC|HPC)-[0-9]{6}$'),
  name         text not null check (length(name) between 1 and 64),
  higher_court text references courts (code) deferrable initially deferred
);
revoke insert, update, delete, truncate on courts from courtrelay_app;

-- Down Migration
drop table courts;
