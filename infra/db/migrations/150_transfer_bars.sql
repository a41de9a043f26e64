-- Up Migration
-- "No second transfer for the same debtor" (GO art. 19), held by courtrelay's own record: once a
-- ruling not to accept takes effect, or the debtor is declared bankrupt, the debtor is barred here
-- for ever, and the API checks this table before it starts a transfer. Temporal's workflow-ID
-- reuse policy only sees closed runs the namespace still retains; this row outlives them.
-- Append-only like the audit trail: a bar is lifted by no one (a mistaken one is a matter for an
-- operator with the database owner's rights, and the audit trail shows it).
create table transfer_bars (
  credit_code   text primary key,
  reason        text not null check (reason in ('rejection_effective', 'bankruptcy_declared')),
  ruling_number text not null,
  workflow_id   text not null,
  run_id        text not null,
  -- When the bar arose in the process (the ruling took effect, bankruptcy was declared), CST in the audit trail.
  barred_at     timestamptz not null,
  recorded_at   timestamptz not null default now()
);

create trigger transfer_bars_append_only before update or delete on transfer_bars
  for each row execute function refuse_change_to_append_only();
create trigger transfer_bars_no_truncate before truncate on transfer_bars
  for each statement execute function refuse_change_to_append_only();
revoke update, delete, truncate on transfer_bars from courtrelay_app;

-- Transfers that ended before this table existed bar their debtors too.
insert into transfer_bars (credit_code, reason, ruling_number, workflow_id, run_id, barred_at)
select credit_code,
       case when stage = 'returned' then 'rejection_effective' else 'bankruptcy_declared' end,
       coalesce(ruling_number, ''), workflow_id, run_id, updated_at
from transfers where stage in ('returned', 'bankruptcy_declared')
on conflict (credit_code) do nothing;

-- Down Migration
drop table transfer_bars;
