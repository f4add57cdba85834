// The registry_search_bench's data (registry_data.h): where settings are,
// what providers hold, and the SQL that loads them.

#include "bench/registry_data.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <pqxx/pqxx>
#include <random>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "fhub/frameworks/v1/frameworks.pb.h"
#include "tests/support/sample_frameworks.h"

namespace fhub::bench {
namespace {

namespace fv1 = ::fhub::frameworks::v1;

constexpr int kSettingsPerProvider = 10;
constexpr double kPi = 3.14159265358979323846;
constexpr const char* kLots[] = {"lot-1", "lot-2", "lot-3"};

// --- Geography -----------------------------------------------------------

struct Town {
  const char* name;
  const char* postcode;  // a real outward code, for the addresses
  double lat, lng;
  double weight;  // urban population, hundreds of thousands, roughly
};

constexpr Town kTowns[] = {
    {"London", "SE1", 51.5074, -0.1278, 95},
    {"Birmingham", "B1", 52.4862, -1.8904, 26},
    {"Manchester", "M1", 53.4808, -2.2426, 25},
    {"Leeds", "LS1", 53.8008, -1.5491, 12},
    {"Liverpool", "L1", 53.4084, -2.9916, 9},
    {"Newcastle upon Tyne", "NE1", 54.9783, -1.6178, 8},
    {"Sheffield", "S1", 53.3811, -1.4701, 7},
    {"Bristol", "BS1", 51.4545, -2.5879, 7},
    {"Nottingham", "NG1", 52.9548, -1.1581, 7},
    {"Leicester", "LE1", 52.6369, -1.1398, 5.5},
    {"Southampton", "SO14", 50.9097, -1.4044, 5},
    {"Portsmouth", "PO1", 50.8198, -1.0880, 4},
    {"Brighton", "BN1", 50.8225, -0.1372, 4.5},
    {"Plymouth", "PL1", 50.3755, -4.1427, 2.6},
    {"Stoke-on-Trent", "ST1", 53.0027, -2.1794, 3.7},
    {"Coventry", "CV1", 52.4068, -1.5197, 3.6},
    {"Bradford", "BD1", 53.7960, -1.7594, 5},
    {"Hull", "HU1", 53.7676, -0.3274, 3},
    {"Preston", "PR1", 53.7632, -2.7031, 3.3},
    {"Blackpool", "FY1", 53.8175, -3.0357, 2.4},
    {"Bolton", "BL1", 53.5769, -2.4282, 2.7},
    {"Sunderland", "SR1", 54.9069, -1.3838, 2.7},
    {"Middlesbrough", "TS1", 54.5742, -1.2350, 3.7},
    {"York", "YO1", 53.9600, -1.0873, 2},
    {"Derby", "DE1", 52.9225, -1.4746, 2.5},
    {"Northampton", "NN1", 52.2405, -0.9027, 2.2},
    {"Milton Keynes", "MK9", 52.0406, -0.7594, 2.3},
    {"Reading", "RG1", 51.4543, -0.9781, 3.2},
    {"Oxford", "OX1", 51.7520, -1.2577, 1.6},
    {"Cambridge", "CB1", 52.2053, 0.1218, 1.5},
    {"Norwich", "NR1", 52.6309, 1.2974, 2.1},
    {"Ipswich", "IP1", 52.0567, 1.1482, 1.4},
    {"Exeter", "EX1", 50.7184, -3.5339, 1.3},
    {"Bournemouth", "BH1", 50.7192, -1.8808, 4},
    {"Gloucester", "GL1", 51.8642, -2.2382, 1.3},
    {"Swindon", "SN1", 51.5558, -1.7797, 1.8},
    {"Peterborough", "PE1", 52.5695, -0.2405, 2},
    {"Luton", "LU1", 51.8787, -0.4200, 2.6},
    {"Southend-on-Sea", "SS1", 51.5459, 0.7077, 3},
    {"Lincoln", "LN1", 53.2307, -0.5406, 1.1},
    {"Carlisle", "CA1", 54.8925, -2.9329, 0.75},
    {"Warrington", "WA1", 53.3900, -2.5970, 2},
    {"Blackburn", "BB1", 53.7480, -2.4822, 1.5},
    {"Birkenhead", "CH41", 53.3934, -3.0148, 3.2},
    {"Southport", "PR8", 53.6475, -3.0053, 0.9},
};

// Standard deviation of the scatter around a town, km: bigger for cities.
double SpreadKm(const Town& town) {
  return std::min(25.0, 8 + 2 * std::sqrt(town.weight));
}

// A point scattered around `town` with `km` standard deviation.
std::pair<double, double> Scatter(const Town& town, double km,
                                  std::mt19937_64& rng) {
  std::normal_distribution<double> normal(0, km);
  const double lat = town.lat + normal(rng) / 111.2;
  const double lng =
      town.lng + normal(rng) / (111.2 * std::cos(town.lat * kPi / 180));
  return {std::round(lat * 1e6) / 1e6, std::round(lng * 1e6) / 1e6};
}

// --- Data ----------------------------------------------------------------

// Picks an index with probability proportional to `weights`.
class Weighted {
 public:
  explicit Weighted(std::vector<double> weights)
      : dist_(weights.begin(), weights.end()) {}
  int operator()(std::mt19937_64& rng) { return dist_(rng); }

