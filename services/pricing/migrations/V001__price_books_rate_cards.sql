-- Per-authority pricing: each authority's pricing policy, its price books
-- with providers, and their effective-dated rate cards. Authorities,
-- frameworks, lots, providers and settings belong to the frameworks and
-- registry services and are referred to here by id.

CREATE TABLE pricing_policies (
  authority_id text PRIMARY KEY,
  allow_spot_prices boolean NOT NULL,
  update_time timestamptz NOT NULL
);

-- One book per authority, provider, framework, lot ('' for every lot) and
-- setting ('' for every setting): the most specific one applies.
CREATE TABLE price_books (
  price_book_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  authority_id text NOT NULL,
  provider_id text NOT NULL,
  framework_id text NOT NULL,
  lot_id text NOT NULL DEFAULT '',
  setting_id text NOT NULL DEFAULT '',
  start_date date NOT NULL,
  status text NOT NULL CHECK (status IN ('PROPOSED', 'ACCEPTED')),
  create_time timestamptz NOT NULL,
  accept_time timestamptz,
  accepted_by text NOT NULL DEFAULT '',
  UNIQUE (authority_id, provider_id, framework_id, lot_id, setting_id)
);
-- The authority's and the provider's lists, newest first.
CREATE INDEX price_books_authority ON price_books (authority_id, price_book_id);
CREATE INDEX price_books_provider ON price_books (provider_id, price_book_id);
CREATE INDEX price_books_lot ON price_books (framework_id, lot_id);

-- Pence, bounded so that no product in a quote can overflow (see
-- services/pricing/domain/rates.h).
CREATE TABLE rate_cards (
  price_book_id bigint NOT NULL REFERENCES price_books,
  version integer NOT NULL CHECK (version > 0),
  effective_from date NOT NULL,
  accommodation_weekly_pence bigint NOT NULL
    CHECK (accommodation_weekly_pence BETWEEN 0 AND 10000000),
  support_hourly_pence bigint NOT NULL
    CHECK (support_hourly_pence BETWEEN 0 AND 59523),
  waking_night_hourly_pence bigint NOT NULL
    CHECK (waking_night_hourly_pence BETWEEN 0 AND 59523),
  sleep_in_nightly_pence bigint NOT NULL
    CHECK (sleep_in_nightly_pence BETWEEN 0 AND 1428571),
  -- [{"name", "amount_pence", "kind": "WEEKLY" | "ONE_OFF"}]
  extras jsonb NOT NULL,
  create_time timestamptz NOT NULL,
  update_time timestamptz NOT NULL,
  PRIMARY KEY (price_book_id, version),
  -- "Overlapping cards on the same date" cannot be stored.
  UNIQUE (price_book_id, effective_from)
);
