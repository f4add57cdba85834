#include "services/referrals/api/webhook_dispatcher.h"

#include <arpa/inet.h>
#include <google/protobuf/util/json_util.h>
#include <httplib.h>
#include <netdb.h>
#include <netinet/in.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/db/outbox.h"
#include "common/db/row_scope.h"
#include "common/log.h"
#include "common/proto_values.h"
#include "common/status_macros.h"

namespace fhub::referrals {
namespace {

constexpr char kStream[] = "webhooks";
// How long a sender holds a delivery: longer than an attempt can take.
constexpr absl::Duration kLeaseMargin = absl::Seconds(30);

WebhookEvent InvitationChange(v1::InvitationStatus status, bool* known) {
  *known = true;
  switch (status) {
    case v1::OFFERED:
      return WebhookEvent::kOfferMade;
    case v1::DECLINED:
      return WebhookEvent::kOfferDeclined;
    case v1::OFFER_WITHDRAWN:
      return WebhookEvent::kOfferWithdrawn;
    case v1::REVOKED:
    case v1::CLOSED:
      return WebhookEvent::kInvitationClosed;
    case v1::OFFER_AWARDED:
      return WebhookEvent::kOfferAwarded;
    case v1::UNSUCCESSFUL:
      return WebhookEvent::kOfferUnsuccessful;
    default:
      *known = false;
      return WebhookEvent::kInvitationClosed;
  }
}

// The notification's JSON, the same for every endpoint and attempt.
std::string Body(const std::string& event_name, WebhookEvent type,
                 const google::protobuf::Timestamp& time,
                 const std::string& framework, const std::string& authority,
                 const std::string& provider, const std::string& resource) {
  v1::WebhookNotification n;
  n.set_event(event_name);
  n.set_type(static_cast<v1::WebhookEventType>(type));
  *n.mutable_time() = time;
  n.set_framework(framework);
  n.set_authority(authority);
  n.set_provider(provider);
  n.set_resource(resource);
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = false;
  (void)google::protobuf::util::MessageToJsonString(n, &json, options);
  return json;
}

template <typename Event>
absl::Status EnqueueAll(db::Tx& tx, WebhooksStore& store,
                        const std::string& event_name, const Event& event,
                        const std::vector<WebhookRecipient>& recipients,
                        absl::Time now) {
  for (const WebhookRecipient& r : recipients) {
    const std::string body =
        Body(event_name, r.type, event.time(), event.framework(),
             event.authority(), event.provider(), event.resource());
    FHUB_ASSIGN_OR_RETURN(
        int queued,
        store.Enqueue(tx, r.organisation, static_cast<int>(r.type), event_name,
                      body, FromProto(event.time()), now));
    (void)queued;
  }
  return absl::OkStatus();
}

// "host:port" or "[v6]:port" -> the host, without brackets.
std::string HostOf(absl::string_view authority) {
  if (absl::ConsumePrefix(&authority, "[")) {
    return std::string(authority.substr(0, authority.find(']')));
  }
  return std::string(authority.substr(0, authority.find(':')));
}

// The first address `host` resolves to; refused unless every one of them is
// public, or private ones are allowed.
absl::StatusOr<std::string> CheckedAddress(const std::string& host,
                                           bool allow_private) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (const int rc = getaddrinfo(host.c_str(), nullptr, &hints, &found);
      rc != 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot resolve ", host, ": ", gai_strerror(rc)));
  }
  std::string first;
  std::string refused;
  for (addrinfo* a = found; a != nullptr; a = a->ai_next) {
    char text[INET6_ADDRSTRLEN] = {};
    const void* raw =
        a->ai_family == AF_INET
            ? static_cast<const void*>(
                  &reinterpret_cast<sockaddr_in*>(a->ai_addr)->sin_addr)
            : static_cast<const void*>(
                  &reinterpret_cast<sockaddr_in6*>(a->ai_addr)->sin6_addr);
    if (inet_ntop(a->ai_family, raw, text, sizeof(text)) == nullptr) continue;
    if (first.empty()) first = text;
    if (!IsPublicAddress(text) && refused.empty()) refused = text;
  }
  freeaddrinfo(found);
  if (first.empty()) {
    return absl::UnavailableError(absl::StrCat("cannot resolve ", host));
  }
  if (!refused.empty() && !allow_private) {
    return absl::FailedPreconditionError(absl::StrCat(
        host, " resolves to ", refused,
        ", which is not a public address; deliveries go only to the "
        "internet"));
  }
  return first;
}

}  // namespace

