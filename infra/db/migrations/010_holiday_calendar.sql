-- Up Migration
-- One row per year of the State Council's holiday arrangement; the statutory clock reads it to
-- apply Civil Procedure Law art. 85 (a period ending on a rest day runs to the next working day).
CREATE TABLE holiday_calendar (
  year int PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
  source text NOT NULL CHECK (source <> ''),
  rest date[] NOT NULL,
  work date[] NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE holiday_calendar;
