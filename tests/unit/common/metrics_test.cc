// The metrics exposition: what Prometheus' text format 0.0.4 requires of
// it (one group per family, HELP and TYPE first, escaped label values,
// cumulative buckets ending in +Inf with _sum and _count), and collectors
// that come and go.

#include "common/metrics.h"

#include <cmath>
#include <limits>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace fhub::metrics {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(MetricsTest, CounterSeriesByLabelValues) {
  Registry registry;
  CounterFamily& calls =
      registry.Counter("calls_total", "Calls made.", {"method", "code"});
  calls.Add({"Get", "OK"});
  calls.Add({"Get", "OK"}, 2);
  calls.Add({"Put", "NotFound"});
  EXPECT_EQ(calls.Value({"Get", "OK"}), 3);
  EXPECT_EQ(registry.Render(),
            "# HELP calls_total Calls made.\n"
            "# TYPE calls_total counter\n"
            "calls_total{method=\"Get\",code=\"OK\"} 3\n"
            "calls_total{method=\"Put\",code=\"NotFound\"} 1\n");
}

TEST(MetricsTest, ACounterNeverGoesDown) {
  Registry registry;
  CounterFamily& c = registry.Counter("c_total", "", {});
  c.Add({}, 5);
  c.Add({}, -3);
  c.Add({}, std::nan(""));
  EXPECT_EQ(c.Value({}), 5);
}

TEST(MetricsTest, TheSameNameIsTheSameFamily) {
  Registry registry;
  CounterFamily& a = registry.Counter("x_total", "X.", {"k"});
  CounterFamily& b = registry.Counter("x_total", "X.", {"k"});
  EXPECT_EQ(&a, &b);
}

TEST(MetricsTest, HistogramBucketsAreCumulativeWithInfSumAndCount) {
  Registry registry;
  HistogramFamily& h =
      registry.Histogram("latency_seconds", "Latency.", {"m"}, {0.1, 1});
  h.Observe({"A"}, 0.05);
  h.Observe({"A"}, 0.1);  // a bound is "at or below"
  h.Observe({"A"}, 0.5);
  h.Observe({"A"}, 7);
  EXPECT_EQ(h.Count({"A"}), 4u);
  EXPECT_EQ(registry.Render(),
            "# HELP latency_seconds Latency.\n"
            "# TYPE latency_seconds histogram\n"
            "latency_seconds_bucket{m=\"A\",le=\"0.1\"} 2\n"
            "latency_seconds_bucket{m=\"A\",le=\"1\"} 3\n"
            "latency_seconds_bucket{m=\"A\",le=\"+Inf\"} 4\n"
            "latency_seconds_sum{m=\"A\"} 7.65\n"
            "latency_seconds_count{m=\"A\"} 4\n");
}

TEST(MetricsTest, LabelValuesAndHelpAreEscaped) {
  Registry registry;
  registry.Counter("e_total", "a \\ and\na line", {"v"})
      .Add({"quote \" back \\ new\nline"});
  EXPECT_EQ(registry.Render(),
            "# HELP e_total a \\\\ and\\na line\n"
            "# TYPE e_total counter\n"
            "e_total{v=\"quote \\\" back \\\\ new\\nline\"} 1\n");
}

TEST(MetricsTest, ValuesAsPrometheusReadsThem) {
  EXPECT_EQ(FormatValue(0), "0");
  EXPECT_EQ(FormatValue(42), "42");
  EXPECT_EQ(FormatValue(-3), "-3");
  EXPECT_EQ(FormatValue(0.25), "0.25");
  EXPECT_EQ(FormatValue(std::numeric_limits<double>::infinity()), "+Inf");
  EXPECT_EQ(FormatValue(-std::numeric_limits<double>::infinity()), "-Inf");
  EXPECT_EQ(FormatValue(std::nan("")), "NaN");
}

TEST(MetricsTest, Names) {
  EXPECT_TRUE(ValidName("grpc_server_handled_total"));
  EXPECT_TRUE(ValidName("a:b_c9"));
  EXPECT_FALSE(ValidName(""));
  EXPECT_FALSE(ValidName("9lives"));
  EXPECT_FALSE(ValidName("has-dash"));
}

TEST(MetricsTest, MissingOrExtraLabelValuesDoNotCrash) {
  Registry registry;
  CounterFamily& c = registry.Counter("l_total", "", {"a", "b"});
  c.Add({"only a"});
  c.Add({"1", "2", "3"});
  const std::string text = registry.Render();
  EXPECT_THAT(text, HasSubstr("l_total{a=\"only a\",b=\"\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("l_total{a=\"1\",b=\"2\"} 1\n"));
}

// Two collectors writing the same family (two pools in one process): one
// group, one HELP and TYPE, both samples.
TEST(MetricsTest, CollectorsOfOneFamilyMakeOneGroup) {
  Registry registry;
  auto collector = [](std::string pool, double value) {
    return [pool, value](ExpositionWriter& out) {
      out.BeginFamily("pool_in_use", "gauge", "In use.");
      out.BeginFamily("pool_size", "gauge", "Size.");
      out.Sample("pool_in_use", "pool_in_use", {{"pool", pool}}, value);
      out.Sample("pool_size", "pool_size", {{"pool", pool}}, 6);
    };
  };
  Collection a = registry.AddCollector(collector("frameworks", 1));
  Collection b = registry.AddCollector(collector("registry", 2));
  EXPECT_EQ(registry.Render(),
            "# HELP pool_in_use In use.\n"
            "# TYPE pool_in_use gauge\n"
            "pool_in_use{pool=\"frameworks\"} 1\n"
            "pool_in_use{pool=\"registry\"} 2\n"
            "# HELP pool_size Size.\n"
            "# TYPE pool_size gauge\n"
            "pool_size{pool=\"frameworks\"} 6\n"
            "pool_size{pool=\"registry\"} 6\n");
}

TEST(MetricsTest, ACollectorStopsWhenItsCollectionGoes) {
  Registry registry;
  {
    Collection gone = registry.AddCollector([](ExpositionWriter& out) {
      out.BeginFamily("gone", "gauge", "");
      out.Sample("gone", "gone", {}, 1);
    });
    EXPECT_THAT(registry.Render(), HasSubstr("gone 1"));
    Collection moved = std::move(gone);
    EXPECT_THAT(registry.Render(), HasSubstr("gone 1"));
  }
  EXPECT_THAT(registry.Render(), Not(HasSubstr("gone")));
}

// Updates from many threads while scraping: every increment counted.
TEST(MetricsTest, ConcurrentUpdatesAreAllCounted) {
  Registry registry;
  CounterFamily& c = registry.Counter("n_total", "", {"t"});
  HistogramFamily& h = registry.Histogram("h_seconds", "", {}, LatencyBounds());
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10000; ++i) {
        c.Add({t % 2 == 0 ? "even" : "odd"});
        h.Observe({}, 0.003);
      }
    });
  }
  for (int i = 0; i < 20; ++i) registry.Render();
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(c.Value({"even"}) + c.Value({"odd"}), 40000);
  EXPECT_EQ(h.Count({}), 40000u);
  EXPECT_THAT(registry.Render(),
              HasSubstr("h_seconds_bucket{le=\"0.005\"} 40000"));
}

}  // namespace
}  // namespace fhub::metrics
