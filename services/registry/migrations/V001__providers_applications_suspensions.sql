-- The provider registry: providers and their settings and vacancies,
-- questionnaires, applications and evaluations, accreditations, suspensions
-- with action plans, and concerns. Frameworks and lots live in the
-- frameworks service; they are referred to here by id.
--
-- Distances use the contrib extensions cube and earthdistance, which an
-- administrator installs in the database's public schema (deploy/local
-- pg-cluster.sh does; earthdistance is not a trusted extension), and
-- btree_gist, to index a lot and a position together.
SET LOCAL search_path TO registry, public;
CREATE EXTENSION IF NOT EXISTS cube WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS earthdistance WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;

CREATE TABLE providers (
  provider_id text PRIMARY KEY,
  legal_name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('COMPANY', 'CHARITY', 'SOLE_TRADER')),
  company_number text NOT NULL,
  charity_number text NOT NULL,
  -- [{"full_name", "email", "job_title", "phone"}]
  contacts jsonb NOT NULL,
  -- {"lines": [...], "town", "postcode"}
  address jsonb NOT NULL,
  create_time timestamptz NOT NULL,
  update_time timestamptz NOT NULL
);

CREATE TABLE settings (
  provider_id text NOT NULL REFERENCES providers,
  setting_id text NOT NULL,
  display_name text NOT NULL,
  address jsonb NOT NULL,
  latitude double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
  longitude double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
  -- "{framework_id}/{lot_id}" for each lot served.
  lot_keys text[] NOT NULL,
  capacity integer NOT NULL CHECK (capacity > 0),
  registration_type text NOT NULL
    CHECK (registration_type IN ('CHILDRENS_HOME', 'SUPPORTED_ACCOMMODATION', 'NONE')),
  ofsted_urn text NOT NULL,
  judgement text,
  judgement_date date,
  service_radius_miles double precision NOT NULL DEFAULT 0,
  create_time timestamptz NOT NULL,
  update_time timestamptz NOT NULL,
  PRIMARY KEY (provider_id, setting_id),
  CHECK ((judgement IS NULL) = (judgement_date IS NULL))
);
CREATE TABLE vacancies (
  vacancy_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  provider_id text NOT NULL,
  setting_id text NOT NULL,
  places integer NOT NULL CHECK (places > 0),
  available_from date NOT NULL,
  create_time timestamptz NOT NULL,
  withdraw_time timestamptz,
  FOREIGN KEY (provider_id, setting_id) REFERENCES settings
);
CREATE INDEX vacancies_open ON vacancies (provider_id, setting_id, available_from)
  WHERE withdraw_time IS NULL;

CREATE TABLE questionnaires (
  framework_id text PRIMARY KEY,
  -- [{"criterion_id", "question", "weight", "minimum_score"}]
  criteria jsonb NOT NULL,
  max_score integer NOT NULL,
  pass_mark integer NOT NULL,
  minimum_evaluations integer NOT NULL,
  update_time timestamptz NOT NULL
);

CREATE TABLE applications (
  application_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  provider_id text NOT NULL REFERENCES providers,
  framework_id text NOT NULL,
  lot_ids text[] NOT NULL,
  status text NOT NULL
    CHECK (status IN ('DRAFT', 'SUBMITTED', 'UNDER_EVALUATION', 'ADMITTED', 'REJECTED')),
  -- [{"criterion_id", "text"}]
  answers jsonb NOT NULL,
  feedback text NOT NULL DEFAULT '',
  create_time timestamptz NOT NULL,
  submit_time timestamptz,
  decide_time timestamptz,
  decided_by text NOT NULL DEFAULT ''
);
CREATE INDEX applications_provider ON applications (provider_id, application_id);
CREATE INDEX applications_framework ON applications (framework_id, application_id)
  WHERE status <> 'DRAFT';

