#pragma once

// The webhook receiver of the tests: a council's or provider's system as
// the hub sees it, an HTTPS server (cpp-httplib's SSLServer) on a loopback
// port that records each POST and answers with the status it is told to,
// and the signature check such a system makes.

#include <httplib.h>

#include <cstdint>
#include <deque>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "fhub/referrals/v1/referrals.pb.h"

namespace fhub::testing {

// What the receiver saw of one POST.
struct Received {
  std::string path;
  std::string body;
  std::string signature;  // Fhub-Signature
  std::string event;      // Fhub-Event
  std::string delivery;   // Fhub-Delivery
  referrals::v1::WebhookNotification notification;
  absl::Time at;
};

// Answers each POST with the next status in Answer()'s list (200 once it
// runs out).
class Receiver {
 public:
  Receiver(const std::string& cert_file, const std::string& key_file);
  ~Receiver();

  // "https://localhost:{port}{path}".
  std::string Url(const std::string& path) const;
  void Answer(std::vector<int> statuses);
  // The POSTs to `path` so far, in arrival order.
  std::vector<Received> At(const std::string& path);
  int Count();

 private:
  httplib::SSLServer server_;
  int port_ = 0;
  std::thread thread_;
  absl::Mutex mu_;
  std::vector<Received> received_ ABSL_GUARDED_BY(mu_);
  std::deque<int> answers_ ABSL_GUARDED_BY(mu_);
};

// Checks Fhub-Signature as a receiver would, with OpenSSL's HMAC directly:
// "t={seconds},v1={hex HMAC-SHA256 of '{t}.{body}'}".
bool SignedWith(const Received& r, const std::string& secret);

// The sequence of "events/{stream}/{n}".
int64_t SequenceOf(const std::string& event);

}  // namespace fhub::testing
