-- Up Migration
-- Ranks by the system (issue 14; 查封扣押冻结规定 art. 26, 轮候查封): a seizure's rank on an asset
-- is its place in the registry's order of the seizures in effect or queued on that asset — the day
-- it was taken, then the order recorded — never a number an officer types. The register assigns it
-- (activities/preservation/seizures.ts `rankAsset`) and this constraint makes two live seizures of
-- one rank on one asset impossible, a second rank 1 included; deferred, so re-ranking an asset
-- inside one transaction may pass through a moment where two rows share a rank.
--
-- A queued seizure (rank > 1 when taken) has no effect and no running term: `queued_since` is set,
-- `effective_at`, `expires_at`, `renew_by` are null until it moves up. `asset_key` is the asset's
-- identity: its debtor (canonical credit code, else party id), its description and where it is held
-- or registered, each however spaced or wide (NFKC, no blanks, upper case), as the payment order
-- compares assets (activities/transfer/distribution.ts `assetIdentity`): two debtors' "基本存款账户",
-- or one debtor's accounts at two banks, are different assets. A seizure whose debtor is not known
-- cannot be matched with another: it is ranked alone.
alter table seizures
  add column asset_key    text,
  add column queued_since timestamptz;
update seizures set asset_key = coalesce(debtor_credit_code, debtor_party_id, seizure_key) || '|'
  || upper(regexp_replace(normalize(asset, NFKC), '\s+', '', 'g')) || '|' || upper(regexp_replace(normalize(location, NFKC), '\s+', '', 'g'));
alter table seizures alter column asset_key set not null;
-- The register's writes pass the key (computed as above, in TypeScript, to lock the asset before
-- writing); a row written without one gets it here.
create function seizures_asset_key() returns trigger language plpgsql as $$
begin
  new.asset_key := coalesce(new.asset_key, coalesce(new.debtor_credit_code, new.debtor_party_id, new.seizure_key) || '|'
    || upper(regexp_replace(normalize(new.asset, NFKC), '\s+', '', 'g')) || '|'
    || upper(regexp_replace(normalize(new.location, NFKC), '\s+', '', 'g')));
  return new;
end $$;
create trigger seizures_asset_key before insert on seizures for each row execute function seizures_asset_key();

-- Existing rows: ranks as the officers typed them become the registry's order, so the constraint holds.
update seizures s set rank = r.rank
  from (select seizure_key, row_number() over (partition by asset_kind, asset_key order by taken_at, recorded_at, seizure_key) as rank
          from seizures where status = 'live') r
 where r.seizure_key = s.seizure_key and s.rank <> r.rank;

alter table seizures add constraint seizures_one_rank_per_asset
  exclude using btree (asset_kind with =, asset_key with =, rank with =) where (status = 'live')
  deferrable initially deferred;
alter table seizures add constraint seizures_rank_positive check (rank >= 1);
create index seizures_asset_key on seizures (asset_kind, asset_key, taken_at, recorded_at) where status = 'live';

-- A queued preservation measure has no expiry yet (its term starts when it moves up).
alter table preservation_measures
  alter column expires_at drop not null,
  alter column renew_by drop not null;

-- The register's view picks up the new columns (a view's `s.*` is expanded when it is created).
drop view seizure_register;
create view seizure_register as
  select s.*,
         coalesce(s.holding_court, s.court) as holder_court,
         case when t.credit_code is not null then 'transfer'
              when s.converted_at is not null or s.source = 'enforcement' then 'enforcement'
              else 'preservation' end as holder,
         t.workflow_id as transfer_id,
         t.stage as transfer_stage,
         coalesce(s.term, 1) - 1 as renewals
    from seizures s
    left join transfers t on t.credit_code = s.debtor_credit_code
                         and t.stage in ('decided', 'at_receiving_court', 'under_review');
revoke insert, update on seizure_register from courtrelay_worker;
grant select on seizure_register to courtrelay_api, courtrelay_worker;

-- Down Migration
drop view seizure_register;
create view seizure_register as
  select s.seizure_key, s.debtor_credit_code, s.source, s.asset_kind, s.asset, s.location, s.taken_at, s.rank, s.court,
         s.case_number, s.preservation_id, s.measure_id, s.converted_at, s.recorded_at, s.debtor_party_id, s.effective_at,
         s.term, s.expires_at, s.renew_by, s.status, s.released_at, s.release_reason, s.release_ruling_number,
         s.release_ruled_on, s.holding_process, s.holding_court, s.officer, s.updated_at,
         coalesce(s.holding_court, s.court) as holder_court,
         case when t.credit_code is not null then 'transfer'
              when s.converted_at is not null or s.source = 'enforcement' then 'enforcement'
              else 'preservation' end as holder,
         t.workflow_id as transfer_id,
         t.stage as transfer_stage,
         coalesce(s.term, 1) - 1 as renewals
    from seizures s
    left join transfers t on t.credit_code = s.debtor_credit_code
                         and t.stage in ('decided', 'at_receiving_court', 'under_review');
revoke insert, update on seizure_register from courtrelay_worker;
grant select on seizure_register to courtrelay_api, courtrelay_worker;
drop index seizures_asset_key;
drop trigger seizures_asset_key on seizures;
drop function seizures_asset_key();
alter table seizures drop constraint seizures_rank_positive, drop constraint seizures_one_rank_per_asset,
  drop column queued_since, drop column asset_key;
