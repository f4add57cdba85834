#include "services/pricing/api/pricing_service.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "common/db/transaction.h"
#include "common/grpc_status.h"
#include "common/page_token.h"
#include "common/proto_values.h"
#include "services/pricing/domain/access.h"
#include "services/pricing/domain/price_book.h"
#include "services/pricing/domain/rates.h"
#include "services/pricing/domain/uplift.h"

namespace fhub::pricing {
namespace {

constexpr char kBooksList[] = "priceBooks";

const RateCard* FindVersion(const std::vector<RateCard>& cards, int version) {
  for (const RateCard& card : cards) {
    if (card.version == version) return &card;
  }
  return nullptr;
}

std::string ScopeKeyOf(const PriceBook& book) {
  return BookCache::Key(book.authority_id, book.provider_id, book.framework_id);
}

}  // namespace

PricingServiceImpl::PricingServiceImpl(db::Pool* pool, PricingStore* store,
                                       FrameworksClient* frameworks,
                                       ProviderDirectory* providers,
                                       const auth::TokenVerifier* verifier,
                                       const Clock* clock, BookCache* cache)
    : pool_(*pool),
      store_(*store),
      frameworks_(*frameworks),
      providers_(*providers),
      verifier_(*verifier),
      clock_(*clock),
      cache_(cache) {}

void PricingServiceImpl::Forget(const std::vector<std::string>& scope_keys) {
  if (cache_ == nullptr) return;
  for (const std::string& key : scope_keys) cache_->Invalidate(key);
}

absl::Status PricingServiceImpl::Read(
    const std::function<absl::Status(db::Tx&)>& body) {
  db::TxOptions options;
  options.name = "read";
  return db::Transact(pool_, options, body);
}

absl::CivilDay PricingServiceImpl::Today() const {
  return absl::ToCivilDay(clock_.Now(), UkTimeZone());
}

absl::StatusOr<FrameworkSnapshot> PricingServiceImpl::Framework(
    absl::string_view field, const std::string& framework_id, bool fresh) {
  auto snapshot = frameworks_.Framework(framework_id, fresh);
  if (absl::IsNotFound(snapshot.status())) {
    return absl::NotFoundError(
        absl::StrCat(field, ": frameworks/", framework_id, " is not found"));
  }
  return snapshot;
}

// --- Books -------------------------------------------------------------------

absl::Status PricingServiceImpl::DoCreatePriceBook(
    const grpc::ServerContext& context,
    const v1::CreatePriceBookRequest& request, v1::PriceBook* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(PriceBook book, FromProto(request.price_book()));
  FHUB_RETURN_IF_ERROR(CheckCommissionerOf(caller, book.authority_id));
  FHUB_ASSIGN_OR_RETURN(RateCard first,
                        FromProto("first_card", request.first_card(), true));
  if (!IsSet(request.first_card().effective_from())) {
    first.effective_from = book.start_date;
  }
  if (absl::Status rates = ValidateRates(first); !rates.ok()) {
    // The domain names a card's fields "rate_card.*"; here it is first_card.
    return absl::Status(
        rates.code(),
        absl::StrReplaceAll(rates.message(), {{"rate_card.", "first_card."}}));
  }
  FHUB_RETURN_IF_ERROR(CheckRequestId(request.request_id()));

  FHUB_ASSIGN_OR_RETURN(
      FrameworkSnapshot framework,
      Framework("price_book.framework", book.framework_id, true));
  if (!framework.IsActiveMember(book.authority_id)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "authorities/", book.authority_id,
        " is not an active member of frameworks/", book.framework_id));
  }
  if (!book.lot_id.empty() && framework.FindLot(book.lot_id) == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("price_book.lot_id: frameworks/", book.framework_id,
                     " has no lot '", book.lot_id, "'"));
  }
  FHUB_RETURN_IF_ERROR(providers_.CheckProvider(
      book.setting_id.empty() ? "price_book.provider" : "price_book.setting",
      book.provider_id, book.setting_id));

  const absl::Time now = clock_.Now();
  const absl::CivilDay today = Today();
  FHUB_RETURN_IF_ERROR(Change<v1::PriceBook>(
      caller, "CreatePriceBook", request, request.request_id(), response,
      [&](db::Tx& tx, v1::PriceBook* out) -> absl::StatusOr<std::string> {
        FHUB_ASSIGN_OR_RETURN(
            std::vector<BookRecord> scope_books,
            store_.BooksForScope(tx, book.authority_id, book.provider_id,
                                 book.framework_id));
        std::vector<PriceBook> existing;
        for (const BookRecord& r : scope_books) existing.push_back(r.book);
        BookRecord record;
        record.book = book;
        record.book.status = PriceBookStatus::kProposed;
        record.book.create_time = now;
        FHUB_RETURN_IF_ERROR(ValidateNewBook(record.book, existing));
        FHUB_RETURN_IF_ERROR(store_.InsertBook(tx, record.book));
        FHUB_ASSIGN_OR_RETURN(
            RateCard card, PrepareNewCard(first, record.book, {}, today, now));
        FHUB_RETURN_IF_ERROR(store_.InsertCard(tx, card));
        record.cards.push_back(std::move(card));
        ToProto(record, out);
        return out->name();
      }));
  Forget({ScopeKeyOf(book)});
  return absl::OkStatus();
}

