-- Webhooks (domain/webhooks.h, api/webhook_dispatcher.h): the HTTPS
-- endpoints an authority or a provider registered, and each event sent, or
-- to be sent, to each. Both are the registering organisation's own
-- ("authorities/sefton", "providers/bootle-house"): row-level security on
-- fhub.organisation, as the hub's V005 does for request_ids and audit
-- records; the dispatcher works under fhub.reach 'all'.

CREATE TABLE webhook_endpoints (
  endpoint_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organisation text NOT NULL,
  url text NOT NULL CHECK (url LIKE 'https://%' AND length(url) <= 2048),
  -- WebhookEventType numbers.
  event_types int[] NOT NULL CHECK (cardinality(event_types) > 0),
  description text NOT NULL DEFAULT '',
  secret text NOT NULL,
  create_time timestamptz NOT NULL,
  delete_time timestamptz
);
CREATE INDEX webhook_endpoints_organisation
  ON webhook_endpoints (organisation, endpoint_id) WHERE delete_time IS NULL;

-- One event for one endpoint. `event` is "events/{stream}/{sequence}";
-- `body` the JSON POSTed, the same on every attempt. An endpoint's
-- deliveries go in delivery_id order, one at a time: the oldest PENDING one
-- is its head, sent when next_attempt_time has come and no sender holds
-- its lease.
CREATE TABLE webhook_deliveries (
  delivery_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  endpoint_id bigint NOT NULL REFERENCES webhook_endpoints (endpoint_id),
  organisation text NOT NULL,
  event text NOT NULL,
  event_type int NOT NULL,
  body text NOT NULL,
  state text NOT NULL CHECK (state IN ('PENDING', 'DELIVERED', 'FAILED')),
  attempts int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  last_status_code int NOT NULL DEFAULT 0,
  last_error text NOT NULL DEFAULT '',
  create_time timestamptz NOT NULL,
  next_attempt_time timestamptz NOT NULL,
  lease_until timestamptz,
  deliver_time timestamptz,
  -- An event reaches an endpoint once, however often the fan-out runs.
  UNIQUE (endpoint_id, event)
);
CREATE INDEX webhook_deliveries_pending
  ON webhook_deliveries (endpoint_id, delivery_id) WHERE state = 'PENDING';
CREATE INDEX webhook_deliveries_listing
  ON webhook_deliveries (endpoint_id, delivery_id DESC);
-- Delivered and failed ones are swept once older than the retention.
CREATE INDEX webhook_deliveries_finished
  ON webhook_deliveries (create_time) WHERE state <> 'PENDING';

ALTER TABLE webhook_endpoints ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_endpoints FORCE ROW LEVEL SECURITY;
CREATE POLICY webhook_endpoints_owner ON webhook_endpoints
  USING (row_reach_all() OR organisation = row_organisation());

ALTER TABLE webhook_deliveries ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_deliveries FORCE ROW LEVEL SECURITY;
CREATE POLICY webhook_deliveries_owner ON webhook_deliveries
  USING (row_reach_all() OR organisation = row_organisation());