std::vector<WebhookRecipient> RecipientsOf(const v1::Event& event) {
  const std::string& authority = event.authority();
  const std::string& provider = event.provider();
  std::vector<WebhookRecipient> out;
  auto to = [&](const std::string& organisation, WebhookEvent type) {
    if (!organisation.empty()) out.push_back({organisation, type});
  };
  switch (event.type()) {
    case v1::PROVIDER_INVITED:
      to(provider, WebhookEvent::kInvitationReceived);
      break;
    case v1::INVITATION_CHANGED: {
      bool known = false;
      const WebhookEvent type =
          InvitationChange(event.invitation_status(), &known);
      if (!known) break;
      to(SentTo(type, WebhookOwner::kAuthority) ? authority : provider, type);
      break;
    }
    case v1::PLACEMENT_STARTED:
      to(authority, WebhookEvent::kPlacementStarted);
      to(provider, WebhookEvent::kPlacementStarted);
      break;
    case v1::HOURS_ADJUSTED:
      to(authority, WebhookEvent::kHoursChanged);
      to(provider, WebhookEvent::kHoursChanged);
      break;
    case v1::PLACEMENT_ENDED:
      to(authority, WebhookEvent::kPlacementEnded);
      to(provider, WebhookEvent::kPlacementEnded);
      break;
    case v1::REFERRAL_CANCELLED:
      to(authority, WebhookEvent::kReferralCancelled);
      break;
    default:
      break;
  }
  return out;
}

bool NeedsMembers(const registry::v1::Event& event) {
  return (event.type() == registry::v1::PROVIDER_SUSPENDED ||
          event.type() == registry::v1::PROVIDER_REINSTATED) &&
         event.scope() != registry::v1::MEMBER_ONLY;
}

std::vector<WebhookRecipient> RecipientsOf(
    const registry::v1::Event& event, const std::vector<std::string>& members) {
  WebhookEvent type;
  switch (event.type()) {
    case registry::v1::PROVIDER_SUSPENDED:
      type = WebhookEvent::kProviderSuspended;
      break;
    case registry::v1::PROVIDER_REINSTATED:
      type = WebhookEvent::kProviderReinstated;
      break;
    default:
      return {};
  }
  std::vector<WebhookRecipient> out;
  if (!event.provider().empty()) out.push_back({event.provider(), type});
  if (event.scope() == registry::v1::MEMBER_ONLY) {
    if (!event.authority().empty()) out.push_back({event.authority(), type});
  } else {
    for (const std::string& id : members) {
      out.push_back({absl::StrCat("authorities/", id), type});
    }
  }
  return out;
}

absl::Status EnqueueRegistryWebhooks(db::Tx& tx, WebhooksStore& store,
                                     const registry::v1::Event& event,
                                     const std::vector<std::string>& members,
                                     absl::Time now) {
  const std::vector<WebhookRecipient> recipients = RecipientsOf(event, members);
  if (recipients.empty()) return absl::OkStatus();
  return EnqueueAll(tx, store,
                    absl::StrCat("events/registry/", event.sequence()), event,
                    recipients, now);
}

