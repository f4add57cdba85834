#pragma once

// The data of registry_search_bench (registry_search.cc): three frameworks
// with their members, providers with settings scattered around English towns
// and loaded into the registry's tables with SQL, and the points searched
// from. Data and query points depend only on the seed, so that runs, and the
// two stages of one run, are comparable.

#include <cstdint>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "fhub/frameworks/v1/frameworks.pb.h"

namespace fhub::bench {

// --- Frameworks ----------------------------------------------------------

struct FrameworkSpec {
  const char* id;
  const char* title;
  const char* lead;
  std::vector<const char*> members;  // the lead included
};

// The benchmark's three frameworks.
const std::vector<FrameworkSpec>& Frameworks();

// The request creating `spec`'s framework, running three years from `start`.
::fhub::frameworks::v1::CreateFrameworkRequest FrameworkRequest(
    const FrameworkSpec& spec, absl::CivilDay start);

// --- Loading -------------------------------------------------------------

// What LoadProviders has loaded, added up over its calls.
struct LoadCounts {
  int providers = 0, settings = 0, accreditations = 0, admitted = 0,
      suspensions_active = 0, vacancies_open = 0;
};

// Loads providers [first, last) with everything they hold. Each provider's
// rows depend only on the seed and its number, so the two stages together
// hold what one load of all of them would.
void LoadProviders(pqxx::connection& connection, uint64_t seed, int first,
                   int last, absl::CivilDay today, absl::Time now,
                   LoadCounts& counts);

// --- Queries -------------------------------------------------------------

// Where a search asks from: a framework, one of its lots, one of its members
// and a point near a town.
struct SearchPoint {
  int framework;  // index in Frameworks()
  std::string lot_id;
  std::string authority;
  double lat, lng;
  std::string town;
};

// `count` search points, picked by town weight, depending only on `seed`.
std::vector<SearchPoint> QueryPoints(uint64_t seed, int count);

}  // namespace fhub::bench
