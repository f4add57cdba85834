#pragma once

// Metrics in Prometheus' text exposition format (version 0.0.4), for the
// services' and the gateway's /metrics: counters and histograms updated as
// work happens, and collectors that read a value (a pool's connections in
// use, a follower's lag) at each scrape. One registry per process
// (Default()); families are registered once and live as long as it.

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"

namespace fhub::metrics {

// A series' labels: name and value, in the order written.
using Labels = std::vector<std::pair<std::string, std::string>>;

// Builds one exposition. Samples of a family may be given in any order and
// from several places (two pools of one process); each family comes out as
// one group, its HELP and TYPE first, in the order families were begun.
class ExpositionWriter {
 public:
  // `type` is "counter", "gauge" or "histogram". Beginning a family again
  // adds to it.
  void BeginFamily(absl::string_view name, absl::string_view type,
                   absl::string_view help);
  // A sample of the family begun most recently as `family`; `name` is the
  // family's name or, for a histogram, it with _bucket, _sum or _count.
  void Sample(absl::string_view family, absl::string_view name,
              const Labels& labels, double value);
  std::string Finish() const;

 private:
  struct Family {
    std::string type;
    std::string help;
    std::string lines;
  };
  std::vector<std::string> order_;
  std::map<std::string, Family, std::less<>> families_;
};

// Formats a sample value as Prometheus reads it: integers without a
// fraction, +Inf, -Inf, NaN.
std::string FormatValue(double value);

// A label value or help text escaped for the exposition.
std::string EscapeLabelValue(absl::string_view value);
std::string EscapeHelp(absl::string_view help);

// True if `name` is a valid metric or label name.
bool ValidName(absl::string_view name);

// A counter family: one monotonic value per combination of label values.
class CounterFamily {
 public:
  CounterFamily(std::string name, std::string help,
                std::vector<std::string> label_names);
  // Adds `amount` (at least 0) to the series of `label_values`, given in
  // the order of the family's label names.
  void Add(const std::vector<std::string>& label_values, double amount = 1);
  double Value(const std::vector<std::string>& label_values) const;
  void Write(ExpositionWriter& out) const;

 private:
  const std::string name_;
  const std::string help_;
  const std::vector<std::string> label_names_;
  mutable absl::Mutex mu_;
  std::map<std::vector<std::string>, double> values_ ABSL_GUARDED_BY(mu_);
};

// A histogram family: per series, counts of observations at or below each
// bound (cumulative in the exposition, with +Inf), their sum and count.
class HistogramFamily {
 public:
  HistogramFamily(std::string name, std::string help,
                  std::vector<std::string> label_names,
                  std::vector<double> bounds);
  void Observe(const std::vector<std::string>& label_values, double value);
  // Observations of the series so far (0 for an unknown series).
  uint64_t Count(const std::vector<std::string>& label_values) const;
  void Write(ExpositionWriter& out) const;

 private:
  struct Series {
    std::vector<uint64_t> buckets;  // not cumulative; last is above all
    double sum = 0;
    uint64_t count = 0;
  };
  const std::string name_;
  const std::string help_;
  const std::vector<std::string> label_names_;
  const std::vector<double> bounds_;
  mutable absl::Mutex mu_;
  std::map<std::vector<std::string>, Series> series_ ABSL_GUARDED_BY(mu_);
};

// The bounds, in seconds, of an rpc's or request's latency histogram:
// from 1 ms to 10 s.
std::vector<double> LatencyBounds();

class Registry;

// Keeps a collector registered; unregisters it when destroyed, waiting for
// a scrape that is reading it.
class Collection {
 public:
  Collection() = default;
  Collection(Collection&& other) noexcept;
  Collection& operator=(Collection&& other) noexcept;
  ~Collection();

 private:
  friend class Registry;
  Collection(Registry* registry, uint64_t id) : registry_(registry), id_(id) {}
  Registry* registry_ = nullptr;
  uint64_t id_ = 0;
};

class Registry {
 public:
  Registry() = default;
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  // The family of that name, made on first use; later calls with the same
  // name return the same family (and must give the same labels).
  CounterFamily& Counter(const std::string& name, const std::string& help,
                         std::vector<std::string> label_names);
  HistogramFamily& Histogram(const std::string& name, const std::string& help,
                             std::vector<std::string> label_names,
                             std::vector<double> bounds);

  // `collect` writes families of its own at each scrape, until the returned
  // Collection is destroyed. It must not call into the registry.
  [[nodiscard]] Collection AddCollector(
      std::function<void(ExpositionWriter&)> collect);

  // Everything, as the text exposition.
  std::string Render() const;

 private:
  friend class Collection;
  void RemoveCollector(uint64_t id);

  mutable absl::Mutex mu_;
  std::vector<std::string> order_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, std::unique_ptr<CounterFamily>> counters_
      ABSL_GUARDED_BY(mu_);
  std::map<std::string, std::unique_ptr<HistogramFamily>> histograms_
      ABSL_GUARDED_BY(mu_);
  uint64_t next_collector_ ABSL_GUARDED_BY(mu_) = 1;
  std::map<uint64_t, std::function<void(ExpositionWriter&)>> collectors_
      ABSL_GUARDED_BY(mu_);
};

// The process's registry, which /metrics serves.
Registry& Default();

}  // namespace fhub::metrics
