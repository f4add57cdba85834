// `fhub webhooks ...`: an authority's or a provider's webhook endpoints
// (README, "Webhooks"): register one, list them, delete one, and see what
// was delivered to it.

#include "tools/fhub/webhook_commands.h"

#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "common/status_macros.h"
#include "fhub/referrals/v1/referrals.grpc.pb.h"
#include "tools/fhub/input.h"
#include "tools/fhub/session.h"

ABSL_FLAG(std::string, url, "", "webhooks create: the endpoint, https://...");
ABSL_FLAG(std::string, events, "",
          "webhooks create: event types, comma-separated, e.g. "
          "OFFER_MADE,PLACEMENT_STARTED");
ABSL_FLAG(std::string, description, "",
          "webhooks create: a note for the organisation's own use");

namespace fhub::cli {
namespace {

namespace v1 = ::fhub::referrals::v1;
using Stub = v1::ReferralService::Stub;

// "authorities/{id}" or "providers/{id}".
absl::Status CheckOwner(absl::string_view name) {
  if (absl::StartsWith(name, "providers/")) return CheckName(name, "providers");
  return CheckName(name, "authorities");
}

// "{owner}/webhookEndpoints/{number}".
absl::Status CheckEndpoint(absl::string_view name) {
  const bool provider = absl::StartsWith(name, "providers/");
  return CheckNamePattern(
      name, provider ? "providers/{id}/webhookEndpoints/{number}"
                     : "authorities/{id}/webhookEndpoints/{number}");
}

}  // namespace

absl::StatusOr<std::vector<v1::WebhookEventType>> ParseWebhookEvents(
    absl::string_view text) {
  std::vector<v1::WebhookEventType> out;
  for (absl::string_view part : absl::StrSplit(text, ',', absl::SkipEmpty())) {
    std::string name = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(part));
    if (!absl::StartsWith(name, "WEBHOOK_")) name = "WEBHOOK_" + name;
    v1::WebhookEventType type;
    if (!v1::WebhookEventType_Parse(name, &type) ||
        type == v1::WEBHOOK_EVENT_TYPE_UNSPECIFIED) {
      return absl::InvalidArgumentError(
          absl::StrCat("--events: '", part, "' is not an event type"));
    }
    out.push_back(type);
  }
  if (out.empty()) {
    return absl::InvalidArgumentError(
        "--events: give at least one event type, e.g. OFFER_MADE");
  }
  return out;
}

absl::StatusOr<v1::CreateWebhookEndpointRequest> BuildCreateWebhook(
    const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckOwner(args[0]));
  v1::CreateWebhookEndpointRequest request;
  request.set_parent(args[0]);
  const std::string url = absl::GetFlag(FLAGS_url);
  FHUB_RETURN_IF_ERROR(CheckRequired("--url", url));
  v1::WebhookEndpoint* endpoint = request.mutable_webhook_endpoint();
  endpoint->set_url(url);
  FHUB_ASSIGN_OR_RETURN(std::vector<v1::WebhookEventType> types,
                        ParseWebhookEvents(absl::GetFlag(FLAGS_events)));
  for (v1::WebhookEventType t : types) endpoint->add_event_types(t);
  endpoint->set_description(absl::GetFlag(FLAGS_description));
  FHUB_ASSIGN_OR_RETURN(*request.mutable_request_id(), WriteRequestId());
  return request;
}

std::vector<Command> WebhookCommands() {
  return {
      {"webhooks", "create",
       "authorities/ID|providers/ID --url https://... --events TYPE,... "
       "[--description TEXT]",
       "Registers an endpoint (COMMISSIONER or PROVIDER_USER of the owner);\n"
       "      prints it with its signing secret, shown this once.",
       1, 1,
       [](const Args& args) {
         return Write(&Stub::CreateWebhookEndpoint, BuildCreateWebhook(args));
       }},
      {"webhooks", "list", "authorities/ID|providers/ID",
       "The owner's endpoints, deleted ones too.", 1, 1,
       [](const Args& args) -> int {
         if (absl::Status ok = CheckOwner(args[0]); !ok.ok()) {
           return UsageError(ok);
         }
         v1::ListWebhookEndpointsRequest request;
         request.set_parent(args[0]);
         return Read(&Stub::ListWebhookEndpoints,
                     absl::StatusOr<v1::ListWebhookEndpointsRequest>(request));
       }},
      {"webhooks", "delete", "OWNER/webhookEndpoints/N",
       "Stops deliveries to the endpoint; pending ones are marked failed.", 1,
       1,
       [](const Args& args) -> int {
         if (absl::Status ok = CheckEndpoint(args[0]); !ok.ok()) {
           return UsageError(ok);
         }
         absl::StatusOr<std::string> request_id = WriteRequestId();
         if (!request_id.ok()) return UsageError(request_id.status());
         v1::DeleteWebhookEndpointRequest request;
         request.set_name(args[0]);
         request.set_request_id(*request_id);
         return Write(
             &Stub::DeleteWebhookEndpoint,
             absl::StatusOr<v1::DeleteWebhookEndpointRequest>(request));
       }},
      {"webhooks", "deliveries", "OWNER/webhookEndpoints/N [--all]",
       "What was sent to the endpoint, newest first: state, attempts, last "
       "answer.",
       1, 1,
       [](const Args& args) -> int {
         if (absl::Status ok = CheckEndpoint(args[0]); !ok.ok()) {
           return UsageError(ok);
         }
         v1::ListWebhookDeliveriesRequest request;
         request.set_parent(args[0]);
         return List(&Stub::ListWebhookDeliveries,
                     absl::StatusOr<v1::ListWebhookDeliveriesRequest>(request));
       }},
  };
}

}  // namespace fhub::cli