CREATE TABLE evaluations (
  application_id bigint NOT NULL REFERENCES applications,
  evaluator text NOT NULL,
  evaluator_authority_id text NOT NULL,
  -- [{"criterion_id", "score", "comment"}]
  scores jsonb NOT NULL,
  submit_time timestamptz NOT NULL,
  PRIMARY KEY (application_id, evaluator)
);

-- One row per provider and lot: a provider removed and later admitted again
-- has its row replaced by the new admission.
CREATE TABLE accreditations (
  provider_id text NOT NULL REFERENCES providers,
  framework_id text NOT NULL,
  lot_id text NOT NULL,
  status text NOT NULL CHECK (status IN ('ADMITTED', 'SUSPENDED', 'REMOVED')),
  quality_score double precision NOT NULL CHECK (quality_score BETWEEN 0 AND 100),
  application_id bigint NOT NULL REFERENCES applications,
  admit_time timestamptz NOT NULL,
  remove_time timestamptz,
  removal_reason text NOT NULL DEFAULT '',
  PRIMARY KEY (provider_id, framework_id, lot_id)
);
CREATE INDEX accreditations_lot ON accreditations (framework_id, lot_id, provider_id);

CREATE TABLE suspensions (
  suspension_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  provider_id text NOT NULL REFERENCES providers,
  framework_id text NOT NULL,
  scope text NOT NULL CHECK (scope IN ('FRAMEWORK_WIDE', 'MEMBER_ONLY')),
  authority_id text NOT NULL,
  reason text NOT NULL,
  status text NOT NULL CHECK (status IN ('ACTIVE', 'LIFTED')),
  suspend_time timestamptz NOT NULL,
  suspended_by text NOT NULL,
  reinstate_time timestamptz,
  reinstated_by text NOT NULL DEFAULT ''
);
CREATE INDEX suspensions_provider ON suspensions (provider_id, framework_id, suspension_id);
CREATE INDEX suspensions_framework ON suspensions (framework_id, suspension_id);
-- One active suspension per provider, framework, authority and scope.
CREATE UNIQUE INDEX suspensions_one_active ON suspensions
  (provider_id, framework_id, authority_id, scope) WHERE status = 'ACTIVE';

CREATE TABLE action_plan_items (
  suspension_id bigint NOT NULL REFERENCES suspensions,
  item_number integer NOT NULL CHECK (item_number > 0),
  description text NOT NULL,
  due_date date NOT NULL,
  evidence text NOT NULL DEFAULT '',
  evidence_time timestamptz,
  accepted boolean NOT NULL DEFAULT false,
  accepted_by text NOT NULL DEFAULT '',
  accept_time timestamptz,
  PRIMARY KEY (suspension_id, item_number)
);

CREATE TABLE concerns (
  concern_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  provider_id text NOT NULL REFERENCES providers,
  framework_id text NOT NULL,
  raised_by_authority_id text NOT NULL,
  summary text NOT NULL,
  raise_time timestamptz NOT NULL,
  response text NOT NULL DEFAULT '',
  response_time timestamptz,
  status text NOT NULL CHECK (status IN ('OPEN', 'CLOSED')),
  close_time timestamptz
);
CREATE INDEX concerns_framework ON concerns (framework_id, concern_id);
CREATE INDEX concerns_provider ON concerns (provider_id, concern_id);

