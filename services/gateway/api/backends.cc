#include "services/gateway/api/backends.h"

#include <google/protobuf/descriptor.h>
#include <grpcpp/impl/client_unary_call.h>

#include "absl/strings/str_cat.h"
#include "common/stream_accept.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "services/gateway/api/transcode.h"

namespace fhub::gateway {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

constexpr absl::Duration kMostConnectWait = absl::Seconds(1);

void AddMetadata(grpc::ClientContext& context, const Metadata& metadata) {
  for (const auto& [key, value] : metadata) context.AddMetadata(key, value);
}

// The message's int64 `sequence` as text, or "".
std::string SequenceOf(const Message& message) {
  const FieldDescriptor* field =
      message.GetDescriptor()->FindFieldByName("sequence");
  if (field == nullptr || field->is_repeated() ||
      field->cpp_type() != FieldDescriptor::CPPTYPE_INT64) {
    return "";
  }
  return absl::StrCat(message.GetReflection()->GetInt64(message, field));
}

}  // namespace

ServerStream::ServerStream(MessageStub& stub, const std::string& grpc_path,
                           const Metadata& metadata, const Message& request,
                           const Message& response_prototype)
    : request_(request.New()), current_(response_prototype.New()) {
  request_->CopyFrom(request);
  AddMetadata(context_, metadata);
  // Over the wire a server stream is a stream the client writes once to:
  // the generic stub's bidirectional call sends the request, half-closes,
  // and reads.
  stub.PrepareBidiStreamingCall(&context_, grpc_path, grpc::StubOptions(),
                                this);
  reading_ = true;
  StartWriteLast(request_.get(), grpc::WriteOptions());
  StartRead(current_.get());
  StartCall();
}

ServerStream::~ServerStream() {
  context_.TryCancel();
  absl::MutexLock lock(&mu_);
  mu_.Await(absl::Condition(&done_));
}

void ServerStream::OnReadInitialMetadataDone(bool ok) {
  bool accepted = false;
  if (ok) {
    const auto& metadata = context_.GetServerInitialMetadata();
    auto it = metadata.find(kStreamAcceptedKey);
    accepted = it != metadata.end() && it->second == kStreamAcceptedValue;
  }
  absl::MutexLock lock(&mu_);
  accepted_ = accepted;
}

bool ServerStream::WaitAccepted(absl::Duration wait) {
  absl::MutexLock lock(&mu_);
  auto settled = [this]() ABSL_SHARED_LOCKS_REQUIRED(mu_) {
    return accepted_ || done_ || !queue_.empty();
  };
  mu_.AwaitWithTimeout(absl::Condition(&settled), wait);
  return !done_ || !queue_.empty() || status_.ok();
}

void ServerStream::OnReadDone(bool ok) {
  if (!ok) return;  // the stream ended; OnDone follows
  Item item;
  absl::StatusOr<std::string> json = ToJson(*current_);
  item.json = json.ok() ? *std::move(json) : "{}";
  item.id = SequenceOf(*current_);
  bool read_on = false;
  {
    absl::MutexLock lock(&mu_);
    queue_.push_back(std::move(item));
    read_on = queue_.size() < kMaxQueued;
    reading_ = read_on;
  }
  // Outside the lock: a callback may run before StartRead returns.
  if (read_on) StartRead(current_.get());
}

void ServerStream::OnDone(const grpc::Status& status) {
  absl::MutexLock lock(&mu_);
  status_ = status;
  done_ = true;
}

ServerStream::Next ServerStream::Pop(absl::Duration wait, Item* item) {
  bool read_on = false;
  {
    absl::MutexLock lock(&mu_);
    auto ready = [this]() ABSL_SHARED_LOCKS_REQUIRED(mu_) {
      return !queue_.empty() || done_;
    };
    mu_.AwaitWithTimeout(absl::Condition(&ready), wait);
    if (queue_.empty()) return done_ ? Next::kEnded : Next::kTimeout;
    *item = std::move(queue_.front());
    queue_.pop_front();
    read_on = !reading_ && !done_ && queue_.size() < kMaxQueued / 2;
    if (read_on) reading_ = true;
  }
  if (read_on) StartRead(current_.get());
  return Next::kItem;
}

grpc::Status ServerStream::final_status() {
  absl::MutexLock lock(&mu_);
  return status_;
}

Backend::Backend(std::shared_ptr<grpc::Channel> channel)
    : channel_(std::move(channel)), stub_(channel_) {}

void Backend::AwaitConnection(absl::Time deadline) {
  if (channel_->GetState(/*try_to_connect=*/true) == GRPC_CHANNEL_READY) {
    return;
  }
  channel_->WaitForConnected(
      absl::ToChronoTime(std::min(deadline, absl::Now() + kMostConnectWait)));
}

grpc::Status Backend::Call(const std::string& grpc_path,
                           const Metadata& metadata, absl::Time deadline,
                           const Message& request, Message* response) {
  AwaitConnection(deadline);
  grpc::ClientContext context;
  AddMetadata(context, metadata);
  context.set_deadline(absl::ToChronoTime(deadline));
  // The blocking call the generated stubs make, on this thread: the generic
  // stub's callback form would hand every answer to gRPC's own threads and
  // back, two thread switches per call.
  return grpc::internal::BlockingUnaryCall<Message, Message>(
      channel_.get(),
      grpc::internal::RpcMethod(grpc_path.c_str(),
                                grpc::internal::RpcMethod::NORMAL_RPC),
      &context, request, response);
}

std::unique_ptr<ServerStream> Backend::OpenStream(
    const std::string& grpc_path, const Metadata& metadata,
    const Message& request, const Message& response_prototype) {
  AwaitConnection(absl::Now() + kMostConnectWait);
  return std::make_unique<ServerStream>(stub_, grpc_path, metadata, request,
                                        response_prototype);
}

bool Backend::Serving(const std::string& service, absl::Duration timeout) {
  auto stub = grpc::health::v1::Health::NewStub(channel_);
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  grpc::health::v1::HealthCheckRequest request;
  request.set_service(service);
  grpc::health::v1::HealthCheckResponse response;
  return stub->Check(&context, request, &response).ok() &&
         response.status() == grpc::health::v1::HealthCheckResponse::SERVING;
}

}  // namespace fhub::gateway
