// pricing_quote_bench's data (pricing_data.h): the books, their cards, and
// the Quote requests asked of them.

#include "bench/pricing_data.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/db/transaction.h"
#include "common/proto_values.h"
#include "common/status_macros.h"
#include "services/pricing/api/convert.h"
#include "services/pricing/domain/price_book.h"
#include "services/pricing/domain/rates.h"

namespace fhub::bench {
namespace {

using pricing::BookRecord;
using pricing::Extra;
using pricing::ExtraKind;
using pricing::PriceBook;
using pricing::PriceBookStatus;
using pricing::RateCard;

constexpr int kProviders = 1700;
constexpr int kSettingsPerProvider = 4;

struct FrameworkSpec {
  const char* id;
  std::vector<const char*> lots;
};

const std::vector<FrameworkSpec>& Frameworks() {
  static const auto* frameworks = new std::vector<FrameworkSpec>{
      {"gm-16plus", {"lot-1", "lot-2", "lot-3"}},
      {"gm-residential", {"lot-1", "lot-2"}},
  };
  return *frameworks;
}

struct AuthoritySpec {
  const char* id;
  std::vector<int> frameworks;  // indices in Frameworks()
};

const std::vector<AuthoritySpec>& Authorities() {
  static const auto* authorities = new std::vector<AuthoritySpec>{
      {"manchester", {0, 1}}, {"salford", {0}},  {"stockport", {0, 1}},
      {"trafford", {1}},      {"wigan", {0, 1}}, {"bolton", {0}},
  };
  return *authorities;
}

struct ExtraSpec {
  const char* name;
  ExtraKind kind;
  int64_t low_pence, high_pence;
};

constexpr ExtraSpec kExtras[] = {
    {"Bills allowance", ExtraKind::kWeekly, 1500, 4000},
    {"Education support", ExtraKind::kWeekly, 5000, 20000},
    {"Transport", ExtraKind::kWeekly, 1000, 6000},
    {"Therapeutic input", ExtraKind::kWeekly, 10000, 45000},
    {"Setting-up home grant", ExtraKind::kOneOff, 50000, 200000},
    {"Deposit", ExtraKind::kOneOff, 40000, 120000},
};

std::string ProviderId(int number) { return absl::StrFormat("p-%04d", number); }

std::string SettingId(int number) { return absl::StrCat("s-", number); }

class Random {
 public:
  explicit Random(uint64_t seed) : engine_(seed) {}
  int64_t Between(int64_t low, int64_t high) {  // inclusive
    return std::uniform_int_distribution<int64_t>(low, high)(engine_);
  }
  bool Chance(double p) {
    return std::uniform_real_distribution<double>(0, 1)(engine_) < p;
  }
  // A multiple of `step` between low and high.
  int64_t Step(int64_t low, int64_t high, int64_t step) {
    return Between(low / step, high / step) * step;
  }
  std::mt19937_64& engine() { return engine_; }

