#include "tools/fhub/referrals_input.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/status_macros.h"
#include "tools/fhub/input.h"
#include "tools/fhub/pricing_input.h"
#include "tools/fhub/registry_input.h"

namespace fhub::cli {
namespace {

namespace v1 = ::fhub::referrals::v1;

constexpr int kMaxAge = 120;
constexpr size_t kMaxSettings = 20;

// The items of a comma-separated list, without surrounding whitespace.
std::vector<absl::string_view> Items(absl::string_view text) {
  std::vector<absl::string_view> items;
  for (absl::string_view item :
       absl::StrSplit(text, ',', absl::SkipWhitespace())) {
    items.push_back(absl::StripAsciiWhitespace(item));
  }
  return items;
}

absl::Status Twice(absl::string_view flag, absl::string_view item) {
  return absl::InvalidArgumentError(
      absl::StrCat(flag, " names '", item, "' twice"));
}

// The segments of a name the caller has already checked.
std::vector<absl::string_view> Segments(absl::string_view name) {
  return absl::StrSplit(name, '/');
}

}  // namespace

absl::StatusOr<v1::EvaluationWeights> ParseWeights(absl::string_view flag,
                                                   absl::string_view text) {
  v1::EvaluationWeights weights;
  if (text.empty()) {
    return weights;
  }
  std::vector<absl::string_view> parts = absl::StrSplit(text, '/');
  int values[3] = {0, 0, 0};
  bool ok = parts.size() == 3;
  for (size_t i = 0; ok && i < parts.size(); ++i) {
    absl::StatusOr<int64_t> value = ParseCount(flag, parts[i], 100);
    ok = !parts[i].empty() && value.ok();
    values[i] = ok ? static_cast<int>(*value) : 0;
  }
  if (!ok) {
    return absl::InvalidArgumentError(absl::StrCat(
        flag, " '", text,
        "' is not QUALITY/PRICE/DISTANCE: three whole percentages from 0 "
        "to 100, e.g. 60/40/0"));
  }
  weights.set_quality(values[0]);
  weights.set_price(values[1]);
  weights.set_distance(values[2]);
  if (values[0] + values[1] + values[2] != 100) {
    return absl::InvalidArgumentError(absl::StrCat(
        flag, " '", text, "' sums to ", values[0] + values[1] + values[2],
        "; quality, price and distance must sum to 100 (leave ", flag,
        " out for the default 60/40/0)"));
  }
  return weights;
}

absl::Status CheckWeights(absl::string_view what,
                          const v1::EvaluationWeights& weights) {
  const int quality = weights.quality();
  const int price = weights.price();
  const int distance = weights.distance();
  if (quality == 0 && price == 0 && distance == 0) {
    return absl::OkStatus();
  }
  for (int value : {quality, price, distance}) {
    if (value < 0 || value > 100) {
      return absl::InvalidArgumentError(absl::StrCat(
          what, ": each weight is a whole percentage from 0 to 100"));
    }
  }
  if (quality + price + distance != 100) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, " ", quality, "/", price, "/", distance, " sum to ",
                     quality + price + distance,
                     "; quality, price and distance must sum to 100"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<v1::Need>> ParseNeeds(absl::string_view flag,
                                                 absl::string_view text) {
  std::vector<v1::Need> needs;
  for (absl::string_view item : Items(text)) {
    FHUB_ASSIGN_OR_RETURN(v1::Need need, ParseEnum<v1::Need>(flag, item));
    if (std::find(needs.begin(), needs.end(), need) != needs.end()) {
      return Twice(flag, v1::Need_Name(need));
    }
    needs.push_back(need);
  }
  return needs;
}

absl::StatusOr<int64_t> ParseMinutesPerWeek(absl::string_view flag,
                                            absl::string_view text,
                                            bool required) {
  if (required) {
    FHUB_RETURN_IF_ERROR(CheckRequired(flag, text));
  }
  absl::StatusOr<int64_t> minutes = ParseCount(flag, text, kMaxMinutesPerWeek);
  if (!minutes.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(
        flag, " '", text, "' is not whole minutes a week from 0 to ",
        kMaxMinutesPerWeek, " (168 hours): 7.5 hours a week is 450"));
  }
  return *minutes;
}

absl::StatusOr<int32_t> ParseAge(absl::string_view flag,
                                 absl::string_view text) {
  FHUB_RETURN_IF_ERROR(CheckRequired(flag, text));
  absl::StatusOr<int64_t> age = ParseCount(flag, text, kMaxAge);
  if (!age.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, " '", text, "' is not an age in whole years"));
  }
  return static_cast<int32_t>(*age);
}

absl::Status CheckMiles(absl::string_view flag, double miles) {
  if (!std::isfinite(miles) || miles < 0 || miles > kMaxDistanceMiles) {
    return absl::InvalidArgumentError(absl::StrCat(
        flag, " must be above 0 and at most ", kMaxDistanceMiles, " miles"));
  }
  return absl::OkStatus();
}

absl::Status CheckSettingOf(absl::string_view flag, absl::string_view setting,
                            absl::string_view provider) {
  if (absl::Status status = CheckNamePattern(setting, kSettingName);
      !status.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, " ", status.message()));
  }
  if (!absl::StartsWith(setting, absl::StrCat(provider, "/settings/"))) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, " '", setting, "' is not a setting of ", provider));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<std::string>> ParseSettingNames(
    absl::string_view flag, absl::string_view text,
    absl::string_view provider) {
  FHUB_RETURN_IF_ERROR(CheckRequired(flag, text));
  std::vector<std::string> settings;
  for (absl::string_view setting : Items(text)) {
    FHUB_RETURN_IF_ERROR(CheckSettingOf(flag, setting, provider));
    if (std::find(settings.begin(), settings.end(), setting) !=
        settings.end()) {
      return Twice(flag, setting);
    }
    settings.emplace_back(setting);
  }
  if (settings.empty() || settings.size() > kMaxSettings) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, " names 1 to ", kMaxSettings, " settings, not ",
                     settings.size()));
  }
  return settings;
}

std::string ReferralOfInvitation(absl::string_view invitation) {
  std::vector<absl::string_view> parts = Segments(invitation);
  parts.resize(std::min<size_t>(parts.size(), 4));
  return absl::StrJoin(parts, "/");
}

std::string ProviderOfInvitation(absl::string_view invitation) {
  return absl::StrCat("providers/", Segments(invitation).back());
}

std::string AuthorityOf(absl::string_view name) {
  std::vector<absl::string_view> parts = Segments(name);
  parts.resize(std::min<size_t>(parts.size(), 2));
  return absl::StrJoin(parts, "/");
}

}  // namespace fhub::cli
