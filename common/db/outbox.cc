#include "common/db/outbox.h"

#include <algorithm>
#include <pqxx/pqxx>

#include "absl/strings/escaping.h"
#include "common/db/values.h"

namespace fhub::db {
namespace {

constexpr Query kAppendEvent{"hub_append_event", R"sql(
INSERT INTO outbox_events (occurred_at, event_type, payload)
VALUES ($1::timestamptz, $2, decode($3, 'hex')))sql"};

// Gives places to the events committed since it last ran (V003), returning
// the last place.
constexpr Query kSequence{"hub_sequence_events", "SELECT outbox_sequence($1)"};

constexpr Query kReadEvents{"hub_read_events", R"sql(
SELECT sequence, encode(payload, 'hex') FROM outbox_events
WHERE sequence > $1 ORDER BY sequence LIMIT $2)sql"};

// Several events in one statement, in the order given: the sequence
// trigger numbers them row by row as unnest yields them.
constexpr Query kAppendEvents{"hub_append_events", R"sql(
INSERT INTO outbox_events (occurred_at, event_type, payload)
SELECT $1::timestamptz, e.event_type, decode(e.payload, 'hex')
FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS e(event_type, payload, n)
ORDER BY e.n)sql"};

constexpr int kMostPlacedAtOnce = 5000;

}  // namespace

std::vector<PreparedStatement> OutboxStatements() {
  return {kAppendEvent, kAppendEvents, kSequence, kReadEvents};
}

int64_t LastSequence(Tx& tx) {
  return tx.exec_prepared1(kSequence.name, kMostPlacedAtOnce)[0].as<int64_t>();
}

namespace {

thread_local EventBatch* current_batch = nullptr;

// '{"a","b"}': each element quoted; types are upper-case words and payloads
// hex, so nothing inside needs escaping.
std::string QuotedArray(const std::vector<std::string>& items) {
  std::string out = "{";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ',';
    out += '"';
    out += items[i];
    out += '"';
  }
  out += '}';
  return out;
}

}  // namespace

EventBatch::EventBatch(const Tx& tx) : tx_(&tx), previous_(current_batch) {
  current_batch = this;
}

EventBatch::~EventBatch() { current_batch = previous_; }

EventBatch* EventBatch::Of(const Tx& tx) {
  EventBatch* batch = current_batch;
  return batch != nullptr && batch->tx_ == &tx ? batch : nullptr;
}

void AppendEvent(Tx& tx, absl::string_view type, absl::Time at,
                 absl::string_view payload) {
  AppendEvents(tx, at, {{std::string(type), std::string(payload)}});
}

std::pair<std::string, std::string> EventArrays(
    const std::vector<PendingEvent>& events) {
  std::vector<std::string> types;
  std::vector<std::string> payloads;
  types.reserve(events.size());
  payloads.reserve(events.size());
  for (const PendingEvent& e : events) {
    types.push_back(e.type);
    payloads.push_back(absl::BytesToHexString(e.payload));
  }
  return {QuotedArray(types), QuotedArray(payloads)};
}

void AppendEvents(Tx& tx, absl::Time at,
                  const std::vector<PendingEvent>& events) {
  if (EventBatch* batch = EventBatch::Of(tx)) {
    for (const PendingEvent& e : events) batch->Add(e);
    return;
  }
  if (events.empty()) return;
  if (events.size() == 1) {
    tx.exec_prepared0(kAppendEvent.name, SqlTimestamp(at), events[0].type,
                      absl::BytesToHexString(events[0].payload));
    return;
  }
  const auto [types, payloads] = EventArrays(events);
  tx.exec_prepared0(kAppendEvents.name, SqlTimestamp(at), types, payloads);
}

std::vector<StoredEvent> ReadEvents(Tx& tx, int64_t after_sequence, int limit,
                                    int64_t* last_placed) {
  const int64_t last =
      tx.exec_prepared1(kSequence.name, std::max(limit, kMostPlacedAtOnce))[0]
          .as<int64_t>();
  if (last_placed != nullptr) *last_placed = last;
  std::vector<StoredEvent> events;
  for (const pqxx::row& row :
       tx.exec_prepared(kReadEvents.name, after_sequence, limit)) {
    events.push_back({row[0].as<int64_t>(),
                      absl::HexStringToBytes(row[1].as<std::string>())});
  }
  return events;
}

}  // namespace fhub::db
