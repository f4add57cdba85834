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
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/db/pool.h"
#include "common/db/transaction.h"

namespace fhub::db {

// Appends an event (the service's Event message, serialized) and returns its
// insert order (not its place, which it gets after commit).
int64_t AppendEvent(Tx& tx, absl::string_view type, absl::Time at,
                    absl::string_view payload);

// An event not yet appended: its type and serialized message.
struct PendingEvent {
  std::string type;
  std::string payload;
};

// Appends `events` in order, in one statement. A change that emits many
// events appends them together at its end, in one round trip.
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

// Statements the outbox uses; every service prepares them with its own.
std::vector<PreparedStatement> OutboxStatements();

}  // namespace fhub::db
