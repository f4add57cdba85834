#include "tools/fhub/session.h"

#include <array>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <utility>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/resource_name.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "tools/fhub/input.h"

ABSL_FLAG(std::string, addr, "",
          "address of the frameworks service, host:port (FHUB_ADDR); default "
          "127.0.0.1:7001");
ABSL_FLAG(std::string, registry_addr, "",
          "address of the provider registry, host:port (FHUB_REGISTRY_ADDR); "
          "default 127.0.0.1:7002");
ABSL_FLAG(std::string, pricing_addr, "",
          "address of the pricing service, host:port (FHUB_PRICING_ADDR); "
          "default 127.0.0.1:7003");
ABSL_FLAG(std::string, referrals_addr, "",
          "address of the referrals service, host:port (FHUB_REFERRALS_ADDR); "
          "default 127.0.0.1:7004");
ABSL_FLAG(std::string, token, "", "bearer token for every call (FHUB_TOKEN)");
ABSL_FLAG(std::string, request_id, "",
          "idempotency key of a write; default a fresh random UUID");
ABSL_FLAG(int, deadline_seconds, 10, "deadline of each call in seconds");
ABSL_FLAG(std::string, ca_file, "",
          "PEM roots to trust; connect with TLS (FHUB_CA_FILE)");
ABSL_FLAG(std::string, client_cert_file, "",
          "PEM client certificate for mutual TLS (FHUB_CLIENT_CERT_FILE)");
ABSL_FLAG(std::string, client_key_file, "",
          "PEM key of the client certificate (FHUB_CLIENT_KEY_FILE)");
ABSL_FLAG(bool, all, false, "follow next_page_token through every page");
ABSL_FLAG(int, page_size, 0,
          "results per page of a list, 1 to 200; default the server's");

namespace fhub::cli {
namespace {

constexpr char kDefaultFrameworksAddress[] = "127.0.0.1:7001";
constexpr char kDefaultRegistryAddress[] = "127.0.0.1:7002";
constexpr char kDefaultPricingAddress[] = "127.0.0.1:7003";
constexpr char kDefaultReferralsAddress[] = "127.0.0.1:7004";
constexpr int kMaxDeadlineSeconds = 3600;
constexpr int kMaxPageSize = 200;

// Codes after which a write may or may not have been applied.
bool OutcomeUnknown(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
    case grpc::StatusCode::CANCELLED:
    case grpc::StatusCode::UNKNOWN:
    case grpc::StatusCode::INTERNAL:
    case grpc::StatusCode::ABORTED:
      return true;
    default:
      return false;
  }
}

// --token or FHUB_TOKEN, without surrounding whitespace.
absl::StatusOr<std::string> BearerToken() {
  std::string token = std::string(absl::StripAsciiWhitespace(
      FlagOrEnv(absl::GetFlag(FLAGS_token), "FHUB_TOKEN")));
  if (token.empty()) {
    return absl::InvalidArgumentError(
        "no bearer token: pass --token or set FHUB_TOKEN (mint a development "
        "token with 'fhub token')");
  }
  return token;
}

int Print(const google::protobuf::Message& message, bool one_line) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = !one_line;
  options.preserve_proto_field_names = true;
  std::string json;
  auto status =
      google::protobuf::util::MessageToJsonString(message, &json, options);
  if (!status.ok()) {
    std::cerr << "error: cannot print the response: " << status.message()
              << "\n";
    return kExitRpcFailed;
  }
  std::cout << json;
  if (json.empty() || json.back() != '\n') {
    std::cout << "\n";
  }
  if (one_line) {
    std::cout.flush();
  }
  return kExitOk;
}

}  // namespace

