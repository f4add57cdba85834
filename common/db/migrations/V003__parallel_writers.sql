-- Writers no longer wait for one another on shared head rows (V001's
-- audit_chain_head, V002's outbox_head, each locked by every change until it
-- committed, so that all writers of a schema ran one at a time).
--
-- The outbox. An event is written with a plain sequence number (its insert
-- order) and the id of the transaction that wrote it; it has no place in
-- the followers' order yet (sequence is NULL). outbox_sequence() gives
-- places, after the last place given, to the events that have committed
-- since it last ran: a transaction's events together, in the order it
-- wrote them, and transactions in the order of their last event written.
-- That follows commits: a transaction that has seen another's commit
-- writes its events after the other's, so they are placed after. One call
-- at a time (an advisory lock, taken before anything is read), so places
-- are handed out without gaps and never twice; an event that commits late is placed
-- when it commits, after what was placed before, instead of keeping a low
-- number a follower has already gone past; a rolled-back event is never
-- placed. Nothing waits for transactions that wrote no event: a long
-- transaction elsewhere in the cluster holds no follower back.
ALTER TABLE outbox_events DROP CONSTRAINT outbox_events_pkey;
ALTER TABLE outbox_events ALTER COLUMN sequence DROP NOT NULL;
CREATE SEQUENCE outbox_events_insert_order;
ALTER TABLE outbox_events
  ADD COLUMN insert_order bigint,
  ADD COLUMN writer_xid xid8;
ALTER TABLE outbox_events DISABLE TRIGGER outbox_events_append_only;
UPDATE outbox_events SET insert_order = sequence, writer_xid = '0'::xid8;
ALTER TABLE outbox_events ENABLE TRIGGER outbox_events_append_only;
SELECT setval('outbox_events_insert_order',
              coalesce((SELECT max(sequence) FROM outbox_events), 0) + 1, false);
ALTER TABLE outbox_events
  ALTER COLUMN insert_order SET DEFAULT nextval('outbox_events_insert_order'),
  ALTER COLUMN insert_order SET NOT NULL,
  ALTER COLUMN writer_xid SET DEFAULT pg_current_xact_id(),
  ALTER COLUMN writer_xid SET NOT NULL,
  ADD PRIMARY KEY (insert_order);
CREATE UNIQUE INDEX outbox_events_sequence ON outbox_events (sequence)
  WHERE sequence IS NOT NULL;
CREATE INDEX outbox_events_unsequenced ON outbox_events (writer_xid, insert_order)
  WHERE sequence IS NULL;
ALTER SEQUENCE outbox_events_insert_order OWNED BY outbox_events.insert_order;

DROP TRIGGER outbox_events_sequence ON outbox_events;
DROP FUNCTION outbox_events_sequence();
DROP TABLE outbox_head;

-- Rows stay as written, but for the one change outbox_sequence() makes: a
-- place given once to an event that had none.
DROP TRIGGER outbox_events_append_only ON outbox_events;
CREATE FUNCTION outbox_events_only_sequenced() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.sequence IS NULL AND NEW.sequence IS NOT NULL
     AND NEW.insert_order = OLD.insert_order
     AND NEW.writer_xid = OLD.writer_xid
     AND NEW.occurred_at = OLD.occurred_at
     AND NEW.event_type = OLD.event_type AND NEW.payload = OLD.payload THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END
$$;
CREATE TRIGGER outbox_events_append_only BEFORE UPDATE OR DELETE ON outbox_events
  FOR EACH ROW EXECUTE FUNCTION outbox_events_only_sequenced();

-- Places the committed events not yet placed; returns the last place. The
-- caller's own uncommitted events wait for its commit. Each statement sees
-- what committed before it (READ COMMITTED), so after the lock the last
-- place given is the one a sequencer that ran just before committed.
CREATE FUNCTION outbox_sequence(most integer) RETURNS bigint
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  own xid8 := pg_current_xact_id_if_assigned();
  last bigint;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext(current_schema() || '.outbox_sequence'));
  SELECT coalesce(max(sequence), 0) INTO last FROM outbox_events
  WHERE sequence IS NOT NULL;
  WITH committed AS (
    SELECT insert_order,
           max(insert_order) OVER (PARTITION BY writer_xid) AS last_written
    FROM outbox_events
    WHERE sequence IS NULL AND writer_xid IS DISTINCT FROM own),
  ready AS (
    SELECT insert_order,
           last + row_number() OVER (ORDER BY last_written, insert_order) AS place
    FROM committed
    ORDER BY last_written, insert_order
    LIMIT most)
  UPDATE outbox_events e SET sequence = ready.place
  FROM ready WHERE e.insert_order = ready.insert_order;
  RETURN (SELECT coalesce(max(sequence), 0) FROM outbox_events
          WHERE sequence IS NOT NULL);
END
$$;

