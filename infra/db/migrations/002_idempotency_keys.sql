-- Up Migration
-- Idempotency-Key: a client that retries a request after a timeout is answered with the first
-- response instead of acting twice.
create table idempotency_keys (
  scope          text not null,
  key            text not null,
  request_hash   text not null,
  status         text not null check (status in ('in_progress', 'done')),
  response_status int,
  response_body  text,
  response_type  text,
  created_at     timestamptz not null default now(),
  primary key (scope, key)
);
create index idempotency_keys_created on idempotency_keys (created_at);

-- Down Migration
drop table idempotency_keys;