WebhookSender HttpsWebhookSender(const WebhookOptions& options) {
  return [options](const WebhookPost& post) -> absl::StatusOr<int> {
    constexpr absl::string_view kScheme = "https://";
    if (!absl::StartsWithIgnoreCase(post.url, kScheme)) {
      return absl::InvalidArgumentError("not an https URL");
    }
    const size_t slash = post.url.find_first_of("/?", kScheme.size());
    const std::string origin = post.url.substr(0, slash);
    std::string path =
        slash == std::string::npos ? "/" : post.url.substr(slash);
    if (path[0] == '?') path = "/" + path;
    // Resolved here and connected to by address, so that the address
    // checked is the one used (a name cannot re-point between the two).
    FHUB_ASSIGN_OR_RETURN(std::string address,
                          CheckedAddress(HostOf(origin.substr(kScheme.size())),
                                         options.allow_private_addresses));
    httplib::Client client(origin);
    client.set_hostname_addr_map(
        {{HostOf(origin.substr(kScheme.size())), address}});
    const auto seconds = absl::ToInt64Seconds(options.timeout);
    const auto micros = absl::ToInt64Microseconds(options.timeout) % 1000000;
    client.set_connection_timeout(seconds, micros);
    client.set_read_timeout(seconds, micros);
    client.set_write_timeout(seconds, micros);
    client.set_follow_location(false);
    client.enable_server_certificate_verification(true);
    client.set_ca_cert_path(options.ca_file.c_str());
    httplib::Headers headers;
    for (const auto& [name, value] : post.headers) headers.emplace(name, value);
    httplib::Result res =
        client.Post(path, headers, post.body, "application/json");
    if (!res) {
      return absl::UnavailableError(
          absl::StrCat("no answer: ", httplib::to_string(res.error())));
    }
    return res->status;
  };
}

WebhookDispatcher::WebhookDispatcher(db::Pool* pool, ReferralsStore* store,
                                     WebhooksStore* webhooks,
                                     const Clock* clock, WebhookOptions options,
                                     WebhookSender sender)
    : pool_(*pool),
      store_(*store),
      webhooks_(*webhooks),
      clock_(*clock),
      options_(std::move(options)),
      sender_(std::move(sender)) {}

WebhookDispatcher::~WebhookDispatcher() { Stop(); }

void WebhookDispatcher::Start() {
  threads_.emplace_back(
      [this] { Loop([this] { return FanOut(); }, "webhook_fan_out_failed"); });
  threads_.emplace_back(
      [this] { Loop([this] { return SendDue(); }, "webhook_send_failed"); });
}

void WebhookDispatcher::Stop() {
  if (!stop_.HasBeenNotified()) stop_.Notify();
  for (std::thread& t : threads_) t.join();
  threads_.clear();
}

void WebhookDispatcher::Loop(const std::function<absl::StatusOr<int>()>& pass,
                             const char* what) {
  while (!stop_.HasBeenNotified()) {
    absl::StatusOr<int> done = pass();
    if (!done.ok()) {
      log::Warning(what, {{"error", done.status().ToString()}});
      stop_.WaitForNotificationWithTimeout(absl::Seconds(1));
    } else if (*done == 0) {
      stop_.WaitForNotificationWithTimeout(options_.poll);
    }
  }
}

absl::StatusOr<int> WebhookDispatcher::FanOut(int limit) {
  const db::ScopedRows rows(db::RowScope::Everything());
  db::TxOptions tx_options;
  tx_options.name = "queue webhooks";
  int read = 0;
  FHUB_RETURN_IF_ERROR(db::Transact(pool_, tx_options, [&](db::Tx& tx) {
    read = 0;
    FHUB_ASSIGN_OR_RETURN(int64_t position, store_.LockPosition(tx, kStream));
    const std::vector<db::StoredEvent> batch =
        db::ReadEvents(tx, position, limit);
    if (batch.empty()) return absl::OkStatus();
    const absl::Time now = clock_.Now();
    for (const db::StoredEvent& stored : batch) {
      v1::Event event;
      if (!event.ParseFromString(stored.payload)) {
        return absl::DataLossError("an outbox event cannot be read");
      }
      event.set_sequence(stored.sequence);
      FHUB_RETURN_IF_ERROR(EnqueueAll(
          tx, webhooks_, absl::StrCat("events/referrals/", stored.sequence),
          event, RecipientsOf(event), now));
    }
    read = static_cast<int>(batch.size());
    return store_.SavePosition(tx, kStream, batch.back().sequence, now);
  }));
  return read;
}

