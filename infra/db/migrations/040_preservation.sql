-- Up Migration
-- Preservation hand-off (财产保全): the read model the preservation workflow writes through its
-- activities (lists, the enforcement queue, expiring measures), the seizures converted measures
-- leave for a transfer of the same debtor, and the expiry sweep's digests. Every row is written
-- with a key derived from the workflow and step, so a retried activity writes once.

create table preservations (
  preservation_id        text primary key,
  court                  text not null,
  application_number     text not null,
  kind                   text not null check (kind in ('pre_suit', 'pre_arbitration', 'in_suit')),
  urgent                 boolean not null,
  stage                  text not null,
  stage_label            text not null,
  case_number            text,
  applicant_party_id     text not null,
  respondent_party_id    text not null,
  respondent_credit_code text,
  amount                 numeric(18, 2) not null,
  applied_at             timestamptz not null,
  risk_notified_at       timestamptz,
  ruling                 text check (ruling in ('granted', 'refused')),
  ruling_reason          text,
  ruled_by               text,
  ruled_at               timestamptz,
  handed_over_at         timestamptz,
  enforcement_case_number text,
  converted_at           timestamptz,
  closure_outcome        text,
  updated_at             timestamptz not null default now()
);
create index preservations_court_stage on preservations (court, stage);
create index preservations_debtor on preservations (respondent_credit_code);

create table preservation_measures (
  preservation_id text not null references preservations (preservation_id),
  measure_id      text not null,
  court           text not null,
  kind            text not null check (kind in ('real_estate', 'movables', 'bank_deposit', 'equity', 'other_property_right')),
  asset           text not null,
  location        text not null,
  taken_at        timestamptz not null,
  rank            integer not null check (rank >= 1),
  term            integer not null,
  expires_at      timestamptz not null,
  renew_by        timestamptz not null,
  status          text not null check (status in ('live', 'lapsed', 'released', 'converted')),
  officer         text not null,
  released_at     timestamptz,
  release_reason  text,
  converted_at    timestamptz,
  updated_at      timestamptz not null default now(),
  primary key (preservation_id, measure_id)
);
create index preservation_measures_expiring on preservation_measures (status, expires_at);

create table preservation_consultations (
  preservation_id text not null references preservations (preservation_id),
  consultation_id text not null,
  question        text not null,
  asked_by        text not null,
  asked_at        timestamptz not null,
  due_at          timestamptz not null,
  answer          text,
  answered_by     text,
  answered_at     timestamptz,
  late            boolean not null default false,
  escalated       boolean not null default false,
  primary key (preservation_id, consultation_id)
);

-- The enforcement division's queue: granted rulings handed over and still being implemented.
create view enforcement_queue as
  select p.preservation_id, p.court, p.kind, p.case_number, p.handed_over_at, p.ruled_at,
         count(m.measure_id)::int as measures_recorded
    from preservations p
    left join preservation_measures m on m.preservation_id = p.preservation_id
   where p.stage = 'in_force'
   group by p.preservation_id;

-- Seizures on a debtor's property, keyed by its unified social credit code, for the transfer's
-- package (GO art. 10 item 3) and the attachment-order distribution (民诉法解释 art. 514).
create table seizures (
  seizure_key         text primary key,
  debtor_credit_code  text not null,
  source              text not null check (source in ('preservation', 'enforcement')),
  asset_kind          text not null,
  asset               text not null,
  location            text not null,
  taken_at            timestamptz not null,
  rank                integer not null,
  court               text not null,
  case_number         text not null,
  preservation_id     text,
  measure_id          text,
  converted_at        timestamptz,
  recorded_at         timestamptz not null default now()
);
create index seizures_debtor on seizures (debtor_credit_code, taken_at, rank);

-- The daily expiry sweep: one digest per sweep date and recipient (a court's supervisor, a
-- handling officer), written once however often the sweep runs that day.
create table reminder_digests (
  sweep_date     date not null,
  recipient      text not null,
  recipient_role text not null check (recipient_role in ('supervisor', 'enforcement_officer')),
  court          text not null,
  items          jsonb not null,
  created_at     timestamptz not null default now(),
  primary key (sweep_date, recipient)
);

-- Down Migration
drop table reminder_digests;
drop table seizures;
drop view enforcement_queue;
drop table preservation_consultations;
drop table preservation_measures;
drop table preservations;
