-- Up Migration
-- Issue 13, legal dates in the preservation read model: a consultation's answer is judged by the day
-- the enforcement division received it (received_on), and a measure's latest renewal by the day the
-- applicant applied (renewal_applied_on, with whether it came after the renew-by day, 财产保全规定
-- art. 18), beside the recording instants the rows already keep. Null for acts of runs before them.
alter table preservation_consultations add column received_on date;
alter table preservation_measures add column renewal_applied_on date, add column renewal_late boolean;

-- Down Migration
alter table preservation_measures drop column renewal_late, drop column renewal_applied_on;
alter table preservation_consultations drop column received_on;