absl::StatusOr<int> WebhookDispatcher::SendDue() {
  const db::ScopedRows rows(db::RowScope::Everything());
  const absl::Time now = clock_.Now();
  std::vector<DueDelivery> due;
  db::TxOptions tx_options;
  tx_options.name = "claim webhook deliveries";
  FHUB_RETURN_IF_ERROR(db::Transact(pool_, tx_options, [&](db::Tx& tx) {
    FHUB_ASSIGN_OR_RETURN(
        due,
        webhooks_.ClaimDue(tx, now, now + options_.timeout * 3 + kLeaseMargin,
                           options_.batch));
    return absl::OkStatus();
  }));
  if (due.empty()) return 0;

  struct Outcome {
    DeliveryState state = DeliveryState::kPending;
    int status_code = 0;
    std::string error;
    absl::Time at;
    absl::Time next;
  };
  std::vector<Outcome> outcomes(due.size());
  auto attempt = [&](size_t i) {
    const DueDelivery& d = due[i];
    const absl::Time sent = clock_.Now();
    WebhookPost post;
    post.url = d.url;
    post.body = d.delivery.body;
    post.headers = {
        {"Fhub-Signature", WebhookSignature(d.secret, sent, d.delivery.body)},
        {"Fhub-Event", d.delivery.event},
        {"Fhub-Delivery",
         absl::StrCat(d.delivery.organisation, "/webhookEndpoints/",
                      d.delivery.endpoint_id, "/deliveries/", d.delivery.id)},
        {"User-Agent", "fhub-webhooks/1"}};
    absl::StatusOr<int> answer = sender_(post);
    Outcome& out = outcomes[i];
    out.at = clock_.Now();
    if (answer.ok()) out.status_code = *answer;
    if (answer.ok() && Delivered(*answer)) {
      out.state = DeliveryState::kDelivered;
      return;
    }
    out.error = answer.ok() ? absl::StrCat("answered ", *answer)
                            : std::string(answer.status().message());
    if (d.delivery.attempts >= options_.retry.attempts) {
      out.state = DeliveryState::kFailed;
    } else {
      out.next = out.at + RetryDelay(options_.retry, d.delivery.attempts);
    }
  };
  if (due.size() == 1) {
    attempt(0);
  } else {
    std::vector<std::thread> senders;
    for (size_t i = 0; i < due.size(); ++i) senders.emplace_back(attempt, i);
    for (std::thread& t : senders) t.join();
  }

  tx_options.name = "record webhook attempts";
  FHUB_RETURN_IF_ERROR(db::Transact(pool_, tx_options, [&](db::Tx& tx) {
    for (size_t i = 0; i < due.size(); ++i) {
      const Outcome& o = outcomes[i];
      FHUB_RETURN_IF_ERROR(webhooks_.RecordAttempt(
          tx, due[i].delivery.id, o.state, o.status_code, o.error, o.at,
          o.state == DeliveryState::kPending ? o.next : o.at));
    }
    return absl::OkStatus();
  }));
  return static_cast<int>(due.size());
}

absl::StatusOr<int> WebhookDispatcher::Sweep(int limit) {
  const db::ScopedRows rows(db::RowScope::Everything());
  db::TxOptions tx_options;
  tx_options.name = "sweep webhook deliveries";
  int swept = 0;
  FHUB_RETURN_IF_ERROR(db::Transact(pool_, tx_options, [&](db::Tx& tx) {
    FHUB_ASSIGN_OR_RETURN(
        swept, webhooks_.SweepFinished(
                   tx, clock_.Now() - options_.keep_finished, limit));
    return absl::OkStatus();
  }));
  return swept;
}

}  // namespace fhub::referrals
