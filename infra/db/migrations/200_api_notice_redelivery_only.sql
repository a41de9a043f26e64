-- Up Migration
-- The API may touch a notice's delivery columns (migration 123) for one reason: a supervisor's
-- redelivery, which puts an undelivered notice back in the queue at once. Column grants cannot
-- say which values: as courtrelay_api, `update transfer_notices set status = 'delivered'` or a
-- next_attempt_at ten years out would hide a notice that never reached its party (issue 16).
-- This trigger holds the API role to the one transition redelivery makes; the worker's
-- dispatcher (courtrelay_worker) and migrations are not constrained by it.
create or replace function api_notice_redelivery_only() returns trigger language plpgsql as $$
begin
  -- Any login or role acting with courtrelay_api's rights (DATABASE_API_ROLE may name a role
  -- granted it), not only that name; the owner (and a superuser) are not held.
  if pg_has_role(current_user, 'courtrelay_api', 'MEMBER')
     and not pg_has_role(current_user, (select tableowner from pg_tables where schemaname = tg_table_schema and tablename = tg_table_name), 'MEMBER') then
    if old.status not in ('pending', 'failed')
       or new.status <> 'pending'
       or new.attempts <> 0
       or new.claimed_until is not null
       or new.next_attempt_at > now() + interval '1 minute' then
      raise exception '接口只能把未送达的通知重新放回投递队列 (the API role may only put an undelivered notice back in the queue: % %)',
        tg_table_name, old.notice_key
        using errcode = '42501';
    end if;
  end if;
  return new;
end
$$;
create trigger api_notice_redelivery_only before update on transfer_notices
  for each row execute function api_notice_redelivery_only();
create trigger api_notice_redelivery_only before update on process_notices
  for each row execute function api_notice_redelivery_only();

-- Down Migration
drop trigger api_notice_redelivery_only on process_notices;
drop trigger api_notice_redelivery_only on transfer_notices;
drop function api_notice_redelivery_only();
