#pragma once

// Reading and writing CSV as RFC 4180 has it, for files councils' finance
// systems load: fields separated by commas, records ended by CRLF, a field
// quoted (its quotes doubled) when it holds a comma, a quote, CR or LF.
//
// A text field that a spreadsheet would take for a formula (one starting
// with =, +, -, @, a tab or CR) is written with a leading apostrophe, so a
// case reference typed as "=HYPERLINK(...)" stays text when the file is
// opened (OWASP's advice on CSV injection). Numbers are written as numbers.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace fhub::csv {

// Appends one record, field by field: Text for what people typed, Number
// and Raw for what the system made (never altered), then End.
class RecordWriter {
 public:
  explicit RecordWriter(std::string* out) : out_(out) {}

  RecordWriter& Text(absl::string_view field);
  RecordWriter& Number(int64_t value);
  // A field the system made (a date, an id): quoted if it must be, never
  // prefixed.
  RecordWriter& Raw(absl::string_view field);
  void End();

 private:
  void Separate();

  std::string* out_;
  bool first_ = true;
};

using Record = std::vector<std::string>;

// The records of `text`: fields split at commas, records at CRLF or LF (a
// last record may lack its line end), quoted fields unquoted with their
// doubled quotes undone and their commas and line breaks kept; a UTF-8
// byte-order mark at the start (as spreadsheets write) is skipped, and so
// are empty lines. INVALID_ARGUMENT naming the record (1 is the first) for
// a quote left open or text after a closing quote.
absl::StatusOr<std::vector<Record>> ParseRecords(absl::string_view text);

// Whole pence as pounds with two decimals: 123456 -> "1234.56",
// -5 -> "-0.05".
std::string Pounds(int64_t pence);

}  // namespace fhub::csv
