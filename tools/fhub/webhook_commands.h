#pragma once

// `fhub webhooks create|list|delete|deliveries` (webhook_commands.cc).

#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "fhub/referrals/v1/referrals.pb.h"
#include "tools/fhub/command.h"

namespace fhub::cli {

std::vector<Command> WebhookCommands();

// "offer_made, PLACEMENT_STARTED" -> the types (the WEBHOOK_ prefix
// optional, any case); INVALID_ARGUMENT naming --events otherwise.
absl::StatusOr<std::vector<referrals::v1::WebhookEventType>> ParseWebhookEvents(
    absl::string_view text);

// The request `webhooks create OWNER --url ... --events ...` sends.
absl::StatusOr<referrals::v1::CreateWebhookEndpointRequest> BuildCreateWebhook(
    const Args& args);

}  // namespace fhub::cli
