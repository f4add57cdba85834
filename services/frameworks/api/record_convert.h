#pragma once

// Ballots, admission windows and rounds, and cost-share statements as the
// API shows them, and their numbered names
// ("frameworks/nw-16plus/ballots/2").

#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "fhub/frameworks/v1/frameworks.pb.h"
#include "services/frameworks/api/convert.h"
#include "services/frameworks/domain/admission.h"
#include "services/frameworks/domain/records.h"

namespace fhub::frameworks {

inline constexpr char kBallots[] = "ballots";
inline constexpr char kAdmissionRounds[] = "admissionRounds";
inline constexpr char kCostShareStatements[] = "costShareStatements";

std::string ChildName(const std::string& framework_id,
                      absl::string_view collection, int number);

// "frameworks/{id}/{collection}/{number}" -> (id, number); INVALID_ARGUMENT
// naming `field` otherwise.
absl::StatusOr<std::pair<std::string, int>> ParseNumberedName(
    absl::string_view field, absl::string_view name,
    absl::string_view collection);

// `withdrawn`: electors who left the electorate (shown while it is open).
void ToProto(const ExtensionBallot& ballot,
             const std::vector<std::string>& withdrawn,
             v1::ExtensionBallot* out);
void ToProto(const AdmissionWindow& window, const std::string& framework_id,
             v1::AdmissionWindow* out);
void ToProto(const std::string& framework_id, const AdmissionRound& round,
             bool closed_early, v1::AdmissionRound* out);
void ToProto(const CostShareStatement& statement, v1::CostShareStatement* out);

}  // namespace fhub::frameworks