absl::Status PricingServiceImpl::DoGetPriceBook(
    const grpc::ServerContext& context, const v1::GetPriceBookRequest& request,
    v1::PriceBook* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(std::string id,
                        ParseNumbered("name", request.name(), kBooksList));
  return Read([&](db::Tx& tx) -> absl::Status {
    FHUB_ASSIGN_OR_RETURN(BookRecord record, store_.FindBook(tx, id, false));
    FHUB_RETURN_IF_ERROR(CheckCanSeeBook(caller, record.book));
    response->Clear();
    ToProto(record, response);
    return absl::OkStatus();
  });
}

absl::Status PricingServiceImpl::DoListPriceBooks(
    const grpc::ServerContext& context,
    const v1::ListPriceBooksRequest& request,
    v1::ListPriceBooksResponse* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  std::string framework_id;
  if (!request.framework().empty()) {
    FHUB_ASSIGN_OR_RETURN(
        framework_id,
        ParseName("framework", request.framework(), "frameworks"));
  }
  const std::string authority_id(caller.AuthorityId());
  const std::string provider_id(ProviderIdOf(caller));
  const bool as_authority =
      !authority_id.empty() && CheckMaySetPolicy(caller, authority_id).ok();
  const bool as_provider =
      !provider_id.empty() && caller.HasRole(auth::Role::kProviderUser);
  if (!as_authority && !as_provider) {
    return absl::PermissionDeniedError(absl::StrCat(
        "only an authority's COMMISSIONER or LEAD_ADMIN or a provider's "
        "PROVIDER_USER has price books to list; the caller acts for ",
        caller.organisation));
  }
  FHUB_ASSIGN_OR_RETURN(int page_size, PageSize(request.page_size()));
  FHUB_ASSIGN_OR_RETURN(int64_t before_id,
                        DecodeBeforeId(kBooksList, request.page_token()));
  return Read([&](db::Tx& tx) -> absl::Status {
    response->Clear();
    absl::StatusOr<std::vector<BookRecord>> books =
        as_authority ? store_.ListAuthorityBooks(tx, authority_id, framework_id,
                                                 before_id, page_size + 1)
                     : store_.ListProviderBooks(tx, provider_id, framework_id,
                                                before_id, page_size + 1);
    FHUB_RETURN_IF_ERROR(books.status());
    const bool more = TrimToPage(*books, page_size);
    for (const BookRecord& record : *books) {
      ToProto(record, response->add_price_books());
    }
    if (more) {
      response->set_next_page_token(
          EncodePageToken(kBooksList, absl::StrCat(books->back().book.id)));
    }
    return absl::OkStatus();
  });
}

