#include "common/db/outbox.h"

#include <pqxx/pqxx>

#include "absl/strings/escaping.h"
#include "common/db/values.h"

namespace fhub::db {
namespace {

constexpr Query kAppendEvent{"hub_append_event", R"sql(
INSERT INTO outbox_events (occurred_at, event_type, payload)
VALUES ($1::timestamptz, $2, decode($3, 'hex'))
RETURNING sequence)sql"};

constexpr Query kReadEvents{"hub_read_events", R"sql(
SELECT sequence, encode(payload, 'hex') FROM outbox_events
WHERE sequence > $1 ORDER BY sequence LIMIT $2)sql"};

constexpr Query kLastSequence{
    "hub_last_event_sequence",
    "SELECT coalesce(max(sequence), 0) FROM outbox_events"};

}  // namespace

std::vector<PreparedStatement> OutboxStatements() {
  return {kAppendEvent, kReadEvents, kLastSequence};
}

int64_t LastSequence(Tx& tx) {
  return tx.exec_prepared1(kLastSequence.name)[0].as<int64_t>();
}

int64_t AppendEvent(Tx& tx, absl::string_view type, absl::Time at,
                    absl::string_view payload) {
  return tx
      .exec_prepared1(kAppendEvent.name, SqlTimestamp(at), std::string(type),
                      absl::BytesToHexString(payload))[0]
      .as<int64_t>();
}

std::vector<StoredEvent> ReadEvents(Tx& tx, int64_t after_sequence, int limit) {
  std::vector<StoredEvent> events;
  for (const pqxx::row& row :
       tx.exec_prepared(kReadEvents.name, after_sequence, limit)) {
    events.push_back({row[0].as<int64_t>(),
                      absl::HexStringToBytes(row[1].as<std::string>())});
  }
  return events;
}

}  // namespace fhub::db
