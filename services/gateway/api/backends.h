#pragma once

// Calling the hub's services for the gateway: one channel per service and
// the generic stub, so a call needs only the rpc's path and messages made
// from its descriptors.

#include <grpcpp/grpcpp.h>
#include <grpcpp/generic/generic_stub.h>

#include <google/protobuf/message.h>

#include <deque>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace fhub::gateway {

// Request metadata passed through to the service (the caller's
// Authorization header as "authorization").
using Metadata = std::vector<std::pair<std::string, std::string>>;

using MessageStub = grpc::TemplatedGenericStub<google::protobuf::Message,
                                               google::protobuf::Message>;

// A server stream being read: messages as JSON, queued as they arrive and
// taken by the HTTP side; reading pauses while kMaxQueued wait, so a slow
// HTTP client holds back the service rather than the gateway's memory.
class ServerStream : public grpc::ClientBidiReactor<google::protobuf::Message,
                                                   google::protobuf::Message> {
 public:
  static constexpr size_t kMaxQueued = 64;

  struct Item {
    std::string json;
    // The message's `sequence`, if it has one: the event's id.
    std::string id;
  };
  enum class Next { kItem, kTimeout, kEnded };

  // Starts the call; `request` is copied; messages are read into copies of
  // `response_prototype`.
  ServerStream(MessageStub& stub, const std::string& grpc_path,
               const Metadata& metadata,
               const google::protobuf::Message& request,
               const google::protobuf::Message& response_prototype);
  // Cancels the call if it is still running and waits for it to end.
  ~ServerStream() override;

  // Waits up to `wait` for the service to accept the stream (its initial
  // metadata) or end it; false when it ended first (see final_status), so
  // the HTTP caller can get the error's status instead of a stream.
  bool WaitAccepted(absl::Duration wait);

  // The next message, waiting up to `wait` for one; kEnded once the
  // service ended the stream and everything was taken (see final_status).
  Next Pop(absl::Duration wait, Item* item);
  grpc::Status final_status();
  void Cancel() { context_.TryCancel(); }

  // The reactor's callbacks (gRPC's threads).
  void OnReadInitialMetadataDone(bool ok) override;
  void OnReadDone(bool ok) override;
  void OnDone(const grpc::Status& status) override;

 private:
  grpc::ClientContext context_;
  std::unique_ptr<google::protobuf::Message> request_;
  std::unique_ptr<google::protobuf::Message> current_;
  absl::Mutex mu_;
  std::deque<Item> queue_ ABSL_GUARDED_BY(mu_);
  bool reading_ ABSL_GUARDED_BY(mu_) = false;
  bool done_ ABSL_GUARDED_BY(mu_) = false;
  bool accepted_ ABSL_GUARDED_BY(mu_) = false;
  grpc::Status status_ ABSL_GUARDED_BY(mu_);
};

class Backend {
 public:
  explicit Backend(std::shared_ptr<grpc::Channel> channel);

  // One unary call with `deadline`. A channel still connecting (the service
  // has just started, or restarted) is waited for, for up to a second
  // within the deadline; a service that stays down fails the call with
  // UNAVAILABLE soon, so HTTP callers get 503 rather than a long wait.
  grpc::Status Call(const std::string& grpc_path, const Metadata& metadata,
                    absl::Time deadline,
                    const google::protobuf::Message& request,
                    google::protobuf::Message* response);

  // Opens a server stream (no deadline: it runs until either side ends it).
  std::unique_ptr<ServerStream> OpenStream(
      const std::string& grpc_path, const Metadata& metadata,
      const google::protobuf::Message& request,
      const google::protobuf::Message& response_prototype);

  // Whether the service answers the health protocol as SERVING within
  // `timeout`.
  bool Serving(const std::string& service, absl::Duration timeout);

 private:
  void AwaitConnection(absl::Time deadline);

  std::shared_ptr<grpc::Channel> channel_;
  MessageStub stub_;
};

}  // namespace fhub::gateway