absl::Status PricingServiceImpl::DoAcceptPriceBook(
    const grpc::ServerContext& context,
    const v1::AcceptPriceBookRequest& request, v1::PriceBook* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(std::string id,
                        ParseNumbered("name", request.name(), kBooksList));
  const absl::Time now = clock_.Now();
  std::vector<std::string> changed;
  FHUB_RETURN_IF_ERROR(Change<v1::PriceBook>(
      caller, "AcceptPriceBook", request, request.request_id(), response,
      [&](db::Tx& tx, v1::PriceBook* out) -> absl::StatusOr<std::string> {
        FHUB_ASSIGN_OR_RETURN(BookRecord record, store_.FindBook(tx, id, true));
        changed = {ScopeKeyOf(record.book)};
        FHUB_RETURN_IF_ERROR(CheckMayAcceptBook(caller, record.book));
        FHUB_RETURN_IF_ERROR(AcceptBook(record.book, caller.subject, now));
        FHUB_RETURN_IF_ERROR(store_.UpdateBookAcceptance(tx, record.book));
        ToProto(record, out);
        return out->name();
      }));
  Forget(changed);
  return absl::OkStatus();
}

// --- Rate cards --------------------------------------------------------------

absl::Status PricingServiceImpl::DoAddRateCard(
    const grpc::ServerContext& context, const v1::AddRateCardRequest& request,
    v1::RateCard* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(std::string id,
                        ParseNumbered("parent", request.parent(), kBooksList));
  FHUB_ASSIGN_OR_RETURN(RateCard proposed,
                        FromProto("rate_card", request.rate_card(), false));
  const absl::Time now = clock_.Now();
  const absl::CivilDay today = Today();
  std::vector<std::string> changed;
  FHUB_RETURN_IF_ERROR(Change<v1::RateCard>(
      caller, "AddRateCard", request, request.request_id(), response,
      [&](db::Tx& tx, v1::RateCard* out) -> absl::StatusOr<std::string> {
        FHUB_ASSIGN_OR_RETURN(BookRecord record, store_.FindBook(tx, id, true));
        changed = {ScopeKeyOf(record.book)};
        FHUB_RETURN_IF_ERROR(CheckMayChangeCards(caller, record.book));
        FHUB_ASSIGN_OR_RETURN(
            RateCard card,
            PrepareNewCard(proposed, record.book, record.cards, today, now));
        FHUB_RETURN_IF_ERROR(store_.InsertCard(tx, card));
        ToProto(card, out);
        return out->name();
      }));
  Forget(changed);
  return absl::OkStatus();
}

absl::Status PricingServiceImpl::DoCorrectRateCard(
    const grpc::ServerContext& context,
    const v1::CorrectRateCardRequest& request, v1::RateCard* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(
      auto card_id,
      ParseCardName("rate_card.name", request.rate_card().name()));
  FHUB_ASSIGN_OR_RETURN(RateCard corrected,
                        FromProto("rate_card", request.rate_card(), true));
  const bool dated = IsSet(request.rate_card().effective_from());
  const absl::Time now = clock_.Now();
  const absl::CivilDay today = Today();
  std::vector<std::string> changed;
  FHUB_RETURN_IF_ERROR(Change<v1::RateCard>(
      caller, "CorrectRateCard", request, request.request_id(), response,
      [&](db::Tx& tx, v1::RateCard* out) -> absl::StatusOr<std::string> {
        FHUB_ASSIGN_OR_RETURN(BookRecord record,
                              store_.FindBook(tx, card_id.first, true));
        changed = {ScopeKeyOf(record.book)};
        FHUB_RETURN_IF_ERROR(CheckMayChangeCards(caller, record.book));
        const RateCard* current = FindVersion(record.cards, card_id.second);
        if (current == nullptr) {
          return absl::NotFoundError(absl::StrCat(
              "rate card ", request.rate_card().name(), " not found"));
        }
        if (dated && corrected.effective_from != current->effective_from) {
          return absl::InvalidArgumentError(absl::StrCat(
              "rate_card.effective_from: a correction never moves a card; ",
              request.rate_card().name(), " is effective from ",
              absl::FormatCivilTime(current->effective_from),
              " (add a new card for another date)"));
        }
        FHUB_ASSIGN_OR_RETURN(RateCard card,
                              CorrectCard(*current, corrected, today, now));
        FHUB_RETURN_IF_ERROR(store_.UpdateCard(tx, card));
        ToProto(card, out);
        return out->name();
      }));
  Forget(changed);
  return absl::OkStatus();
}

