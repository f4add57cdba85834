#pragma once

// One client of referrals_cycle_bench (referrals_cycle.cc): drives whole
// referral cycles through the referrals service's rpcs, as the commissioner
// and each provider would, timing every rpc and checking every answer.

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "bench/referrals_hub.h"
#include "fhub/referrals/v1/referrals.grpc.pb.h"

namespace fhub::bench {

enum Step { kCreate, kSubmit, kOffer, kDecline, kRank, kAward, kSteps };
inline constexpr const char* kStepNames[kSteps] = {
    "CreateReferral",    "SubmitReferral", "MakeOffer",
    "DeclineInvitation", "RankOffers",     "AwardReferral"};
inline constexpr int kCallsPerStep[kSteps] = {
    1, 1, kOffersPerCycle, kHubProviders - kOffersPerCycle, 1, 1};

// The code's name as gRPC spells it ("FAILED_PRECONDITION").
const char* CodeName(grpc::StatusCode code);

// Time spent in each rpc, added up.
struct StepTimes {
  int64_t calls[kSteps] = {};
  int64_t ns[kSteps] = {};
  void Merge(const StepTimes& other) {
    for (int s = 0; s < kSteps; ++s) {
      calls[s] += other.calls[s];
      ns[s] += other.ns[s];
    }
  }
};

// Why a cycle stopped: the rpc, its code ("WRONG_ANSWER" when it answered
// but not as it should), the message.
struct CycleError {
  Step step = kCreate;
  std::string code;
  std::string message;
};

struct Tokens {
  std::string commissioner;
  std::vector<std::string> providers;  // by provider number
};

class CycleClient {
 public:
  CycleClient(const std::shared_ptr<grpc::Channel>& channel,
              const Tokens* tokens, absl::CivilDay start, int id)
      : stub_(referrals::v1::ReferralService::NewStub(channel)),
        tokens_(*tokens),
        id_(id) {
    fhub::ToProto(start, &start_);
  }

  // Cycle number `cycle` from start to placement; false with `error` at the
  // first rpc that fails or answers wrongly. `winner` gets the provider
  // awarded.
  bool Run(int64_t cycle, StepTimes* times, CycleError* error, int* winner);

 private:
  using Stub = referrals::v1::ReferralService::Stub;

  // stub_->*method(request) with a fresh context carrying `authorization`,
  // timed as `step`.
  template <typename Request, typename Response>
  bool Timed(Step step, const std::string& authorization,
             grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&,
                                          Response*),
             const Request& request, Response* response, StepTimes* times,
             CycleError* error) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(10));
    context.AddMetadata("authorization", authorization);
    const auto start = std::chrono::steady_clock::now();
    const grpc::Status status =
        (stub_.get()->*method)(&context, request, response);
    times->ns[step] += (std::chrono::steady_clock::now() - start).count();
    ++times->calls[step];
    if (status.ok()) return true;
    *error = {step, CodeName(status.error_code()), status.error_message()};
    return false;
  }

  static bool Wrong(Step step, std::string what, CycleError* error) {
    *error = {step, "WRONG_ANSWER", std::move(what)};
    return false;
  }

  referrals::v1::Referral Referral(int64_t cycle) const;
  referrals::v1::OfferTerms Offer(int provider, int position) const;

  std::unique_ptr<Stub> stub_;
  const Tokens& tokens_;
  const int id_;
  fhub::common::v1::Date start_;
};

}  // namespace fhub::bench
