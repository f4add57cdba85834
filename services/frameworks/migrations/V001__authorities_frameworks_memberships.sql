-- Contract holding: the directory of authorities, the frameworks they lead
-- and the memberships of the authorities that use them.

CREATE TABLE authorities (
  authority_id text PRIMARY KEY,
  display_name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('LOCAL_AUTHORITY', 'HEALTH_BODY')),
  create_time timestamptz NOT NULL
);

CREATE TABLE frameworks (
  framework_id text PRIMARY KEY,
  title text NOT NULL,
  procurement_route text NOT NULL,
  lead_authority_id text NOT NULL REFERENCES authorities,
  status text NOT NULL
    CHECK (status IN ('DRAFT', 'ACTIVE', 'EXPIRED', 'TERMINATED')),
  term_start date NOT NULL,
  initial_end date NOT NULL,
  extension_months integer[] NOT NULL,
  maximum_end date NOT NULL,
  current_end date NOT NULL,
  admission_kind text NOT NULL CHECK (admission_kind IN ('CONTINUOUS', 'PERIODIC')),
  admission_interval_months integer NOT NULL,
  admission_window_days integer NOT NULL,
  admission_first_opens date,
  minimum_age integer NOT NULL,
  maximum_age integer NOT NULL,
  quorum_percent integer NOT NULL,
  pass_threshold_percent integer NOT NULL,
  unanimous boolean NOT NULL,
  cost_sharing_method text NOT NULL,
  create_time timestamptz NOT NULL,
  activate_time timestamptz,
  CHECK (initial_end > term_start),
  CHECK (maximum_end >= initial_end),
  CHECK (current_end BETWEEN initial_end AND maximum_end),
  CHECK (minimum_age BETWEEN 0 AND maximum_age)
);
CREATE INDEX frameworks_lead ON frameworks (lead_authority_id);

CREATE TABLE lots (
  framework_id text NOT NULL REFERENCES frameworks,
  lot_id text NOT NULL,
  position integer NOT NULL,
  title text NOT NULL,
  service_type text NOT NULL,
  ofsted_registration_required boolean NOT NULL,
  lowest_ofsted_grade text NOT NULL,
  PRIMARY KEY (framework_id, lot_id)
);

-- One row per period of membership: a former member added again gets a new
-- row, so its earlier period (and, later, its votes) stays as it was.
CREATE TABLE memberships (
  membership_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  framework_id text NOT NULL REFERENCES frameworks,
  authority_id text NOT NULL REFERENCES authorities,
  strategic_lead_name text NOT NULL,
  strategic_lead_email text NOT NULL,
  strategic_lead_title text NOT NULL,
  joined_on date NOT NULL,
  ceased_on date,
  cease_reason text NOT NULL DEFAULT '',
  CHECK (ceased_on IS NULL OR ceased_on >= joined_on)
);
CREATE UNIQUE INDEX memberships_one_open
  ON memberships (framework_id, authority_id) WHERE ceased_on IS NULL;
CREATE INDEX memberships_by_framework
  ON memberships (framework_id, authority_id, joined_on);
CREATE INDEX memberships_by_authority ON memberships (authority_id);