-- The eligibility search's own table: one row per setting and lot it
-- serves, carrying what the search filters on (position, Ofsted details,
-- the earliest open vacancy, whether the provider is ADMITTED on the lot and
-- its quality score), kept by triggers on settings, vacancies and
-- accreditations. Its index holds only the rows that can ever match (an
-- ADMITTED provider, an open vacancy), by lot and position together, so a
-- search reads its own lot's live places near the point and nothing else.
CREATE TABLE setting_lots (
  provider_id text NOT NULL,
  setting_id text NOT NULL,
  framework_id text NOT NULL,
  lot_id text NOT NULL,
  latitude double precision NOT NULL,
  longitude double precision NOT NULL,
  registration_type text NOT NULL,
  judgement text,
  judgement_date date,
  -- 0 when not yet inspected; else 1 (best) to 4 as domain/ofsted.h ranks.
  judgement_rank integer NOT NULL,
  service_radius_miles double precision NOT NULL,
  earliest_vacancy date,
  admitted boolean NOT NULL,
  quality_score double precision NOT NULL,
  PRIMARY KEY (provider_id, setting_id, framework_id, lot_id),
  FOREIGN KEY (provider_id, setting_id) REFERENCES settings ON DELETE CASCADE
);
CREATE INDEX setting_lots_live ON setting_lots
  USING gist (framework_id, lot_id, ll_to_earth(latitude, longitude))
  WHERE admitted AND earliest_vacancy IS NOT NULL;
CREATE INDEX setting_lots_lot ON setting_lots (provider_id, framework_id, lot_id);

CREATE FUNCTION judgement_rank(judgement text) RETURNS integer
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE judgement
    WHEN 'OUTSTANDING' THEN 1
    WHEN 'GOOD' THEN 2 WHEN 'OUTCOME_1' THEN 2
    WHEN 'REQUIRES_IMPROVEMENT' THEN 3 WHEN 'OUTCOME_2' THEN 3
    WHEN 'INADEQUATE' THEN 4 WHEN 'OUTCOME_3' THEN 4
    ELSE 0 END
$$;

CREATE FUNCTION earliest_open_vacancy(provider text, setting text) RETURNS date
LANGUAGE sql STABLE AS $$
  SELECT min(available_from) FROM vacancies
  WHERE provider_id = provider AND setting_id = setting
    AND withdraw_time IS NULL
$$;

CREATE FUNCTION setting_lots_of_setting() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM setting_lots
  WHERE provider_id = NEW.provider_id AND setting_id = NEW.setting_id;
  INSERT INTO setting_lots
  SELECT NEW.provider_id, NEW.setting_id, l.framework_id, l.lot_id,
         NEW.latitude, NEW.longitude, NEW.registration_type, NEW.judgement,
         NEW.judgement_date, judgement_rank(NEW.judgement),
         NEW.service_radius_miles,
         earliest_open_vacancy(NEW.provider_id, NEW.setting_id),
         coalesce(a.status = 'ADMITTED', false),
         coalesce(a.quality_score, 0)
  FROM (SELECT split_part(k, '/', 1) AS framework_id,
               split_part(k, '/', 2) AS lot_id
        FROM unnest(NEW.lot_keys) AS k) l
  LEFT JOIN accreditations a
    ON a.provider_id = NEW.provider_id AND a.framework_id = l.framework_id
   AND a.lot_id = l.lot_id;
  RETURN NULL;
END $$;
CREATE TRIGGER settings_to_setting_lots AFTER INSERT OR UPDATE ON settings
  FOR EACH ROW EXECUTE FUNCTION setting_lots_of_setting();

CREATE FUNCTION setting_lots_of_vacancy() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE setting_lots
  SET earliest_vacancy = earliest_open_vacancy(NEW.provider_id, NEW.setting_id)
  WHERE provider_id = NEW.provider_id AND setting_id = NEW.setting_id;
  RETURN NULL;
END $$;
CREATE TRIGGER vacancies_to_setting_lots AFTER INSERT OR UPDATE ON vacancies
  FOR EACH ROW EXECUTE FUNCTION setting_lots_of_vacancy();

CREATE FUNCTION setting_lots_of_accreditation() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE setting_lots
  SET admitted = NEW.status = 'ADMITTED', quality_score = NEW.quality_score
  WHERE provider_id = NEW.provider_id AND framework_id = NEW.framework_id
    AND lot_id = NEW.lot_id;
  RETURN NULL;
END $$;
CREATE TRIGGER accreditations_to_setting_lots
  AFTER INSERT OR UPDATE ON accreditations
  FOR EACH ROW EXECUTE FUNCTION setting_lots_of_accreditation();
