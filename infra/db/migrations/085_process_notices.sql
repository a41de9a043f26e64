-- Up Migration
-- The notice outbox for processes other than the transfer: the preservation's reminders to the
-- applicant before a measure expires, and the daily expiry sweep's digest to each court supervisor
-- and handling officer. Same delivery columns as transfer_notices (migrations 020, 080), and the
-- same dispatcher claims from both tables in one statement, so there is one delivery mechanism
-- (lease, backoff, channel, Idempotency-Key = notice_key). transfer_notices keeps its shape: the
-- transfer's activities, console and tests read it, and its rows belong to a transfer (foreign key).
create table process_notices (
  notice_key      text primary key,
  process_kind    text not null check (process_kind in ('preservation', 'expiry_sweep')),
  process_id      text not null,
  credit_code     text,
  court           text,
  kind            text not null,
  recipient_kind  text not null check (recipient_kind in ('party', 'court', 'staff')),
  recipient       text not null,
  case_number     text,
  body            text not null,
  details         jsonb,
  status          text not null default 'pending' check (status in ('pending', 'sending', 'delivered', 'failed')),
  attempts        integer not null default 0,
  last_error      text,
  next_attempt_at timestamptz not null default now(),
  claimed_until   timestamptz,
  channel         text,
  receipt         text,
  created_at      timestamptz not null default now(),
  delivered_at    timestamptz
);
create index process_notices_due on process_notices (next_attempt_at) where status in ('pending', 'sending');
create index process_notices_process on process_notices (process_id);

-- Every notice courtrelay sends, whichever outbox holds it: what an operator reads for failed or
-- stuck deliveries, and what the dispatcher reads for the next one due.
create view notice_outbox as
  select 'transfer_notices'::text as outbox, notice_key, 'transfer'::text as process_kind, 'transfer-' || credit_code as process_id,
         kind, recipient_kind, recipient, status, attempts, last_error, next_attempt_at, claimed_until, channel,
         created_at, delivered_at
    from transfer_notices
  union all
  select 'process_notices', notice_key, process_kind, process_id, kind, recipient_kind, recipient, status, attempts,
         last_error, next_attempt_at, claimed_until, channel, created_at, delivered_at
    from process_notices;

-- Down Migration
drop view notice_outbox;
drop table process_notices;
