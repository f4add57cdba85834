#pragma once

// How a server stream says it has accepted its caller: initial metadata
// "fhub-stream: accepted", sent before any message. A proxy (fhub-gateway)
// can then answer its HTTP caller 200 at once, and tell an accepted stream
// from a refusal, which sends no initial metadata of its own, only the
// status.

#include <grpcpp/server_context.h>
#include <grpcpp/support/sync_stream.h>

namespace fhub {

inline constexpr char kStreamAcceptedKey[] = "fhub-stream";
inline constexpr char kStreamAcceptedValue[] = "accepted";

// Sends the accepted marker now.
inline void AcceptStream(grpc::ServerContext& context,
                         grpc::internal::ServerStreamingInterface& stream) {
  context.AddInitialMetadata(kStreamAcceptedKey, kStreamAcceptedValue);
  stream.SendInitialMetadata();
}

}  // namespace fhub
