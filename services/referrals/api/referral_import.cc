#include "services/referrals/api/referral_import.h"

#include <functional>
#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "common/csv.h"
#include "common/proto_values.h"
#include "common/status_macros.h"
#include "google/protobuf/util/json_util.h"

namespace fhub::referrals {
namespace {

absl::Status Bad(absl::string_view column, absl::string_view reason) {
  return absl::InvalidArgumentError(absl::StrCat(column, ": ", reason));
}

absl::StatusOr<int64_t> Whole(absl::string_view column,
                              absl::string_view text) {
  int64_t value = 0;
  if (!absl::SimpleAtoi(text, &value)) {
    return Bad(column, absl::StrCat("'", text, "' is not a whole number"));
  }
  return value;
}

absl::StatusOr<double> Decimal(absl::string_view column,
                               absl::string_view text) {
  double value = 0;
  if (!absl::SimpleAtod(text, &value)) {
    return Bad(column, absl::StrCat("'", text, "' is not a number"));
  }
  return value;
}

// One column's value into the referral; empty values of optional columns
// are skipped before this is called.
using Setter = std::function<absl::Status(
    absl::string_view column, absl::string_view value, v1::Referral* out)>;

absl::Status SetFramework(absl::string_view, absl::string_view value,
                          v1::Referral* out) {
  out->set_framework(absl::StartsWith(value, "frameworks/")
                         ? std::string(value)
                         : absl::StrCat("frameworks/", value));
  return absl::OkStatus();
}

absl::Status SetNeeds(absl::string_view column, absl::string_view value,
                      v1::Referral* out) {
  for (absl::string_view name : absl::StrSplit(value, ';')) {
    name = absl::StripAsciiWhitespace(name);
    if (name.empty()) continue;
    v1::Need need;
    if (!v1::Need_Parse(std::string(name), &need) ||
        need == v1::NEED_UNSPECIFIED) {
      return Bad(column, absl::StrCat("'", name, "' is not a need"));
    }
    out->add_needs(need);
  }
  return absl::OkStatus();
}

absl::Status SetAccommodation(absl::string_view column, absl::string_view value,
                              v1::Referral* out) {
  v1::AccommodationType type;
  if (!v1::AccommodationType_Parse(std::string(value), &type) ||
      type == v1::ACCOMMODATION_TYPE_UNSPECIFIED) {
    return Bad(column,
               absl::StrCat("'", value, "' is not an accommodation type"));
  }
  out->set_accommodation_type(type);
  return absl::OkStatus();
}

absl::Status SetWantedStart(absl::string_view column, absl::string_view value,
                            v1::Referral* out) {
  absl::CivilDay day;
  if (value.size() != 10 || !absl::ParseCivilTime(value, &day)) {
    return Bad(column, absl::StrCat("'", value, "' is not a day YYYY-MM-DD"));
  }
  ToProto(day, out->mutable_wanted_start_date());
  return absl::OkStatus();
}

absl::Status SetDeadline(absl::string_view column, absl::string_view value,
                         v1::Referral* out) {
  absl::Time at;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, value, &at, &error)) {
    return Bad(column, absl::StrCat("'", value,
                                    "' is not an RFC 3339 time with its "
                                    "offset"));
  }
  ToProto(at, out->mutable_response_deadline());
  return absl::OkStatus();
}

template <typename Set>
Setter WholeInto(Set set) {
  return [set](absl::string_view column, absl::string_view value,
               v1::Referral* out) -> absl::Status {
    FHUB_ASSIGN_OR_RETURN(int64_t n, Whole(column, value));
    return set(out, n);
  };
}

template <typename Set>
Setter DecimalInto(Set set) {
  return [set](absl::string_view column, absl::string_view value,
               v1::Referral* out) -> absl::Status {
    FHUB_ASSIGN_OR_RETURN(double x, Decimal(column, value));
    set(out, x);
    return absl::OkStatus();
  };
}

