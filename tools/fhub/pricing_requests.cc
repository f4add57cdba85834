// The requests of the pricing commands (pricing_commands.cc), built from
// their arguments and flags and checked here, so that bad input is a usage
// error naming the argument or flag before any call is made.
//
// The flags shared by several commands:
//   <rates>    --accommodation_weekly_pence --support_hourly_pence
//              --waking_night_hourly_pence --sleep_in_nightly_pence, all
//              required (0 is a rate), whole pence
//   <extras>   --extras "NAME=PENCE:WEEKLY|ONE_OFF,...", or --file holding a
//              list of {"name", "amountPence", "kind"} (or {"extras": [...]})
//              for names with commas
//   <scope>    --authority --provider --framework --lot, required, and
//              --setting, one of the provider's settings
//   <package>  --support_minutes --waking_night_minutes --sleep_in_nights,
//              each default 0, and --extras "NAME,..." naming the card's
//              extras included

#include "tools/fhub/pricing_requests.h"

#include <cstdint>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "tools/fhub/contract_commands.h"
#include "tools/fhub/frameworks_commands.h"
#include "tools/fhub/input.h"
#include "tools/fhub/pricing_input.h"
#include "tools/fhub/registry_input.h"
#include "tools/fhub/registry_requests.h"
#include "tools/fhub/session.h"

ABSL_FLAG(std::string, setting, "",
          "price-books create, quote, quote-range, check-offer: narrow to "
          "one of the provider's settings; offer: the setting offered; "
          "referrals place-in-block: the block's setting; "
          "providers/ID/settings/ID");
ABSL_FLAG(std::string, accommodation_weekly_pence, "",
          "price-books create, rate-cards add/correct, check-offer, offer: "
          "accommodation per week, whole pence");
ABSL_FLAG(std::string, support_hourly_pence, "",
          "price-books create, rate-cards add/correct, check-offer, offer, "
          "block-contracts create: support per hour, whole pence");
ABSL_FLAG(std::string, waking_night_hourly_pence, "",
          "price-books create, rate-cards add/correct, check-offer: waking "
          "night per hour, whole pence");
ABSL_FLAG(std::string, sleep_in_nightly_pence, "",
          "price-books create, rate-cards add/correct, check-offer: sleep-in "
          "per night, whole pence");
ABSL_FLAG(std::string, extras, "",
          "price-books create, rate-cards add/correct: the card's extras, "
          "\"NAME=PENCE:WEEKLY|ONE_OFF,...\"; quote, quote-range: the "
          "extras included, \"NAME,...\"");
ABSL_FLAG(std::string, price_books, "",
          "uplift: the books to uplift, priceBooks/N,...; default every "
          "book of the authority with a card in force");
ABSL_FLAG(std::string, basis_points, "",
          "uplift: the uplift in basis points, 250 for 2.5%, -100 for -1%");
ABSL_FLAG(std::string, rounding, "",
          "uplift: how new amounts are rounded, NEAREST_PENNY, DOWN or UP");
ABSL_FLAG(std::string, spot_prices, "",
          "pricing-policy set: allow or refuse offers from providers "
          "without a price book");
ABSL_FLAG(std::string, support_minutes, "",
          "quote, quote-range: support minutes per week, default 0; "
          "referrals create, offer, placements adjust-hours: support "
          "minutes per week, 0 to 10080, required");
ABSL_FLAG(std::string, waking_night_minutes, "",
          "quote, quote-range: waking-night minutes per week, default 0");
ABSL_FLAG(std::string, sleep_in_nights, "",
          "quote, quote-range: sleep-in nights per week, 0 to 7, default 0");

