#include "services/gateway/api/dev_sign_in.h"

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "common/auth/token.h"

namespace fhub::gateway {
namespace {

using auth::Role;
using Json = nlohmann::json;

Json RolesJson(const std::vector<Role>& roles) {
  Json out = Json::array();
  for (Role role : roles) out.push_back(std::string(auth::RoleName(role)));
  return out;
}

}  // namespace

const std::vector<DevPerson>& DemoPeople() {
  static const auto* const kPeople = new std::vector<DevPerson>{
      {"tameside-contracts", "Tameside's contract manager",
       "authorities/tameside", {Role::kLeadAdmin},
       "lead authority of the North West 16+ framework"},
      {"sefton-commissioner", "Sefton's commissioner", "authorities/sefton",
       {Role::kCommissioner}, "refers young people and awards placements"},
      {"wirral-commissioner", "Wirral's commissioner", "authorities/wirral",
       {Role::kCommissioner}, "another member: sees none of Sefton's cases"},
      {"halton-commissioner", "Halton's commissioner", "authorities/halton",
       {Role::kCommissioner}, "a member with its own price books"},
      {"sefton-strategic-lead", "Sefton's head of children's services",
       "authorities/sefton", {Role::kStrategicLead},
       "votes on extending the framework"},
      {"wirral-strategic-lead", "Wirral's head of children's services",
       "authorities/wirral", {Role::kStrategicLead},
       "votes on extending the framework"},
      {"halton-strategic-lead", "Halton's head of children's services",
       "authorities/halton", {Role::kStrategicLead},
       "votes on extending the framework"},
      {"knowsley-strategic-lead", "Knowsley's head of children's services",
       "authorities/knowsley", {Role::kStrategicLead},
       "votes on extending the framework"},
      {"liverpool-strategic-lead", "Liverpool's head of children's services",
       "authorities/liverpool", {Role::kStrategicLead},
       "votes on extending the framework"},
      {"tameside-strategic-lead", "Tameside's head of children's services",
       "authorities/tameside", {Role::kStrategicLead},
       "votes on extending the framework"},
      {"wirral-evaluator", "Wirral's evaluator", "authorities/wirral",
       {Role::kEvaluator}, "scores providers' applications"},
      {"sefton-evaluator", "Sefton's evaluator", "authorities/sefton",
       {Role::kEvaluator}, "scores providers' applications"},
      {"bootle-house-manager", "Bootle House's manager",
       "providers/bootle-house", {Role::kProviderUser},
       "a provider near Liverpool: answers invitations"},
      {"mersey-living-manager", "Mersey Living's manager",
       "providers/mersey-living", {Role::kProviderUser},
       "a provider in Liverpool"},
      {"pennine-support-manager", "Pennine Support's manager",
       "providers/pennine-support", {Role::kProviderUser},
       "a provider in Manchester, too far for Bootle"},
  };
  return *kPeople;
}

DevSignIn::DevSignIn(DevSignInOptions options, const Clock* clock)
    : options_(std::move(options)), clock_(*clock) {}

std::string DevSignIn::PeopleJson() const {
  Json people = Json::array();
  for (const DevPerson& p : DemoPeople()) {
    people.push_back({{"id", p.id},
                      {"name", p.name},
                      {"organisation", p.organisation},
                      {"roles", RolesJson(p.roles)},
                      {"about", p.about}});
  }
  return people.dump();
}

absl::StatusOr<std::string> DevSignIn::SignIn(absl::string_view body) const {
  Json request = Json::parse(body, nullptr, false);
  if (!request.is_object()) {
    return absl::InvalidArgumentError("the body must be a JSON object");
  }
  auth::TokenClaims claims;
  if (request.contains("person")) {
    if (!request["person"].is_string()) {
      return absl::InvalidArgumentError("person must be a string");
    }
    const std::string id = request["person"];
    const DevPerson* found = nullptr;
    for (const DevPerson& p : DemoPeople()) {
      if (p.id == id) found = &p;
    }
    if (found == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("person: no demo person \"", id, "\""));
    }
    claims.subject = found->id;
    claims.organisation = found->organisation;
    claims.roles = found->roles;
  } else {
    if (!request.value("organisation", Json()).is_string() ||
        !auth::IsOrganisationName(request["organisation"].get<std::string>())) {
      return absl::InvalidArgumentError(
          "organisation must be authorities/{id}, providers/{id} or "
          "services/{id}");
    }
    claims.organisation = request["organisation"];
    const Json roles = request.value("roles", Json::array());
    if (!roles.is_array() || roles.empty()) {
      return absl::InvalidArgumentError("roles must be a list of hub roles");
    }
    for (const Json& role : roles) {
      if (!role.is_string()) {
        return absl::InvalidArgumentError("roles must be a list of strings");
      }
      absl::StatusOr<Role> parsed = auth::ParseRole(role.get<std::string>());
      if (!parsed.ok()) {
        return absl::InvalidArgumentError(
            absl::StrCat("roles: ", parsed.status().message()));
      }
      claims.roles.push_back(*parsed);
    }
    const Json subject = request.value("subject", Json("developer"));
    claims.subject = subject.is_string() && !subject.get<std::string>().empty()
                         ? subject.get<std::string>()
                         : "developer";
  }
  claims.issuer = options_.issuer;
  claims.audience = options_.audience;
  claims.issued_at = clock_.Now();
  claims.expires_at = claims.issued_at + options_.lifetime;
  absl::StatusOr<std::string> token =
      auth::IssueToken(claims, options_.token_key);
  if (!token.ok()) return token.status();
  Json answer = {{"token", *token},
                 {"expiresAt", absl::FormatTime(absl::RFC3339_sec,
                                                claims.expires_at,
                                                absl::UTCTimeZone())},
                 {"organisation", claims.organisation},
                 {"roles", RolesJson(claims.roles)},
                 {"subject", claims.subject}};
  return answer.dump();
}

}  // namespace fhub::gateway
