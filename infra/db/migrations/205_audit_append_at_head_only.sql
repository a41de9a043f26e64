-- Up Migration
-- An audit row may only extend its process's chain: the next place (seq = head + 1) linked to the
-- head's hash (the all-zero genesis hash for place 1). Column grants let the app roles insert `seq`
-- and `process_prev_hash` freely, so as courtrelay_api or courtrelay_worker a row at place
-- 9223372036854775807 made every later act of that process fail (the next place overflows
-- bigint), and a row a few places ahead left a gap the writers then chained onto (issue 16). Each
-- writer computes its place from the head it read: a place already taken is answered as the
-- unique violation the writer retries on (23505, activities/audit.ts); a gap or a wrong link is a
-- check violation. Holds the owner too; a superuser can still switch triggers off (which the
-- seals, checkpoints and history cross-check are for).
create or replace function audit_trail_extends_its_chain() returns trigger language plpgsql as $$
declare
  head_seq bigint;
  head_hash text;
begin
  select seq, process_hash into head_seq, head_hash
    from audit_trail where process_id = new.process_id order by seq desc limit 1;
  if new.seq <= coalesce(head_seq, 0) then
    raise exception '审计链位置已被占用 (audit place % #% is taken; the head is #%)', new.process_id, new.seq, head_seq
      using errcode = '23505';
  end if;
  if new.seq <> coalesce(head_seq, 0) + 1 then
    raise exception '审计链不得跳号 (audit row % #% would leave a gap after the head #%)', new.process_id, new.seq, coalesce(head_seq, 0)
      using errcode = '23514';
  end if;
  if new.process_prev_hash is distinct from coalesce(head_hash, repeat('0', 64)) then
    raise exception '审计链链接错误 (audit row % #% does not link to the head''s hash)', new.process_id, new.seq
      using errcode = '23514';
  end if;
  return new;
end
$$;
create trigger audit_trail_extends_its_chain before insert on audit_trail
  for each row execute function audit_trail_extends_its_chain();

-- Down Migration
drop trigger audit_trail_extends_its_chain on audit_trail;
drop function audit_trail_extends_its_chain();
