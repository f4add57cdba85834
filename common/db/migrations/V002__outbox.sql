-- The outbox: every change a service makes is also appended here, in the
-- same transaction, for other services to follow in order. Sequence numbers
-- are handed out under a lock held until commit, like the audit chain, so
-- they become visible in order and without gaps: a follower that has seen
-- event N has seen every event before it.
CREATE TABLE outbox_events (
  sequence bigint PRIMARY KEY,
  occurred_at timestamptz NOT NULL,
  event_type text NOT NULL,
  -- The service's Event message, serialized; its sequence is filled in when
  -- it is read.
  payload bytea NOT NULL
);

CREATE TABLE outbox_head (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  last_sequence bigint NOT NULL
);
INSERT INTO outbox_head (last_sequence) VALUES (0);

CREATE FUNCTION outbox_events_sequence() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
DECLARE
  last bigint;
BEGIN
  SELECT last_sequence INTO STRICT last FROM outbox_head FOR UPDATE;
  NEW.sequence := last + 1;
  UPDATE outbox_head SET last_sequence = NEW.sequence;
  RETURN NEW;
END
$$;
CREATE TRIGGER outbox_events_sequence BEFORE INSERT ON outbox_events
  FOR EACH ROW EXECUTE FUNCTION outbox_events_sequence();

CREATE TRIGGER outbox_events_append_only BEFORE UPDATE OR DELETE ON outbox_events
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
