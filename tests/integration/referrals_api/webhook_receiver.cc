#include "tests/integration/referrals_api/webhook_receiver.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "google/protobuf/util/json_util.h"

namespace fhub::testing {

Receiver::Receiver(const std::string& cert_file, const std::string& key_file)
    : server_(cert_file.c_str(), key_file.c_str()) {
  server_.Post(
      ".*", [this](const httplib::Request& req, httplib::Response& res) {
        Received r;
        r.path = req.path;
        r.body = req.body;
        r.signature = req.get_header_value("Fhub-Signature");
        r.event = req.get_header_value("Fhub-Event");
        r.delivery = req.get_header_value("Fhub-Delivery");
        r.at = absl::Now();
        (void)google::protobuf::util::JsonStringToMessage(req.body,
                                                          &r.notification);
        absl::MutexLock lock(&mu_);
        received_.push_back(std::move(r));
        int status = 200;
        if (!answers_.empty()) {
          status = answers_.front();
          answers_.pop_front();
        }
        res.status = status;
        res.set_content(status == 200 ? "ok" : "try later", "text/plain");
      });
  // Bound and listening: connections queue until the thread accepts.
  port_ = server_.bind_to_any_port("127.0.0.1");
  thread_ = std::thread([this] { server_.listen_after_bind(); });
}

Receiver::~Receiver() {
  server_.stop();
  thread_.join();
}

std::string Receiver::Url(const std::string& path) const {
  return absl::StrCat("https://localhost:", port_, path);
}

void Receiver::Answer(std::vector<int> statuses) {
  absl::MutexLock lock(&mu_);
  answers_.assign(statuses.begin(), statuses.end());
}

std::vector<Received> Receiver::At(const std::string& path) {
  absl::MutexLock lock(&mu_);
  std::vector<Received> out;
  for (const Received& r : received_) {
    if (r.path == path) out.push_back(r);
  }
  return out;
}

int Receiver::Count() {
  absl::MutexLock lock(&mu_);
  return static_cast<int>(received_.size());
}

bool SignedWith(const Received& r, const std::string& secret) {
  std::string t;
  std::string v1;
  for (absl::string_view part : absl::StrSplit(r.signature, ',')) {
    if (absl::ConsumePrefix(&part, "t=")) t = std::string(part);
    if (absl::ConsumePrefix(&part, "v1=")) v1 = std::string(part);
  }
  if (t.empty() || v1.empty()) return false;
  const std::string text = absl::StrCat(t, ".", r.body);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(text.data()), text.size(), mac,
       &length);
  return absl::BytesToHexString(absl::string_view(
             reinterpret_cast<const char*>(mac), length)) == v1;
}

int64_t SequenceOf(const std::string& event) {
  int64_t n = 0;
  (void)absl::SimpleAtoi(event.substr(event.rfind('/') + 1), &n);
  return n;
}

}  // namespace fhub::testing
