-- Row-level security: what the registry holds about a provider on a
-- framework, beyond its public record (providers, settings, vacancies,
-- questionnaires, accreditations and the eligibility search's table stay
-- readable by every caller the rpcs admit), is the business of that
-- framework's consortium and of the provider itself: its applications and
-- their evaluations, its suspensions with their action plans, and the
-- concerns raised about it. A transaction sees them only in the framework
-- of its fhub.framework, which an rpc sets once it has checked with the
-- frameworks service that the caller is the framework's lead or an active
-- member (or the hub's own AUDITOR or HUB_ADMIN), or as the provider they
-- are about. A draft application is the provider's alone. Rows are written
-- only as the authority the caller acts for (a suspension, an evaluation,
-- a concern) or as the provider (an application). A SERVICE and the
-- service's own work see every row. FORCE: the service's own role, which
-- owns the tables, is bound too. See the hub's V004 for the settings.

-- The framework and provider of the row `id` of `of_table` (applications,
-- suspensions or concerns), read with every row in reach and nothing else
-- of it given back: how an rpc addressed by a row's name learns which
-- framework to check the caller against before it may read the row.
CREATE FUNCTION registry_row_owner(of_table text, id bigint)
  RETURNS TABLE (framework_id text, provider_id text)
  LANGUAGE plpgsql STABLE
  SET search_path FROM CURRENT
  AS $$
  DECLARE
    reach text := coalesce(current_setting('fhub.reach', true), '');
  BEGIN
    PERFORM set_config('fhub.reach', 'all', true);
    IF of_table = 'applications' THEN
      RETURN QUERY SELECT a.framework_id, a.provider_id FROM applications a
                   WHERE a.application_id = id;
    ELSIF of_table = 'suspensions' THEN
      RETURN QUERY SELECT s.framework_id, s.provider_id FROM suspensions s
                   WHERE s.suspension_id = id;
    ELSIF of_table = 'concerns' THEN
      RETURN QUERY SELECT c.framework_id, c.provider_id FROM concerns c
                   WHERE c.concern_id = id;
    END IF;
    PERFORM set_config('fhub.reach', reach, true);
  END $$;

ALTER TABLE applications ENABLE ROW LEVEL SECURITY;
ALTER TABLE applications FORCE ROW LEVEL SECURITY;
-- The provider drafts and submits; only the framework's officers take an
-- application further (a provider cannot admit itself).
CREATE POLICY applications_owner ON applications
  USING (row_reach_all() OR provider_id = row_provider()
         OR (framework_id = row_framework() AND status <> 'DRAFT'))
  WITH CHECK (row_reach_all()
              OR (provider_id = row_provider()
                  AND status IN ('DRAFT', 'SUBMITTED'))
              OR (framework_id = row_framework() AND status <> 'DRAFT'));

-- An evaluation is seen with its application and written by an evaluator
-- of the authority the caller acts for.
ALTER TABLE evaluations ENABLE ROW LEVEL SECURITY;
ALTER TABLE evaluations FORCE ROW LEVEL SECURITY;
CREATE POLICY evaluations_read ON evaluations FOR SELECT
  USING (row_reach_all() OR EXISTS (
    SELECT 1 FROM applications a
    WHERE a.application_id = evaluations.application_id OFFSET 0));
CREATE POLICY evaluations_create ON evaluations FOR INSERT
  WITH CHECK (row_reach_all() OR (
    evaluator_authority_id = row_authority() AND EXISTS (
      SELECT 1 FROM applications a
      WHERE a.application_id = evaluations.application_id
        AND a.framework_id = row_framework() OFFSET 0)));

ALTER TABLE suspensions ENABLE ROW LEVEL SECURITY;
ALTER TABLE suspensions FORCE ROW LEVEL SECURITY;
CREATE POLICY suspensions_read ON suspensions FOR SELECT
  USING (row_reach_all() OR provider_id = row_provider()
         OR framework_id = row_framework());
CREATE POLICY suspensions_create ON suspensions FOR INSERT
  WITH CHECK (row_reach_all() OR (framework_id = row_framework()
                                  AND authority_id = row_authority()));
-- Reinstated by an officer of the framework (the rpc decides which); the
-- provider's evidence rewrites the row too, but it cannot lift it.
CREATE POLICY suspensions_change ON suspensions FOR UPDATE
  USING (row_reach_all() OR provider_id = row_provider()
         OR framework_id = row_framework())
  WITH CHECK (row_reach_all() OR framework_id = row_framework()
              OR (provider_id = row_provider() AND status = 'ACTIVE'));

-- An action plan's items are seen and changed with their suspension: the
-- provider gives evidence, an officer of the framework accepts it.
ALTER TABLE action_plan_items ENABLE ROW LEVEL SECURITY;
ALTER TABLE action_plan_items FORCE ROW LEVEL SECURITY;
CREATE POLICY action_plan_items_owner ON action_plan_items
  USING (row_reach_all() OR EXISTS (
    SELECT 1 FROM suspensions s
    WHERE s.suspension_id = action_plan_items.suspension_id OFFSET 0));

ALTER TABLE concerns ENABLE ROW LEVEL SECURITY;
ALTER TABLE concerns FORCE ROW LEVEL SECURITY;
CREATE POLICY concerns_read ON concerns FOR SELECT
  USING (row_reach_all() OR provider_id = row_provider()
         OR framework_id = row_framework());
CREATE POLICY concerns_create ON concerns FOR INSERT
  WITH CHECK (row_reach_all() OR (framework_id = row_framework()
                                  AND raised_by_authority_id = row_authority()));
-- The provider responds (it cannot close one); the raiser closes (the rpc
-- decides who).
CREATE POLICY concerns_change ON concerns FOR UPDATE
  USING (row_reach_all() OR provider_id = row_provider()
         OR framework_id = row_framework())
  WITH CHECK (row_reach_all() OR framework_id = row_framework()
              OR (provider_id = row_provider() AND status = 'OPEN'));
