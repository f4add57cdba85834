-- Placement referrals: referrals and their mini-competitions, the
-- invitations providers answer, placements with their dated support hours,
-- block contracts, and where this service is in the event streams of the
-- services it follows. Authorities, frameworks, lots, providers and settings
-- belong to the frameworks and registry services and are referred to here by
-- id.

CREATE TABLE referrals (
  referral_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  authority_id text NOT NULL,
  framework_id text NOT NULL,
  lot_id text NOT NULL,
  case_reference text NOT NULL,
  age integer NOT NULL CHECK (age BETWEEN 0 AND 25),
  needs text[] NOT NULL,
  support_minutes_per_week integer NOT NULL
    CHECK (support_minutes_per_week BETWEEN 0 AND 10080),
  accommodation_type text NOT NULL,
  latitude double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
  longitude double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
  max_distance_miles double precision NOT NULL
    CHECK (max_distance_miles > 0 AND max_distance_miles <= 700),
  wanted_start_date date NOT NULL,
  response_deadline timestamptz,
  weight_quality integer NOT NULL,
  weight_price integer NOT NULL,
  weight_distance integer NOT NULL,
  weekly_budget_pence bigint NOT NULL CHECK (weekly_budget_pence >= 0),
  confidential_summary text NOT NULL,
  status text NOT NULL CHECK (status IN ('DRAFT', 'OPEN', 'EVALUATING',
    'AWARDED', 'CANCELLED', 'NO_SUITABLE_OFFER')),
  create_time timestamptz NOT NULL,
  submit_time timestamptz,
  award_time timestamptz,
  placement_id bigint,
  cancel_reason text NOT NULL DEFAULT '',
  CHECK (weight_quality + weight_price + weight_distance = 100)
);
CREATE INDEX referrals_authority ON referrals (authority_id, referral_id);
CREATE INDEX referrals_framework ON referrals (framework_id, submit_time);
-- The competitions whose deadline the housekeeping sweep looks at.
CREATE INDEX referrals_open ON referrals (response_deadline)
  WHERE status = 'OPEN';

CREATE TABLE invitations (
  referral_id bigint NOT NULL REFERENCES referrals,
  provider_id text NOT NULL,
  authority_id text NOT NULL,
  framework_id text NOT NULL,
  setting_id text NOT NULL,
  distance_miles double precision NOT NULL,
  quality_score double precision NOT NULL,
  status text NOT NULL CHECK (status IN ('INVITED', 'OFFERED', 'DECLINED',
    'OFFER_WITHDRAWN', 'REVOKED', 'CLOSED', 'OFFER_AWARDED', 'UNSUCCESSFUL')),
  invite_time timestamptz NOT NULL,
  answer_time timestamptz,
  offer_setting_id text,
  offer_available_date date,
  offer_accommodation_weekly_pence bigint,
  offer_support_hourly_pence bigint,
  offer_support_minutes_per_week integer,
  offer_notes text,
  offer_distance_miles double precision,
  offer_weekly_pence bigint,
  spot_price boolean NOT NULL DEFAULT false,
  decline_reason text CHECK (decline_reason IN ('NO_VACANCY',
    'CANNOT_MEET_NEEDS', 'LOCATION', 'RISK', 'OTHER')),
  decline_note text NOT NULL DEFAULT '',
  -- Set when an offer is first made and kept if it is withdrawn, so that
  -- the figures count offers made.
  offered boolean NOT NULL DEFAULT false,
  PRIMARY KEY (referral_id, provider_id)
);
-- A provider's invitations, newest first.
CREATE INDEX invitations_provider ON invitations (provider_id, referral_id);
-- What a suspension withdraws.
CREATE INDEX invitations_live ON invitations (provider_id, authority_id)
  WHERE status IN ('INVITED', 'OFFERED');