 private:
  std::mt19937_64 engine_;
};

// 1-3 cards a year or so apart from the book's start, prices rising, the
// same extras (with new amounts) on each.
std::vector<RateCard> PlanCards(Random& random, const PriceBook& book,
                                const std::vector<const ExtraSpec*>& extras,
                                absl::Time now) {
  const int count = 1 + random.Chance(0.45) + random.Chance(0.15);
  std::vector<RateCard> cards;
  RateCard card;
  card.version = 1;
  card.effective_from = book.start_date;
  card.accommodation_weekly_pence = random.Step(90'000, 260'000, 100);
  card.support_hourly_pence = random.Step(1'800, 3'200, 5);
  card.waking_night_hourly_pence = random.Step(1'400, 2'400, 5);
  card.sleep_in_nightly_pence = random.Step(4'500, 11'000, 50);
  for (int i = 0; i < count; ++i) {
    if (i > 0) {
      card.version = i + 1;
      card.effective_from += random.Between(200, 400);
      const int64_t percent = random.Between(102, 106);
      card.accommodation_weekly_pence =
          card.accommodation_weekly_pence * percent / 100;
      card.support_hourly_pence = card.support_hourly_pence * percent / 100;
      card.waking_night_hourly_pence =
          card.waking_night_hourly_pence * percent / 100;
      card.sleep_in_nightly_pence = card.sleep_in_nightly_pence * percent / 100;
    }
    card.extras.clear();
    for (const ExtraSpec* e : extras) {
      card.extras.push_back(
          {e->name, random.Step(e->low_pence, e->high_pence, 50), e->kind});
    }
    card.create_time = now;
    card.update_time = now;
    cards.push_back(card);
  }
  return cards;
}

// The kinds of book one scope has, by lot and setting.
std::vector<std::pair<std::string, std::string>> PlanScopeKinds(
    Random& random, const FrameworkSpec& framework) {
  std::vector<std::pair<std::string, std::string>> kinds;
  if (random.Chance(0.75)) kinds.push_back({"", ""});
  if (random.Chance(0.35)) {
    std::vector<const char*> lots = framework.lots;
    std::shuffle(lots.begin(), lots.end(), random.engine());
    kinds.push_back({lots[0], ""});
    if (random.Chance(0.1)) kinds.push_back({lots[1], ""});
  }
  if (random.Chance(0.15)) {
    const std::string lot =
        random.Chance(0.5)
            ? framework.lots[random.Between(0, framework.lots.size() - 1)]
            : "";
    kinds.push_back({lot, SettingId(static_cast<int>(
                              random.Between(1, kSettingsPerProvider)))});
  }
  if (kinds.empty()) kinds.push_back({"", ""});
  return kinds;
}

}  // namespace

PricingPlan PlanPriceBooks(uint64_t seed, int books, absl::CivilDay today,
                           absl::Time now) {
  Random random(seed);
  std::vector<std::pair<int, int>> pairs;  // (authority, provider)
  for (int a = 0; a < static_cast<int>(Authorities().size()); ++a) {
    for (int p = 1; p <= kProviders; ++p) pairs.push_back({a, p});
  }
  std::shuffle(pairs.begin(), pairs.end(), random.engine());
  PricingPlan plan;
  for (const auto& [a, p] : pairs) {
    if (plan.books >= books) break;
    const AuthoritySpec& authority = Authorities()[a];
    const int f =
        authority
            .frameworks[random.Between(0, authority.frameworks.size() - 1)];
    PricingScope scope;
    scope.authority_id = authority.id;
    scope.provider_id = ProviderId(p);
    scope.framework_id = Frameworks()[f].id;
    for (const auto& [lot, setting] : PlanScopeKinds(random, Frameworks()[f])) {
      if (plan.books >= books) break;
      BookRecord record;
      PriceBook& book = record.book;
      book.authority_id = scope.authority_id;
      book.provider_id = scope.provider_id;
      book.framework_id = scope.framework_id;
      book.lot_id = lot;
      book.setting_id = setting;
      book.start_date = today - random.Between(60, 1095);
      book.status = PriceBookStatus::kAccepted;
      book.accepted_by = absl::StrCat("officer-", p);
      book.create_time =
          absl::FromCivil(book.start_date - 21, absl::UTCTimeZone());
      book.accept_time = book.create_time + absl::Hours(random.Between(1, 240));
      std::vector<const ExtraSpec*> extras;
      for (const ExtraSpec& e : kExtras) {
        if (random.Chance(0.15)) extras.push_back(&e);
      }
      record.cards = PlanCards(random, book, extras, now);
      ++plan.books;
      if (!setting.empty()) {
        ++plan.setting_books;
      } else if (!lot.empty()) {
        ++plan.lot_books;
      } else {
        ++plan.general_books;
      }
      plan.cards += static_cast<int>(record.cards.size());
      if (!extras.empty()) plan.cards_with_extras += record.cards.size();
      scope.books.push_back(std::move(record));
    }
    plan.scopes.push_back(std::move(scope));
  }
  return plan;
}

absl::Status SeedPriceBooks(db::Pool& pool, pricing::PricingStore& store,
                            PricingPlan& plan, int batch) {
  std::vector<BookRecord*> records;
  for (PricingScope& scope : plan.scopes) {
    for (BookRecord& record : scope.books) records.push_back(&record);
  }
  db::TxOptions options;
  options.name = "seed price books";
  for (size_t first = 0; first < records.size(); first += batch) {
    const size_t last = std::min(records.size(), first + batch);
    FHUB_RETURN_IF_ERROR(
        db::Transact(pool, options, [&](db::Tx& tx) -> absl::Status {
          for (size_t i = first; i < last; ++i) {
            BookRecord& record = *records[i];
            FHUB_RETURN_IF_ERROR(store.InsertBook(tx, record.book));
            for (RateCard& card : record.cards) {
              card.book_id = record.book.id;
              FHUB_RETURN_IF_ERROR(store.InsertCard(tx, card));
            }
          }
          return absl::OkStatus();
        }));
  }
  return absl::OkStatus();
}

std::vector<QuoteCase> QuoteCases(const PricingPlan& plan, uint64_t seed,
                                  int count, absl::CivilDay today) {
  Random random(seed);
  std::vector<QuoteCase> cases;
  cases.reserve(count);
  int attempts = 0;
  while (static_cast<int>(cases.size()) < count && ++attempts < 100 * count) {
    const PricingScope& scope =
        plan.scopes[random.Between(0, plan.scopes.size() - 1)];
    const FrameworkSpec* framework = nullptr;
    for (const FrameworkSpec& f : Frameworks()) {
      if (scope.framework_id == f.id) framework = &f;
    }
    const std::string lot =
        framework->lots[random.Between(0, framework->lots.size() - 1)];
    std::string setting;
    for (const BookRecord& r : scope.books) {
      if (!r.book.setting_id.empty() && random.Chance(0.5)) {
        setting = r.book.setting_id;
      }
    }
    if (setting.empty() && random.Chance(0.3)) {
      setting =
          SettingId(static_cast<int>(random.Between(1, kSettingsPerProvider)));
    }
    const absl::CivilDay day = today + random.Between(-730, 365);

    std::vector<PriceBook> books;
    for (const BookRecord& r : scope.books) books.push_back(r.book);
    const std::optional<PriceBook> chosen =
        pricing::SelectBook(books, scope.authority_id, scope.provider_id,
                            scope.framework_id, lot, setting, day);
    if (!chosen) continue;
    const BookRecord* record = nullptr;
    for (const BookRecord& r : scope.books) {
      if (r.book.id == chosen->id) record = &r;
    }
    const std::optional<RateCard> card = pricing::CardOn(record->cards, day);
    if (!card) continue;

    QuoteCase c;
    pricing::v1::PriceScope* s = c.request.mutable_scope();
    s->set_authority(absl::StrCat("authorities/", scope.authority_id));
    s->set_provider(absl::StrCat("providers/", scope.provider_id));
    s->set_framework(absl::StrCat("frameworks/", scope.framework_id));
    s->set_lot_id(lot);
    if (!setting.empty()) {
      s->set_setting(
          absl::StrCat("providers/", scope.provider_id, "/settings/", setting));
    }
    ::fhub::ToProto(day, c.request.mutable_date());
    pricing::v1::Package* package = c.request.mutable_package();
    package->set_support_minutes_per_week(
        random.Chance(0.8) ? random.Step(60, 1800, 15) : 0);
    package->set_waking_night_minutes_per_week(
        random.Chance(0.3) ? 540 * random.Between(1, 7) : 0);
    package->set_sleep_in_nights_per_week(
        random.Chance(0.5) ? static_cast<int>(random.Between(1, 7)) : 0);
    for (const Extra& extra : card->extras) {
      if (random.Chance(0.5)) package->add_extras(extra.name);
    }
    c.price_book = pricing::BookName(record->book.id);
    c.rate_card = pricing::CardName(record->book.id, card->version);
    cases.push_back(std::move(c));
  }
  return cases;
}

}  // namespace fhub::bench
