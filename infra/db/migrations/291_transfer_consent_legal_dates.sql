-- Up Migration
-- The legal dates of a consent request and its reply (issue 13, leftover): the day the request was
-- served on the party (送达日期), from which the party's own reply period runs (GO art. 4; 民事诉讼法
-- art. 85, from the day after service), the last instant of that period, and the written reply's own
-- date and posting date. They were in the workflow's state and the status read only, so a list or a
-- report from the read model could not say whether a party's silence was past its period. Null for
-- a request not yet served (its period still runs provisionally from when it was sent) and for rows
-- written before this migration, until the transfer's next sync.
alter table transfer_consents
  add column served_on date,
  add column reply_by  timestamptz,
  add column replied_on date,
  add column posted_on date;

-- Down Migration
alter table transfer_consents drop column served_on, drop column reply_by, drop column replied_on, drop column posted_on;