namespace fhub::cli {
namespace {

namespace v1 = ::fhub::pricing::v1;

constexpr int64_t kMinutesPerWeek = 7 * 24 * 60;
constexpr int64_t kNightsPerWeek = 7;

absl::StatusOr<common::v1::Date> RequiredDate(absl::string_view flag,
                                              const std::string& text) {
  FHUB_RETURN_IF_ERROR(CheckRequired(flag, text));
  return ParseDate(flag, text);
}

absl::StatusOr<std::string> AuthorityFlag() {
  return RequiredNameFlag("--authority", absl::GetFlag(FLAGS_authority),
                          kAuthorityName);
}

// --lot: a lot id, required or not.
absl::StatusOr<std::string> LotFlag(bool required) {
  std::string lot = absl::GetFlag(FLAGS_lot);
  if (required) {
    FHUB_RETURN_IF_ERROR(CheckRequired("--lot", lot));
  }
  if (!lot.empty()) {
    FHUB_RETURN_IF_ERROR(CheckLotId("--lot", lot));
  }
  return lot;
}

// --setting, optional: a setting of `provider`.
absl::StatusOr<std::string> SettingFlag(const std::string& provider) {
  FHUB_ASSIGN_OR_RETURN(
      std::string setting,
      OptionalNameFlag("--setting", absl::GetFlag(FLAGS_setting),
                       kSettingName));
  if (!setting.empty() &&
      !absl::StartsWith(setting, absl::StrCat(provider, "/settings/"))) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--setting '", setting, "' is not a setting of ", provider));
  }
  return setting;
}

// The four rates, each required: a RateCard or OfferedRates.
template <typename Rates>
absl::Status ReadRates(Rates* rates) {
  FHUB_ASSIGN_OR_RETURN(
      int64_t accommodation,
      ParsePence("--accommodation_weekly_pence",
                 absl::GetFlag(FLAGS_accommodation_weekly_pence)));
  FHUB_ASSIGN_OR_RETURN(int64_t support,
                        ParsePence("--support_hourly_pence",
                                   absl::GetFlag(FLAGS_support_hourly_pence)));
  FHUB_ASSIGN_OR_RETURN(
      int64_t waking_night,
      ParsePence("--waking_night_hourly_pence",
                 absl::GetFlag(FLAGS_waking_night_hourly_pence)));
  FHUB_ASSIGN_OR_RETURN(
      int64_t sleep_in,
      ParsePence("--sleep_in_nightly_pence",
                 absl::GetFlag(FLAGS_sleep_in_nightly_pence)));
  rates->set_accommodation_weekly_pence(accommodation);
  rates->set_support_hourly_pence(support);
  rates->set_waking_night_hourly_pence(waking_night);
  rates->set_sleep_in_nightly_pence(sleep_in);
  return absl::OkStatus();
}

// The extras of a card from --file: a list of extras, or a RateCard holding
// nothing else, so that no rate can come from two places.
absl::Status ReadExtrasFile(v1::RateCard* card) {
  v1::RateCard from_file;
  FHUB_RETURN_IF_ERROR(ReadListFileFlag("extras", &from_file));
  v1::RateCard rest = from_file;
  rest.clear_extras();
  if (rest.ByteSizeLong() != 0) {
    return absl::InvalidArgumentError(
        "--file may hold only the extras: a list of {\"name\", "
        "\"amountPence\", \"kind\"}; give the rates with their flags");
  }
  for (int i = 0; i < from_file.extras_size(); ++i) {
    const v1::Extra& extra = from_file.extras(i);
    if (extra.name().empty() || extra.kind() == v1::EXTRA_KIND_UNSPECIFIED) {
      return absl::InvalidArgumentError(
          absl::StrCat("--file: extra ", i + 1,
                       " needs a name and a kind, WEEKLY or ONE_OFF"));
    }
  }
  *card->mutable_extras() = from_file.extras();
  return absl::OkStatus();
}

// The extras of a card from --extras or --file, or none.
absl::Status ReadExtras(v1::RateCard* card) {
  std::string text = absl::GetFlag(FLAGS_extras);
  if (!absl::GetFlag(FLAGS_file).empty()) {
    if (!text.empty()) {
      return absl::InvalidArgumentError(
          "give the extras with --extras or --file, not both");
    }
    return ReadExtrasFile(card);
  }
  FHUB_ASSIGN_OR_RETURN(std::vector<v1::Extra> extras,
                        ParseExtras("--extras", text));
  card->mutable_extras()->Assign(extras.begin(), extras.end());
  return absl::OkStatus();
}

// The rates and extras of a card.
absl::Status ReadCard(v1::RateCard* card) {
  FHUB_RETURN_IF_ERROR(ReadRates(card));
  return ReadExtras(card);
}

absl::Status ReadScope(v1::PriceScope* scope) {
  FHUB_ASSIGN_OR_RETURN(*scope->mutable_authority(), AuthorityFlag());
  FHUB_ASSIGN_OR_RETURN(*scope->mutable_provider(), ProviderFlag(true));
  FHUB_ASSIGN_OR_RETURN(*scope->mutable_framework(), FrameworkFlag(true));
  FHUB_ASSIGN_OR_RETURN(*scope->mutable_lot_id(), LotFlag(true));
  FHUB_ASSIGN_OR_RETURN(*scope->mutable_setting(),
                        SettingFlag(scope->provider()));
  return absl::OkStatus();
}

absl::Status ReadPackage(v1::Package* package) {
  FHUB_ASSIGN_OR_RETURN(
      int64_t support,
      ParseCount("--support_minutes", absl::GetFlag(FLAGS_support_minutes),
                 kMinutesPerWeek));
  FHUB_ASSIGN_OR_RETURN(
      int64_t waking_night,
      ParseCount("--waking_night_minutes",
                 absl::GetFlag(FLAGS_waking_night_minutes), kMinutesPerWeek));
  FHUB_ASSIGN_OR_RETURN(
      int64_t nights,
      ParseCount("--sleep_in_nights", absl::GetFlag(FLAGS_sleep_in_nights),
                 kNightsPerWeek));
  FHUB_ASSIGN_OR_RETURN(
      std::vector<std::string> extras,
      ParseExtraNames("--extras", absl::GetFlag(FLAGS_extras)));
  package->set_support_minutes_per_week(support);
  package->set_waking_night_minutes_per_week(waking_night);
  package->set_sleep_in_nights_per_week(static_cast<int32_t>(nights));
  package->mutable_extras()->Assign(extras.begin(), extras.end());
  return absl::OkStatus();
}

}  // namespace

