#include "common/csv.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"

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

absl::StatusOr<std::vector<Record>> ParseRecords(absl::string_view text) {
  absl::ConsumePrefix(&text, "\xEF\xBB\xBF");
  std::vector<Record> records;
  Record record;
  std::string field;
  bool in_record = false;  // Something of the current record was read.
  size_t i = 0;
  const auto error = [&](absl::string_view what) {
    return absl::InvalidArgumentError(
        absl::StrCat("record ", records.size() + 1, ": ", what));
  };
  const auto end_record = [&] {
    record.push_back(std::move(field));
    field.clear();
    // A line with nothing on it is no record.
    if (record.size() > 1 || !record[0].empty() || in_record) {
      records.push_back(std::move(record));
    }
    record.clear();
    in_record = false;
  };
  while (i < text.size()) {
    const char c = text[i];
    if (c == '"' && field.empty()) {
      // A quoted field, to its closing quote.
      in_record = true;
      ++i;
      while (true) {
        if (i >= text.size()) return error("a quoted field is not closed");
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field.push_back(text[i++]);
      }
      if (i < text.size() && text[i] != ',' && text[i] != '\n' &&
          !(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
        return error("text after a closing quote");
      }
      continue;
    }
    if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
      in_record = true;
      ++i;
    } else if (c == '\n' ||
               (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
      end_record();
      i += c == '\n' ? 1 : 2;
    } else {
      field.push_back(c);
      ++i;
    }
  }
  if (!field.empty() || !record.empty() || in_record) end_record();
  return records;
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