-- Places per setting as the registry last described them: the row an award
-- locks so that a setting's last place cannot be awarded twice.
CREATE TABLE setting_places (
  provider_id text NOT NULL,
  setting_id text NOT NULL,
  capacity integer NOT NULL CHECK (capacity > 0),
  latitude double precision NOT NULL,
  longitude double precision NOT NULL,
  update_time timestamptz NOT NULL,
  PRIMARY KEY (provider_id, setting_id)
);

CREATE TABLE block_contracts (
  block_contract_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  authority_id text NOT NULL,
  provider_id text NOT NULL,
  framework_id text NOT NULL,
  lot_id text NOT NULL,
  setting_ids text[] NOT NULL,
  places integer NOT NULL CHECK (places BETWEEN 1 AND 500),
  start_date date NOT NULL,
  end_date date NOT NULL CHECK (end_date >= start_date),
  weekly_pence_per_place bigint NOT NULL CHECK (weekly_pence_per_place >= 0),
  support_hourly_pence bigint NOT NULL CHECK (support_hourly_pence >= 0),
  create_time timestamptz NOT NULL
);
CREATE INDEX block_contracts_authority
  ON block_contracts (authority_id, block_contract_id);

CREATE TABLE placements (
  placement_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  authority_id text NOT NULL,
  -- One placement per referral: two awards of a referral cannot both land.
  referral_id bigint NOT NULL UNIQUE REFERENCES referrals,
  framework_id text NOT NULL,
  lot_id text NOT NULL,
  provider_id text NOT NULL,
  setting_id text NOT NULL,
  block_contract_id bigint REFERENCES block_contracts,
  start_date date NOT NULL,
  accommodation_weekly_pence bigint NOT NULL
    CHECK (accommodation_weekly_pence >= 0),
  support_hourly_pence bigint NOT NULL CHECK (support_hourly_pence >= 0),
  end_date date CHECK (end_date >= start_date),
  end_reason text CHECK (end_reason IN ('MOVED_TO_INDEPENDENCE',
    'RETURNED_HOME', 'STAYING_PUT', 'PLACEMENT_BREAKDOWN', 'AGE_OUT',
    'OTHER_REASON')),
  end_note text NOT NULL DEFAULT '',
  distance_miles double precision NOT NULL,
  award_reason text NOT NULL DEFAULT '',
  create_time timestamptz NOT NULL,
  CHECK ((end_date IS NULL) = (end_reason IS NULL))
);
CREATE INDEX placements_authority ON placements (authority_id, placement_id);
CREATE INDEX placements_provider ON placements (provider_id, placement_id);
CREATE INDEX placements_setting ON placements (provider_id, setting_id);
CREATE INDEX placements_block ON placements (block_contract_id)
  WHERE block_contract_id IS NOT NULL;
CREATE INDEX placements_framework ON placements (framework_id, start_date);

-- Support hours as a dated history: each row is in force from its date
-- until the next row's.
CREATE TABLE hours_changes (
  placement_id bigint NOT NULL REFERENCES placements,
  effective_date date NOT NULL,
  support_minutes_per_week integer NOT NULL
    CHECK (support_minutes_per_week BETWEEN 0 AND 10080),
  record_time timestamptz NOT NULL,
  PRIMARY KEY (placement_id, effective_date)
);

-- Memberships and frameworks that have stopped, as the frameworks service's
-- events said: no new referral under them, whatever a cached answer says.
CREATE TABLE stopped_memberships (
  framework_id text NOT NULL,
  -- '' when the whole framework stopped (expired or terminated).
  authority_id text NOT NULL,
  stop_date date NOT NULL,
  reason text NOT NULL,
  PRIMARY KEY (framework_id, authority_id)
);

-- Where this service is in each stream it follows ('registry',
-- 'frameworks'): the last sequence applied, written in the transaction that
-- applied it.
CREATE TABLE stream_positions (
  source text PRIMARY KEY,
  after_sequence bigint NOT NULL CHECK (after_sequence >= 0),
  update_time timestamptz NOT NULL
);