std::string GlobalFlagsUsage() {
  return "  --addr=HOST:PORT        frameworks service (FHUB_ADDR), default "
         "127.0.0.1:7001\n"
         "  --registry_addr=HOST:PORT\n"
         "                          provider registry (FHUB_REGISTRY_ADDR), "
         "default\n"
         "                          127.0.0.1:7002; the providers, settings, "
         "vacancies,\n"
         "                          questionnaire, applications, "
         "accreditations,\n"
         "                          suspensions, action-plan, concerns, "
         "eligible and\n"
         "                          registry-events commands call it\n"
         "  --pricing_addr=HOST:PORT\n"
         "                          pricing service (FHUB_PRICING_ADDR), "
         "default\n"
         "                          127.0.0.1:7003; the price-books, "
         "rate-cards, uplift,\n"
         "                          pricing-policy, quote, quote-range, "
         "check-offer and\n"
         "                          benchmark commands call it\n"
         "  --referrals_addr=HOST:PORT\n"
         "                          referrals service (FHUB_REFERRALS_ADDR), "
         "default\n"
         "                          127.0.0.1:7004; the referrals, "
         "invitations, offer,\n"
         "                          decline, withdraw-offer, placements, "
         "block-contracts,\n"
         "                          figures, placement-counts, finance and "
         "webhooks\n"
         "                          commands call it\n"
         "  --token=JWT             bearer token (FHUB_TOKEN); mint one with "
         "'fhub token'\n"
         "  --request_id=ID         idempotency key of a write, default a "
         "fresh UUID;\n"
         "                          repeat a failed write with the same id\n"
         "  --deadline_seconds=N    deadline of each call, default 10\n"
         "  --all                   follow every page of a list\n"
         "  --page_size=N           results per page of a list, 1 to 200\n";
}

std::string NewUuid() {
  std::random_device random;
  std::array<unsigned char, 16> bytes;
  for (unsigned char& byte : bytes) {
    byte = static_cast<unsigned char>(random() & 0xff);
  }
  bytes[6] = (bytes[6] & 0x0f) | 0x40;  // Version 4: random.
  bytes[8] = (bytes[8] & 0x3f) | 0x80;  // Variant 1 (RFC 4122).
  std::string hex = absl::BytesToHexString(absl::string_view(
      reinterpret_cast<const char*>(bytes.data()), bytes.size()));
  return absl::StrCat(hex.substr(0, 8), "-", hex.substr(8, 4), "-",
                      hex.substr(12, 4), "-", hex.substr(16, 4), "-",
                      hex.substr(20));
}

absl::StatusOr<std::string> WriteRequestId() {
  std::string request_id = absl::GetFlag(FLAGS_request_id);
  if (request_id.empty()) {
    return NewUuid();
  }
  if (absl::Status status = CheckRequestId(request_id); !status.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("--", status.message()));
  }
  return request_id;
}