 private:
  std::discrete_distribution<int> dist_;
};

Weighted& TownPicker() {
  static auto* picker = [] {
    std::vector<double> weights;
    for (const Town& town : kTowns) weights.push_back(town.weight);
    return new Weighted(weights);
  }();
  return *picker;
}

bool Chance(std::mt19937_64& rng, double p) {
  return std::uniform_real_distribution<double>(0, 1)(rng) < p;
}

int Uniform(std::mt19937_64& rng, int lo, int hi) {
  return std::uniform_int_distribution<int>(lo, hi)(rng);
}

// Rows gathered into one multi-row INSERT, sent by Flush.
class Inserter {
 public:
  Inserter(pqxx::work& tx, std::string head)
      : tx_(tx), head_(std::move(head)) {}

  // `values`: already-quoted SQL expressions.
  void Row(const std::vector<std::string>& values) {
    if (!rows_.empty()) rows_ += ",\n";
    absl::StrAppend(&rows_, "(", absl::StrJoin(values, ", "), ")");
    ++count_;
  }
  void Flush() {
    if (count_ == 0) return;
    tx_.exec(absl::StrCat(head_, " VALUES\n", rows_));
    rows_.clear();
    count_ = 0;
  }

 private:
  pqxx::work& tx_;
  std::string head_;
  std::string rows_;
  int count_ = 0;
};

std::string SqlDate(absl::CivilDay day) {
  return absl::StrCat("'", absl::FormatCivilTime(day), "'::date");
}

std::string SqlTime(absl::Time t) {
  return absl::StrCat(
      "'", absl::FormatTime("%Y-%m-%d %H:%M:%E6S+00", t, absl::UTCTimeZone()),
      "'::timestamptz");
}

}  // namespace

// --- Frameworks ----------------------------------------------------------

const std::vector<FrameworkSpec>& Frameworks() {
  static const auto* specs = new std::vector<FrameworkSpec>{
      {"nw-16plus",
       "North West 16+ Semi-Independent and Supported Accommodation",
       "tameside",
       {"tameside", "sefton", "wirral", "halton", "knowsley", "liverpool",
        "manchester", "salford", "bolton", "wigan", "blackpool", "lancashire"}},
      {"lcr-care",
       "Liverpool City Region Care Leavers Accommodation",
       "liverpool",
       {"liverpool", "sefton", "wirral", "knowsley", "halton", "st-helens"}},
      {"em-16plus",
       "East Midlands 16+ Supported Accommodation",
       "nottingham",
       {"nottingham", "derby", "leicester", "nottinghamshire", "derbyshire",
        "leicestershire", "lincolnshire", "northamptonshire"}},
  };
  return *specs;
}

fv1::CreateFrameworkRequest FrameworkRequest(const FrameworkSpec& spec,
                                             absl::CivilDay start) {
  fhub::testing::SampleFramework sample;
  sample.id = spec.id;
  sample.title = spec.title;
  sample.lead_authority_id = spec.lead;
  sample.start = start;
  sample.initial_end =
      absl::CivilDay(start.year() + 3, start.month(), start.day()) - 1;
  return fhub::testing::SampleFrameworkRequest(sample);
}

// --- Loading -------------------------------------------------------------

void LoadProviders(pqxx::connection& connection, uint64_t seed, int first,
                   int last, absl::CivilDay today, absl::Time now,
                   LoadCounts& counts) {
  pqxx::work tx(connection);
  tx.exec("SET LOCAL search_path TO registry, public");
  auto q = [&tx](const std::string& s) { return tx.quote(s); };
  {
    Inserter providers(tx,
                       "INSERT INTO providers (provider_id, legal_name, kind, "
                       "company_number, charity_number, contacts, address, "
                       "create_time, update_time)");
    Inserter settings(
        tx,
        "INSERT INTO settings (provider_id, setting_id, display_name, "
        "address, latitude, longitude, lot_keys, capacity, registration_type, "
        "ofsted_urn, judgement, judgement_date, service_radius_miles, "
        "create_time, update_time)");
    Inserter applications(
        tx,
        "INSERT INTO applications (application_id, provider_id, "
        "framework_id, lot_ids, status, answers, create_time, submit_time, "
        "decide_time, decided_by) OVERRIDING SYSTEM VALUE");
    Inserter accreditations(
        tx,
        "INSERT INTO accreditations (provider_id, framework_id, lot_id, "
        "status, quality_score, application_id, admit_time, remove_time, "
        "removal_reason)");
    Inserter suspensions(
        tx,
        "INSERT INTO suspensions (provider_id, framework_id, scope, "
        "authority_id, reason, status, suspend_time, suspended_by, "
        "reinstate_time, reinstated_by)");
    Inserter vacancies(tx,
                       "INSERT INTO vacancies (provider_id, setting_id, "
                       "places, available_from, create_time, withdraw_time)");

    // Parents before children, every 50 providers.
    auto flush = [&] {
      for (Inserter* inserter : {&providers, &settings, &applications,
                                 &accreditations, &suspensions, &vacancies}) {
        inserter->Flush();
      }
    };
    for (int n = first; n < last; ++n) {
      if ((n - first) % 50 == 0) flush();
      std::mt19937_64 rng(seed * 1000003 + n);
      const std::string pid = absl::StrFormat("provider-%05d", n + 1);
      const Town& home = kTowns[TownPicker()(rng)];
      const absl::Time created = now - absl::Hours(24 * Uniform(rng, 60, 900));

      // The provider.
      const int kind = Uniform(rng, 0, 9);  // 7 company, 2 charity, 1 sole
      const char* kind_name = kind < 7   ? "COMPANY"
                              : kind < 9 ? "CHARITY"
                                         : "SOLE_TRADER";
      const std::string company =
          kind < 7 ? absl::StrFormat("%08d", 1000000 + n) : "";
      const std::string charity =
          kind >= 7 && kind < 9 ? absl::StrFormat("%07d", 1100000 + n) : "";
      const std::string contacts = absl::StrCat(
          R"([{"full_name":"Placements Manager","email":"placements@)", pid,
          R"(.example.org.uk","job_title":"Placements Manager"}])");
      const std::string address = absl::StrCat(
          R"({"lines":[")", 1 + n % 200, R"( High Street"],"town":")",
          home.name, R"(","postcode":")", home.postcode, R"( 1AA"})");
      providers.Row({q(pid),
                     q(absl::StrCat("Provider ", n + 1, " Supported Living",
                                    kind < 7 ? " Ltd" : "")),
                     q(kind_name), q(company), q(charity),
                     q(contacts) + "::jsonb", q(address) + "::jsonb",
                     SqlTime(created), SqlTime(created)});
      ++counts.providers;

      // Frameworks and lots: each framework with probability 0.6 (at least
      // one), lots 1, 2 and 3 with 0.8, 0.5 and 0.4 (at least one).
      std::vector<int> frameworks;
      for (int f = 0; f < 3; ++f) {
        if (Chance(rng, 0.6)) frameworks.push_back(f);
      }
      if (frameworks.empty()) frameworks.push_back(Uniform(rng, 0, 2));
      std::vector<std::string> lot_keys_held;
      for (int f : frameworks) {
        const FrameworkSpec& spec = Frameworks()[f];
        std::vector<std::string> lots;
        const double p[] = {0.8, 0.5, 0.4};
        for (int l = 0; l < 3; ++l) {
          if (Chance(rng, p[l])) lots.push_back(kLots[l]);
        }
        if (lots.empty()) lots.push_back(kLots[Uniform(rng, 0, 2)]);
        const int64_t application_id = int64_t{n} * 4 + f + 1;
        const absl::Time submitted = created + absl::Hours(24 * 7);
        const absl::Time decided = submitted + absl::Hours(24 * 21);
        std::vector<std::string> quoted_lots;
        for (const std::string& lot : lots) quoted_lots.push_back(q(lot));
        applications.Row(
            {absl::StrCat(application_id), q(pid), q(spec.id),
             absl::StrCat("ARRAY[", absl::StrJoin(quoted_lots, ","),
                          "]::text[]"),
             q("ADMITTED"), q("[]") + "::jsonb", SqlTime(created),
             SqlTime(submitted), SqlTime(decided),
             q(absl::StrCat("lead-admin@", spec.lead, ".gov.uk"))});

        // Standing on the framework: 2% removed, 2% suspended framework-wide
        // (accreditations SUSPENDED), 5% suspended by one member, 5% with a
        // lifted suspension in their history.
        const bool removed = Chance(rng, 0.02);
        const bool wide = !removed && Chance(rng, 0.02);
        const bool by_member = !removed && Chance(rng, 0.05);
        const bool lifted = Chance(rng, 0.05);
        for (const std::string& lot : lots) {
          const double score =
              std::round(std::uniform_real_distribution<double>(55, 98)(rng) *
                         10) /
              10;
          const char* status = removed ? "REMOVED"
                               : wide  ? "SUSPENDED"
                                       : "ADMITTED";
          accreditations.Row(
              {q(pid), q(spec.id), q(lot), q(status), absl::StrCat(score),
               absl::StrCat(application_id), SqlTime(decided),
               removed ? SqlTime(decided + absl::Hours(24 * 100)) : "NULL",
               q(removed ? "Persistent failure to meet the service standard"
                         : "")});
          ++counts.accreditations;
          if (!removed && !wide) ++counts.admitted;
          lot_keys_held.push_back(absl::StrCat(spec.id, "/", lot));
        }
        const std::string lead_id = spec.lead;
        auto suspend = [&](const char* scope, const std::string& authority,
                           bool active) {
          const absl::Time at =
              decided + absl::Hours(24 * Uniform(rng, 30, 200));
          suspensions.Row(
              {q(pid), q(spec.id), q(scope), q(authority),
               q("Safeguarding concerns raised at a monitoring visit"),
               q(active ? "ACTIVE" : "LIFTED"), SqlTime(at),
               q(absl::StrCat("officer@", authority, ".gov.uk")),
               active ? "NULL" : SqlTime(at + absl::Hours(24 * 45)),
               q(active ? ""
                        : absl::StrCat("officer@", authority, ".gov.uk"))});
          if (active) ++counts.suspensions_active;
        };
        if (wide) suspend("FRAMEWORK_WIDE", lead_id, true);
        if (by_member) {
          suspend("MEMBER_ONLY",
                  spec.members[Uniform(rng, 0, spec.members.size() - 1)], true);
        }
        if (lifted) {
          suspend("MEMBER_ONLY",
                  spec.members[Uniform(rng, 0, spec.members.size() - 1)],
                  false);
        }
      }

      // Settings: 75% around the home town, the rest around another town.
      for (int s = 0; s < kSettingsPerProvider; ++s) {
        const std::string sid = absl::StrFormat("setting-%02d", s + 1);
        const Town& town = Chance(rng, 0.75) ? home : kTowns[TownPicker()(rng)];
        auto [lat, lng] = Scatter(town, SpreadKm(town), rng);
        std::vector<std::string> keys;
        for (const std::string& key : lot_keys_held) {
          if (Chance(rng, 0.7)) keys.push_back(key);
        }
        if (keys.empty()) {
          keys.push_back(
              lot_keys_held[Uniform(rng, 0, lot_keys_held.size() - 1)]);
        }
        bool accommodation = false, floating = false;
        for (const std::string& key : keys) {
          if (absl::EndsWith(key, "/lot-3")) {
            floating = true;
          } else {
            accommodation = true;
          }
        }
        std::string registration = "NONE";
        const int r = Uniform(rng, 0, 99);
        if (accommodation) {
          registration = r < 85   ? "SUPPORTED_ACCOMMODATION"
                         : r < 90 ? "CHILDRENS_HOME"
                                  : "NONE";
        } else if (r < 20) {
          registration = "SUPPORTED_ACCOMMODATION";
        }
        std::string urn, judgement = "NULL", judgement_date = "NULL";
        const int j = Uniform(rng, 0, 99);
        if (registration == "CHILDRENS_HOME") {
          urn = absl::StrFormat("SC%06d", 100000 + n * 10 + s);
          judgement = q(j < 20   ? "OUTSTANDING"
                        : j < 75 ? "GOOD"
                        : j < 95 ? "REQUIRES_IMPROVEMENT"
                                 : "INADEQUATE");
        } else if (registration == "SUPPORTED_ACCOMMODATION") {
          urn = absl::StrFormat("2%06d", n * 10 + s);
          if (j >= 25) {
            judgement = q(j < 55   ? "OUTCOME_1"
                          : j < 92 ? "OUTCOME_2"
                                   : "OUTCOME_3");
          }
        }
        if (judgement != "NULL") {
          judgement_date = SqlDate(today - Uniform(rng, 30, 1000));
        }
        const double radius =
            floating && Chance(rng, 0.5) ? Uniform(rng, 10, 40) : 0;
        const int capacity = Uniform(rng, 1, 8);
        const absl::Time setting_created =
            created + absl::Hours(24 * Uniform(rng, 0, 50));
        std::vector<std::string> quoted_keys;
        for (const std::string& key : keys) quoted_keys.push_back(q(key));
        settings.Row(
            {q(pid), q(sid), q(absl::StrCat(town.name, " House ", s + 1)),
             q(absl::StrCat(R"({"lines":[")", 1 + (n * 7 + s) % 300,
                            R"( Station Road"],"town":")", town.name,
                            R"(","postcode":")", town.postcode, " ", 1 + s % 9,
                            R"(AB"})")) +
                 "::jsonb",
             absl::StrFormat("%.6f", lat), absl::StrFormat("%.6f", lng),
             absl::StrCat("ARRAY[", absl::StrJoin(quoted_keys, ","),
                          "]::text[]"),
             absl::StrCat(capacity), q(registration), q(urn), judgement,
             judgement_date, absl::StrCat(radius), SqlTime(setting_created),
             SqlTime(setting_created)});
        ++counts.settings;

        // Vacancies: 40% of settings have an open one, available from 30
        // days ago to 60 days ahead (a tenth of those a second, later);
        // 20% have a withdrawn one in their history.
        if (Chance(rng, 0.4)) {
          const int places = Uniform(rng, 1, std::min(capacity, 3));
          const absl::CivilDay from = today + Uniform(rng, -30, 60);
          vacancies.Row({q(pid), q(sid), absl::StrCat(places), SqlDate(from),
                         SqlTime(now - absl::Hours(24 * 31)), "NULL"});
          ++counts.vacancies_open;
          if (capacity > places && Chance(rng, 0.1)) {
            vacancies.Row({q(pid), q(sid), "1",
                           SqlDate(from + Uniform(rng, 7, 40)),
                           SqlTime(now - absl::Hours(24 * 20)), "NULL"});
            ++counts.vacancies_open;
          }
        }
        if (Chance(rng, 0.2)) {
          vacancies.Row({q(pid), q(sid), "1",
                         SqlDate(today - Uniform(rng, 60, 300)),
                         SqlTime(now - absl::Hours(24 * 400)),
                         SqlTime(now - absl::Hours(24 * 50))});
        }
      }
    }
    flush();
  }
  tx.commit();
}

// --- Queries -------------------------------------------------------------

std::vector<SearchPoint> QueryPoints(uint64_t seed, int count) {
  std::mt19937_64 rng(seed ^ 0x9e3779b97f4a7c15ULL);
  std::vector<SearchPoint> points;
  for (int i = 0; i < count; ++i) {
    SearchPoint p;
    p.framework = Uniform(rng, 0, 2);
    const FrameworkSpec& spec = Frameworks()[p.framework];
    p.lot_id = kLots[Uniform(rng, 0, 2)];
    p.authority = spec.members[Uniform(rng, 0, spec.members.size() - 1)];
    const Town& town = kTowns[TownPicker()(rng)];
    std::tie(p.lat, p.lng) = Scatter(town, SpreadKm(town) / 2, rng);
    p.town = town.name;
    points.push_back(p);
  }
  return points;
}

}  // namespace fhub::bench
