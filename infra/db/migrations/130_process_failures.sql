-- Up Migration
-- Processes whose activity keeps failing (issue 12): a write no retry can fix (a value PostgreSQL
-- refuses, input its schema refuses) or one that failed three times in a row. The worker records it
-- on a connection of its own, outside the failing activity's transaction, and deletes it when that
-- activity of that process next succeeds. The supervisor's board and /healthz read it, so a process
-- that cannot move is seen the same day instead of retrying unnoticed.
create table process_failures (
  workflow_id      text not null,
  activity_type    text not null,
  workflow_type    text not null,
  run_id           text not null,
  attempt          integer not null,
  retryable        boolean not null,
  error_type       text not null,
  message          text not null,
  first_failed_at  timestamptz not null default now(),
  last_failed_at   timestamptz not null default now(),
  primary key (workflow_id, activity_type)
);
create index process_failures_last on process_failures (last_failed_at desc);

-- Down Migration
drop table process_failures;