// --- Price books and rate cards ----------------------------------------------

absl::StatusOr<v1::CreatePriceBookRequest> BuildCreatePriceBook(const Args&) {
  v1::CreatePriceBookRequest request;
  v1::PriceBook& book = *request.mutable_price_book();
  FHUB_ASSIGN_OR_RETURN(*book.mutable_authority(), AuthorityFlag());
  FHUB_ASSIGN_OR_RETURN(*book.mutable_provider(), ProviderFlag(true));
  FHUB_ASSIGN_OR_RETURN(*book.mutable_framework(), FrameworkFlag(true));
  FHUB_ASSIGN_OR_RETURN(*book.mutable_lot_id(), LotFlag(false));
  FHUB_ASSIGN_OR_RETURN(*book.mutable_setting(), SettingFlag(book.provider()));
  FHUB_ASSIGN_OR_RETURN(*book.mutable_start_date(),
                        RequiredDate("--from", absl::GetFlag(FLAGS_from)));
  // The first card's effective_from is left to default to the start date.
  FHUB_RETURN_IF_ERROR(ReadCard(request.mutable_first_card()));
  FHUB_ASSIGN_OR_RETURN(*request.mutable_request_id(), WriteRequestId());
  return request;
}

absl::StatusOr<v1::GetPriceBookRequest> BuildGetPriceBook(const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckArg(args, 0, kPriceBookName));
  v1::GetPriceBookRequest request;
  request.set_name(args[0]);
  return request;
}

absl::StatusOr<v1::ListPriceBooksRequest> BuildListPriceBooks(const Args&) {
  v1::ListPriceBooksRequest request;
  FHUB_ASSIGN_OR_RETURN(*request.mutable_framework(), FrameworkFlag(false));
  return request;
}

absl::StatusOr<v1::AcceptPriceBookRequest> BuildAcceptPriceBook(
    const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckArg(args, 0, kPriceBookName));
  v1::AcceptPriceBookRequest request;
  request.set_name(args[0]);
  FHUB_ASSIGN_OR_RETURN(*request.mutable_request_id(), WriteRequestId());
  return request;
}

absl::StatusOr<v1::AddRateCardRequest> BuildAddRateCard(const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckArg(args, 0, kPriceBookName));
  v1::AddRateCardRequest request;
  request.set_parent(args[0]);
  v1::RateCard& card = *request.mutable_rate_card();
  FHUB_ASSIGN_OR_RETURN(*card.mutable_effective_from(),
                        RequiredDate("--from", absl::GetFlag(FLAGS_from)));
  FHUB_RETURN_IF_ERROR(ReadCard(&card));
  FHUB_ASSIGN_OR_RETURN(*request.mutable_request_id(), WriteRequestId());
  return request;
}

absl::StatusOr<v1::CorrectRateCardRequest> BuildCorrectRateCard(
    const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckArg(args, 0, kRateCardName));
  if (!absl::GetFlag(FLAGS_from).empty()) {
    return absl::InvalidArgumentError(
        "--from: a correction never moves a card; to change the date, add "
        "a card with 'rate-cards add'");
  }
  v1::CorrectRateCardRequest request;
  v1::RateCard& card = *request.mutable_rate_card();
  card.set_name(args[0]);
  FHUB_RETURN_IF_ERROR(ReadCard(&card));
  FHUB_ASSIGN_OR_RETURN(*request.mutable_request_id(), WriteRequestId());
  return request;
}