// Whole numbers of int32 fields, range-checked here (the int64 read could
// not be stored).
absl::Status Int32(absl::string_view column, int64_t n) {
  if (n < INT32_MIN || n > INT32_MAX) {
    return Bad(column, absl::StrCat(n, " is out of range"));
  }
  return absl::OkStatus();
}

// A CSV column (README, "Importing referrals"); a header must name every
// required one.
struct ImportColumn {
  const char* name;
  bool required;
};

struct ColumnRule {
  ImportColumn column;
  Setter set;
};

const std::vector<ColumnRule>& Rules() {
  static const auto* rules = new std::vector<ColumnRule>{
      {{"framework", true}, SetFramework},
      {{"lot_id", true},
       [](absl::string_view, absl::string_view v, v1::Referral* out) {
         out->set_lot_id(std::string(v));
         return absl::OkStatus();
       }},
      {{"case_reference", true},
       [](absl::string_view, absl::string_view v, v1::Referral* out) {
         out->set_case_reference(std::string(v));
         return absl::OkStatus();
       }},
      {{"age", true}, WholeInto([](v1::Referral* out, int64_t n) {
         FHUB_RETURN_IF_ERROR(Int32("age", n));
         out->set_age(static_cast<int32_t>(n));
         return absl::OkStatus();
       })},
      {{"needs", true}, SetNeeds},
      {{"support_minutes_per_week", true},
       WholeInto([](v1::Referral* out, int64_t n) {
         out->set_support_minutes_per_week(n);
         return absl::OkStatus();
       })},
      {{"accommodation_type", true}, SetAccommodation},
      {{"home_latitude", true}, DecimalInto([](v1::Referral* out, double x) {
         out->mutable_home_location()->set_latitude(x);
       })},
      {{"home_longitude", true}, DecimalInto([](v1::Referral* out, double x) {
         out->mutable_home_location()->set_longitude(x);
       })},
      {{"wanted_start_date", true}, SetWantedStart},
      {{"max_distance_miles", false},
       DecimalInto([](v1::Referral* out, double x) {
         out->set_max_distance_miles(x);
       })},
      {{"response_deadline", false}, SetDeadline},
      {{"weight_quality", false}, WholeInto([](v1::Referral* out, int64_t n) {
         FHUB_RETURN_IF_ERROR(Int32("weight_quality", n));
         out->mutable_weights()->set_quality(static_cast<int32_t>(n));
         return absl::OkStatus();
       })},
      {{"weight_price", false}, WholeInto([](v1::Referral* out, int64_t n) {
         FHUB_RETURN_IF_ERROR(Int32("weight_price", n));
         out->mutable_weights()->set_price(static_cast<int32_t>(n));
         return absl::OkStatus();
       })},
      {{"weight_distance", false}, WholeInto([](v1::Referral* out, int64_t n) {
         FHUB_RETURN_IF_ERROR(Int32("weight_distance", n));
         out->mutable_weights()->set_distance(static_cast<int32_t>(n));
         return absl::OkStatus();
       })},
      {{"weekly_budget_pence", false},
       WholeInto([](v1::Referral* out, int64_t n) {
         out->set_weekly_budget_pence(n);
         return absl::OkStatus();
       })},
      {{"confidential_summary", false},
       [](absl::string_view, absl::string_view v, v1::Referral* out) {
         out->set_confidential_summary(std::string(v));
         return absl::OkStatus();
       }},
  };
  return *rules;
}

absl::Status TooMany(size_t records) {
  return absl::InvalidArgumentError(
      absl::StrCat("content: ", records, " records; at most ",
                   kMaxImportRecords, " an import"));
}

