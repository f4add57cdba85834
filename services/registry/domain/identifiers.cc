#include "services/registry/domain/identifiers.h"

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace fhub::registry {
namespace {

absl::Status Invalid(absl::string_view field, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(field, " ", what));
}

// Upper case with every ASCII space removed.
std::string Compact(absl::string_view text) {
  std::string out;
  for (char c : text) {
    if (!absl::ascii_isspace(static_cast<unsigned char>(c))) {
      out.push_back(absl::ascii_toupper(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLetter(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLetterIn(char c, absl::string_view allowed) {
  return IsLetter(c) && absl::StrContains(allowed, c);
}
bool AllDigits(absl::string_view text) {
  for (char c : text) {
    if (!IsDigit(c)) return false;
  }
  return !text.empty();
}

// The Royal Mail rules for each position of the outward code.
bool IsOutwardCode(absl::string_view out) {
  constexpr absl::string_view kFirst = "ABCDEFGHIJKLMNOPRSTUWYZ";   // no QVX
  constexpr absl::string_view kSecond = "ABCDEFGHKLMNOPQRSTUVWXY";  // no IJZ
  if (out.size() < 2 || out.size() > 4 || !IsLetterIn(out[0], kFirst)) {
    return false;
  }
  if (IsDigit(out[1])) {
    // A9, A99, A9A
    if (out.size() == 2) return true;
    if (out.size() != 3) return false;
    return IsDigit(out[2]) || IsLetterIn(out[2], "ABCDEFGHJKPSTUW");
  }
  // AA9, AA99, AA9A
  if (!IsLetterIn(out[1], kSecond) || out.size() < 3 || !IsDigit(out[2])) {
    return false;
  }
  if (out.size() == 3) return true;
  return IsDigit(out[3]) || IsLetterIn(out[3], "ABEHMNPRVWXY");
}

bool IsInwardCode(absl::string_view in) {
  constexpr absl::string_view kUnit = "ABDEFGHJLNPQRSTUWXYZ";  // no CIKMOV
  return in.size() == 3 && IsDigit(in[0]) && IsLetterIn(in[1], kUnit) &&
         IsLetterIn(in[2], kUnit);
}

}  // namespace

absl::StatusOr<std::string> NormalisePostcode(absl::string_view field,
                                              absl::string_view postcode) {
  const std::string compact = Compact(postcode);
  if (compact.size() < 5 || compact.size() > 7 ||
      !IsOutwardCode(
          absl::string_view(compact).substr(0, compact.size() - 3)) ||
      !IsInwardCode(absl::string_view(compact).substr(compact.size() - 3))) {
    return Invalid(field, "must be a UK postcode such as \"L20 3NJ\"");
  }
  return absl::StrCat(compact.substr(0, compact.size() - 3), " ",
                      compact.substr(compact.size() - 3));
}

absl::StatusOr<std::string> NormaliseCompanyNumber(absl::string_view field,
                                                   absl::string_view number) {
  const std::string compact = Compact(number);
  const bool ok =
      compact.size() == 8 &&
      (AllDigits(compact) || (IsLetter(compact[0]) && IsLetter(compact[1]) &&
                              AllDigits(compact.substr(2))));
  if (!ok) {
    return Invalid(field,
                   "must be a Companies House number: 8 digits, or 2 letters "
                   "and 6 digits (\"01234567\", \"SC123456\")");
  }
  return compact;
}

absl::StatusOr<std::string> NormaliseCharityNumber(absl::string_view field,
                                                   absl::string_view number) {
  const std::string compact = Compact(number);
  const size_t dash = compact.find('-');
  const std::string main = compact.substr(0, dash);
  const std::string suffix =
      dash == std::string::npos ? "" : compact.substr(dash + 1);
  const bool ok =
      (main.size() == 6 || main.size() == 7) && AllDigits(main) &&
      (dash == std::string::npos || (suffix.size() <= 3 && AllDigits(suffix)));
  if (!ok) {
    return Invalid(field,
                   "must be a charity number for England and Wales: 6 or 7 "
                   "digits, optionally -N (\"1123456\", \"1123456-1\")");
  }
  return compact;
}

absl::StatusOr<std::string> NormaliseOfstedUrn(absl::string_view field,
                                               absl::string_view urn) {
  const std::string compact = Compact(urn);
  const bool ok = (compact.size() == 8 && compact[0] == 'S' &&
                   compact[1] == 'C' && AllDigits(compact.substr(2))) ||
                  (compact.size() == 7 && AllDigits(compact));
  if (!ok) {
    return Invalid(field,
                   "must be an Ofsted URN: SC and 6 digits, or 7 digits "
                   "(\"SC123456\", \"2745123\")");
  }
  return compact;
}

bool IsEmailAddress(absl::string_view email) {
  const size_t at = email.find('@');
  if (at == absl::string_view::npos || at == 0 || email.size() > 254 ||
      email.find('@', at + 1) != absl::string_view::npos) {
    return false;
  }
  for (char c : email) {
    if (absl::ascii_isspace(static_cast<unsigned char>(c)) ||
        absl::ascii_iscntrl(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  const absl::string_view domain = email.substr(at + 1);
  const size_t dot = domain.find('.');
  return dot != absl::string_view::npos && dot > 0 && domain.back() != '.';
}

}  // namespace fhub::registry
