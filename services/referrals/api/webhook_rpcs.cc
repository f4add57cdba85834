// Webhook endpoints and their deliveries (domain/webhooks.h): registered,
// listed and deleted by the organisation they belong to, an authority's
// COMMISSIONER or a provider's PROVIDER_USER; nobody else's are reachable.

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/page_token.h"
#include "common/proto_values.h"
#include "common/resource_name.h"
#include "services/referrals/api/referrals_service.h"
#include "services/referrals/domain/access.h"
#include "services/referrals/domain/webhooks.h"

namespace fhub::referrals {
namespace {

struct Owner {
  std::string organisation;  // "authorities/{id}" or "providers/{id}"
  WebhookOwner kind = WebhookOwner::kAuthority;
};

// The owner named by `field`, if `caller` acts for it.
absl::StatusOr<Owner> OwnerOf(const auth::Principal& caller,
                              absl::string_view field, absl::string_view name) {
  Owner owner;
  if (absl::StartsWith(name, "providers/")) {
    FHUB_ASSIGN_OR_RETURN(std::string id, ParseName(field, name, "providers"));
    FHUB_RETURN_IF_ERROR(CheckProviderUserOf(caller, id));
    owner.organisation = absl::StrCat("providers/", id);
    owner.kind = WebhookOwner::kProvider;
    return owner;
  }
  if (!absl::StartsWith(name, "authorities/")) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ": must be authorities/{id} or providers/{id}, not '", name,
        "'"));
  }
  FHUB_ASSIGN_OR_RETURN(std::string id, ParseName(field, name, "authorities"));
  FHUB_RETURN_IF_ERROR(CheckCommissionerOf(caller, id));
  owner.organisation = absl::StrCat("authorities/", id);
  return owner;
}

// "{owner}/webhookEndpoints/{id}" -> the owner (checked) and the id.
absl::StatusOr<std::pair<Owner, int64_t>> EndpointOf(
    const auth::Principal& caller, absl::string_view field,
    absl::string_view name) {
  constexpr absl::string_view kCollection = "/webhookEndpoints/";
  const size_t at = name.find(kCollection);
  int64_t id = 0;
  if (at == absl::string_view::npos ||
      !absl::SimpleAtoi(name.substr(at + kCollection.size()), &id) || id <= 0 ||
      absl::StrCat(id) != name.substr(at + kCollection.size())) {
    return absl::InvalidArgumentError(
        absl::StrCat(field,
                     ": must be {authorities|providers}/{id}/webhookEndpoints/"
                     "{number}, not '",
                     name, "'"));
  }
  FHUB_ASSIGN_OR_RETURN(Owner owner,
                        OwnerOf(caller, field, name.substr(0, at)));
  return std::make_pair(std::move(owner), id);
}

std::string EndpointName(const WebhookEndpointRecord& e) {
  return absl::StrCat(e.organisation, "/webhookEndpoints/", e.id);
}

void EndpointToProto(const WebhookEndpointRecord& e, bool with_secret,
                     v1::WebhookEndpoint* out) {
  out->set_name(EndpointName(e));
  out->set_url(e.url);
  for (int type : e.event_types) {
    out->add_event_types(static_cast<v1::WebhookEventType>(type));
  }
  out->set_description(e.description);
  if (with_secret) out->set_secret(e.secret);
  ToProto(e.create_time, out->mutable_create_time());
  if (e.delete_time.has_value()) {
    ToProto(*e.delete_time, out->mutable_delete_time());
  }
}

v1::WebhookDeliveryState StateOf(DeliveryState state) {
  switch (state) {
    case DeliveryState::kPending:
      return v1::WEBHOOK_DELIVERY_PENDING;
    case DeliveryState::kDelivered:
      return v1::WEBHOOK_DELIVERED;
    case DeliveryState::kFailed:
      return v1::WEBHOOK_DELIVERY_FAILED;
  }
  return v1::WEBHOOK_DELIVERY_STATE_UNSPECIFIED;
}

void DeliveryToProto(const WebhookDeliveryRecord& d, v1::WebhookDelivery* out) {
  out->set_name(absl::StrCat(d.organisation, "/webhookEndpoints/",
                             d.endpoint_id, "/deliveries/", d.id));
  out->set_event(d.event);
  out->set_type(static_cast<v1::WebhookEventType>(d.event_type));
  out->set_state(StateOf(d.state));
  out->set_attempts(d.attempts);
  out->set_last_status_code(d.last_status_code);
  out->set_last_error(d.last_error);
  ToProto(d.create_time, out->mutable_create_time());
  if (d.state == DeliveryState::kPending) {
    ToProto(d.next_attempt_time, out->mutable_next_attempt_time());
  }
  if (d.deliver_time.has_value()) {
    ToProto(*d.deliver_time, out->mutable_deliver_time());
  }
}

}  // namespace

