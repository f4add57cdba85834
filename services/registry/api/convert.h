#pragma once

// Proto <-> domain for the registry's API. FromProto* check the shape of
// what a caller sent (enums set, dates real, names well formed) and name
// the field at fault; the domain's Prepare*/Validate* check the rest.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/proto_values.h"
#include "common/resource_name.h"
#include "fhub/registry/v1/registry.pb.h"
#include "services/registry/domain/evaluation.h"
#include "services/registry/domain/model.h"

namespace fhub::registry {


using ::fhub::ParseName;
// Dates and instants convert as everywhere in the hub.
using ::fhub::FromProto;
using ::fhub::ToProto;

// The key a page of `list` resumes after, in lists ordered by resource ids
// ("acme-care", or "acme-care|lot-1" for `parts` 2): empty for the first
// page; INVALID_ARGUMENT naming page_token for a token another list gave
// out or a key that is not such ids (a forged token never reaches SQL).
absl::StatusOr<std::vector<std::string>> DecodeAfterIds(absl::string_view list,
                                                        absl::string_view token,
                                                        size_t parts = 1);

std::string ProviderName(absl::string_view id);
std::string SettingName(absl::string_view provider_id,
                        absl::string_view setting_id);
std::string FrameworkName(absl::string_view id);
std::string AuthorityName(absl::string_view id);

// The id is not in the message (it comes from the request or the name).
absl::StatusOr<Provider> FromProto(const v1::Provider& provider);
void ToProto(const Provider& provider, v1::Provider* out);

absl::StatusOr<Setting> FromProto(const v1::Setting& setting);
void ToProto(const Setting& setting, v1::Setting* out);

void ToProto(const std::string& provider_id, const Vacancy& vacancy,
             absl::Time create_time, std::optional<absl::Time> withdraw_time,
             v1::Vacancy* out);

Questionnaire FromProto(const std::string& framework_id,
                        const v1::Questionnaire& questionnaire);
void ToProto(const Questionnaire& questionnaire, absl::Time update_time,
             v1::Questionnaire* out);

void ToProto(const Application& application, v1::Application* out);
void ToProto(const ModeratedResult& result, v1::ModeratedResult* out);
void ToProto(const Evaluation& evaluation, v1::Evaluation* out);
void ToProto(const Accreditation& accreditation, v1::Accreditation* out);

absl::StatusOr<SuspensionScope> FromProto(v1::SuspensionScope scope,
                                          absl::string_view field);
void ToProto(const Suspension& suspension, v1::Suspension* out);
void ToProto(const Concern& concern, v1::Concern* out);

}  // namespace fhub::registry
