#pragma once

// Structured logging: one line per event, logfmt style
// (ts=... level=info event=rpc method=/fhub... code=OK ms=3), so a line is
// both readable and parseable by any log pipeline.

#include <functional>
#include <initializer_list>
#include <string>
#include <type_traits>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace fhub::log {

enum class Level { kDebug, kInfo, kWarning, kError };

// One key=value pair.
struct Field {
  Field(absl::string_view k, const char* v) : key(k), value(v ? v : "") {}
  Field(absl::string_view k, absl::string_view v) : key(k), value(v) {}
  Field(absl::string_view k, const std::string& v) : key(k), value(v) {}
  template <typename T, typename = std::enable_if_t<std::is_arithmetic_v<T>>>
  Field(absl::string_view k, T v) : key(k) {
    if constexpr (std::is_same_v<T, bool>) {
      value = v ? "true" : "false";
    } else {
      value = absl::StrCat(v);
    }
  }
  std::string key;
  std::string value;
};

// The line written for an event, without the trailing newline. Values with
// spaces, quotes, '=' or control characters are quoted and escaped.
std::string FormatLine(absl::Time at, Level level, absl::string_view event,
                       std::initializer_list<Field> fields);

// Writes an event to the sink (stderr unless replaced).
void Write(Level level, absl::string_view event,
           std::initializer_list<Field> fields);

inline void Info(absl::string_view event, std::initializer_list<Field> f = {}) {
  Write(Level::kInfo, event, f);
}
inline void Warning(absl::string_view event,
                    std::initializer_list<Field> f = {}) {
  Write(Level::kWarning, event, f);
}
inline void Error(absl::string_view event,
                  std::initializer_list<Field> f = {}) {
  Write(Level::kError, event, f);
}

// Replaces where lines go (tests capture them); returns the previous sink.
using Sink = std::function<void(absl::string_view line)>;
Sink SetSink(Sink sink);

}  // namespace fhub::log