namespace {

absl::StatusOr<std::string> ReadPem(const std::string& path,
                                    absl::string_view flag) {
  std::ifstream in(path);
  if (!in) {
    return absl::InvalidArgumentError(
        absl::StrCat("--", flag, ": cannot read '", path, "'"));
  }
  std::stringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

// Plaintext unless a CA file is given; a client certificate adds mutual TLS.
absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> ChannelCredentials() {
  const std::string ca =
      FlagOrEnv(absl::GetFlag(FLAGS_ca_file), "FHUB_CA_FILE", "");
  const std::string cert = FlagOrEnv(absl::GetFlag(FLAGS_client_cert_file),
                                     "FHUB_CLIENT_CERT_FILE", "");
  const std::string key = FlagOrEnv(absl::GetFlag(FLAGS_client_key_file),
                                    "FHUB_CLIENT_KEY_FILE", "");
  if (ca.empty()) {
    if (!cert.empty() || !key.empty()) {
      return absl::InvalidArgumentError(
          "--client_cert_file and --client_key_file need --ca_file");
    }
    return grpc::InsecureChannelCredentials();
  }
  if (cert.empty() != key.empty()) {
    return absl::InvalidArgumentError(
        "--client_cert_file and --client_key_file go together");
  }
  grpc::SslCredentialsOptions options;
  auto roots = ReadPem(ca, "ca_file");
  if (!roots.ok()) return roots.status();
  options.pem_root_certs = *roots;
  if (!cert.empty()) {
    auto chain = ReadPem(cert, "client_cert_file");
    if (!chain.ok()) return chain.status();
    auto private_key = ReadPem(key, "client_key_file");
    if (!private_key.ok()) return private_key.status();
    options.pem_cert_chain = *chain;
    options.pem_private_key = *private_key;
  }
  return grpc::SslCredentials(options);
}

}  // namespace

std::string ServiceAddress(Service service) {
  switch (service) {
    case Service::kRegistry:
      return FlagOrEnv(absl::GetFlag(FLAGS_registry_addr), "FHUB_REGISTRY_ADDR",
                       kDefaultRegistryAddress);
    case Service::kPricing:
      return FlagOrEnv(absl::GetFlag(FLAGS_pricing_addr), "FHUB_PRICING_ADDR",
                       kDefaultPricingAddress);
    case Service::kReferrals:
      return FlagOrEnv(absl::GetFlag(FLAGS_referrals_addr),
                       "FHUB_REFERRALS_ADDR", kDefaultReferralsAddress);
    case Service::kFrameworks:
      break;
  }
  return FlagOrEnv(absl::GetFlag(FLAGS_addr), "FHUB_ADDR",
                   kDefaultFrameworksAddress);
}

absl::StatusOr<Session> Session::FromFlags(Service service) {
  std::string address = ServiceAddress(service);
  absl::StatusOr<std::string> token = BearerToken();
  if (!token.ok()) {
    return token.status();
  }
  int deadline = absl::GetFlag(FLAGS_deadline_seconds);
  if (deadline < 1 || deadline > kMaxDeadlineSeconds) {
    return absl::InvalidArgumentError(
        absl::StrCat("--deadline_seconds must be 1 to ", kMaxDeadlineSeconds));
  }
  int page_size = absl::GetFlag(FLAGS_page_size);
  if (page_size < 0 || page_size > kMaxPageSize) {
    return absl::InvalidArgumentError(
        absl::StrCat("--page_size must be 1 to ", kMaxPageSize));
  }
  auto credentials = ChannelCredentials();
  if (!credentials.ok()) return credentials.status();
  return Session(grpc::CreateChannel(address, *credentials),
                 absl::StrCat("Bearer ", *token), absl::Seconds(deadline),
                 page_size, absl::GetFlag(FLAGS_all));
}

Session::Session(std::shared_ptr<grpc::Channel> channel,
                 std::string authorization, absl::Duration deadline,
                 int page_size, bool all_pages)
    : channel_(std::move(channel)),
      authorization_(std::move(authorization)),
      deadline_(deadline),
      page_size_(page_size),
      all_pages_(all_pages) {}

absl::StatusOr<std::string> TokenOrganisation() {
  absl::StatusOr<std::string> token = BearerToken();
  if (!token.ok()) {
    return token.status();
  }
  std::vector<absl::string_view> parts = absl::StrSplit(*token, '.');
  std::string json;
  google::protobuf::Struct claims;
  if (parts.size() != 3 || !absl::WebSafeBase64Unescape(parts[1], &json) ||
      !google::protobuf::util::JsonStringToMessage(json, &claims).ok()) {
    return absl::InvalidArgumentError(
        "the bearer token is not a JWT whose claims can be read");
  }
  auto org = claims.fields().find("org");
  if (org == claims.fields().end() || !org->second.has_string_value()) {
    return absl::InvalidArgumentError("the bearer token has no org claim");
  }
  return org->second.string_value();
}

void Session::Prepare(grpc::ClientContext* context) const {
  context->set_deadline(absl::ToChronoTime(absl::Now() + deadline_));
  Authorize(context);
}

void Session::Authorize(grpc::ClientContext* context) const {
  context->AddMetadata("authorization", authorization_);
}

int PrintMessage(const google::protobuf::Message& message) {
  return Print(message, /*one_line=*/false);
}

int PrintMessageLine(const google::protobuf::Message& message) {
  return Print(message, /*one_line=*/true);
}

int ReportRpcError(const grpc::Status& status) {
  std::cerr << "error: "
            << absl::StatusCodeToString(
                   static_cast<absl::StatusCode>(status.error_code()))
            << ": " << status.error_message() << "\n";
  return kExitRpcFailed;
}

int ReportWriteError(const grpc::Status& status, absl::string_view request_id) {
  int exit_status = ReportRpcError(status);
  if (OutcomeUnknown(status.error_code())) {
    std::cerr << "note: the change may or may not have been made; to retry "
                 "it safely, repeat the command with --request_id="
              << request_id << "\n";
  }
  return exit_status;
}

}  // namespace fhub::cli
