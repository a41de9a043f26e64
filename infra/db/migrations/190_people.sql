-- Up Migration
-- The people registry (issue 17): documents and pages print a person's name (赵院长), not the
-- identity provider's user id (president-zhao). A row is written when the person signs in to the
-- console (demo sign-in or the court's identity provider, whose name claim is OIDC_NAME_CLAIM) and
-- refreshed at each sign-in; the worker reads it when it renders a document. A person never seen
-- keeps their id in print.
create table people (
  user_id      text primary key,
  display_name text not null check (length(display_name) between 1 and 200),
  role         text not null,
  court        text,
  seen_at      timestamptz not null default now()
);
grant select on people to courtrelay_api, courtrelay_worker;
grant insert, update (display_name, role, court, seen_at) on people to courtrelay_api;

-- Down Migration
drop table people;
