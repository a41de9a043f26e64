-- Up Migration
-- Work queues of the staff console: who in a court's division holds a process now. One row per
-- process, court and division; a claim inserts it, a hand-off moves it (version + 1). Every claim
-- and hand-off is also an audit_trail row, so the history of who held what is append-only there.
create table work_assignments (
  process_id    text not null,
  process_kind  text not null check (process_kind in ('transfer', 'preservation')),
  court         text not null,
  division      text not null,
  assignee      text not null,
  assigned_by   text not null,
  assigned_at   timestamptz not null default now(),
  version       integer not null default 1,
  primary key (process_id, court, division)
);
create index work_assignments_assignee on work_assignments (assignee);

-- Down Migration
drop table work_assignments;
