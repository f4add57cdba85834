#pragma once

// HTTP path templates as google.api.http writes them (google/api/http.proto):
//
//   Template = "/" Segments [ ":" Verb ] ;
//   Segments = Segment { "/" Segment } ;
//   Segment  = "*" | "**" | LITERAL | Variable ;
//   Variable = "{" FieldPath [ "=" Segments ] "}" ;
//
// e.g. "/v1/{name=authorities/*/referrals/*}:submit". A variable without a
// pattern matches one segment; "**" matches the rest of the path and may only
// come last. Matching a concrete path gives each variable's value: the
// segments it matched, percent-decoded and joined by "/".

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace fhub::gateway {

// A path variable and the value a request gave it.
struct Binding {
  std::string field_path;  // "name", or "setting.name"
  std::string value;       // "frameworks/nw-16plus"
};

// A request's path split once into segments and verb, to be matched
// against many templates. It refers into the path, which must outlive it.
struct SplitPath {
  static SplitPath Of(absl::string_view path);

  bool valid = false;  // false: not "/..."
  std::vector<absl::string_view> segments;
  bool has_verb = false;
  absl::string_view verb;
};

class PathTemplate {
 public:
  // INVALID_ARGUMENT saying what is wrong with `text`.
  static absl::StatusOr<PathTemplate> Parse(absl::string_view text);

  // The variables' values when `path` (no query string) matches; nullopt
  // when it does not.
  std::optional<std::vector<Binding>> Match(absl::string_view path) const;
  std::optional<std::vector<Binding>> Match(const SplitPath& path) const;

  const std::string& text() const { return text_; }
  const std::string& verb() const { return verb_; }
  // The field paths of the variables, in order.
  std::vector<std::string> FieldPaths() const;
  // How many segments are literals: the more, the more specific.
  int LiteralCount() const;
  // Whether the template ends in "**".
  bool EndsInMultiWildcard() const;

 private:
  struct Segment {
    enum class Kind { kLiteral, kOne, kRest };
    Kind kind = Kind::kLiteral;
    std::string literal;
  };
  struct Variable {
    std::string field_path;
    size_t first = 0;  // index of its first segment
    size_t end = 0;    // one past its last
  };

  std::string text_;
  std::vector<Segment> segments_;
  std::vector<Variable> variables_;
  std::string verb_;
};

// A path segment with %XX escapes decoded; nullopt for a malformed escape.
std::optional<std::string> PercentDecode(absl::string_view segment);

}  // namespace fhub::gateway
