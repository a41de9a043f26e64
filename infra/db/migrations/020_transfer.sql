-- Up Migration
-- The transfer (执转破) read model, written only by the transfer workflow's activities. Each sync
-- carries the workflow's sequence number; an older (retried) sync never overwrites a newer one.

create table transfers (
  credit_code        text primary key,
  workflow_id        text not null,
  run_id             text not null,
  version            integer not null,
  stage              text not null,
  stage_label        text not null,
  home_court         text not null,
  receiving_court    text,
  receiving_court_reason text,
  involved_courts    text[] not null default '{}',
  debtor_party_id    text not null,
  domicile_division_code text not null,
  decision_number    text,
  docket_number      text,
  ruling_kind        text,
  ruling_number      text,
  overdue            boolean not null default false,
  next_due_at        timestamptz,
  triggered_at       timestamptz not null,
  updated_at         timestamptz not null default now()
);
create index transfers_stage on transfers (stage);
create index transfers_courts on transfers using gin (involved_courts);

create table transfer_cases (
  credit_code  text not null references transfers on delete cascade,
  case_number  text not null,
  court        text not null,
  status       text not null check (status in ('in_enforcement', 'suspended', 'terminated', 'resumed')),
  joined_at    timestamptz not null,
  primary key (credit_code, case_number)
);
create index transfer_cases_court on transfer_cases (court);

-- Party names are personal data: here, never in Temporal search attributes or workflow ids.
create table transfer_parties (
  credit_code  text not null references transfers on delete cascade,
  party_id     text not null,
  name         text not null,
  kind         text not null check (kind in ('applicant', 'debtor')),
  case_numbers text[] not null default '{}',
  primary key (credit_code, party_id)
);
create index transfer_parties_party on transfer_parties (party_id);

create table transfer_consents (
  credit_code       text not null references transfers on delete cascade,
  party_id          text not null,
  kind              text not null,
  asked_at          timestamptz not null,
  explanation_given boolean not null,
  reply             text not null check (reply in ('pending', 'consented', 'refused', 'withdrawn')),
  document_ref      text,
  replied_at        timestamptz,
  withdrawn_at      timestamptz,
  withdraw_reason   text,
  primary key (credit_code, party_id)
);

-- The six items of the transfer package (GO art. 10) and material the receiving court asked for (art. 11).
create table transfer_material_items (
  credit_code   text not null references transfers on delete cascade,
  item_key      text not null,
  kind          text not null,
  label         text not null,
  document_refs text[] not null default '{}',
  request_id    text,
  status        text not null check (status in ('sent', 'requested', 'supplied', 'returned')),
  primary key (credit_code, item_key)
);

-- Property found and seized in the enforcement cases; seized_at orders seizures for distribution.
create table transfer_property (
  credit_code    text not null references transfers on delete cascade,
  item_id        text not null,
  case_number    text not null,
  kind           text not null,
  description    text not null,
  value_cents    bigint,
  status         text not null check (status in ('held', 'sold_ruling_served', 'given_in_lieu', 'paid_out')),
  perishable     boolean not null default false,
  seized_at      timestamptz,
  seizure_number text,
  disposition    text,
  primary key (credit_code, item_id)
);
create index transfer_property_seized on transfer_property (credit_code, seized_at);

-- Outbox: notices the workflow decided to send; a delivery worker (issue 5) sends pending ones and
-- records the outcome. Written once per key.
create table transfer_notices (
  notice_key     text primary key,
  credit_code    text not null references transfers on delete cascade,
  kind           text not null,
  recipient_kind text not null check (recipient_kind in ('party', 'court')),
  recipient      text not null,
  case_number    text,
  body           text not null,
  status         text not null default 'pending' check (status in ('pending', 'sending', 'delivered', 'failed')),
  attempts       integer not null default 0,
  last_error     text,
  created_at     timestamptz not null default now(),
  delivered_at   timestamptz
);
create index transfer_notices_pending on transfer_notices (status, created_at);
create index transfer_notices_transfer on transfer_notices (credit_code);

-- Down Migration
drop table transfer_notices;
drop table transfer_property;
drop table transfer_material_items;
drop table transfer_consents;
drop table transfer_parties;
drop table transfer_cases;
drop table transfers;
