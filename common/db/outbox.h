#pragma once

// The outbox (migrations/V002__outbox.sql, V003__parallel_writers.sql): a
// service appends an event in the transaction of the change it describes,
// taking no lock another writer waits for, and other services follow the
// events in order with a resumable stream. An event's place in that order
// (its sequence) is given after its transaction commits, by whoever reads
// next: so a follower that has seen place N has seen every event that will
// ever be placed before it, and an event of a transaction that commits late
// is placed after the ones already read, never skipped.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/db/pool.h"
#include "common/db/transaction.h"

namespace fhub::db {

// An event not yet appended: its type and serialized message.
struct PendingEvent {
  std::string type;
  std::string payload;
};

// Holds the events appended in `tx` on this thread while it lives, instead
// of each being written at once: whoever opened it writes them together at
// the end of the transaction (ApplyOnce, change.h: with the change's audit
// record and stored response, in one statement). One per transaction
// attempt.
class EventBatch {
 public:
  explicit EventBatch(const Tx& tx);
  ~EventBatch();
  EventBatch(const EventBatch&) = delete;
  EventBatch& operator=(const EventBatch&) = delete;

  // The innermost batch open on this thread if it holds `tx`'s events;
  // nullptr otherwise.
  static EventBatch* Of(const Tx& tx);

  const std::vector<PendingEvent>& events() const { return events_; }
  void Add(PendingEvent event) { events_.push_back(std::move(event)); }

 private:
  const Tx* tx_;
  std::vector<PendingEvent> events_;
  EventBatch* previous_;
};

// Appends an event (the service's Event message, serialized): into the
// transaction's EventBatch when one is open, else at once.
void AppendEvent(Tx& tx, absl::string_view type, absl::Time at,
                 absl::string_view payload);

// Appends `events` in order, in one statement (or into the
// transaction's EventBatch when one is open).
void AppendEvents(Tx& tx, absl::Time at,
                  const std::vector<PendingEvent>& events);

struct StoredEvent {
  int64_t sequence = 0;
  std::string payload;
};

// Up to `limit` events placed after `after_sequence`, in order (placing
// what can be placed first); `last_placed`, if given, gets the newest place.
std::vector<StoredEvent> ReadEvents(Tx& tx, int64_t after_sequence, int limit,
                                    int64_t* last_placed = nullptr);

// The place of the latest placed event (0 when there is none), after
// placing what can be: a follower that starts after it misses nothing
// committed later.
int64_t LastSequence(Tx& tx);

// The events' types and hex payloads as two text[] literals, for a
// statement that unnests them in order (as AppendEvents does).
std::pair<std::string, std::string> EventArrays(
    const std::vector<PendingEvent>& events);

// Statements the outbox uses; every service prepares them with its own.
std::vector<PreparedStatement> OutboxStatements();

}  // namespace fhub::db
