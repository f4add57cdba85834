#pragma once

// What the referrals service asks the registry and pricing, over gRPC as a
// SERVICE with a deadline. When a peer cannot answer, the caller's own call
// fails with UNAVAILABLE naming it and changes nothing; NOT_FOUND passes
// through naming the field asked about (common/clients/frameworks_client.h,
// FromPeer).

#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "fhub/pricing/v1/pricing.grpc.pb.h"
#include "fhub/registry/v1/registry.grpc.pb.h"
#include "services/referrals/domain/model.h"

namespace fhub::referrals {

struct PeerOptions {
  std::shared_ptr<grpc::Channel> channel;
  // The "authorization" metadata of each call (ServiceTokenSource).
  std::function<absl::StatusOr<std::string>()> authorization;
  absl::Duration deadline = absl::Seconds(2);
};

// One provider the registry found eligible for a referral.
struct Eligible {
  std::string provider_id;
  std::string setting_id;
  double distance_miles = 0;
  double quality_score = 0;
};

// A setting as the registry describes it.
struct SettingFacts {
  std::string provider_id;
  std::string setting_id;
  int capacity = 0;
  double latitude = 0;
  double longitude = 0;
  // "framework_id/lot_id" of each lot it serves.
  std::vector<std::string> lots;
  bool Serves(absl::string_view framework_id, absl::string_view lot_id) const;
};

class Registry {
 public:
  virtual ~Registry() = default;
  // The providers eligible for `referral` (its lot, home, greatest distance
  // and wanted start), as the referring authority would see them; at most
  // 500.
  virtual absl::StatusOr<std::vector<Eligible>> SearchEligible(
      const Referral& referral) = 0;
  // The setting; NOT_FOUND naming `field`.
  virtual absl::StatusOr<SettingFacts> Setting(
      absl::string_view field, const std::string& provider_id,
      const std::string& setting_id) = 0;
};

// How an offer's rates stand against the authority's price book.
struct PriceCheck {
  // Above the book, or with no book, where the authority allows spot
  // prices.
  bool spot_price = false;
  // The book compared against, "priceBooks/{n}", if any.
  std::string price_book;
};

class Pricing {
 public:
  virtual ~Pricing() = default;
  // Checks the offered rates of `provider_id` at `setting_id` for the
  // referral's authority, framework and lot on `day`.
  // FAILED_PRECONDITION naming each component above the book (or saying
  // there is no book) unless the authority allows spot prices.
  virtual absl::StatusOr<PriceCheck> CheckOffer(
      const Referral& referral, const std::string& provider_id,
      const std::string& setting_id, absl::CivilDay day,
      int64_t accommodation_weekly_pence, int64_t support_hourly_pence) = 0;
};

class GrpcRegistry : public Registry {
 public:
  explicit GrpcRegistry(PeerOptions options);
  absl::StatusOr<std::vector<Eligible>> SearchEligible(
      const Referral& referral) override;
  absl::StatusOr<SettingFacts> Setting(absl::string_view field,
                                       const std::string& provider_id,
                                       const std::string& setting_id) override;

 private:
  PeerOptions options_;
  std::unique_ptr<registry::v1::RegistryService::Stub> stub_;
};

class GrpcPricing : public Pricing {
 public:
  explicit GrpcPricing(PeerOptions options);
  absl::StatusOr<PriceCheck> CheckOffer(const Referral& referral,
                                        const std::string& provider_id,
                                        const std::string& setting_id,
                                        absl::CivilDay day,
                                        int64_t accommodation_weekly_pence,
                                        int64_t support_hourly_pence) override;

 private:
  // Whether the authority accepts offers above its books.
  absl::StatusOr<bool> AllowsSpotPrices(const std::string& authority_id);

  PeerOptions options_;
  std::unique_ptr<pricing::v1::PricingService::Stub> stub_;
};

}  // namespace fhub::referrals