absl::StatusOr<std::vector<ImportRecord>> ReadCsv(absl::string_view content) {
  auto records = csv::ParseRecords(content);
  if (!records.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("content: ", records.status().message()));
  }
  if (records->empty()) {
    return absl::InvalidArgumentError(
        "content: no header row naming the columns");
  }
  if (records->size() - 1 > kMaxImportRecords) {
    return TooMany(records->size() - 1);
  }
  // The header: each column once, every required one.
  const csv::Record& header = records->front();
  std::vector<const ColumnRule*> columns;
  std::map<std::string, int> seen;
  for (const std::string& raw : header) {
    const std::string name(absl::StripAsciiWhitespace(raw));
    const ColumnRule* rule = nullptr;
    for (const ColumnRule& r : Rules()) {
      if (name == r.column.name) rule = &r;
    }
    if (rule == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("content: unknown column '", name,
                       "' in the header (the README lists the columns)"));
    }
    if (seen[name]++ > 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("content: column '", name, "' is named twice"));
    }
    columns.push_back(rule);
  }
  for (const ColumnRule& r : Rules()) {
    if (r.column.required && seen.count(r.column.name) == 0) {
      return absl::InvalidArgumentError(absl::StrCat(
          "content: the header has no column '", r.column.name, "'"));
    }
  }

  std::vector<ImportRecord> out;
  for (size_t i = 1; i < records->size(); ++i) {
    const csv::Record& fields = (*records)[i];
    ImportRecord record;
    record.number = static_cast<int>(i);
    if (fields.size() != columns.size()) {
      record.read = absl::InvalidArgumentError(absl::StrCat(
          "has ", fields.size(), " fields; the header names ", columns.size()));
      // The case reference, if it can be found, for the report.
      for (size_t c = 0; c < columns.size() && c < fields.size(); ++c) {
        if (std::string(columns[c]->column.name) == "case_reference") {
          record.referral.set_case_reference(fields[c]);
        }
      }
      out.push_back(std::move(record));
      continue;
    }
    for (size_t c = 0; c < columns.size() && record.read.ok(); ++c) {
      const absl::string_view value = absl::StripAsciiWhitespace(fields[c]);
      if (value.empty()) {
        if (columns[c]->column.required) {
          record.read = Bad(columns[c]->column.name, "is required");
        }
        continue;
      }
      record.read =
          columns[c]->set(columns[c]->column.name, value, &record.referral);
    }
    out.push_back(std::move(record));
  }
  return out;
}

absl::StatusOr<std::vector<ImportRecord>> ReadJsonLines(
    absl::string_view content) {
  std::vector<ImportRecord> out;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(content, '\n')) {
    ++line_number;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty()) continue;
    if (out.size() == kMaxImportRecords) return TooMany(out.size() + 1);
    ImportRecord record;
    record.number = line_number;
    google::protobuf::util::JsonParseOptions options;
    options.ignore_unknown_fields = false;
    const auto parsed = google::protobuf::util::JsonStringToMessage(
        std::string(line), &record.referral, options);
    if (!parsed.ok()) {
      record.referral.Clear();
      record.read = absl::InvalidArgumentError(absl::StrCat(
          "not a Referral in JSON: ", std::string(parsed.message())));
    }
    out.push_back(std::move(record));
  }
  return out;
}

}  // namespace

absl::StatusOr<std::vector<ImportRecord>> ReadImport(
    v1::ImportFormat format, absl::string_view content) {
  if (content.size() > kMaxImportBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("content: ", content.size(), " bytes; at most ",
                     kMaxImportBytes, " an import"));
  }
  std::vector<ImportRecord> records;
  switch (format) {
    case v1::CSV: {
      FHUB_ASSIGN_OR_RETURN(records, ReadCsv(content));
      break;
    }
    case v1::JSON_LINES: {
      FHUB_ASSIGN_OR_RETURN(records, ReadJsonLines(content));
      break;
    }
    default:
      return absl::InvalidArgumentError(
          "format: is required (CSV or JSON_LINES)");
  }
  if (records.empty()) {
    return absl::InvalidArgumentError("content: has no records");
  }
  return records;
}

}  // namespace fhub::referrals
