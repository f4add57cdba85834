#pragma once

// The gRPC adapter of pricing: authenticates each call, converts between
// proto and domain, decides authorisation (domain/access.h), asks the
// frameworks service about membership and lots and the registry about
// providers before a book is created, and runs one transaction per call
// through the store. No SQL here.
//
// Quote, QuoteRange and CheckOffer are the hot read path (every offer of
// every mini-competition is priced): they ask no other service and read
// the scope's books in one statement.

#include <functional>
#include <string>

#include "common/auth/principal.h"
#include "common/auth/token.h"
#include "common/clients/frameworks_client.h"
#include "common/clock.h"
#include "common/db/pool.h"
#include "common/resource_name.h"
#include "common/rpc.h"
#include "common/status_macros.h"
#include "fhub/pricing/v1/pricing.grpc.pb.h"
#include "services/pricing/api/book_cache.h"
#include "services/pricing/api/convert.h"
#include "services/pricing/api/provider_directory.h"
#include "services/pricing/storage/pricing_store.h"

namespace fhub::pricing {

class PricingServiceImpl final : public v1::PricingService::Service {
 public:
  // All arguments must outlive the service. `cache` may be null: every
  // quote then reads the database.
  PricingServiceImpl(db::Pool* pool, PricingStore* store,
                     FrameworksClient* frameworks, ProviderDirectory* providers,
                     const auth::TokenVerifier* verifier, const Clock* clock,
                     BookCache* cache = nullptr);

  grpc::Status CreatePriceBook(grpc::ServerContext* context,
                               const v1::CreatePriceBookRequest* request,
                               v1::PriceBook* response) override;
  grpc::Status GetPriceBook(grpc::ServerContext* context,
                            const v1::GetPriceBookRequest* request,
                            v1::PriceBook* response) override;
  grpc::Status ListPriceBooks(grpc::ServerContext* context,
                              const v1::ListPriceBooksRequest* request,
                              v1::ListPriceBooksResponse* response) override;
  grpc::Status AcceptPriceBook(grpc::ServerContext* context,
                               const v1::AcceptPriceBookRequest* request,
                               v1::PriceBook* response) override;
  grpc::Status AddRateCard(grpc::ServerContext* context,
                           const v1::AddRateCardRequest* request,
                           v1::RateCard* response) override;
  grpc::Status CorrectRateCard(grpc::ServerContext* context,
                               const v1::CorrectRateCardRequest* request,
                               v1::RateCard* response) override;
  grpc::Status ApplyUplift(grpc::ServerContext* context,
                           const v1::ApplyUpliftRequest* request,
                           v1::ApplyUpliftResponse* response) override;
  grpc::Status SetPricingPolicy(grpc::ServerContext* context,
                                const v1::SetPricingPolicyRequest* request,
                                v1::PricingPolicy* response) override;
  grpc::Status GetPricingPolicy(grpc::ServerContext* context,
                                const v1::GetPricingPolicyRequest* request,
                                v1::PricingPolicy* response) override;
  grpc::Status Quote(grpc::ServerContext* context,
                     const v1::QuoteRequest* request,
                     v1::QuoteResponse* response) override;
  grpc::Status QuoteRange(grpc::ServerContext* context,
                          const v1::QuoteRangeRequest* request,
                          v1::QuoteRangeResponse* response) override;
  grpc::Status CheckOffer(grpc::ServerContext* context,
                          const v1::CheckOfferRequest* request,
                          v1::CheckOfferResponse* response) override;
  grpc::Status GetBenchmark(grpc::ServerContext* context,
                            const v1::GetBenchmarkRequest* request,
                            v1::Benchmark* response) override;

