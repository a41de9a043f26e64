-- Up Migration
-- Who may join a transfer (issue 15): a case joins only as it was registered (imported) for its court
-- against that debtor, and its applicants are the ones on that record, so the registration carries
-- them. Null for rows imported before: such a case cannot join until it is imported again with them.
alter table enforcement_cases add column applicants jsonb
  check (applicants is null or (jsonb_typeof(applicants) = 'array' and jsonb_array_length(applicants) between 1 and 10000));

-- Down Migration
alter table enforcement_cases drop column applicants;