absl::Status PricingServiceImpl::DoApplyUplift(
    const grpc::ServerContext& context, const v1::ApplyUpliftRequest& request,
    v1::ApplyUpliftResponse* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(
      std::string authority_id,
      ParseName("authority", request.authority(), "authorities"));
  FHUB_RETURN_IF_ERROR(CheckCommissionerOf(caller, authority_id));
  std::vector<std::string> book_ids;
  for (int i = 0; i < request.price_books_size(); ++i) {
    FHUB_ASSIGN_OR_RETURN(std::string id,
                          ParseNumbered(absl::StrCat("price_books[", i, "]"),
                                        request.price_books(i), kBooksList));
    if (std::find(book_ids.begin(), book_ids.end(), id) != book_ids.end()) {
      return absl::InvalidArgumentError(
          absl::StrCat("price_books[", i, "]: ", request.price_books(i),
                       " is listed twice"));
    }
    book_ids.push_back(std::move(id));
  }
  if (request.basis_points() < kMinUpliftBasisPoints ||
      request.basis_points() > kMaxUpliftBasisPoints) {
    return absl::InvalidArgumentError(
        absl::StrCat("basis_points must be ", kMinUpliftBasisPoints, " to ",
                     kMaxUpliftBasisPoints, " (-50% to +100%); got ",
                     request.basis_points()));
  }
  FHUB_ASSIGN_OR_RETURN(RoundingRule rounding, FromProto(request.rounding()));
  if (!IsSet(request.effective_from())) {
    return absl::InvalidArgumentError("effective_from is required");
  }
  FHUB_ASSIGN_OR_RETURN(
      absl::CivilDay from,
      ::fhub::FromProto(request.effective_from(), "effective_from"));
  const absl::Time now = clock_.Now();
  const absl::CivilDay today = Today();
  std::vector<std::string> changed;
  FHUB_RETURN_IF_ERROR(Change<v1::ApplyUpliftResponse>(
      caller, "ApplyUplift", request, request.request_id(), response,
      [&](db::Tx& tx,
          v1::ApplyUpliftResponse* out) -> absl::StatusOr<std::string> {
        FHUB_ASSIGN_OR_RETURN(
            std::vector<BookRecord> books,
            store_.CardsInForce(tx, authority_id, book_ids, from));
        // A listed book that is missing or another authority's is reported
        // as missing, in the words a missing book gets.
        for (size_t i = 0; i < book_ids.size(); ++i) {
          const bool found =
              std::any_of(books.begin(), books.end(), [&](const BookRecord& r) {
                return absl::StrCat(r.book.id) == book_ids[i];
              });
          if (!found) {
            return absl::NotFoundError(absl::StrCat("price_books[", i,
                                                    "]: priceBooks/",
                                                    book_ids[i], " not found"));
          }
        }
        if (books.empty()) {
          return absl::FailedPreconditionError(
              absl::StrCat("authorities/", authority_id,
                           " has no price book with a rate card in force on ",
                           absl::FormatCivilTime(from)));
        }
        changed.clear();
        for (const BookRecord& record : books) {
          changed.push_back(ScopeKeyOf(record.book));
          std::optional<RateCard> in_force = CardOn(record.cards, from);
          if (!in_force) {
            return absl::FailedPreconditionError(absl::StrCat(
                BookName(record.book.id), " has no rate card in force on ",
                absl::FormatCivilTime(from)));
          }
          FHUB_ASSIGN_OR_RETURN(
              RateCard uplifted,
              UpliftCard(*in_force, request.basis_points(), rounding, from));
          auto card = PrepareNewCard(std::move(uplifted), record.book,
                                     record.cards, today, now);
          if (!card.ok()) {
            return absl::Status(card.status().code(),
                                absl::StrCat(BookName(record.book.id), ": ",
                                             card.status().message()));
          }
          FHUB_RETURN_IF_ERROR(store_.InsertCard(tx, *card));
          ToProto(*card, out->add_rate_cards());
        }
        return absl::StrCat("authorities/", authority_id, "/priceBooks");
      }));
  Forget(changed);
  return absl::OkStatus();
}

