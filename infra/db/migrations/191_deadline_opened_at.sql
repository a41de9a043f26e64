-- Up Migration
-- When a deadline was first recorded (issue 17): the console's 期限预警 colours a deadline yellow when
-- a fifth or less of its period is left, which needs the period's start. The worker's upsert
-- (activities/deadlines.ts) never names the column, so it keeps the first insert's time; rows older
-- than this migration have none and are judged by the days left alone.
alter table deadlines add column opened_at timestamptz;
alter table deadlines alter column opened_at set default now();

-- Down Migration
alter table deadlines drop column opened_at;
