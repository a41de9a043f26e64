-- Up Migration
-- One seizure register (issue 14): every seizure of a debtor's property, whatever its origin — a
-- preservation measure from the day it is taken, the same seizure converted to enforcement, an
-- enforcement seizure — with its term, expiry on the registry's date, renewals, release and the
-- process and court that hold it now. `seizures` (migration 040) becomes the register: its rows
-- keep their keys (`<preservation id>:<measure id>` for a preservation measure), so a conversion
-- updates the row the measure wrote when it was taken. The expiry sweep, the supervisor's expiring
-- list and the transfer read it; a converted or transferred seizure is watched like a live measure.
alter table seizures
  alter column debtor_credit_code drop not null,
  alter column case_number drop not null,
  add column debtor_party_id       text,
  add column effective_at          timestamptz,
  add column term                  integer check (term >= 1),
  add column expires_at            timestamptz,
  add column renew_by              timestamptz,
  add column status                text not null default 'live' check (status in ('live', 'lapsed', 'released')),
  add column released_at           timestamptz,
  add column release_reason        text,
  add column release_ruling_number text check (char_length(release_ruling_number) <= 64),
  add column release_ruled_on      date,
  add column holding_process       text,
  add column holding_court         text,
  add column officer               text,
  add column updated_at            timestamptz not null default now();
create index seizures_expiring on seizures (status, expires_at);
create index seizures_asset on seizures (asset_kind, asset, taken_at, rank);

-- Who holds each seizure now: the preservation process until conversion, then the enforcement
-- case; while a transfer of the debtor is decided and under the bankruptcy court's review, the
-- seizure stays in place and is renewed through the enforcement court (GO), so it is listed with
-- that transfer as well. `holder_court` is the court that renews it and receives its reminders.
create view seizure_register as
  select s.*,
         coalesce(s.holding_court, s.court) as holder_court,
         case when t.credit_code is not null then 'transfer'
              when s.converted_at is not null or s.source = 'enforcement' then 'enforcement'
              else 'preservation' end as holder,
         t.workflow_id as transfer_id,
         t.stage as transfer_stage,
         coalesce(s.term, 1) - 1 as renewals
    from seizures s
    left join transfers t on t.credit_code = s.debtor_credit_code
                         and t.stage in ('decided', 'at_receiving_court', 'under_review');
-- A view for reading: the default privileges of later tables (migration 123) would let the worker
-- write through it; it writes the table.
revoke insert, update on seizure_register from courtrelay_worker;
grant select on seizure_register to courtrelay_api, courtrelay_worker;

-- Down Migration
drop view seizure_register;
drop index seizures_asset;
drop index seizures_expiring;
alter table seizures
  drop column updated_at, drop column officer, drop column holding_court, drop column holding_process,
  drop column release_ruled_on, drop column release_ruling_number, drop column release_reason, drop column released_at,
  drop column status, drop column renew_by, drop column expires_at, drop column term, drop column effective_at,
  drop column debtor_party_id;
