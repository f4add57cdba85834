#pragma once

// The fixture of the pricing commands' unit tests: flags set as a user
// would, restored after each test.

#include <cstdlib>
#include <fstream>
#include <string>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/flags/reflection.h"
#include "absl/strings/str_cat.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tools/fhub/command.h"
#include "tools/fhub/pricing_input.h"
#include "tools/fhub/pricing_requests.h"

ABSL_DECLARE_FLAG(std::string, authority);
ABSL_DECLARE_FLAG(std::string, provider);
ABSL_DECLARE_FLAG(std::string, framework);
ABSL_DECLARE_FLAG(std::string, lot);
ABSL_DECLARE_FLAG(std::string, setting);
ABSL_DECLARE_FLAG(std::string, from);
ABSL_DECLARE_FLAG(std::string, to);
ABSL_DECLARE_FLAG(std::string, date);
ABSL_DECLARE_FLAG(std::string, file);
ABSL_DECLARE_FLAG(std::string, accommodation_weekly_pence);
ABSL_DECLARE_FLAG(std::string, support_hourly_pence);
ABSL_DECLARE_FLAG(std::string, waking_night_hourly_pence);
ABSL_DECLARE_FLAG(std::string, sleep_in_nightly_pence);
ABSL_DECLARE_FLAG(std::string, extras);
ABSL_DECLARE_FLAG(std::string, price_books);
ABSL_DECLARE_FLAG(std::string, basis_points);
ABSL_DECLARE_FLAG(std::string, rounding);
ABSL_DECLARE_FLAG(std::string, spot_prices);
ABSL_DECLARE_FLAG(std::string, support_minutes);
ABSL_DECLARE_FLAG(std::string, waking_night_minutes);
ABSL_DECLARE_FLAG(std::string, sleep_in_nights);
ABSL_DECLARE_FLAG(std::string, request_id);
ABSL_DECLARE_FLAG(std::string, pricing_addr);
ABSL_DECLARE_FLAG(std::string, token);

namespace fhub::cli {

class PricingCommandsTest : public ::testing::Test {
 protected:
  // A file under the test's temporary directory, set as --file.
  void SetFile(const std::string& name, const std::string& contents) {
    std::string path = ::testing::TempDir() + name;
    std::ofstream(path) << contents;
    absl::SetFlag(&FLAGS_file, path);
  }

  static void SetRates(const std::string& accommodation,
                       const std::string& support,
                       const std::string& waking_night,
                       const std::string& sleep_in) {
    absl::SetFlag(&FLAGS_accommodation_weekly_pence, accommodation);
    absl::SetFlag(&FLAGS_support_hourly_pence, support);
    absl::SetFlag(&FLAGS_waking_night_hourly_pence, waking_night);
    absl::SetFlag(&FLAGS_sleep_in_nightly_pence, sleep_in);
  }

  static void SetScope() {
    absl::SetFlag(&FLAGS_authority, "authorities/sefton");
    absl::SetFlag(&FLAGS_provider, "providers/acme-care");
    absl::SetFlag(&FLAGS_framework, "frameworks/nw-16plus");
    absl::SetFlag(&FLAGS_lot, "lot-1");
  }

  absl::FlagSaver flags_;
};

}  // namespace fhub::cli
