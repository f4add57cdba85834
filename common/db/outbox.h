#pragma once

// The outbox (migrations/V002__outbox.sql): a service appends an event in the
// transaction of the change it describes, and other services follow the
// events in order with a resumable stream.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/db/pool.h"
#include "common/db/transaction.h"

namespace fhub::db {

// Appends an event (the service's Event message, serialized) and returns its
// sequence number.
int64_t AppendEvent(Tx& tx, absl::string_view type, absl::Time at,
                    absl::string_view payload);

// An event not yet appended: its type and serialized message.
struct PendingEvent {
  std::string type;
  std::string payload;
};

// Appends `events` in order, in one statement. A change that emits many
// events appends them together at its end, so the outbox's lock (held from
// the first append to commit) is held as briefly as possible.
void AppendEvents(Tx& tx, absl::Time at,
                  const std::vector<PendingEvent>& events);

struct StoredEvent {
  int64_t sequence = 0;
  std::string payload;
};

// Up to `limit` events after `after_sequence`, in order.
std::vector<StoredEvent> ReadEvents(Tx& tx, int64_t after_sequence, int limit);

// The sequence of the latest committed event (0 when there is none): a
// follower that starts after it misses nothing committed later.
int64_t LastSequence(Tx& tx);

// Statements the outbox uses; every service prepares them with its own.
std::vector<PreparedStatement> OutboxStatements();

}  // namespace fhub::db
