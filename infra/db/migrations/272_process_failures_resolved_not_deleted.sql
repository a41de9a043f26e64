-- Up Migration
-- The supervisor's board and /healthz read process_failures; the worker's role could delete any
-- row of it (migration 151), so an insider hid a process blocked for good (issue 16, outside break:
-- `delete from process_failures` as courtrelay_worker, and the board went back to 0 failing).
-- Now the worker writes the table only through two functions, and nothing is deleted:
-- - record_process_failure: a failure recorded, or recorded again. A row failing for good
--   (retryable false) stays so, with its first cause, until it is resolved: a later retryable
--   failure of the same activity cannot turn it into one a success may clear;
-- - resolve_process_failure: a success of the activity clears a retryable failure (its retry got
--   through), stamping resolved_at and who resolved it; the row stays. A failure for good is not
--   resolved by any success of the application's roles: the act it stopped was never done, and it
--   stays on the board until an operator (the owner) resolves it after finding why. A retryable row
--   resolved by someone else's call comes back at its next failed attempt.
alter table process_failures add column resolved_at timestamptz, add column resolved_by text;
create index process_failures_open on process_failures (last_failed_at desc) where resolved_at is null;

create function record_process_failure(
  p_workflow_id text, p_activity_type text, p_workflow_type text, p_run_id text, p_attempt integer, p_retryable boolean,
  p_error_type text, p_message text
) returns void language sql security definer set search_path = public, pg_temp as $$
  insert into process_failures as f (workflow_id, activity_type, workflow_type, run_id, attempt, retryable, error_type, message)
  values (p_workflow_id, p_activity_type, p_workflow_type, p_run_id, p_attempt, p_retryable, p_error_type, p_message)
  on conflict (workflow_id, activity_type) do update set
    run_id = excluded.run_id, attempt = excluded.attempt, last_failed_at = now(),
    retryable = case when f.resolved_at is null then f.retryable and excluded.retryable else excluded.retryable end,
    error_type = case when f.resolved_at is null and not f.retryable then f.error_type else excluded.error_type end,
    message = case when f.resolved_at is null and not f.retryable then f.message else excluded.message end,
    first_failed_at = case when f.resolved_at is null then f.first_failed_at else now() end,
    resolved_at = null, resolved_by = null
$$;

create function resolve_process_failure(p_workflow_id text, p_activity_type text) returns boolean
language sql security definer set search_path = public, pg_temp as $$
  with resolved as (
    update process_failures set resolved_at = now(), resolved_by = coalesce(nullif(current_setting('role'), 'none'), session_user)
     where workflow_id = p_workflow_id and activity_type = p_activity_type and resolved_at is null and retryable
    returning 1
  ) select exists (select 1 from resolved)
$$;

revoke all on function record_process_failure(text, text, text, text, integer, boolean, text, text) from public;
revoke all on function resolve_process_failure(text, text) from public;
grant execute on function record_process_failure(text, text, text, text, integer, boolean, text, text) to courtrelay_worker;
grant execute on function resolve_process_failure(text, text) to courtrelay_worker;
revoke insert, update, delete on process_failures from courtrelay_worker;

-- Down Migration
grant insert, update, delete on process_failures to courtrelay_worker;
drop function resolve_process_failure(text, text);
drop function record_process_failure(text, text, text, text, integer, boolean, text, text);
drop index process_failures_open;
alter table process_failures drop column resolved_by, drop column resolved_at;
