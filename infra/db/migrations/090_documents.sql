-- Up Migration
-- Documents a process issues (释明 with the consent request, 移送决定书, 中止执行通知书, 移送材料清单),
-- rendered in Chinese from templates, stored once per key and never changed: a correction is a new
-- document. The content's SHA-256 is also written to the audit trail, so a changed row is caught.
create table documents (
  id            text primary key,
  document_key  text not null unique,
  process_kind  text not null check (process_kind in ('transfer', 'preservation')),
  process_id    text not null,
  kind          text not null,
  title         text not null,
  -- Who it is addressed to (a party id or a court code) and which parties may read it; court staff
  -- entitled to view the process read every document of it.
  recipient_kind text not null check (recipient_kind in ('party', 'court', 'file')),
  recipient     text,
  party_ids     text[] not null default '{}',
  case_numbers  text[] not null default '{}',
  content       text not null,
  sha256        text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  created_at    timestamptz not null default now()
);
create index documents_process on documents (process_id, created_at);

create trigger documents_append_only before update or delete on documents
  for each row execute function refuse_change_to_append_only();

-- Down Migration
drop table documents;
