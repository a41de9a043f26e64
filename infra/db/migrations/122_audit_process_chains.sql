-- Up Migration
-- The audit trail without a global lock (issue 16): each process (case) is its own chain, numbered
-- by `seq` with a unique constraint, so appends to different cases never wait for one another and
-- two writers of one case cannot both take the same place (the loser re-reads and retries). The
-- global chain (prev_hash, hash) serialised every audited write of the deployment; rows written
-- before this migration keep it, later rows leave it empty.
--
-- Each new row carries `seal`: an Ed25519 signature by the writing process over the row's place and
-- hash, with a key kept outside the database, so the database role alone cannot append a correctly
-- chained row that verifies. Signed checkpoints (audit_checkpoints, written by `npm run
-- audit:checkpoint` with a key the application never holds) witness each chain's head, so deleting
-- the newest rows is found too.
alter table audit_trail disable trigger audit_trail_append_only;
alter table audit_trail add column seq bigint;
update audit_trail a set seq = n.seq
  from (select id, row_number() over (partition by process_id order by id) as seq from audit_trail) n
 where a.id = n.id;
alter table audit_trail enable trigger audit_trail_append_only;
alter table audit_trail alter column seq set not null;
alter table audit_trail add constraint audit_trail_process_seq unique (process_id, seq);
alter table audit_trail add constraint audit_trail_seq_positive check (seq >= 1);
alter table audit_trail alter column prev_hash drop not null, alter column hash drop not null;
alter table audit_trail add column seal text, add column seal_key_id text;
drop index audit_trail_process;

-- Rows below this id were written before rows were sealed; the verifier accepts them unsealed.
create table audit_sealing_began (
  first_sealed_id bigint not null,
  only_row boolean primary key default true check (only_row)
);
insert into audit_sealing_began (first_sealed_id) select coalesce(max(id), 0) + 1 from audit_trail;
revoke insert, update, delete, truncate on audit_sealing_began from courtrelay_app;

-- The application may insert only the row's content, place and seal: never its id (so it cannot
-- slip a row below first_sealed_id), its recorded_at, nor the retired global chain.
revoke insert on audit_trail from courtrelay_app;
grant insert (event_key, process_kind, process_id, actor_id, actor_role, actor_court, action, reason, details,
  occurred_at, process_prev_hash, process_hash, seq, seal, seal_key_id) on audit_trail to courtrelay_app;

-- Signed checkpoints: `statement` is the exact canonical JSON that was signed (number, previous
-- checkpoint's hash, time, Merkle root of the rows since the previous checkpoint, the chain heads
-- that moved and the Merkle root of all heads). Append-only like the trail.
create table audit_checkpoints (
  number      bigint primary key check (number >= 1),
  statement   text not null,
  statement_hash text not null unique,
  key_id      text not null,
  signature   text not null,
  created_at  timestamptz not null default now()
);
create trigger audit_checkpoints_append_only before update or delete on audit_checkpoints
  for each row execute function refuse_change_to_append_only();
create trigger audit_checkpoints_no_truncate before truncate on audit_checkpoints
  for each statement execute function refuse_change_to_append_only();
revoke insert, update, delete, truncate on audit_checkpoints from courtrelay_app;

-- Down Migration
drop table audit_checkpoints;
drop table audit_sealing_began;
revoke insert (event_key, process_kind, process_id, actor_id, actor_role, actor_court, action, reason, details,
  occurred_at, process_prev_hash, process_hash, seq, seal, seal_key_id) on audit_trail from courtrelay_app;
grant insert on audit_trail to courtrelay_app;
create index audit_trail_process on audit_trail (process_id, id);
alter table audit_trail drop column seal, drop column seal_key_id;
alter table audit_trail drop constraint audit_trail_seq_positive;
alter table audit_trail drop constraint audit_trail_process_seq;
alter table audit_trail drop column seq;