absl::StatusOr<v1::ApplyUpliftRequest> BuildApplyUplift(const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckArg(args, 0, kAuthorityName));
  v1::ApplyUpliftRequest request;
  request.set_authority(args[0]);
  FHUB_ASSIGN_OR_RETURN(
      std::vector<std::string> books,
      ParsePriceBookNames("--price_books", absl::GetFlag(FLAGS_price_books)));
  request.mutable_price_books()->Assign(books.begin(), books.end());
  FHUB_ASSIGN_OR_RETURN(
      int32_t basis_points,
      ParseBasisPoints("--basis_points", absl::GetFlag(FLAGS_basis_points)));
  request.set_basis_points(basis_points);
  FHUB_ASSIGN_OR_RETURN(
      v1::RoundingRule rounding,
      ParseEnum<v1::RoundingRule>("--rounding", absl::GetFlag(FLAGS_rounding)));
  request.set_rounding(rounding);
  FHUB_ASSIGN_OR_RETURN(*request.mutable_effective_from(),
                        RequiredDate("--from", absl::GetFlag(FLAGS_from)));
  FHUB_ASSIGN_OR_RETURN(*request.mutable_request_id(), WriteRequestId());
  return request;
}

// --- Policy ------------------------------------------------------------------

absl::StatusOr<v1::SetPricingPolicyRequest> BuildSetPricingPolicy(
    const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckArg(args, 0, kAuthorityName));
  v1::SetPricingPolicyRequest request;
  request.set_authority(args[0]);
  FHUB_ASSIGN_OR_RETURN(
      bool allow,
      ParseSpotPrices("--spot_prices", absl::GetFlag(FLAGS_spot_prices)));
  request.mutable_policy()->set_allow_spot_prices(allow);
  FHUB_ASSIGN_OR_RETURN(*request.mutable_request_id(), WriteRequestId());
  return request;
}

absl::StatusOr<v1::GetPricingPolicyRequest> BuildGetPricingPolicy(
    const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckArg(args, 0, kAuthorityName));
  v1::GetPricingPolicyRequest request;
  request.set_authority(args[0]);
  return request;
}

// --- Quotes, offer checks and benchmarks -------------------------------------

absl::StatusOr<v1::QuoteRequest> BuildQuote(const Args&) {
  v1::QuoteRequest request;
  FHUB_RETURN_IF_ERROR(ReadScope(request.mutable_scope()));
  FHUB_ASSIGN_OR_RETURN(*request.mutable_date(),
                        RequiredDate("--date", absl::GetFlag(FLAGS_date)));
  FHUB_RETURN_IF_ERROR(ReadPackage(request.mutable_package()));
  return request;
}

absl::StatusOr<v1::QuoteRangeRequest> BuildQuoteRange(const Args&) {
  v1::QuoteRangeRequest request;
  FHUB_RETURN_IF_ERROR(ReadScope(request.mutable_scope()));
  std::string from = absl::GetFlag(FLAGS_from);
  std::string to = absl::GetFlag(FLAGS_to);
  FHUB_ASSIGN_OR_RETURN(*request.mutable_first_day(),
                        RequiredDate("--from", from));
  FHUB_ASSIGN_OR_RETURN(*request.mutable_last_day(), RequiredDate("--to", to));
  // YYYY-MM-DD strings order as the days do.
  if (to < from) {
    return absl::InvalidArgumentError("--to must not be before --from");
  }
  FHUB_RETURN_IF_ERROR(ReadPackage(request.mutable_package()));
  return request;
}

absl::StatusOr<v1::CheckOfferRequest> BuildCheckOffer(const Args&) {
  v1::CheckOfferRequest request;
  FHUB_RETURN_IF_ERROR(ReadScope(request.mutable_scope()));
  FHUB_ASSIGN_OR_RETURN(*request.mutable_date(),
                        RequiredDate("--date", absl::GetFlag(FLAGS_date)));
  FHUB_RETURN_IF_ERROR(ReadRates(request.mutable_offered()));
  return request;
}

absl::StatusOr<v1::GetBenchmarkRequest> BuildGetBenchmark(const Args& args) {
  FHUB_RETURN_IF_ERROR(CheckArg(args, 0, kFrameworkName));
  v1::GetBenchmarkRequest request;
  request.set_framework(args[0]);
  FHUB_ASSIGN_OR_RETURN(*request.mutable_lot_id(), LotFlag(true));
  if (std::string date = absl::GetFlag(FLAGS_date); !date.empty()) {
    FHUB_ASSIGN_OR_RETURN(*request.mutable_date(), ParseDate("--date", date));
  }
  return request;
}

}  // namespace fhub::cli
