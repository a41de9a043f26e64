-- Up Migration
-- Decisions for the two tables added beside the per-process roles (migration 123), which got the
-- default for later tables (worker reads, inserts and updates; API reads):
-- process_failures: the worker's failure recorder also deletes a process's row once its activity
-- succeeds again; the API (board, /healthz) only reads it.
grant delete on process_failures to courtrelay_worker;
-- transfer_bars is append-only (its trigger refuses changes anyway); the worker only adds bars.
revoke update on transfer_bars from courtrelay_worker;

-- Down Migration
revoke delete on process_failures from courtrelay_worker;
grant update on transfer_bars to courtrelay_worker;