absl::Status ReferralsServiceImpl::DoCreateWebhookEndpoint(
    const grpc::ServerContext& context,
    const v1::CreateWebhookEndpointRequest& request,
    v1::WebhookEndpoint* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(Owner owner,
                        OwnerOf(caller, "parent", request.parent()));
  const v1::WebhookEndpoint& given = request.webhook_endpoint();
  WebhookEndpointSpec spec;
  spec.url = given.url();
  for (int type : given.event_types()) spec.event_types.push_back(type);
  spec.description = given.description();
  FHUB_RETURN_IF_ERROR(ValidateEndpoint(spec, owner.kind));
  FHUB_RETURN_IF_ERROR(CheckText("webhook_endpoint.description",
                                 spec.description, 0, kMostDescriptionChars));
  FHUB_RETURN_IF_ERROR(CheckRequestId(request.request_id()));
  const absl::Time now = clock_.Now();
  return Change<v1::WebhookEndpoint>(
      caller, "CreateWebhookEndpoint", request, request.request_id(), response,
      [&](db::Tx& tx, v1::WebhookEndpoint* out) -> absl::StatusOr<std::string> {
        WebhookEndpointRecord endpoint;
        endpoint.organisation = owner.organisation;
        endpoint.url = spec.url;
        endpoint.event_types = spec.event_types;
        endpoint.description = spec.description;
        endpoint.secret = NewWebhookSecret();
        endpoint.create_time = now;
        FHUB_RETURN_IF_ERROR(webhooks_.InsertEndpoint(tx, endpoint));
        EndpointToProto(endpoint, /*with_secret=*/true, out);
        return EndpointName(endpoint);
      });
}

absl::Status ReferralsServiceImpl::DoListWebhookEndpoints(
    const grpc::ServerContext& context,
    const v1::ListWebhookEndpointsRequest& request,
    v1::ListWebhookEndpointsResponse* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(Owner owner,
                        OwnerOf(caller, "parent", request.parent()));
  return Read([&](db::Tx& tx) -> absl::Status {
    response->Clear();
    FHUB_ASSIGN_OR_RETURN(std::vector<WebhookEndpointRecord> endpoints,
                          webhooks_.ListEndpoints(tx, owner.organisation));
    for (const WebhookEndpointRecord& e : endpoints) {
      EndpointToProto(e, /*with_secret=*/false,
                      response->add_webhook_endpoints());
    }
    return absl::OkStatus();
  });
}

absl::Status ReferralsServiceImpl::DoDeleteWebhookEndpoint(
    const grpc::ServerContext& context,
    const v1::DeleteWebhookEndpointRequest& request,
    v1::WebhookEndpoint* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(auto endpoint,
                        EndpointOf(caller, "name", request.name()));
  FHUB_RETURN_IF_ERROR(CheckRequestId(request.request_id()));
  const absl::Time now = clock_.Now();
  return Change<v1::WebhookEndpoint>(
      caller, "DeleteWebhookEndpoint", request, request.request_id(), response,
      [&](db::Tx& tx, v1::WebhookEndpoint* out) -> absl::StatusOr<std::string> {
        FHUB_ASSIGN_OR_RETURN(
            WebhookEndpointRecord record,
            webhooks_.FindEndpoint(tx, endpoint.first.organisation,
                                   endpoint.second, /*for_update=*/true));
        if (record.delete_time.has_value()) {
          return absl::FailedPreconditionError(
              absl::StrCat(request.name(), " is already deleted"));
        }
        FHUB_RETURN_IF_ERROR(webhooks_.DeleteEndpoint(tx, record.id, now));
        record.delete_time = now;
        EndpointToProto(record, /*with_secret=*/false, out);
        return request.name();
      });
}

absl::Status ReferralsServiceImpl::DoListWebhookDeliveries(
    const grpc::ServerContext& context,
    const v1::ListWebhookDeliveriesRequest& request,
    v1::ListWebhookDeliveriesResponse* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(auto endpoint,
                        EndpointOf(caller, "parent", request.parent()));
  FHUB_ASSIGN_OR_RETURN(int page_size, PageSize(request.page_size()));
  FHUB_ASSIGN_OR_RETURN(int64_t before_id,
                        DecodeBeforeId(request.parent(), request.page_token()));
  return Read([&](db::Tx& tx) -> absl::Status {
    response->Clear();
    FHUB_ASSIGN_OR_RETURN(
        WebhookEndpointRecord record,
        webhooks_.FindEndpoint(tx, endpoint.first.organisation, endpoint.second,
                               /*for_update=*/false));
    FHUB_ASSIGN_OR_RETURN(
        std::vector<WebhookDeliveryRecord> deliveries,
        webhooks_.ListDeliveries(tx, record.id, before_id, page_size + 1));
    const bool more = TrimToPage(deliveries, page_size);
    for (const WebhookDeliveryRecord& d : deliveries) {
      DeliveryToProto(d, response->add_deliveries());
    }
    if (more) {
      response->set_next_page_token(EncodePageToken(
          request.parent(), absl::StrCat(deliveries.back().id)));
    }
    return absl::OkStatus();
  });
}

}  // namespace fhub::referrals
