#include "services/referrals/api/follower.h"

#include <algorithm>
#include <type_traits>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/clock.h"
#include "common/db/row_scope.h"
#include "common/db/transaction.h"
#include "common/log.h"
#include "common/proto_values.h"
#include "common/status_macros.h"
#include "services/referrals/api/webhook_dispatcher.h"

namespace fhub::referrals {
namespace {

constexpr char kRegistry[] = "registry";
constexpr char kFrameworks[] = "frameworks";

std::string IdOf(absl::string_view name, absl::string_view collection) {
  absl::string_view rest = name;
  if (!absl::ConsumePrefix(&rest, collection) ||
      !absl::ConsumePrefix(&rest, "/")) {
    return "";
  }
  return std::string(rest);
}

}  // namespace

ReferralsFollower::ReferralsFollower(db::Pool* pool, ReferralsStore* store,
                                     ReferralsServiceImpl* service,
                                     FollowerOptions options)
    : pool_(*pool),
      store_(*store),
      service_(*service),
      options_(std::move(options)) {}

ReferralsFollower::~ReferralsFollower() { Stop(); }

void ReferralsFollower::Start() {
  threads_.emplace_back([this] {
    Follow<registry::v1::RegistryService, registry::v1::Event>(
        kRegistry, options_.registry);
  });
  threads_.emplace_back([this] {
    Follow<frameworks::v1::FrameworkService, frameworks::v1::Event>(
        kFrameworks, options_.frameworks);
  });
}

void ReferralsFollower::Stop() {
  if (!stop_.HasBeenNotified()) stop_.Notify();
  {
    absl::MutexLock lock(&mu_);
    for (grpc::ClientContext* context : live_) context->TryCancel();
  }
  for (std::thread& t : threads_) {
    if (t.joinable()) t.join();
  }
  threads_.clear();
}

absl::StatusOr<int64_t> ReferralsFollower::Position(const std::string& source) {
  const db::ScopedRows rows(db::RowScope::Everything());  // Our own work.
  int64_t position = 0;
  db::TxOptions options;
  options.name = "read stream position";
  FHUB_RETURN_IF_ERROR(db::Transact(pool_, options, [&](db::Tx& tx) {
    FHUB_ASSIGN_OR_RETURN(position, store_.LockPosition(tx, source));
    return absl::OkStatus();
  }));
  return position;
}

absl::Status ReferralsFollower::Once(
    const std::string& source, int64_t sequence,
    const std::function<absl::Status(db::Tx&)>& body) {
  // What another service said applies to whoever's rows it concerns.
  const db::ScopedRows rows(db::RowScope::Everything());
  db::TxOptions options;
  options.name = "apply followed event";
  return db::Transact(pool_, options, [&](db::Tx& tx) -> absl::Status {
    FHUB_ASSIGN_OR_RETURN(int64_t position, store_.LockPosition(tx, source));
    if (sequence <= position) return absl::OkStatus();  // Applied already.
    FHUB_RETURN_IF_ERROR(body(tx));
    return store_.SavePosition(tx, source, sequence, absl::Now());
  });
}

absl::Status ReferralsFollower::Apply(const registry::v1::Event& event) {
  // A framework-wide suspension is told to the framework's members: asked
  // for before the transaction, and the event tried again if they cannot be.
  std::vector<std::string> members;
  if (NeedsMembers(event)) {
    absl::StatusOr<FrameworkSnapshot> framework =
        service_.frameworks_.Framework(IdOf(event.framework(), "frameworks"),
                                       /*fresh=*/false);
    if (framework.ok()) {
      members = framework->active_member_ids;
    } else if (!absl::IsNotFound(framework.status())) {
      return framework.status();
    }
  }
  return Once(kRegistry, event.sequence(), [&](db::Tx& tx) -> absl::Status {
    const std::string provider_id = IdOf(event.provider(), "providers");
    const std::string framework_id = IdOf(event.framework(), "frameworks");
    if (provider_id.empty()) return absl::OkStatus();
    // Suspensions and reinstatements are told to the endpoints registered
    // for them, queued with the position like the rest of the change.
    FHUB_RETURN_IF_ERROR(EnqueueRegistryWebhooks(
        tx, service_.webhooks_, event, members, service_.clock_.Now()));
    switch (event.type()) {
      case registry::v1::PROVIDER_SUSPENDED:
        if (event.scope() == registry::v1::MEMBER_ONLY) {
          const std::string authority_id =
              IdOf(event.authority(), "authorities");
          if (authority_id.empty()) return absl::OkStatus();
          return service_.OnProviderStopped(tx, provider_id, authority_id,
                                            framework_id);
        }
        return service_.OnProviderStopped(tx, provider_id, "", framework_id);
      case registry::v1::PROVIDER_REMOVED:
        return service_.OnProviderStopped(tx, provider_id, "", framework_id);
      default:
        return absl::OkStatus();
    }
  });
}

absl::Status ReferralsFollower::Apply(const frameworks::v1::Event& event) {
  return Once(kFrameworks, event.sequence(), [&](db::Tx& tx) -> absl::Status {
    const std::string framework_id = IdOf(event.framework(), "frameworks");
    if (framework_id.empty()) return absl::OkStatus();
    const absl::CivilDay event_day =
        absl::ToCivilDay(FromProto(event.time()), UkTimeZone());
    auto day = [&]() -> absl::CivilDay {
      if (!IsSet(event.date())) return event_day;
      auto parsed = FromProto(event.date(), "date");
      return parsed.ok() ? *parsed : event_day;
    };
    switch (event.type()) {
      case frameworks::v1::FRAMEWORK_EXPIRED:
        return service_.OnMembershipStopped(tx, framework_id, "", event_day,
                                            "the framework has expired");
      case frameworks::v1::FRAMEWORK_TERMINATED:
        return service_.OnMembershipStopped(tx, framework_id, "", event_day,
                                            "the framework was terminated");
      case frameworks::v1::MEMBER_CEASED: {
        const std::string authority_id = IdOf(event.authority(), "authorities");
        if (authority_id.empty()) return absl::OkStatus();
        return service_.OnMembershipStopped(tx, framework_id, authority_id,
                                            day(), "the membership has ceased");
      }
      default:
        return absl::OkStatus();
    }
  });
}

template <typename Service, typename Event>
void ReferralsFollower::Follow(const std::string& source,
                               const PeerOptions& peer) {
  using Request = std::conditional_t<std::is_same_v<Event, registry::v1::Event>,
                                     registry::v1::StreamEventsRequest,
                                     frameworks::v1::StreamEventsRequest>;
  auto stub = Service::NewStub(peer.channel);
  while (!stop_.HasBeenNotified()) {
    absl::StatusOr<int64_t> position = Position(source);
    absl::StatusOr<std::string> authorization =
        position.ok() ? peer.authorization() : position.status();
    if (authorization.ok()) {
      grpc::ClientContext context;
      context.AddMetadata("authorization", *authorization);
      {
        absl::MutexLock lock(&mu_);
        live_.push_back(&context);
        // Stop() may have cancelled the live calls just before this one.
        if (stop_.HasBeenNotified()) context.TryCancel();
      }
      Request request;
      request.set_after_sequence(*position);
      auto reader = stub->StreamEvents(&context, request);
      Event event;
      while (!stop_.HasBeenNotified() && reader->Read(&event)) {
        absl::Status applied = Apply(event);
        if (!applied.ok()) {
          log::Warning("follow_failed", {{"source", source},
                                         {"sequence", event.sequence()},
                                         {"error", applied.ToString()}});
          context.TryCancel();
          break;
        }
      }
      grpc::Status finished = reader->Finish();
      if (!finished.ok() && !stop_.HasBeenNotified()) {
        log::Info("follow_reconnect",
                  {{"source", source}, {"error", finished.error_message()}});
      }
      absl::MutexLock lock(&mu_);
      live_.erase(std::remove(live_.begin(), live_.end(), &context),
                  live_.end());
    }
    stop_.WaitForNotificationWithTimeout(options_.retry);
  }
}

}  // namespace fhub::referrals
