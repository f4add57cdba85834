-- Row-level security on the hub's own tables, which hold one
-- organisation's data too: idempotency_keys keeps each change's response
-- (a referral's carries its case reference and summary), audit_log says who
-- did what to which resource. Each is its organisation's alone: the
-- caller's ("authorities/sefton", "providers/bootle-house",
-- "services/hub") as the transaction's fhub.organisation setting names it,
-- or every row for the service's own work and a SERVICE caller
-- (row_reach_all()), which the audit checks and checkpoints, the sweep of
-- old keys, and an AUDITOR's verification run under.
--
-- audit_log stays append-only by its triggers, which refuse any UPDATE or
-- DELETE of a row the policy lets the caller reach. The chain heads and checkpoints (V003) name organisations and
-- hashes only, and stay readable so that a writer finds its chain's head.

CREATE FUNCTION row_organisation() RETURNS text
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT NULLIF(current_setting('fhub.organisation', true), '') $$;

ALTER TABLE idempotency_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE idempotency_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY own_request_ids ON idempotency_keys
  USING (row_reach_all() OR organisation = row_organisation())
  WITH CHECK (row_reach_all() OR organisation = row_organisation());

ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
CREATE POLICY own_records ON audit_log
  USING (row_reach_all() OR organisation = row_organisation())
  WITH CHECK (row_reach_all() OR organisation = row_organisation());
