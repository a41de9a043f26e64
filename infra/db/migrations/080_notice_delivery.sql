-- Up Migration
-- Delivery of the transfer's notice outbox (transfer_notices, migration 020). The dispatcher claims
-- a due notice for a lease, sends it through the configured channel with the notice key as the
-- receiver's idempotency key, then records the outcome. A claim whose lease ran out (the worker died
-- between sending and recording) is claimed again and re-sent with the same key, which the receiver
-- drops as a repeat. A failed send waits next_attempt_at, doubling each time (exponential backoff).
alter table transfer_notices
  add column next_attempt_at timestamptz not null default now(),
  add column claimed_until   timestamptz,
  add column channel         text,
  add column receipt         text;

drop index transfer_notices_pending;
create index transfer_notices_due on transfer_notices (next_attempt_at) where status in ('pending', 'sending');

-- Down Migration
drop index transfer_notices_due;
create index transfer_notices_pending on transfer_notices (status, created_at);
alter table transfer_notices
  drop column receipt,
  drop column channel,
  drop column claimed_until,
  drop column next_attempt_at;
