#include "common/metrics.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/log.h"

namespace fhub::metrics {
namespace {

Labels Named(const std::vector<std::string>& names,
             const std::vector<std::string>& values) {
  Labels labels;
  labels.reserve(names.size());
  for (size_t i = 0; i < names.size() && i < values.size(); ++i) {
    labels.emplace_back(names[i], values[i]);
  }
  return labels;
}

// Label values beyond the names are dropped and missing ones are empty, so
// a caller's slip shows in the output instead of crashing the service.
std::vector<std::string> Fitted(const std::vector<std::string>& values,
                                size_t size) {
  std::vector<std::string> fitted(values.begin(),
                                  values.begin() + std::min(size, values.size()));
  fitted.resize(size);
  return fitted;
}

}  // namespace

bool ValidName(absl::string_view name) {
  if (name.empty()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool ok = absl::ascii_isalpha(c) || c == '_' || c == ':' ||
                    (i > 0 && absl::ascii_isdigit(c));
    if (!ok) return false;
  }
  return true;
}

std::string EscapeLabelValue(absl::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '"': out += "\\\""; break;
      case '\n': out += "\\n"; break;
      default: out += c;
    }
  }
  return out;
}

std::string EscapeHelp(absl::string_view help) {
  std::string out;
  out.reserve(help.size());
  for (char c : help) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      default: out += c;
    }
  }
  return out;
}

std::string FormatValue(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    return absl::StrCat(static_cast<int64_t>(value));
  }
  // The shortest form that reads back as the same double: 0.1, not
  // 0.10000000000000001.
  char buffer[32];
  for (int precision = 15; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof buffer, "%.*g", precision, value);
    if (std::strtod(buffer, nullptr) == value) break;
  }
  return buffer;
}

void ExpositionWriter::BeginFamily(absl::string_view name,
                                   absl::string_view type,
                                   absl::string_view help) {
  auto it = families_.find(name);
  if (it != families_.end()) return;
  order_.emplace_back(name);
  families_.emplace(std::string(name),
                    Family{std::string(type), std::string(help), ""});
}

void ExpositionWriter::Sample(absl::string_view family, absl::string_view name,
                              const Labels& labels, double value) {
  auto it = families_.find(family);
  if (it == families_.end()) {
    BeginFamily(family, "untyped", "");
    it = families_.find(family);
  }
  std::string& lines = it->second.lines;
  absl::StrAppend(&lines, name);
  if (!labels.empty()) {
    lines += '{';
    for (size_t i = 0; i < labels.size(); ++i) {
      if (i > 0) lines += ',';
      absl::StrAppend(&lines, labels[i].first, "=\"",
                      EscapeLabelValue(labels[i].second), "\"");
    }
    lines += '}';
  }
  absl::StrAppend(&lines, " ", FormatValue(value), "\n");
}

std::string ExpositionWriter::Finish() const {
  std::string out;
  for (const std::string& name : order_) {
    const Family& family = families_.find(name)->second;
    if (!family.help.empty()) {
      absl::StrAppend(&out, "# HELP ", name, " ", EscapeHelp(family.help), "\n");
    }
    absl::StrAppend(&out, "# TYPE ", name, " ", family.type, "\n",
                    family.lines);
  }
  return out;
}

CounterFamily::CounterFamily(std::string name, std::string help,
                             std::vector<std::string> label_names)
    : name_(std::move(name)),
      help_(std::move(help)),
      label_names_(std::move(label_names)) {}

void CounterFamily::Add(const std::vector<std::string>& label_values,
                        double amount) {
  if (!(amount >= 0)) return;  // A counter only grows (and NaN is no amount).
  absl::MutexLock lock(&mu_);
  values_[Fitted(label_values, label_names_.size())] += amount;
}

double CounterFamily::Value(
    const std::vector<std::string>& label_values) const {
  absl::MutexLock lock(&mu_);
  auto it = values_.find(Fitted(label_values, label_names_.size()));
  return it == values_.end() ? 0 : it->second;
}

void CounterFamily::Write(ExpositionWriter& out) const {
  out.BeginFamily(name_, "counter", help_);
  absl::MutexLock lock(&mu_);
  for (const auto& [values, value] : values_) {
    out.Sample(name_, name_, Named(label_names_, values), value);
  }
}

HistogramFamily::HistogramFamily(std::string name, std::string help,
                                 std::vector<std::string> label_names,
                                 std::vector<double> bounds)
    : name_(std::move(name)),
      help_(std::move(help)),
      label_names_(std::move(label_names)),
      bounds_(std::move(bounds)) {}

