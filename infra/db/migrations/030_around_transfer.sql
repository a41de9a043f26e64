-- Up Migration
-- Around the transfer (issue 5): imported enforcement cases and the candidate worklist the daily
-- sweep fills, the attachment-order distribution when nobody consents (民诉法解释 art. 514), and the
-- known creditors handed to the bankruptcy case on acceptance (企业破产法 art. 14).

-- Enforcement cases as the court's case system exports them, one row per (court, case number).
create table enforcement_cases (
  court              text not null,
  case_number        text not null,
  debtor_credit_code text not null,
  debtor_kind        text not null check (debtor_kind in ('enterprise_legal_person', 'other')),
  applicant_count    integer not null check (applicant_count >= 1),
  outstanding_cents  bigint not null check (outstanding_cents >= 0),
  status             text not null check (status in ('open', 'closed_no_property', 'satisfied', 'closed_other')),
  filed_on           date not null,
  closed_on          date,
  imported_at        timestamptz not null default now(),
  updated_at         timestamptz not null default now(),
  primary key (court, case_number)
);
create index enforcement_cases_debtor on enforcement_cases (debtor_credit_code);

-- Debtor companies that look transferable, for enforcement officers to trigger or dismiss.
create table candidate_worklist (
  credit_code        text primary key,
  reasons            text[] not null,
  case_count         integer not null,
  closed_no_property integer not null,
  unsatisfied        integer not null,
  outstanding_cents  bigint not null,
  courts             text[] not null,
  status             text not null default 'open' check (status in ('open', 'triggered', 'dismissed')),
  dismissed_by       text,
  dismissed_reason   text,
  dismissed_at       timestamptz,
  first_seen         timestamptz not null default now(),
  last_swept         timestamptz not null default now(),
  last_sweep_date    date not null
);
create index candidate_worklist_courts on candidate_worklist using gin (courts);

-- One distribution per transfer run that ended with no consent; its rows in payment order.
create table attachment_distributions (
  distribution_key text primary key,
  credit_code      text not null,
  workflow_id      text not null,
  rules            text not null,
  computed_at      timestamptz not null default now()
);
create index attachment_distributions_debtor on attachment_distributions (credit_code);

create table attachment_distribution_rows (
  distribution_key text not null references attachment_distributions on delete cascade,
  position         integer not null,
  tier             text not null check (tier in ('enforcement_costs', 'priority_claims', 'ordinary_by_seizure', 'ordinary_without_seizure')),
  label            text not null,
  case_number      text,
  court            text,
  creditor_ids     text[] not null default '{}',
  asset            text,
  seized_at        timestamptz,
  seizure_rank     integer,
  source           text,
  primary key (distribution_key, position)
);

-- Creditors of the transferred enforcement cases, handed to the bankruptcy case as known creditors.
create table known_creditors (
  credit_code     text not null,
  party_id        text not null,
  name            text not null,
  case_numbers    text[] not null,
  courts          text[] not null,
  bankruptcy_court text not null,
  ruling_number   text not null,
  docket_number   text,
  handed_at       timestamptz not null default now(),
  primary key (credit_code, party_id)
);

-- Down Migration
drop table known_creditors;
drop table attachment_distribution_rows;
drop table attachment_distributions;
drop table candidate_worklist;
drop table enforcement_cases;
