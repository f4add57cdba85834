#include "tools/fhub/pricing_input.h"

#include <algorithm>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/status_macros.h"
#include "tools/fhub/input.h"

namespace fhub::cli {
namespace {

namespace v1 = ::fhub::pricing::v1;

bool AllDigits(absl::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), absl::ascii_isdigit);
}

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

absl::Status BadExtra(absl::string_view flag, absl::string_view item,
                      absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat(
      flag, " '", item, "' is not NAME=PENCE:WEEKLY|ONE_OFF: ", why,
      ", e.g. \"Bills allowance=2500:WEEKLY\""));
}

}  // namespace

absl::StatusOr<int64_t> ParsePence(absl::string_view flag,
                                   absl::string_view text) {
  FHUB_RETURN_IF_ERROR(CheckRequired(flag, text));
  int64_t pence = 0;
  if (!AllDigits(text) || !absl::SimpleAtoi(text, &pence)) {
    return absl::InvalidArgumentError(absl::StrCat(
        flag, " '", text,
        "' is not a whole number of pence: give digits only, e.g. 1850 for "
        "£18.50"));
  }
  return pence;
}

absl::StatusOr<int64_t> ParseCount(absl::string_view flag,
                                   absl::string_view text, int64_t max) {
  if (text.empty()) {
    return 0;
  }
  int64_t count = 0;
  if (!AllDigits(text) || !absl::SimpleAtoi(text, &count) || count > max) {
    return absl::InvalidArgumentError(absl::StrCat(
        flag, " '", text, "' is not a whole number from 0 to ", max));
  }
  return count;
}

absl::StatusOr<int32_t> ParseBasisPoints(absl::string_view flag,
                                         absl::string_view text) {
  FHUB_RETURN_IF_ERROR(CheckRequired(flag, text));
  absl::string_view digits = text;
  if (!digits.empty() && digits[0] == '-') {
    digits.remove_prefix(1);
  }
  int32_t basis_points = 0;
  if (!AllDigits(digits) || !absl::SimpleAtoi(text, &basis_points)) {
    return absl::InvalidArgumentError(absl::StrCat(
        flag, " '", text,
        "' is not a whole number of basis points: 250 is 2.5%, -100 is "
        "-1%"));
  }
  return basis_points;
}

absl::StatusOr<std::vector<v1::Extra>> ParseExtras(absl::string_view flag,
                                                   absl::string_view text) {
  std::vector<v1::Extra> extras;
  for (absl::string_view item : Items(text)) {
    size_t colon = item.rfind(':');
    if (colon == absl::string_view::npos) {
      return BadExtra(flag, item, "no ':' before the kind");
    }
    absl::string_view priced = item.substr(0, colon);
    size_t equals = priced.rfind('=');
    if (equals == absl::string_view::npos) {
      return BadExtra(flag, item, "no '=' before the pence");
    }
    absl::string_view name =
        absl::StripAsciiWhitespace(priced.substr(0, equals));
    absl::string_view amount =
        absl::StripAsciiWhitespace(priced.substr(equals + 1));
    absl::string_view kind = absl::StripAsciiWhitespace(item.substr(colon + 1));
    if (name.empty()) {
      return BadExtra(flag, item, "no name");
    }
    int64_t pence = 0;
    if (!AllDigits(amount) || !absl::SimpleAtoi(amount, &pence)) {
      return BadExtra(
          flag, item,
          absl::StrCat("'", amount,
                       "' is not a whole number of pence (1850 for £18.50)"));
    }
    absl::StatusOr<v1::ExtraKind> parsed = ParseEnum<v1::ExtraKind>(flag, kind);
    if (!parsed.ok()) {
      return BadExtra(
          flag, item,
          absl::StrCat("the kind '", kind, "' is neither WEEKLY nor ONE_OFF"));
    }
    if (std::any_of(extras.begin(), extras.end(),
                    [name](const v1::Extra& e) { return e.name() == name; })) {
      return Twice(flag, name);
    }
    v1::Extra& extra = extras.emplace_back();
    extra.set_name(std::string(name));
    extra.set_amount_pence(pence);
    extra.set_kind(*parsed);
  }
  return extras;
}

absl::StatusOr<std::vector<std::string>> ParseExtraNames(
    absl::string_view flag, absl::string_view text) {
  std::vector<std::string> names;
  for (absl::string_view name : Items(text)) {
    if (std::find(names.begin(), names.end(), name) != names.end()) {
      return Twice(flag, name);
    }
    names.emplace_back(name);
  }
  return names;
}

absl::StatusOr<std::vector<std::string>> ParsePriceBookNames(
    absl::string_view flag, absl::string_view text) {
  std::vector<std::string> names;
  for (absl::string_view name : Items(text)) {
    if (absl::Status status = CheckNamePattern(name, kPriceBookName);
        !status.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(flag, " ", status.message()));
    }
    if (std::find(names.begin(), names.end(), name) != names.end()) {
      return Twice(flag, name);
    }
    names.emplace_back(name);
  }
  return names;
}

absl::StatusOr<bool> ParseSpotPrices(absl::string_view flag,
                                     absl::string_view text) {
  FHUB_RETURN_IF_ERROR(CheckRequired(flag, text));
  std::string lower = absl::AsciiStrToLower(text);
  if (lower == "allow") {
    return true;
  }
  if (lower == "refuse") {
    return false;
  }
  return absl::InvalidArgumentError(
      absl::StrCat(flag, " '", text, "': give allow or refuse"));
}

}  // namespace fhub::cli