void HistogramFamily::Observe(const std::vector<std::string>& label_values,
                              double value) {
  if (std::isnan(value)) return;
  size_t bucket = 0;
  while (bucket < bounds_.size() && value > bounds_[bucket]) ++bucket;
  absl::MutexLock lock(&mu_);
  Series& series = series_[Fitted(label_values, label_names_.size())];
  if (series.buckets.empty()) series.buckets.assign(bounds_.size() + 1, 0);
  ++series.buckets[bucket];
  series.sum += value;
  ++series.count;
}

uint64_t HistogramFamily::Count(
    const std::vector<std::string>& label_values) const {
  absl::MutexLock lock(&mu_);
  auto it = series_.find(Fitted(label_values, label_names_.size()));
  return it == series_.end() ? 0 : it->second.count;
}

void HistogramFamily::Write(ExpositionWriter& out) const {
  out.BeginFamily(name_, "histogram", help_);
  const std::string bucket_name = absl::StrCat(name_, "_bucket");
  const std::string sum_name = absl::StrCat(name_, "_sum");
  const std::string count_name = absl::StrCat(name_, "_count");
  absl::MutexLock lock(&mu_);
  for (const auto& [values, series] : series_) {
    Labels labels = Named(label_names_, values);
    uint64_t cumulative = 0;
    for (size_t i = 0; i <= bounds_.size(); ++i) {
      cumulative += series.buckets[i];
      Labels with_le = labels;
      with_le.emplace_back("le", i < bounds_.size() ? FormatValue(bounds_[i])
                                                    : "+Inf");
      out.Sample(name_, bucket_name, with_le, static_cast<double>(cumulative));
    }
    out.Sample(name_, sum_name, labels, series.sum);
    out.Sample(name_, count_name, labels, static_cast<double>(series.count));
  }
}

std::vector<double> LatencyBounds() {
  return {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
          0.1,   0.25,   0.5,   1,    2.5,   5,    10};
}

Collection::Collection(Collection&& other) noexcept
    : registry_(other.registry_), id_(other.id_) {
  other.registry_ = nullptr;
}

Collection& Collection::operator=(Collection&& other) noexcept {
  if (this != &other) {
    if (registry_ != nullptr) registry_->RemoveCollector(id_);
    registry_ = other.registry_;
    id_ = other.id_;
    other.registry_ = nullptr;
  }
  return *this;
}

Collection::~Collection() {
  if (registry_ != nullptr) registry_->RemoveCollector(id_);
}

CounterFamily& Registry::Counter(const std::string& name,
                                 const std::string& help,
                                 std::vector<std::string> label_names) {
  absl::MutexLock lock(&mu_);
  auto& family = counters_[name];
  if (family == nullptr) {
    if (!ValidName(name)) log::Warning("metrics.bad_name", {{"name", name}});
    family = std::make_unique<CounterFamily>(name, help, std::move(label_names));
    order_.push_back(name);
  }
  return *family;
}

HistogramFamily& Registry::Histogram(const std::string& name,
                                     const std::string& help,
                                     std::vector<std::string> label_names,
                                     std::vector<double> bounds) {
  absl::MutexLock lock(&mu_);
  auto& family = histograms_[name];
  if (family == nullptr) {
    if (!ValidName(name)) log::Warning("metrics.bad_name", {{"name", name}});
    family = std::make_unique<HistogramFamily>(
        name, help, std::move(label_names), std::move(bounds));
    order_.push_back(name);
  }
  return *family;
}

Collection Registry::AddCollector(
    std::function<void(ExpositionWriter&)> collect) {
  absl::MutexLock lock(&mu_);
  const uint64_t id = next_collector_++;
  collectors_.emplace(id, std::move(collect));
  return Collection(this, id);
}

void Registry::RemoveCollector(uint64_t id) {
  absl::MutexLock lock(&mu_);
  collectors_.erase(id);
}

std::string Registry::Render() const {
  ExpositionWriter out;
  absl::MutexLock lock(&mu_);
  for (const std::string& name : order_) {
    if (auto c = counters_.find(name); c != counters_.end()) {
      c->second->Write(out);
    } else if (auto h = histograms_.find(name); h != histograms_.end()) {
      h->second->Write(out);
    }
  }
  for (const auto& [id, collect] : collectors_) collect(out);
  return out.Finish();
}

Registry& Default() {
  static Registry* registry = new Registry();
  return *registry;
}

}  // namespace fhub::metrics
