// `fhub price-books|rate-cards|uplift|pricing-policy|quote|quote-range|
// check-offer|benchmark ...`: the commands of the pricing service.
//
// Each table entry pairs a command's usage with the rpc it calls; the
// request it sends is built and checked from its arguments and flags in
// pricing_requests.cc. Responses print as JSON, money in whole pence.

#include "tools/fhub/pricing_commands.h"

#include <string>
#include <vector>

#include "fhub/pricing/v1/pricing.grpc.pb.h"
#include "tools/fhub/pricing_requests.h"
#include "tools/fhub/session.h"

namespace fhub::cli {
namespace {

namespace v1 = ::fhub::pricing::v1;
using Stub = v1::PricingService::Stub;

// The synopsis of a card's rates and extras.
constexpr char kCardFlags[] =
    "      --accommodation_weekly_pence N --support_hourly_pence N\n"
    "      --waking_night_hourly_pence N --sleep_in_nightly_pence N\n"
    "      [--extras \"NAME=PENCE:WEEKLY|ONE_OFF,...\" | --file extras.json]";

// The synopsis of the book a quote or offer check is priced against.
constexpr char kScopeFlags[] =
    "--authority authorities/ID --provider providers/ID\n"
    "      --framework frameworks/ID --lot lot-1 [--setting "
    "providers/ID/settings/ID]\n";

// The synopsis of a package.
constexpr char kPackageFlags[] =
    "      [--support_minutes N] [--waking_night_minutes N] "
    "[--sleep_in_nights N]\n"
    "      [--extras \"NAME,...\"]";

std::vector<Command> PriceBookCommands() {
  return {
      {"price-books", "create",
       std::string("--authority authorities/ID --provider providers/ID\n"
                   "      --framework frameworks/ID [--lot lot-1] "
                   "[--setting providers/ID/settings/ID]\n"
                   "      --from YYYY-MM-DD\n") +
           kCardFlags,
       "Proposes a price book with its first rate card, in whole pence "
       "(COMMISSIONER of\n      the buyer); --file holds a list of "
       "{\"name\", \"amountPence\", \"kind\"} extras.",
       0, 0,
       [](const Args& args) {
         return Write(&Stub::CreatePriceBook, BuildCreatePriceBook(args));
       }},
      {"price-books", "get", "priceBooks/N",
       "Shows one price book with all its rate cards.", 1, 1,
       [](const Args& args) {
         return Read(&Stub::GetPriceBook, BuildGetPriceBook(args));
       }},
      {"price-books", "list", "[--framework frameworks/ID] [--all]",
       "Lists your own price books, newest first: an authority's, or a "
       "provider's, as\n      the token says.",
       0, 0,
       [](const Args& args) {
         return List(&Stub::ListPriceBooks, BuildListPriceBooks(args));
       }},
      {"price-books", "accept", "priceBooks/N",
       "Accepts a PROPOSED price book (PROVIDER_USER of the provider).", 1, 1,
       [](const Args& args) {
         return Write(&Stub::AcceptPriceBook, BuildAcceptPriceBook(args));
       }},
      {"rate-cards", "add",
       std::string("priceBooks/N --from YYYY-MM-DD\n") + kCardFlags,
       "Adds a rate card effective from a day, not before the book starts\n"
       "      (COMMISSIONER of the buyer).",
       1, 1,
       [](const Args& args) {
         return Write(&Stub::AddRateCard, BuildAddRateCard(args));
       }},
      {"rate-cards", "correct",
       std::string("priceBooks/N/rateCards/V\n") + kCardFlags,
       "Replaces the rates and extras of a card whose day has not yet come; "
       "its date\n      stays (COMMISSIONER of the buyer).",
       1, 1,
       [](const Args& args) {
         return Write(&Stub::CorrectRateCard, BuildCorrectRateCard(args));
       }},
      {"uplift", "",
       "authorities/ID --basis_points N --rounding NEAREST_PENNY|DOWN|UP\n"
       "      --from YYYY-MM-DD [--price_books priceBooks/1,priceBooks/2]",
       "Adds a card uplifted by N basis points (250 is 2.5%) to each of the "
       "authority's\n      books, or those listed, in one transaction "
       "(COMMISSIONER).",
       1, 1,
       [](const Args& args) {
         return Write(&Stub::ApplyUplift, BuildApplyUplift(args));
       }},
  };
}

std::vector<Command> PolicyAndQuoteCommands() {
  return {
      {"pricing-policy", "set", "authorities/ID --spot_prices allow|refuse",
       "Sets whether offers from providers without a price book may be "
       "accepted at\n      their spot price (COMMISSIONER or LEAD_ADMIN).",
       1, 1,
       [](const Args& args) {
         return Write(&Stub::SetPricingPolicy, BuildSetPricingPolicy(args));
       }},
      {"pricing-policy", "get", "authorities/ID",
       "Shows an authority's pricing policy.", 1, 1,
       [](const Args& args) {
         return Read(&Stub::GetPricingPolicy, BuildGetPricingPolicy(args));
       }},
      {"quote", "",
       std::string(kScopeFlags) + "      --date YYYY-MM-DD\n" + kPackageFlags,
       "The weekly cost of a package on a day under the book that applies, "
       "line by line.",
       0, 0,
       [](const Args& args) { return Read(&Stub::Quote, BuildQuote(args)); }},
      {"quote-range", "",
       std::string(kScopeFlags) + "      --from YYYY-MM-DD --to YYYY-MM-DD\n" +
           kPackageFlags,
       "The cost of a package from one day to another, inclusive, across "
       "card changes.",
       0, 0,
       [](const Args& args) {
         return Read(&Stub::QuoteRange, BuildQuoteRange(args));
       }},
      {"check-offer", "",
       std::string(kScopeFlags) +
           "      --date YYYY-MM-DD --accommodation_weekly_pence N\n"
           "      --support_hourly_pence N --waking_night_hourly_pence N\n"
           "      --sleep_in_nightly_pence N",
       "Whether offered rates are within the authority's price book with "
       "the provider,\n      and which exceed it.",
       0, 0,
       [](const Args& args) {
         return Read(&Stub::CheckOffer, BuildCheckOffer(args));
       }},
      {"benchmark", "", "frameworks/ID --lot lot-1 [--date YYYY-MM-DD]",
       "Regional statistics of a lot's rates on a day (default today) and "
       "where yours\n      stand (COMMISSIONER or LEAD_ADMIN of a member).",
       1, 1,
       [](const Args& args) {
         return Read(&Stub::GetBenchmark, BuildGetBenchmark(args));
       }},
  };
}

}  // namespace

std::vector<Command> PricingCommands() {
  std::vector<Command> commands = PriceBookCommands();
  std::vector<Command> more = PolicyAndQuoteCommands();
  commands.insert(commands.end(), more.begin(), more.end());
  return commands;
}

}  // namespace fhub::cli
