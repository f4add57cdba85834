#pragma once

// The input only the referrals commands read (referrals_requests.cc): the
// referrals service's resource names, evaluation weights, needs, minutes a
// week, ages, distances and lists of settings. Every error is
// INVALID_ARGUMENT naming the flag, as in input.h. What the input alone
// decides is checked here (weights summing to 100, a need's name, minutes
// within the week); what depends on the framework or on the day, such as
// the ages a framework serves, is left to the referrals service.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "fhub/referrals/v1/referrals.pb.h"

namespace fhub::cli {

// The referrals service's resource names, as patterns for CheckNamePattern
// (input.h).
inline constexpr char kReferralName[] = "authorities/{id}/referrals/{number}";
inline constexpr char kInvitationName[] =
    "authorities/{id}/referrals/{number}/invitations/{id}";
inline constexpr char kPlacementName[] = "authorities/{id}/placements/{number}";
inline constexpr char kBlockContractName[] =
    "authorities/{id}/blockContracts/{number}";

// Support time is minutes a week: at most the week's 10,080.
inline constexpr int64_t kMaxMinutesPerWeek = 7 * 24 * 60;
// The greatest distance from home a referral may ask for.
inline constexpr double kMaxDistanceMiles = 700;

// "60/40/0" -> quality 60, price 40, distance 0: three whole percentages in
// that order, summing to 100. An empty `text` gives all zero, which the
// service reads as its default 60/40/0.
absl::StatusOr<referrals::v1::EvaluationWeights> ParseWeights(
    absl::string_view flag, absl::string_view text);

// INVALID_ARGUMENT naming `what` unless `weights` are all zero (the
// default) or whole percentages from 0 to 100 summing to 100.
absl::Status CheckWeights(absl::string_view what,
                          const referrals::v1::EvaluationWeights& weights);

// "going_missing, MENTAL_HEALTH" -> the needs, each named as in the proto
// in any case, none twice; an empty `text` gives none.
absl::StatusOr<std::vector<referrals::v1::Need>> ParseNeeds(
    absl::string_view flag, absl::string_view text);

// "450" -> 450: whole minutes a week, 0 to 10,080, in digits only. An
// empty `text` is an error if `required`, else 0.
absl::StatusOr<int64_t> ParseMinutesPerWeek(absl::string_view flag,
                                            absl::string_view text,
                                            bool required);

// "17" -> 17: whole years, required. The framework's own range is the
// service's to check.
absl::StatusOr<int32_t> ParseAge(absl::string_view flag,
                                 absl::string_view text);

// INVALID_ARGUMENT naming `flag` unless `miles` is 0 (not given: the
// service's default or the distance kept) or above 0 and at most 700.
absl::Status CheckMiles(absl::string_view flag, double miles);

// "providers/acme/settings/oak,providers/acme/settings/elm" -> the names,
// each a setting of `provider`, none twice, 1 to 20 of them.
absl::StatusOr<std::vector<std::string>> ParseSettingNames(
    absl::string_view flag, absl::string_view text, absl::string_view provider);

// INVALID_ARGUMENT naming `flag` unless `setting` is a setting of
// `provider`, "providers/{id}/settings/{id}".
absl::Status CheckSettingOf(absl::string_view flag, absl::string_view setting,
                            absl::string_view provider);

// "authorities/a/referrals/3/invitations/acme" -> "authorities/a/referrals/3";
// `invitation` must have the form kInvitationName.
std::string ReferralOfInvitation(absl::string_view invitation);

// "authorities/a/referrals/3/invitations/acme" -> "providers/acme";
// `invitation` must have the form kInvitationName.
std::string ProviderOfInvitation(absl::string_view invitation);

// "authorities/a/referrals/3" (or any name under an authority) ->
// "authorities/a".
std::string AuthorityOf(absl::string_view name);

}  // namespace fhub::cli
