#include "services/pricing/api/book_cache.h"

#include <pqxx/pqxx>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/log.h"

namespace fhub::pricing {
namespace {

// Calls back on each notification of the channel.
class Receiver : public pqxx::notification_receiver {
 public:
  Receiver(pqxx::connection_base& connection, const std::string& channel,
           std::function<void(const std::string&)> on_payload)
      : pqxx::notification_receiver(connection, channel),
        on_payload_(std::move(on_payload)) {}
  void operator()(const std::string& payload, int) override {
    on_payload_(payload);
  }

 private:
  std::function<void(const std::string&)> on_payload_;
};

}  // namespace

std::string BookCache::Key(absl::string_view authority_id,
                           absl::string_view provider_id,
                           absl::string_view framework_id) {
  return absl::StrCat(authority_id, "|", provider_id, "|", framework_id);
}

BookCache::BookCache(BookCacheOptions options) : options_(std::move(options)) {}

BookCache::~BookCache() {
  stop_ = true;
  if (listener_.joinable()) listener_.join();
}

void BookCache::Start() {
  listener_ = std::thread([this] { Listen(); });
}

bool BookCache::WaitUntilListening(absl::Duration timeout) {
  absl::MutexLock lock(&mu_);
  auto listening = [this]()
                       ABSL_SHARED_LOCKS_REQUIRED(mu_) { return listening_; };
  return mu_.AwaitWithTimeout(absl::Condition(&listening), timeout);
}

void BookCache::SetListening(bool listening) {
  absl::MutexLock lock(&mu_);
  // Either way what is held may have missed notifications.
  scopes_.clear();
  ++generation_;
  listening_ = listening;
}

void BookCache::Listen() {
  while (!stop_) {
    try {
      pqxx::connection connection{options_.database_url};
      Receiver receiver(connection, kChannel,
                        [this](const std::string& key) { Invalidate(key); });
      // The receiver has issued LISTEN; from here no change is missed.
      connection.await_notification(0, 0);
      SetListening(true);
      log::Info("book_cache.listening", {{"channel", kChannel}});
      while (!stop_) connection.await_notification(0, 100'000);
      SetListening(false);
      return;
    } catch (const std::exception& e) {
      SetListening(false);
      log::Warning("book_cache.listener_failed", {{"error", e.what()}});
    }
    const absl::Time until = absl::Now() + options_.reconnect_delay;
    while (!stop_ && absl::Now() < until)
      absl::SleepFor(absl::Milliseconds(50));
  }
}

absl::StatusOr<ScopeBooks> BookCache::Get(
    const std::string& key,
    const std::function<absl::StatusOr<std::vector<BookRecord>>()>& load) {
  uint64_t generation = 0;
  bool listening = false;
  {
    absl::MutexLock lock(&mu_);
    listening = listening_;
    if (listening) {
      auto it = scopes_.find(key);
      if (it != scopes_.end()) {
        ++hits_;
        return it->second;
      }
    }
    generation = generation_;
  }
  ++misses_;
  absl::StatusOr<std::vector<BookRecord>> loaded = load();
  if (!loaded.ok()) return loaded.status();
  ScopeBooks books =
      std::make_shared<const std::vector<BookRecord>>(*std::move(loaded));
  if (listening) {
    absl::MutexLock lock(&mu_);
    if (listening_ && generation_ == generation) {
      if (scopes_.size() >= options_.max_scopes) scopes_.clear();
      scopes_[key] = books;
    }
  }
  return books;
}

void BookCache::Invalidate(const std::string& key) {
  absl::MutexLock lock(&mu_);
  scopes_.erase(key);
  ++generation_;
}

}  // namespace fhub::pricing
