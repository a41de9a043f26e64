-- Up Migration
-- Pre-suit secrecy and the execution report (issue 14): `disclosed_at` is the instant from which
-- the respondent may read a pre-suit or pre-arbitration preservation (the measures reported carried
-- out, the application refused, the case converted or released after measures); a party's list
-- filters on it. `executed_at` is when the enforcement division reported the ruling carried out.
alter table preservations
  add column disclosed_at timestamptz,
  add column executed_at  timestamptz;
create index preservations_parties on preservations (applicant_party_id, respondent_party_id);

-- Down Migration
drop index preservations_parties;
alter table preservations drop column executed_at, drop column disclosed_at;
