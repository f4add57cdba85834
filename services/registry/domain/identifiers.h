#pragma once

// The identifiers a provider's records carry, in the spelling their issuers
// use: UK postcodes, Companies House and Charity Commission numbers, Ofsted
// URNs, e-mail addresses. Normalise* return the canonical form or
// INVALID_ARGUMENT naming `field` and showing a good value.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace fhub::registry {

// UK postcode: the outward code (A9, A99, A9A, AA9, AA99 or AA9A) and the
// inward code (9AA), any spacing and case on input; returned upper case
// with one space: " pr81da " -> "PR8 1DA". The inward letters never use
// C I K M O V.
absl::StatusOr<std::string> NormalisePostcode(absl::string_view field,
                                              absl::string_view postcode);

// Companies House number: 8 characters, either 8 digits ("01234567") or 2
// letters and 6 digits ("SC123456"); spaces dropped, letters upper-cased.
absl::StatusOr<std::string> NormaliseCompanyNumber(absl::string_view field,
                                                   absl::string_view number);

// Charity Commission for England and Wales number: 6 or 7 digits,
// optionally "-N" (1 to 3 digits) for a linked charity: "1123456",
// "1123456-1", "213890". Spaces dropped.
absl::StatusOr<std::string> NormaliseCharityNumber(absl::string_view field,
                                                   absl::string_view number);

// Ofsted unique reference number: "SC" and 6 digits (children's homes
// registered before the 2020s, "SC123456") or 7 digits (newer registrations,
// including supported accommodation, "2745123"). Spaces dropped, letters
// upper-cased.
absl::StatusOr<std::string> NormaliseOfstedUrn(absl::string_view field,
                                               absl::string_view urn);

bool IsEmailAddress(absl::string_view email);

}  // namespace fhub::registry
