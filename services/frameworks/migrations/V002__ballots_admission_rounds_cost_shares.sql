-- Contract holding, complete: the framework's lifecycle, extension ballots,
-- ad-hoc admission rounds and cost-share statements.

ALTER TABLE frameworks
  ADD COLUMN extensions_taken integer NOT NULL DEFAULT 0,
  ADD COLUMN termination_reason text NOT NULL DEFAULT '',
  ADD COLUMN end_time timestamptz,
  ADD CHECK (extensions_taken >= 0
             AND extensions_taken <= cardinality(extension_months));
CREATE INDEX frameworks_due_to_expire ON frameworks (current_end)
  WHERE status = 'ACTIVE';

-- Votes and statements are records: refuse_change() (the hub's V001)
-- refuses any UPDATE or DELETE of them.

CREATE TABLE extension_ballots (
  framework_id text NOT NULL REFERENCES frameworks,
  ballot_number integer NOT NULL,
  option_number integer NOT NULL,
  option_months integer NOT NULL,
  open_time timestamptz NOT NULL,
  close_time timestamptz NOT NULL,
  closed_time timestamptz,
  outcome text CHECK (outcome IN ('PASSED', 'FAILED', 'NO_QUORUM')),
  new_current_end date,
  PRIMARY KEY (framework_id, ballot_number),
  CHECK ((closed_time IS NULL) = (outcome IS NULL))
);
-- One open ballot per framework, and never two for the same option at once.
CREATE UNIQUE INDEX extension_ballots_one_open
  ON extension_ballots (framework_id) WHERE closed_time IS NULL;
CREATE INDEX extension_ballots_due
  ON extension_ballots (close_time) WHERE closed_time IS NULL;

-- The electorate, fixed when the ballot opens. `withdrawn`: ceased
-- membership before voting (set when the ballot closes).
CREATE TABLE ballot_electors (
  framework_id text NOT NULL,
  ballot_number integer NOT NULL,
  authority_id text NOT NULL,
  withdrawn boolean NOT NULL DEFAULT false,
  PRIMARY KEY (framework_id, ballot_number, authority_id),
  FOREIGN KEY (framework_id, ballot_number) REFERENCES extension_ballots
);

-- One vote per elector: the primary key makes a second vote impossible.
CREATE TABLE ballot_votes (
  framework_id text NOT NULL,
  ballot_number integer NOT NULL,
  authority_id text NOT NULL,
  choice text NOT NULL CHECK (choice IN ('APPROVE', 'REJECT', 'ABSTAIN')),
  comment text NOT NULL,
  cast_time timestamptz NOT NULL,
  voter text NOT NULL,
  PRIMARY KEY (framework_id, ballot_number, authority_id),
  FOREIGN KEY (framework_id, ballot_number, authority_id)
    REFERENCES ballot_electors
);
CREATE TRIGGER ballot_votes_are_records BEFORE UPDATE OR DELETE ON ballot_votes
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

CREATE TABLE admission_rounds (
  framework_id text NOT NULL REFERENCES frameworks,
  round_number integer NOT NULL,
  lot_ids text[] NOT NULL,
  open_time timestamptz NOT NULL,
  close_time timestamptz NOT NULL,
  closed_early boolean NOT NULL DEFAULT false,
  PRIMARY KEY (framework_id, round_number),
  CHECK (close_time >= open_time)
);

CREATE TABLE cost_share_statements (
  framework_id text NOT NULL REFERENCES frameworks,
  statement_number integer NOT NULL,
  period_start date NOT NULL,
  period_end date NOT NULL,
  cost_pence bigint NOT NULL CHECK (cost_pence >= 0),
  method text NOT NULL,
  applied_method text NOT NULL,
  count_source text NOT NULL,
  corrects integer,
  note text NOT NULL,
  issue_time timestamptz NOT NULL,
  PRIMARY KEY (framework_id, statement_number),
  FOREIGN KEY (framework_id, corrects) REFERENCES cost_share_statements,
  CHECK (period_end >= period_start)
);
CREATE TRIGGER cost_share_statements_are_records
  BEFORE UPDATE OR DELETE ON cost_share_statements
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

CREATE TABLE cost_shares (
  framework_id text NOT NULL,
  statement_number integer NOT NULL,
  authority_id text NOT NULL,
  basis bigint NOT NULL CHECK (basis >= 0),
  amount_pence bigint NOT NULL CHECK (amount_pence >= 0),
  PRIMARY KEY (framework_id, statement_number, authority_id),
  FOREIGN KEY (framework_id, statement_number) REFERENCES cost_share_statements
);
CREATE TRIGGER cost_shares_are_records BEFORE UPDATE OR DELETE ON cost_shares
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
