-- Up Migration
-- Tables every process shares: the audit trail, the deadlines read model and escalations.
-- Each workflow-driven write carries a key derived from the workflow and step, so a retried
-- activity writes once (ON CONFLICT DO NOTHING).

create table audit_trail (
  id            bigserial primary key,
  event_key     text not null unique,
  process_kind  text not null check (process_kind in ('transfer', 'preservation', 'system')),
  process_id    text not null,
  actor_id      text not null,
  actor_role    text not null,
  actor_court   text,
  action        text not null,
  reason        text,
  details       jsonb not null default '{}'::jsonb,
  occurred_at   timestamptz not null,
  recorded_at   timestamptz not null default now(),
  -- Tamper evidence: each row hashes its content with the previous row's hash, once in the
  -- global chain and once in the chain of its process (case).
  prev_hash     text not null,
  hash          text not null,
  process_prev_hash text not null,
  process_hash  text not null
);
create index audit_trail_process on audit_trail (process_id, id);

create table deadlines (
  deadline_key  text primary key,
  process_kind  text not null,
  process_id    text not null,
  name          text not null,
  label         text not null,
  court         text,
  officer       text,
  due_at        timestamptz not null,
  provisional   boolean not null default false,
  status        text not null check (status in ('open', 'paused', 'met', 'overdue', 'cancelled')),
  reminded_at   timestamptz,
  escalated_at  timestamptz,
  updated_at    timestamptz not null default now()
);
create index deadlines_open_due on deadlines (status, due_at);
create index deadlines_process on deadlines (process_id);

create table escalations (
  escalation_key text primary key,
  deadline_key   text not null,
  process_kind   text not null,
  process_id     text not null,
  court          text,
  kind           text not null check (kind in ('reminder', 'overdue', 'lapse-imminent', 'lapsed')),
  message        text not null,
  created_at     timestamptz not null default now(),
  acknowledged_at timestamptz
);
create index escalations_court on escalations (court, created_at desc);

-- Down Migration
drop table escalations;
drop table deadlines;
drop table audit_trail;
