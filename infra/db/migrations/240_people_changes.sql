-- Up Migration
-- Who a name belongs to, on record (issue 16, outside break): documents print a person's name from
-- `people`, which the API role writes at each sign-in, so that role could also rename whoever signed
-- a decision and the documents rendered after would print the false name. The API must keep writing
-- names (they come from the court's identity provider), so every change of a person's name, role or
-- court is kept here by a trigger no application role can bypass, and nobody but the owner can alter
-- what it kept: a rename is visible to the auditor with when and which database role made it.
create table people_changes (
  id           bigserial primary key,
  user_id      text not null,
  display_name text not null,
  role         text not null,
  court        text,
  previous_name text,
  changed_at   timestamptz not null default now(),
  -- login/role that made the change (e.g. postgres/courtrelay_api when the API acts as its role)
  changed_by   text not null
);
create index people_changes_user on people_changes (user_id, id);

-- Inside the security-definer trigger below current_user is the owner: the role that made the change
-- is taken by this invoker-rights trigger just before, on the same row (BEFORE runs before AFTER, and
-- no application role can run code in between).
create function people_changes_caller() returns trigger language plpgsql as $$
begin
  perform set_config('courtrelay.people_changed_by', current_user, true);
  return new;
end $$;
create trigger people_changes_caller before insert or update on people for each row execute function people_changes_caller();

create function people_changes_record() returns trigger language plpgsql security definer set search_path = public as $$
begin
  if tg_op = 'INSERT' or new.display_name is distinct from old.display_name or new.role is distinct from old.role or new.court is distinct from old.court then
    insert into people_changes (user_id, display_name, role, court, previous_name, changed_by)
    values (new.user_id, new.display_name, new.role, new.court, case when tg_op = 'UPDATE' then old.display_name end,
            session_user || '/' || coalesce(nullif(current_setting('courtrelay.people_changed_by', true), ''), '?'));
  end if;
  return new;
end $$;
revoke all on function people_changes_record() from public;

create trigger people_changes_kept after insert or update on people for each row execute function people_changes_record();

-- A person's past names as they were: no role may change or remove one (the trail's own rule).
create function people_changes_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'people_changes is append-only (人员姓名变更记录不可修改或删除)';
end $$;
create trigger people_changes_no_rewrite before update or delete on people_changes for each row execute function people_changes_append_only();
create trigger people_changes_no_truncate before truncate on people_changes for each statement execute function people_changes_append_only();

grant select on people_changes to courtrelay_auditor;
revoke all on people_changes from courtrelay_api, courtrelay_worker;

-- Down Migration
drop trigger people_changes_kept on people;
drop trigger people_changes_caller on people;
drop table people_changes;
drop function people_changes_record();
drop function people_changes_append_only();
drop function people_changes_caller();
