#include "services/gateway/domain/path_template.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace fhub::gateway {
namespace {

bool IsIdentifier(absl::string_view s) {
  if (s.empty() || !(absl::ascii_isalpha(s[0]) || s[0] == '_')) return false;
  for (char c : s) {
    if (!(absl::ascii_isalnum(c) || c == '_')) return false;
  }
  return true;
}

bool IsFieldPath(absl::string_view s) {
  for (absl::string_view part : absl::StrSplit(s, '.')) {
    if (!IsIdentifier(part)) return false;
  }
  return true;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = absl::ascii_tolower(c);
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// Splits `text` at "/" outside braces.
std::vector<absl::string_view> SplitOutsideBraces(absl::string_view text) {
  std::vector<absl::string_view> parts;
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{') ++depth;
    if (text[i] == '}') --depth;
    if (text[i] == '/' && depth == 0) {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  parts.push_back(text.substr(start));
  return parts;
}

}  // namespace

std::optional<std::string> PercentDecode(absl::string_view segment) {
  std::string out;
  out.reserve(segment.size());
  for (size_t i = 0; i < segment.size(); ++i) {
    if (segment[i] != '%') {
      out.push_back(segment[i]);
      continue;
    }
    if (i + 2 >= segment.size()) return std::nullopt;
    const int high = HexValue(segment[i + 1]);
    const int low = HexValue(segment[i + 2]);
    if (high < 0 || low < 0) return std::nullopt;
    out.push_back(static_cast<char>(high * 16 + low));
    i += 2;
  }
  return out;
}

absl::StatusOr<PathTemplate> PathTemplate::Parse(absl::string_view text) {
  const auto bad = [&](absl::string_view why) {
    return absl::InvalidArgumentError(
        absl::StrCat("path template \"", text, "\": ", why));
  };
  if (text.size() < 2 || text[0] != '/') return bad("must start with /");
  PathTemplate t;
  t.text_ = std::string(text);
  absl::string_view rest = text.substr(1);
  // The verb follows the last ':' outside braces.
  int depth = 0;
  for (size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] == '{') ++depth;
    if (rest[i] == '}') --depth;
    if (rest[i] == ':' && depth == 0) {
      t.verb_ = std::string(rest.substr(i + 1));
      rest = rest.substr(0, i);
      if (t.verb_.empty() || absl::StrContains(t.verb_, '/')) {
        return bad("the verb after ':' must be one literal");
      }
      break;
    }
  }
  if (depth != 0) return bad("unbalanced braces");
  for (absl::string_view part : SplitOutsideBraces(rest)) {
    if (part.empty()) return bad("empty segment");
    if (part.front() != '{') {
      if (absl::StrContains(part, '{') || absl::StrContains(part, '}')) {
        return bad("a variable must be a whole segment");
      }
      Segment segment;
      if (part == "*") {
        segment.kind = Segment::Kind::kOne;
      } else if (part == "**") {
        segment.kind = Segment::Kind::kRest;
      } else {
        segment.literal = std::string(part);
      }
      t.segments_.push_back(std::move(segment));
      continue;
    }
    if (part.back() != '}') return bad("a variable must be a whole segment");
    absl::string_view inside = part.substr(1, part.size() - 2);
    std::pair<absl::string_view, absl::string_view> split =
        absl::StrSplit(inside, absl::MaxSplits('=', 1));
    if (!IsFieldPath(split.first)) {
      return bad(absl::StrCat("\"", split.first, "\" is not a field path"));
    }
    Variable variable;
    variable.field_path = std::string(split.first);
    variable.first = t.segments_.size();
    const bool has_pattern = absl::StrContains(inside, '=');
    if (!has_pattern) {
      t.segments_.push_back({Segment::Kind::kOne, ""});
    } else {
      if (split.second.empty()) return bad("empty variable pattern");
      for (absl::string_view inner : absl::StrSplit(split.second, '/')) {
        if (inner.empty()) return bad("empty segment");
        if (absl::StrContains(inner, '{')) return bad("nested variable");
        Segment segment;
        if (inner == "*") {
          segment.kind = Segment::Kind::kOne;
        } else if (inner == "**") {
          segment.kind = Segment::Kind::kRest;
        } else {
          segment.literal = std::string(inner);
        }
        t.segments_.push_back(std::move(segment));
      }
    }
    variable.end = t.segments_.size();
    for (const Variable& other : t.variables_) {
      if (other.field_path == variable.field_path) {
        return bad(absl::StrCat("\"", variable.field_path, "\" bound twice"));
      }
    }
    t.variables_.push_back(std::move(variable));
  }
  for (size_t i = 0; i + 1 < t.segments_.size(); ++i) {
    if (t.segments_[i].kind == Segment::Kind::kRest) {
      return bad("** may only be the last segment");
    }
  }
  return t;
}

SplitPath SplitPath::Of(absl::string_view path) {
  SplitPath split;
  if (path.empty() || path[0] != '/') return split;
  path.remove_prefix(1);
  // The verb: after the last ':' of the last segment.
  const size_t last_slash = path.rfind('/');
  const size_t colon = path.rfind(':');
  if (colon != absl::string_view::npos &&
      (last_slash == absl::string_view::npos || colon > last_slash)) {
    split.has_verb = true;
    split.verb = path.substr(colon + 1);
    path = path.substr(0, colon);
  }
  split.segments = absl::StrSplit(path, '/');
  split.valid = true;
  return split;
}

std::optional<std::vector<Binding>> PathTemplate::Match(
    absl::string_view path) const {
  return Match(SplitPath::Of(path));
}

std::optional<std::vector<Binding>> PathTemplate::Match(
    const SplitPath& path) const {
  if (!path.valid || path.has_verb != !verb_.empty() ||
      (path.has_verb && path.verb != verb_)) {
    return std::nullopt;
  }
  const std::vector<absl::string_view>& parts = path.segments;
  const bool rest = EndsInMultiWildcard();
  if (rest ? parts.size() + 1 < segments_.size()
           : parts.size() != segments_.size()) {
    return std::nullopt;
  }
  // Which path parts each template segment took: [begin, end).
  std::vector<std::pair<size_t, size_t>> taken(segments_.size());
  size_t at = 0;
  for (size_t i = 0; i < segments_.size(); ++i) {
    const Segment& segment = segments_[i];
    if (segment.kind == Segment::Kind::kRest) {
      taken[i] = {at, parts.size()};
      at = parts.size();
      continue;
    }
    if (at >= parts.size() || parts[at].empty()) return std::nullopt;
    if (segment.kind == Segment::Kind::kLiteral &&
        parts[at] != segment.literal) {
      return std::nullopt;
    }
    taken[i] = {at, at + 1};
    ++at;
  }
  if (at != parts.size()) return std::nullopt;
  std::vector<Binding> bindings;
  bindings.reserve(variables_.size());
  for (const Variable& variable : variables_) {
    const size_t begin = taken[variable.first].first;
    const size_t end = taken[variable.end - 1].second;
    std::string value;
    for (size_t p = begin; p < end; ++p) {
      std::optional<std::string> segment = PercentDecode(parts[p]);
      if (!segment.has_value()) return std::nullopt;
      if (p > begin) value.push_back('/');
      value += *segment;
    }
    bindings.push_back({variable.field_path, std::move(value)});
  }
  return bindings;
}

std::vector<std::string> PathTemplate::FieldPaths() const {
  std::vector<std::string> out;
  for (const Variable& v : variables_) out.push_back(v.field_path);
  return out;
}

int PathTemplate::LiteralCount() const {
  int count = 0;
  for (const Segment& s : segments_) {
    if (s.kind == Segment::Kind::kLiteral) ++count;
  }
  return count;
}

bool PathTemplate::EndsInMultiWildcard() const {
  return !segments_.empty() &&
         segments_.back().kind == Segment::Kind::kRest;
}

}  // namespace fhub::gateway
