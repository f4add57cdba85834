-- Row-level security: a referral, its invitations, its placement and its
-- hours, and a block contract are the referring authority's; an invitation,
-- a placement and a block contract are also their provider's, and a
-- provider sees the referrals it was invited to or placed under (the
-- service shows it only what DESIGN.md section 5 discloses). A SERVICE and
-- the service's own work see every row; a framework's lead reads its
-- members' rows for the consortium's figures (fhub.framework, read only).
-- FORCE: the service's own role, which owns the tables, is bound too. See
-- the hub's V004 for the settings.

-- Both functions below read with every row in reach (a policy cannot read
-- its own table) and give back only what a policy or a capacity check
-- needs. They widen fhub.reach for their own query and put it back; a
-- function's SET clause would do it, but PostgreSQL lets only a superuser
-- give one for a custom setting.

-- Whether the caller's provider was invited to, or placed under, referral
-- `id`: yes or no.
CREATE FUNCTION provider_has_referral(id bigint) RETURNS boolean
  LANGUAGE plpgsql STABLE
  SET search_path FROM CURRENT
  AS $$
  DECLARE
    reach text := coalesce(current_setting('fhub.reach', true), '');
    has boolean;
  BEGIN
    PERFORM set_config('fhub.reach', 'all', true);
    SELECT EXISTS (SELECT 1 FROM invitations i
                   WHERE i.referral_id = id AND i.provider_id = row_provider())
        OR EXISTS (SELECT 1 FROM placements p
                   WHERE p.referral_id = id AND p.provider_id = row_provider())
      INTO has;
    PERFORM set_config('fhub.reach', reach, true);
    RETURN has;
  END $$;

-- The dates of the places taken at a setting from `from_day`, whoever
-- placed there: what an award's capacity check counts. Dates only, no
-- authority's or child's data.
CREATE FUNCTION setting_occupancy(at_provider text, at_setting text,
                                  from_day date)
  RETURNS TABLE (start_date date, end_date date)
  LANGUAGE plpgsql STABLE
  SET search_path FROM CURRENT
  AS $$
  DECLARE
    reach text := coalesce(current_setting('fhub.reach', true), '');
  BEGIN
    PERFORM set_config('fhub.reach', 'all', true);
    RETURN QUERY
      SELECT p.start_date, p.end_date FROM placements p
      WHERE p.provider_id = at_provider AND p.setting_id = at_setting
        AND (p.end_date IS NULL OR p.end_date >= from_day);
    PERFORM set_config('fhub.reach', reach, true);
  END $$;

ALTER TABLE referrals ENABLE ROW LEVEL SECURITY;
ALTER TABLE referrals FORCE ROW LEVEL SECURITY;
CREATE POLICY referrals_owner ON referrals
  USING (row_reach_all() OR authority_id = row_authority()
         OR (row_provider() IS NOT NULL AND provider_has_referral(referral_id)));
CREATE POLICY referrals_consortium ON referrals FOR SELECT
  USING (framework_id = row_framework());

ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
ALTER TABLE invitations FORCE ROW LEVEL SECURITY;
-- An invited provider reads the competition's other invitations too: the
-- service decides from them when the competition closes (it shows the
-- provider its own offer only).
CREATE POLICY invitations_owner ON invitations
  USING (row_reach_all() OR authority_id = row_authority()
         OR provider_id = row_provider()
         OR (row_provider() IS NOT NULL AND provider_has_referral(referral_id)));
CREATE POLICY invitations_consortium ON invitations FOR SELECT
  USING (framework_id = row_framework());

ALTER TABLE placements ENABLE ROW LEVEL SECURITY;
ALTER TABLE placements FORCE ROW LEVEL SECURITY;
CREATE POLICY placements_owner ON placements
  USING (row_reach_all() OR authority_id = row_authority()
         OR provider_id = row_provider());
CREATE POLICY placements_consortium ON placements FOR SELECT
  USING (framework_id = row_framework());

-- A placement's hours are seen and changed with the placement.
ALTER TABLE hours_changes ENABLE ROW LEVEL SECURITY;
ALTER TABLE hours_changes FORCE ROW LEVEL SECURITY;
CREATE POLICY hours_changes_owner ON hours_changes
  USING (row_reach_all() OR EXISTS (
    SELECT 1 FROM placements p WHERE p.placement_id = hours_changes.placement_id));

ALTER TABLE block_contracts ENABLE ROW LEVEL SECURITY;
ALTER TABLE block_contracts FORCE ROW LEVEL SECURITY;
CREATE POLICY block_contracts_owner ON block_contracts
  USING (row_reach_all() OR authority_id = row_authority()
         OR provider_id = row_provider());