// --- Policy ------------------------------------------------------------------

absl::Status PricingServiceImpl::DoSetPricingPolicy(
    const grpc::ServerContext& context,
    const v1::SetPricingPolicyRequest& request, v1::PricingPolicy* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(
      std::string authority_id,
      ParseName("authority", request.authority(), "authorities"));
  FHUB_RETURN_IF_ERROR(CheckMaySetPolicy(caller, authority_id));
  PolicyRecord record;
  record.policy.authority_id = authority_id;
  record.policy.allow_spot_prices = request.policy().allow_spot_prices();
  record.update_time = clock_.Now();
  return Change<v1::PricingPolicy>(
      caller, "SetPricingPolicy", request, request.request_id(), response,
      [&](db::Tx& tx, v1::PricingPolicy* out) -> absl::StatusOr<std::string> {
        FHUB_RETURN_IF_ERROR(
            store_.PutPolicy(tx, record.policy, record.update_time));
        ToProto(record, out);
        return out->name();
      });
}

absl::Status PricingServiceImpl::DoGetPricingPolicy(
    const grpc::ServerContext& context,
    const v1::GetPricingPolicyRequest& request, v1::PricingPolicy* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(
      std::string authority_id,
      ParseName("authority", request.authority(), "authorities"));
  FHUB_RETURN_IF_ERROR(CheckMayReadPolicy(caller, authority_id));
  return Read([&](db::Tx& tx) -> absl::Status {
    FHUB_ASSIGN_OR_RETURN(std::optional<PolicyRecord> record,
                          store_.FindPolicy(tx, authority_id));
    PolicyRecord answer;
    answer.policy.authority_id = authority_id;
    if (record) answer = *record;
    response->Clear();
    ToProto(answer, response);
    return absl::OkStatus();
  });
}

// --- gRPC entry points -------------------------------------------------------

#define FHUB_PRICING_RPC(Method, Request, Response)                     \
  grpc::Status PricingServiceImpl::Method(grpc::ServerContext* context, \
                                          const v1::Request* request,   \
                                          v1::Response* response) {     \
    const ::fhub::db::CallDeadline call_deadline(context->deadline());  \
    const ::fhub::db::ScopedRows rows;                                  \
    return ToGrpcStatus(Do##Method(*context, *request, response));      \
  }

FHUB_PRICING_RPC(CreatePriceBook, CreatePriceBookRequest, PriceBook)
FHUB_PRICING_RPC(GetPriceBook, GetPriceBookRequest, PriceBook)
FHUB_PRICING_RPC(ListPriceBooks, ListPriceBooksRequest, ListPriceBooksResponse)
FHUB_PRICING_RPC(AcceptPriceBook, AcceptPriceBookRequest, PriceBook)
FHUB_PRICING_RPC(AddRateCard, AddRateCardRequest, RateCard)
FHUB_PRICING_RPC(CorrectRateCard, CorrectRateCardRequest, RateCard)
FHUB_PRICING_RPC(ApplyUplift, ApplyUpliftRequest, ApplyUpliftResponse)
FHUB_PRICING_RPC(SetPricingPolicy, SetPricingPolicyRequest, PricingPolicy)
FHUB_PRICING_RPC(GetPricingPolicy, GetPricingPolicyRequest, PricingPolicy)
FHUB_PRICING_RPC(Quote, QuoteRequest, QuoteResponse)
FHUB_PRICING_RPC(QuoteRange, QuoteRangeRequest, QuoteRangeResponse)
FHUB_PRICING_RPC(CheckOffer, CheckOfferRequest, CheckOfferResponse)
FHUB_PRICING_RPC(GetBenchmark, GetBenchmarkRequest, Benchmark)

#undef FHUB_PRICING_RPC

}  // namespace fhub::pricing