-- The audit log: one hash chain per organisation, each with its own head
-- row, so a change waits only for changes of the same organisation. A
-- record keeps its global id (now from a sequence) and gets its place in
-- its organisation's chain. Checkpoints (audit_checkpoints) sign, from
-- time to time, a Merkle root over every chain's head: what the database
-- owner cannot rewrite without the signing key.
ALTER TABLE audit_log
  ADD COLUMN chain text,
  ADD COLUMN chain_index bigint;
-- What was written before: one chain, by id, under the name '*'.
ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
UPDATE audit_log SET chain = '*', chain_index = id;
ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;
ALTER TABLE audit_log ALTER COLUMN chain SET NOT NULL,
  ALTER COLUMN chain_index SET NOT NULL;
CREATE UNIQUE INDEX audit_log_chain ON audit_log (chain, chain_index);
CREATE SEQUENCE audit_log_id;
SELECT setval('audit_log_id', coalesce((SELECT max(id) FROM audit_log), 0) + 1,
              false);
ALTER TABLE audit_log ALTER COLUMN id SET DEFAULT nextval('audit_log_id');
ALTER SEQUENCE audit_log_id OWNED BY audit_log.id;

CREATE TABLE audit_chain_heads (
  chain text PRIMARY KEY,
  last_index bigint NOT NULL,
  last_id bigint NOT NULL,
  last_hash bytea NOT NULL
);
INSERT INTO audit_chain_heads (chain, last_index, last_id, last_hash)
SELECT '*', last_id, last_id, last_hash FROM audit_chain_head WHERE last_id > 0;

CREATE OR REPLACE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
DECLARE
  head audit_chain_heads%ROWTYPE;
BEGIN
  NEW.chain := NEW.organisation;
  -- Only this organisation's head: writers of other organisations go on.
  SELECT * INTO head FROM audit_chain_heads WHERE chain = NEW.chain
  FOR UPDATE;
  IF NOT FOUND THEN
    -- The organisation's first record (or a concurrent first: then the
    -- other's row, once it commits).
    INSERT INTO audit_chain_heads (chain, last_index, last_id, last_hash)
    VALUES (NEW.chain, 0, 0, '\x') ON CONFLICT (chain) DO NOTHING;
    SELECT * INTO STRICT head FROM audit_chain_heads WHERE chain = NEW.chain
    FOR UPDATE;
  END IF;
  NEW.chain_index := head.last_index + 1;
  NEW.previous_hash := head.last_hash;
  NEW.hash := audit_record_hash(NEW.previous_hash, NEW.occurred_at, NEW.subject,
                                NEW.organisation, NEW.action, NEW.resource,
                                NEW.request_id, NEW.details);
  UPDATE audit_chain_heads
  SET last_index = NEW.chain_index, last_id = NEW.id, last_hash = NEW.hash
  WHERE chain = NEW.chain;
  RETURN NEW;
END
$$;
DROP TABLE audit_chain_head;

-- Ids of records whose hashes do not follow within their chain, and, for a
-- chain whose newest records are gone, the id its head names; empty when
-- every chain is intact.
CREATE OR REPLACE FUNCTION audit_chain_breaks() RETURNS SETOF bigint
LANGUAGE sql STABLE SET search_path FROM CURRENT AS $$
  SELECT id FROM (
    SELECT id, hash, previous_hash, occurred_at, subject, organisation, action,
           resource, request_id, details, chain_index,
           coalesce(lag(hash) OVER w, '\x'::bytea) AS expected_previous,
           coalesce(lag(chain_index) OVER w, 0) AS expected_index
    FROM audit_log WINDOW w AS (PARTITION BY chain ORDER BY chain_index)) r
  WHERE previous_hash <> expected_previous
     OR chain_index <> expected_index + 1
     OR hash <> audit_record_hash(previous_hash, occurred_at, subject,
                                  organisation, action, resource, request_id,
                                  details)
  UNION
  SELECT h.last_id FROM audit_chain_heads h
  WHERE h.last_index > 0 AND NOT EXISTS (
    SELECT 1 FROM audit_log a
    WHERE a.chain = h.chain AND a.chain_index = h.last_index
      AND a.hash = h.last_hash)
  ORDER BY 1
$$;

-- Signed checkpoints over all chain heads: the heads as they stood
-- ([chain, index, hash hex] in chain order), their Merkle root, and an
-- Ed25519 signature of the root by the service's audit key (whose public
-- half is kept with it).
CREATE TABLE audit_checkpoints (
  id bigserial PRIMARY KEY,
  made_at timestamptz NOT NULL,
  heads jsonb NOT NULL,
  root bytea NOT NULL,
  public_key bytea NOT NULL,
  signature bytea NOT NULL
);
CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE
  ON audit_checkpoints FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- Idempotency keys are swept after the retention time; the index on
-- created_at (V001) serves the sweep.
