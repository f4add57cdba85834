-- Row-level security's view of the caller (row_scope.h): the settings each
-- transaction starts with, read by the policies of every table that holds
-- one organisation's data. A setting that is missing or empty is NULL here,
-- and NULL equals nothing, so a transaction outside any scope sees no row.
-- Small SQL functions, inlined into the policies by the planner (an index
-- on the owner column still serves `owner = row_authority()`).
--
-- A policy's EXISTS (SELECT 1 ... OFFSET 0) is a lookup by the row's key,
-- run for the row: without OFFSET 0 the planner may turn it into a hash of
-- every row the caller could match (all of a provider's referrals, say),
-- built on every statement, so a statement would cost more the longer the
-- caller's history.

CREATE FUNCTION row_authority() RETURNS text
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT NULLIF(current_setting('fhub.authority', true), '') $$;

CREATE FUNCTION row_provider() RETURNS text
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT NULLIF(current_setting('fhub.provider', true), '') $$;

-- A framework whose members' rows may be read (never changed): set by an
-- rpc only after its own check, for the consortium's figures.
CREATE FUNCTION row_framework() RETURNS text
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT NULLIF(current_setting('fhub.framework', true), '') $$;

-- Every row: a SERVICE caller, and the service's own work.
CREATE FUNCTION row_reach_all() RETURNS boolean
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT coalesce(current_setting('fhub.reach', true) = 'all', false) $$;
