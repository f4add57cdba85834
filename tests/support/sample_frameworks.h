#pragma once

// Frameworks shaped like the North West 16+ framework (three lots: semi-
// independent living, floating support with accommodation, floating
// support), for tests and benchmarks that need one through the API.

#include <string>

#include "absl/time/civil_time.h"
#include "fhub/frameworks/v1/frameworks.pb.h"

namespace fhub::testing {

struct SampleFramework {
  std::string id = "nw-16plus";
  std::string title =
      "North West 16+ Semi-Independent and Supported Accommodation";
  std::string lead_authority_id = "tameside";
  absl::CivilDay start{2025, 4, 1};
  absl::CivilDay initial_end{2027, 3, 31};
};

// A CreateFramework request for `sample`: its three lots (lots 1 and 2 need
// Ofsted registration), a 2+1+1 term, admission windows of 28 days every 4
// months from the start, ages 16 to 25, a 75% quorum with a 50% pass
// threshold, costs shared pro rata to placements. request_id "create-{id}".
frameworks::v1::CreateFrameworkRequest SampleFrameworkRequest(
    const SampleFramework& sample);

}  // namespace fhub::testing
