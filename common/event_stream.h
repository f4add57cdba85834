#pragma once

// Serves a service's outbox as a gRPC server stream: the events after the
// one the follower last saw, then each new event as it commits, until the
// follower cancels or the server shuts down. Resuming with the last sequence
// received gives no gaps and no repeats, because an event is given its
// place only once it has committed, after every place already handed out
// (see common/db/outbox.h). `follower` (the caller's subject) names the
// stream in the outbox-lag metrics.

#include <grpcpp/server_context.h>
#include <string>
#include <grpcpp/support/sync_stream.h>

#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/db/outbox.h"
#include "common/db/transaction.h"
#include "common/outbox_followers.h"
#include "common/stream_accept.h"

namespace fhub {

// `Event` is the service's event message, with an int64 `sequence` field.
template <typename Event>
absl::Status StreamOutbox(db::Pool& pool, grpc::ServerContext& context,
                          int64_t after_sequence,
                          grpc::ServerWriter<Event>* writer,
                          const std::string& follower,
                          absl::Duration poll = absl::Milliseconds(200)) {
  constexpr int kBatch = 200;
  OutboxFollowers::Stream watch = OutboxFollowers::Default().Open(follower);
  db::TxOptions options;
  options.name = "read events";
  AcceptStream(context, *writer);
  while (!context.IsCancelled()) {
    std::vector<db::StoredEvent> batch;
    int64_t last_placed = 0;
    absl::Status status = db::Transact(pool, options, [&](db::Tx& tx) {
      batch = db::ReadEvents(tx, after_sequence, kBatch, &last_placed);
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    watch.Update(after_sequence, last_placed);
    for (const db::StoredEvent& stored : batch) {
      Event event;
      if (!event.ParseFromString(stored.payload)) {
        return absl::DataLossError("an outbox event cannot be read");
      }
      event.set_sequence(stored.sequence);
      if (!writer->Write(event)) return absl::OkStatus();  // Follower left.
      after_sequence = stored.sequence;
    }
    watch.Update(after_sequence, last_placed);
    if (static_cast<int>(batch.size()) < kBatch) absl::SleepFor(poll);
  }
  return absl::OkStatus();
}

}  // namespace fhub
