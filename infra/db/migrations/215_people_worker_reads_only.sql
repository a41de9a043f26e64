-- Up Migration
-- The people registry (migration 190) is written by the API at sign-in only; the worker reads it to
-- print names. The default privileges of migration 123 gave the worker insert and update on every
-- later table, so it could have renamed who signed a decision: take them back.
revoke insert, update on people from courtrelay_worker;

-- Down Migration
grant insert, update on people to courtrelay_worker;
