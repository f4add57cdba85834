#include "common/csv.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace fhub::csv {
namespace {

bool NeedsQuotes(absl::string_view field) {
  return field.find_first_of(",\"\r\n") != absl::string_view::npos;
}

bool LooksLikeFormula(absl::string_view field) {
  return !field.empty() && absl::string_view("=+-@\t\r").find(field[0]) !=
                               absl::string_view::npos;
}

void Append(std::string* out, absl::string_view prefix,
            absl::string_view field) {
  if (!NeedsQuotes(field)) {
    absl::StrAppend(out, prefix, field);
    return;
  }
  out->push_back('"');
  out->append(prefix.data(), prefix.size());
  for (char c : field) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

}  // namespace

void RecordWriter::Separate() {
  if (!first_) out_->push_back(',');
  first_ = false;
}

RecordWriter& RecordWriter::Text(absl::string_view field) {
  Separate();
  Append(out_, LooksLikeFormula(field) ? "'" : "", field);
  return *this;
}

RecordWriter& RecordWriter::Number(int64_t value) {
  Separate();
  absl::StrAppend(out_, value);
  return *this;
}

RecordWriter& RecordWriter::Raw(absl::string_view field) {
  Separate();
  Append(out_, "", field);
  return *this;
}

void RecordWriter::End() {
  out_->append("\r\n");
  first_ = true;
}

std::string Pounds(int64_t pence) {
  const bool negative = pence < 0;
  // In unsigned arithmetic, so that the most negative value has a magnitude.
  const uint64_t magnitude = negative
                                 ? uint64_t{0} - static_cast<uint64_t>(pence)
                                 : static_cast<uint64_t>(pence);
  return absl::StrFormat("%s%d.%02d", negative ? "-" : "", magnitude / 100,
                         magnitude % 100);
}

}  // namespace fhub::csv
