-- Up Migration
-- Issue 13, legal dates in the preservation read model: the day the application was accepted
-- (applied_on, its appliedOn's CST day: the time to rule runs from it, PP art. 4); the day the
-- enforcement division received a consultation's answer, which judges it (received_on); and the day
-- the applicant applied for a measure's latest renewal (renewal_applied_on, and renewal_late: after
-- the renew-by day, 财产保全规定 art. 18) — beside the recording instants the rows already keep.
-- Null for acts of runs before them.
alter table preservations add column applied_on date;
alter table preservation_consultations add column received_on date;
alter table preservation_measures add column renewal_applied_on date, add column renewal_late boolean;

-- Down Migration
alter table preservation_measures drop column renewal_late, drop column renewal_applied_on;
alter table preservation_consultations drop column received_on;
alter table preservations drop column applied_on;
