-- The hub's shared tables, created in every service's schema. Functions
-- keep the schema they were created in (SET search_path FROM CURRENT), so
-- they work whoever calls them.

-- Every change, who made it and when, written in the same transaction as the
-- change. Append-only, and hash-chained so that an edit made behind the
-- service's back (by a superuser who drops the trigger) is detectable:
-- audit_chain_breaks() lists the records whose hash no longer follows.
CREATE TABLE audit_log (
  -- Position in the chain, set by the chain trigger: 1, 2, 3, ...
  id bigint PRIMARY KEY,
  occurred_at timestamptz NOT NULL,
  subject text NOT NULL,
  organisation text NOT NULL,
  action text NOT NULL,
  resource text NOT NULL,
  request_id text NOT NULL,
  details jsonb NOT NULL,
  previous_hash bytea NOT NULL,
  hash bytea NOT NULL
);
-- The end of the chain: one row, locked by each writer until it commits, so
-- writers join the chain one at a time and in id order.
CREATE TABLE audit_chain_head (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  last_id bigint NOT NULL,
  last_hash bytea NOT NULL
);
INSERT INTO audit_chain_head (last_id, last_hash) VALUES (0, '\x');
CREATE INDEX audit_log_resource ON audit_log (resource, id);

CREATE FUNCTION audit_record_hash(previous_hash bytea, occurred_at timestamptz,
                                  subject text, organisation text, action text,
                                  resource text, request_id text, details jsonb)
RETURNS bytea LANGUAGE sql IMMUTABLE SET search_path FROM CURRENT AS $$
  SELECT sha256(previous_hash || convert_to(concat_ws(E'\n',
      (extract(epoch FROM occurred_at) * 1000000)::bigint::text, subject,
      organisation, action, resource, request_id, details::text), 'UTF8'))
$$;

-- Links each new record to the end of the chain. Locking the head row makes
-- a writer wait for any other writer's commit and then read the head as
-- committed (READ COMMITTED); a writer whose snapshot is older (REPEATABLE
-- READ, SERIALIZABLE) gets a serialization failure instead, and is retried.
CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
DECLARE
  head audit_chain_head%ROWTYPE;
BEGIN
  SELECT * INTO STRICT head FROM audit_chain_head FOR UPDATE;
  NEW.id := head.last_id + 1;
  NEW.previous_hash := head.last_hash;
  NEW.hash := audit_record_hash(NEW.previous_hash, NEW.occurred_at, NEW.subject,
                                NEW.organisation, NEW.action, NEW.resource,
                                NEW.request_id, NEW.details);
  UPDATE audit_chain_head SET last_id = NEW.id, last_hash = NEW.hash;
  RETURN NEW;
END
$$;
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_chain();

-- Refuses any change to rows of an append-only table: the audit log here,
-- and whatever a service keeps as a record once written.
CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- Ids of records whose stored hashes do not follow from their content and
-- predecessor, and the head's id if the newest records are gone; empty when
-- the chain is intact.
CREATE FUNCTION audit_chain_breaks() RETURNS SETOF bigint LANGUAGE sql STABLE
SET search_path FROM CURRENT AS $$
  SELECT id FROM (
    SELECT id, hash, previous_hash, occurred_at, subject, organisation, action,
           resource, request_id, details,
           coalesce(lag(hash) OVER (ORDER BY id), '\x'::bytea) AS expected_previous
    FROM audit_log) r
  WHERE previous_hash <> expected_previous
     OR hash <> audit_record_hash(previous_hash, occurred_at, subject,
                                  organisation, action, resource, request_id,
                                  details)
  UNION
  SELECT h.last_id FROM audit_chain_head h
  WHERE h.last_id > 0 AND NOT EXISTS (
    SELECT 1 FROM audit_log a WHERE a.id = h.last_id AND a.hash = h.last_hash)
  ORDER BY 1
$$;

-- One row per request_id a caller's organisation has used for a change: the
-- method, a hash of the request and the response sent, so that a retry gets
-- the first answer and changes nothing again.
CREATE TABLE idempotency_keys (
  organisation text NOT NULL,
  request_id text NOT NULL,
  method text NOT NULL,
  request_hash bytea NOT NULL,
  response bytea,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (organisation, request_id)
);
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
