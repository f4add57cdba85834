// Quote, QuoteRange, CheckOffer and GetBenchmark: the reads that price.

#include "absl/strings/str_cat.h"
#include "common/proto_enums.h"
#include "common/proto_values.h"
#include "services/pricing/api/pricing_service.h"
#include "services/pricing/domain/access.h"
#include "services/pricing/domain/benchmark.h"
#include "services/pricing/domain/offer_check.h"
#include "services/pricing/domain/price_book.h"
#include "services/pricing/domain/quote.h"
#include "services/pricing/domain/rates.h"

namespace fhub::pricing {
namespace {

absl::StatusOr<absl::CivilDay> RequiredDay(absl::string_view field,
                                           const common::v1::Date& date) {
  if (!IsSet(date)) {
    return absl::InvalidArgumentError(absl::StrCat(field, " is required"));
  }
  return ::fhub::FromProto(date, field);
}

std::string Describe(const Scope& scope) {
  std::string out =
      absl::StrCat("authorities/", scope.authority_id, " with providers/",
                   scope.provider_id, " on frameworks/", scope.framework_id);
  if (!scope.lot_id.empty()) absl::StrAppend(&out, " lot ", scope.lot_id);
  if (!scope.setting_id.empty()) {
    absl::StrAppend(&out, " at setting ", scope.setting_id);
  }
  return out;
}

// The card of `record` in force on `day`; FAILED_PRECONDITION if the book's
// first card starts later.
absl::StatusOr<RateCard> CardInForce(const BookRecord& record,
                                     absl::CivilDay day) {
  std::optional<RateCard> card = CardOn(record.cards, day);
  if (!card) {
    return absl::FailedPreconditionError(
        absl::StrCat(BookName(record.book.id), " has no rate card in force on ",
                     absl::FormatCivilTime(day)));
  }
  return *std::move(card);
}

v1::Position ToProto(Position position) {
  return ToProtoEnum(kPositions, position, &v1::Position_Parse);
}

}  // namespace

absl::StatusOr<ScopeBooks> PricingServiceImpl::BooksOf(const Scope& scope) {
  auto load = [&]() -> absl::StatusOr<std::vector<BookRecord>> {
    std::vector<BookRecord> books;
    FHUB_RETURN_IF_ERROR(Read([&](db::Tx& tx) -> absl::Status {
      FHUB_ASSIGN_OR_RETURN(
          books, store_.BooksForScope(tx, scope.authority_id, scope.provider_id,
                                      scope.framework_id));
      return absl::OkStatus();
    }));
    return books;
  };
  if (cache_ != nullptr) {
    return cache_->Get(BookCache::Key(scope.authority_id, scope.provider_id,
                                      scope.framework_id),
                       load);
  }
  FHUB_ASSIGN_OR_RETURN(std::vector<BookRecord> books, load());
  return std::make_shared<const std::vector<BookRecord>>(std::move(books));
}

absl::StatusOr<std::optional<BookRecord>> PricingServiceImpl::FindBookFor(
    const Scope& scope, absl::CivilDay day) {
  FHUB_ASSIGN_OR_RETURN(ScopeBooks books, BooksOf(scope));
  std::vector<PriceBook> candidates;
  candidates.reserve(books->size());
  for (const BookRecord& r : *books) candidates.push_back(r.book);
  std::optional<PriceBook> chosen =
      SelectBook(candidates, scope.authority_id, scope.provider_id,
                 scope.framework_id, scope.lot_id, scope.setting_id, day);
  if (!chosen) return std::optional<BookRecord>();
  for (const BookRecord& r : *books) {
    if (r.book.id == chosen->id) return std::optional<BookRecord>(r);
  }
  return std::optional<BookRecord>();
}

absl::StatusOr<BookRecord> PricingServiceImpl::BookFor(const Scope& scope,
                                                       absl::CivilDay day) {
  FHUB_ASSIGN_OR_RETURN(std::optional<BookRecord> record,
                        FindBookFor(scope, day));
  if (!record) {
    return absl::FailedPreconditionError(
        absl::StrCat("no accepted price book of ", Describe(scope),
                     " applies on ", absl::FormatCivilTime(day)));
  }
  return *std::move(record);
}

absl::Status PricingServiceImpl::DoQuote(const grpc::ServerContext& context,
                                         const v1::QuoteRequest& request,
                                         v1::QuoteResponse* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(Scope scope, FromProto(request.scope()));
  FHUB_RETURN_IF_ERROR(
      CheckMayPrice(caller, scope.authority_id, scope.provider_id));
  FHUB_ASSIGN_OR_RETURN(absl::CivilDay day,
                        RequiredDay("date", request.date()));
  FHUB_ASSIGN_OR_RETURN(Package package, FromProto(request.package()));
  FHUB_ASSIGN_OR_RETURN(BookRecord record, BookFor(scope, day));
  FHUB_ASSIGN_OR_RETURN(RateCard card, CardInForce(record, day));
  FHUB_ASSIGN_OR_RETURN(pricing::Quote quote, WeeklyQuote(card, package));
  response->set_price_book(BookName(record.book.id));
  response->set_rate_card(CardName(record.book.id, card.version));
  for (const QuoteLine& line : quote.lines) {
    pricing::ToProto(line, response->add_lines());
  }
  response->set_weekly_total_pence(quote.weekly_total_pence);
  for (const QuoteLine& line : quote.one_off_lines) {
    pricing::ToProto(line, response->add_one_off_lines());
  }
  return absl::OkStatus();
}

absl::Status PricingServiceImpl::DoQuoteRange(
    const grpc::ServerContext& context, const v1::QuoteRangeRequest& request,
    v1::QuoteRangeResponse* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(Scope scope, FromProto(request.scope()));
  FHUB_RETURN_IF_ERROR(
      CheckMayPrice(caller, scope.authority_id, scope.provider_id));
  FHUB_ASSIGN_OR_RETURN(absl::CivilDay first,
                        RequiredDay("first_day", request.first_day()));
  FHUB_ASSIGN_OR_RETURN(absl::CivilDay last,
                        RequiredDay("last_day", request.last_day()));
  FHUB_ASSIGN_OR_RETURN(Package package, FromProto(request.package()));
  // The book that applies on the first day prices the whole range; its
  // cards decide each day's rate.
  FHUB_ASSIGN_OR_RETURN(BookRecord record, BookFor(scope, first));
  FHUB_ASSIGN_OR_RETURN(RangeCost cost,
                        RangeQuote(record.cards, package, first, last));
  response->set_price_book(BookName(record.book.id));
  for (const RangeSegment& segment : cost.segments) {
    v1::RangeSegment* out = response->add_segments();
    ::fhub::ToProto(segment.first_day, out->mutable_first_day());
    ::fhub::ToProto(segment.last_day, out->mutable_last_day());
    out->set_days(static_cast<int32_t>(segment.days));
    out->set_rate_card(CardName(record.book.id, segment.card_version));
    out->set_weekly_total_pence(segment.weekly_total_pence);
    out->set_cost_pence(segment.cost_pence);
  }
  response->set_total_pence(cost.total_pence);
  return absl::OkStatus();
}

absl::Status PricingServiceImpl::DoCheckOffer(
    const grpc::ServerContext& context, const v1::CheckOfferRequest& request,
    v1::CheckOfferResponse* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(Scope scope, FromProto(request.scope()));
  FHUB_RETURN_IF_ERROR(
      CheckMayPrice(caller, scope.authority_id, scope.provider_id));
  FHUB_ASSIGN_OR_RETURN(absl::CivilDay day,
                        RequiredDay("date", request.date()));
  const OfferedRates offered = FromProto(request.offered());
  FHUB_RETURN_IF_ERROR(ValidateOfferedRates(offered));
  FHUB_ASSIGN_OR_RETURN(std::optional<BookRecord> record,
                        FindBookFor(scope, day));
  std::optional<RateCard> card;
  if (record) card = CardOn(record->cards, day);
  // The policy decides only when no card applies.
  PricingPolicy policy;
  policy.authority_id = scope.authority_id;
  if (!card) {
    FHUB_RETURN_IF_ERROR(Read([&](db::Tx& tx) -> absl::Status {
      FHUB_ASSIGN_OR_RETURN(policy.allow_spot_prices,
                            store_.AllowsSpotPrices(tx, scope.authority_id));
      return absl::OkStatus();
    }));
  }
  FHUB_ASSIGN_OR_RETURN(OfferCheck check,
                        pricing::CheckOffer(card, offered, policy));
  response->set_outcome(
      ToProtoEnum(kOfferOutcomes, check.outcome, &v1::OfferOutcome_Parse));
  for (const ExceedingComponent& e : check.exceeding) {
    v1::ExceedingComponent* out = response->add_exceeding();
    out->set_component(std::string(NameOf(kRateComponents, e.component)));
    out->set_offered_pence(e.offered_pence);
    out->set_price_book_pence(e.price_book_pence);
  }
  if (record && card) {
    response->set_price_book(BookName(record->book.id));
    response->set_rate_card(CardName(record->book.id, card->version));
  }
  return absl::OkStatus();
}

absl::Status PricingServiceImpl::DoGetBenchmark(
    const grpc::ServerContext& context, const v1::GetBenchmarkRequest& request,
    v1::Benchmark* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(
      std::string framework_id,
      ParseName("framework", request.framework(), "frameworks"));
  FHUB_RETURN_IF_ERROR(CheckResourceId("lot_id", request.lot_id()));
  absl::CivilDay day = Today();
  if (IsSet(request.date())) {
    FHUB_ASSIGN_OR_RETURN(day, ::fhub::FromProto(request.date(), "date"));
  }
  const std::string authority_id(caller.AuthorityId());
  FHUB_RETURN_IF_ERROR(CheckMaySetPolicy(caller, authority_id));
  FHUB_ASSIGN_OR_RETURN(FrameworkSnapshot framework,
                        Framework("framework", framework_id, false));
  // Only members buy through the framework, so only they are compared; a
  // lead that is not a member contributes nothing and sees nothing.
  if (!framework.IsActiveMember(authority_id)) {
    return absl::PermissionDeniedError(
        absl::StrCat(caller.organisation, " is not an active member of ",
                     "frameworks/", framework_id));
  }
  if (framework.FindLot(request.lot_id()) == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("lot_id: frameworks/", framework_id, " has no lot '",
                     request.lot_id(), "'"));
  }
  rpc::ScopeToConsortium(caller, framework_id);
  std::vector<BenchmarkPoint> points;
  FHUB_RETURN_IF_ERROR(Read([&](db::Tx& tx) -> absl::Status {
    FHUB_ASSIGN_OR_RETURN(points, store_.BenchmarkPoints(
                                      tx, framework_id, request.lot_id(), day));
    return absl::OkStatus();
  }));
  const pricing::Benchmark benchmark = ComputeBenchmark(points);
  response->set_withheld(benchmark.withheld);
  if (benchmark.withheld) return absl::OkStatus();
  pricing::ToProto(benchmark.accommodation_weekly,
                   response->mutable_accommodation_weekly());
  pricing::ToProto(benchmark.support_hourly,
                   response->mutable_support_hourly());
  std::vector<int64_t> own_accommodation, own_support;
  for (const BenchmarkPoint& p : points) {
    if (p.authority_id != authority_id) continue;
    own_accommodation.push_back(p.accommodation_weekly_pence);
    own_support.push_back(p.support_hourly_pence);
  }
  if (!own_accommodation.empty()) {
    auto accommodation = PositionOf(own_accommodation, benchmark,
                                    benchmark.accommodation_weekly);
    auto support = PositionOf(own_support, benchmark, benchmark.support_hourly);
    if (accommodation.ok()) {
      response->set_own_accommodation_position(ToProto(*accommodation));
    }
    if (support.ok()) response->set_own_support_position(ToProto(*support));
  }
  return absl::OkStatus();
}

}  // namespace fhub::pricing
