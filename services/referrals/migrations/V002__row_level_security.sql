-- Row-level security: a referral, its invitations, its placement and its
-- hours, and a block contract are the referring authority's; an invitation,
-- a placement and a block contract are also their provider's, and a
-- provider sees the referrals it was invited to or placed under (the
-- service shows it only what DESIGN.md section 5 discloses). A SERVICE and
-- the service's own work see every row; a framework's lead reads its
-- members' rows for the consortium's figures (fhub.framework, read only).
-- FORCE: the service's own role, which owns the tables, is bound too. See
-- the hub's V004 for the settings.

-- Who competes for which referral, by id alone: kept by a trigger on
-- invitations, so that a policy can ask "was the caller's provider invited
-- to this referral?" with an index lookup (a policy on invitations cannot
-- read invitations itself). Row-level security of its own: the referring
-- authority's and the invited provider's rows.
CREATE TABLE referral_providers (
  referral_id bigint NOT NULL,
  provider_id text NOT NULL,
  authority_id text NOT NULL,
  PRIMARY KEY (referral_id, provider_id)
);
CREATE INDEX referral_providers_provider
  ON referral_providers (provider_id, referral_id);
INSERT INTO referral_providers (referral_id, provider_id, authority_id)
SELECT referral_id, provider_id, authority_id FROM invitations;

CREATE FUNCTION referral_providers_of_invitation() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path FROM CURRENT
  AS $$
  BEGIN
    INSERT INTO referral_providers (referral_id, provider_id, authority_id)
    VALUES (NEW.referral_id, NEW.provider_id, NEW.authority_id)
    ON CONFLICT DO NOTHING;
    RETURN NULL;
  END $$;
CREATE TRIGGER invitations_to_referral_providers AFTER INSERT ON invitations
  FOR EACH ROW EXECUTE FUNCTION referral_providers_of_invitation();

ALTER TABLE referral_providers ENABLE ROW LEVEL SECURITY;
ALTER TABLE referral_providers FORCE ROW LEVEL SECURITY;
CREATE POLICY referral_providers_owner ON referral_providers
  USING (row_reach_all() OR authority_id = row_authority()
         OR provider_id = row_provider());

-- The function below reads with every row in reach (an award's capacity
-- check counts other authorities' placements) and gives back only what the
-- check needs. It widens fhub.reach for its own query and puts it back; a
-- function's SET clause would do it, but PostgreSQL lets only a superuser
-- give one for a custom setting.

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
         OR EXISTS (SELECT 1 FROM referral_providers rp
                    WHERE rp.referral_id = referrals.referral_id
                      AND rp.provider_id = row_provider() OFFSET 0)
         OR EXISTS (SELECT 1 FROM placements p
                    WHERE p.referral_id = referrals.referral_id
                      AND p.provider_id = row_provider() OFFSET 0));
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
         OR EXISTS (SELECT 1 FROM referral_providers rp
                    WHERE rp.referral_id = invitations.referral_id
                      AND rp.provider_id = row_provider() OFFSET 0));
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
    SELECT 1 FROM placements p
    WHERE p.placement_id = hours_changes.placement_id OFFSET 0));

ALTER TABLE block_contracts ENABLE ROW LEVEL SECURITY;
ALTER TABLE block_contracts FORCE ROW LEVEL SECURITY;
CREATE POLICY block_contracts_owner ON block_contracts
  USING (row_reach_all() OR authority_id = row_authority()
         OR provider_id = row_provider());