 private:
  // Runs read-only work in a transaction of its own.
  absl::Status Read(const std::function<absl::Status(db::Tx&)>& body);
  // Applies a change once per request_id (common/rpc.h), audited.
  template <typename Response>
  absl::Status Change(
      const auth::Principal& caller, absl::string_view method,
      const google::protobuf::Message& request, absl::string_view request_id,
      Response* response,
      const std::function<absl::StatusOr<std::string>(db::Tx&, Response*)>&
          apply);
  // Today in UK civil time.
  absl::CivilDay Today() const;
  // The framework as the frameworks service describes it; NOT_FOUND names
  // `field`.
  absl::StatusOr<FrameworkSnapshot> Framework(absl::string_view field,
                                              const std::string& framework_id,
                                              bool fresh);
  // Every book of the scope's authority with its provider under its
  // framework, from the cache if there is one.
  absl::StatusOr<ScopeBooks> BooksOf(const Scope& scope);
  // The book that applies to `scope` on `day` with all its cards;
  // FAILED_PRECONDITION naming the scope when none does.
  absl::StatusOr<BookRecord> BookFor(const Scope& scope, absl::CivilDay day);
  // As BookFor, but none is an answer (CheckOffer).
  absl::StatusOr<std::optional<BookRecord>> FindBookFor(const Scope& scope,
                                                        absl::CivilDay day);
  // Drops the cached books of each scope changed (after the change commits).
  void Forget(const std::vector<std::string>& scope_keys);

  absl::Status DoCreatePriceBook(const grpc::ServerContext& context,
                                 const v1::CreatePriceBookRequest& request,
                                 v1::PriceBook* response);
  absl::Status DoGetPriceBook(const grpc::ServerContext& context,
                              const v1::GetPriceBookRequest& request,
                              v1::PriceBook* response);
  absl::Status DoListPriceBooks(const grpc::ServerContext& context,
                                const v1::ListPriceBooksRequest& request,
                                v1::ListPriceBooksResponse* response);
  absl::Status DoAcceptPriceBook(const grpc::ServerContext& context,
                                 const v1::AcceptPriceBookRequest& request,
                                 v1::PriceBook* response);
  absl::Status DoAddRateCard(const grpc::ServerContext& context,
                             const v1::AddRateCardRequest& request,
                             v1::RateCard* response);
  absl::Status DoCorrectRateCard(const grpc::ServerContext& context,
                                 const v1::CorrectRateCardRequest& request,
                                 v1::RateCard* response);
  absl::Status DoApplyUplift(const grpc::ServerContext& context,
                             const v1::ApplyUpliftRequest& request,
                             v1::ApplyUpliftResponse* response);
  absl::Status DoSetPricingPolicy(const grpc::ServerContext& context,
                                  const v1::SetPricingPolicyRequest& request,
                                  v1::PricingPolicy* response);
  absl::Status DoGetPricingPolicy(const grpc::ServerContext& context,
                                  const v1::GetPricingPolicyRequest& request,
                                  v1::PricingPolicy* response);
  absl::Status DoQuote(const grpc::ServerContext& context,
                       const v1::QuoteRequest& request,
                       v1::QuoteResponse* response);
  absl::Status DoQuoteRange(const grpc::ServerContext& context,
                            const v1::QuoteRangeRequest& request,
                            v1::QuoteRangeResponse* response);
  absl::Status DoCheckOffer(const grpc::ServerContext& context,
                            const v1::CheckOfferRequest& request,
                            v1::CheckOfferResponse* response);
  absl::Status DoGetBenchmark(const grpc::ServerContext& context,
                              const v1::GetBenchmarkRequest& request,
                              v1::Benchmark* response);

  db::Pool& pool_;
  PricingStore& store_;
  FrameworksClient& frameworks_;
  ProviderDirectory& providers_;
  const auth::TokenVerifier& verifier_;
  const Clock& clock_;
  BookCache* const cache_;
};

template <typename Response>
inline absl::Status PricingServiceImpl::Change(
    const auth::Principal& caller, absl::string_view method,
    const google::protobuf::Message& request, absl::string_view request_id,
    Response* response,
    const std::function<absl::StatusOr<std::string>(db::Tx&, Response*)>&
        apply) {
  FHUB_RETURN_IF_ERROR(CheckRequestId(request_id));
  return rpc::ApplyChangeOnce<Response>(pool_, caller, clock_.Now(), method,
                                        request, request_id, response, apply);
}

}  // namespace fhub::pricing
