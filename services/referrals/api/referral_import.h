#pragma once

// Reading an import's content (ImportReferrals): a council's case-system
// export as CSV with a header row or as JSON lines, record by record, into
// Referral messages for CreateReferral. What cannot be read as a whole
// (no header, an unknown or missing column, a quote left open) refuses the
// import; what cannot be read of one record refuses that record, naming
// the column or field.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "fhub/referrals/v1/referrals.pb.h"

namespace fhub::referrals {

inline constexpr size_t kMaxImportBytes = 1 << 20;
inline constexpr size_t kMaxImportRecords = 500;

struct ImportRecord {
  // CSV: 1 for the first record after the header; JSON lines: the line.
  int number = 0;
  v1::Referral referral;
  // Not OK when the record could not be read: INVALID_ARGUMENT whose
  // message is "{field}: {reason}" (or the reason alone).
  absl::Status read;
};

// The records of `content`; INVALID_ARGUMENT naming `content` for what
// refuses the whole import (including more than kMaxImportRecords records).
absl::StatusOr<std::vector<ImportRecord>> ReadImport(v1::ImportFormat format,
                                                     absl::string_view content);

}  // namespace fhub::referrals
