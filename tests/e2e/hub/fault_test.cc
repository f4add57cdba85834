// Faults under load, with a checker. The four services as processes over a
// durable PostgreSQL cluster (fsync and synchronous commits on); clients
// run referral cycles (create, submit, two offers and a decline, two
// awards of the same referral racing each other) and price changes (rate
// cards), retrying what fails for want of a process with the same
// request_id, as a real client would, and recording every write that was
// acknowledged. Meanwhile each service in turn is killed with SIGKILL and
// started again, then the whole PostgreSQL server (postmaster and
// backends) is, for FHUB_FAULT_ROUNDS rounds (1 by default; the README's
// command runs 3). Then the checker reads the database and every service's
// event stream and reports:
//   lost       acknowledged writes not in the database (goal 0)
//   twice      writes applied twice: referrals of one case reference (goal 0)
//   awards     referrals both of whose racing awards succeeded, and
//              settings given more placements than places (goal 0)
//   gaps       event-stream places missing or repeated (goal 0)
//   recovery   how long each process took to serve again
// The test fails unless the first four are 0.

#include <grpcpp/grpcpp.h>
#include <signal.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <pqxx/pqxx>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "common/proto_values.h"
#include "fhub/frameworks/v1/frameworks.grpc.pb.h"
#include "fhub/pricing/v1/pricing.grpc.pb.h"
#include "fhub/referrals/v1/referrals.grpc.pb.h"
#include "fhub/registry/v1/registry.grpc.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/e2e/hub/hub_processes.h"
#include "tests/support/grpc_matchers.h"
#include "tests/support/hub_story.h"

namespace fhub {
namespace {

using testing::GrpcOk;
namespace fv1 = ::fhub::frameworks::v1;
namespace rv1 = ::fhub::registry::v1;
namespace v1 = ::fhub::referrals::v1;

constexpr const char* kServices[][2] = {
    {"frameworks", "fhub.frameworks.v1.FrameworkService"},
    {"registry", "fhub.registry.v1.RegistryService"},
    {"pricing", "fhub.pricing.v1.PricingService"},
    {"referrals", "fhub.referrals.v1.ReferralService"}};
constexpr const char* kProviders[] = {"bootle-house", "mersey-living",
                                      "crosby-care"};
// Bootle House's places: few, so that awards race for its last one.
constexpr int kBootlePlaces = 60;

// What the clients were told was done, and what went wrong otherwise.
struct Ledger {
  absl::Mutex mu;
  std::vector<std::string> referrals ABSL_GUARDED_BY(mu);   // created
  std::vector<std::string> placements ABSL_GUARDED_BY(mu);  // awarded
  std::vector<absl::CivilDay> cards ABSL_GUARDED_BY(mu);    // added
  int both_awards = 0 ABSL_GUARDED_BY(mu);
  int cycles = 0 ABSL_GUARDED_BY(mu);
  int retries = 0 ABSL_GUARDED_BY(mu);
  // Calls that ended other than OK after their retries, by rpc and code.
  std::map<std::string, int> given_up ABSL_GUARDED_BY(mu);
};

bool Retryable(grpc::StatusCode code) {
  return code == grpc::StatusCode::UNAVAILABLE ||
         code == grpc::StatusCode::DEADLINE_EXCEEDED ||
         code == grpc::StatusCode::RESOURCE_EXHAUSTED ||
         code == grpc::StatusCode::ABORTED;
}

class FaultTest : public HubProcessesTest {
 protected:
  // A channel that reconnects quickly after its server comes back.
  std::shared_ptr<grpc::Channel> FastChannel(const std::string& name) {
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 100);
    args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 100);
    args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 500);
    return grpc::CreateCustomChannel(Address(name),
                                     grpc::InsecureChannelCredentials(), args);
  }

  void StartDurableCluster() {
    ASSERT_EQ(std::system(absl::StrCat(kCluster, " start ", cluster_dir_,
                                       " >/dev/null")
                              .c_str()),
              0);
  }

  // Every postgres process of the cluster, SIGKILLed at once: the server
  // dies as with a crash of its machine, minus the disk's cache.
  void KillPostgres() {
    std::ifstream pid_file(absl::StrCat(cluster_dir_, "/data/postmaster.pid"));
    std::string line;
    std::getline(pid_file, line);
    int postmaster = 0;
    ASSERT_TRUE(absl::SimpleAtoi(line, &postmaster)) << line;
    std::system(absl::StrCat("pkill -KILL -P ", postmaster).c_str());
    kill(postmaster, SIGKILL);
    for (int i = 0; i < 100 && kill(postmaster, 0) == 0; ++i) {
      absl::SleepFor(absl::Milliseconds(20));
    }
  }

  // `call` until it is answered other than for want of a process, with
  // the same request (and so request_id) each time; at most a minute.
  template <typename Call>
  grpc::Status Acked(const std::string& rpc, const std::string& token,
                     const Call& call, bool may_lose = false) {
    const absl::Time give_up = absl::Now() + absl::Seconds(60);
    for (;;) {
      grpc::ClientContext context;
      context.AddMetadata("authorization", "Bearer " + token);
      context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(3)));
      context.set_wait_for_ready(true);
      grpc::Status status = call(&context);
      if (status.ok()) return status;
      if (may_lose &&
          status.error_code() == grpc::StatusCode::FAILED_PRECONDITION) {
        return status;  // the other award won
      }
      if (!Retryable(status.error_code()) || absl::Now() > give_up) {
        absl::MutexLock lock(&ledger_.mu);
        ++ledger_.given_up[absl::StrCat(
            rpc, " ", static_cast<int>(status.error_code()), " ",
            status.error_message())];
        return status;
      }
      {
        absl::MutexLock lock(&ledger_.mu);
        ++ledger_.retries;
      }
      absl::SleepFor(absl::Milliseconds(100));
    }
  }

  // One referral from creation to placement; `n` makes its names.
  void Cycle(int client, int n) {
    const std::string tag = absl::StrCat("fault-", client, "-", n, "-");
    v1::CreateReferralRequest create;
    create.set_parent("authorities/sefton");
    v1::Referral& r = *create.mutable_referral();
    r.set_framework("frameworks/nw-16plus");
    r.set_lot_id("lot-1");
    r.set_case_reference(absl::StrCat("FAULT-", client, "-", n));
    r.set_age(16);
    r.add_needs(v1::GOING_MISSING);
    r.set_support_minutes_per_week(600);
    r.set_accommodation_type(v1::SHARED_HOUSE);
    r.mutable_home_location()->set_latitude(testing::kBootle.latitude);
    r.mutable_home_location()->set_longitude(testing::kBootle.longitude);
    ToProto(clock_.Today() + 14, r.mutable_wanted_start_date());
    r.set_confidential_summary("Fault test.");
    create.set_request_id(tag + "create");
    v1::Referral created;
    if (!Acked("CreateReferral", sefton_, [&](grpc::ClientContext* c) {
           return referrals_->CreateReferral(c, create, &created);
         }).ok()) {
      return;
    }
    {
      absl::MutexLock lock(&ledger_.mu);
      ledger_.referrals.push_back(created.name());
    }
    v1::SubmitReferralRequest submit;
    submit.set_name(created.name());
    submit.set_request_id(tag + "submit");
    v1::Referral submitted;
    if (!Acked("SubmitReferral", sefton_, [&](grpc::ClientContext* c) {
           return referrals_->SubmitReferral(c, submit, &submitted);
         }).ok()) {
      return;
    }
    for (int p = 0; p < 3; ++p) {
      const std::string invitation =
          absl::StrCat(created.name(), "/invitations/", kProviders[p]);
      v1::Invitation answered;
      grpc::Status status;
      if (p < 2) {
        v1::MakeOfferRequest offer;
        offer.set_name(invitation);
        v1::OfferTerms& o = *offer.mutable_offer();
        o.set_setting(absl::StrCat("providers/", kProviders[p], "/settings/main"));
        ToProto(clock_.Today() + 14, o.mutable_available_date());
        o.set_accommodation_weekly_pence(p == 0 ? 80000 : 85000);
        o.set_support_hourly_pence(1850);
        o.set_support_minutes_per_week(600);
        offer.set_request_id(absl::StrCat(tag, "offer-", p));
        status = Acked("MakeOffer", provider_tokens_[p],
                       [&](grpc::ClientContext* c) {
                         return referrals_->MakeOffer(c, offer, &answered);
                       });
      } else {
        v1::DeclineInvitationRequest decline;
        decline.set_name(invitation);
        decline.set_reason(v1::NO_VACANCY);
        decline.set_request_id(absl::StrCat(tag, "decline"));
        status = Acked("DeclineInvitation", provider_tokens_[p],
                       [&](grpc::ClientContext* c) {
                         return referrals_->DeclineInvitation(c, decline,
                                                              &answered);
                       });
      }
      if (!status.ok()) return;
    }
    v1::RankOffersRequest rank;
    rank.set_name(created.name());
    v1::RankOffersResponse ranked;
    if (!Acked("RankOffers", sefton_, [&](grpc::ClientContext* c) {
           return referrals_->RankOffers(c, rank, &ranked);
         }).ok() ||
        ranked.offers_size() == 0) {
      return;
    }
    // Two awards of the referral, racing: at most one may succeed. The
    // first-ranked offer is Bootle House's, whose few places run out, so
    // the racing awards also contest its last place; when it is full the
    // client awards the next offer, with a reason, as an officer would.
    std::atomic<int> awarded{0};
    std::string placement;
    std::string refusal;
    absl::Mutex placement_mu;
    auto award = [&](const std::string& which, int offer) {
      v1::AwardReferralRequest request;
      request.set_name(created.name());
      request.set_invitation(ranked.offers(offer).invitation());
      if (offer > 0) request.set_reason("The first choice has no place left.");
      request.set_request_id(absl::StrCat(tag, "award-", which, "-", offer));
      v1::Placement answer;
      grpc::Status status = Acked(
          "AwardReferral", sefton_,
          [&](grpc::ClientContext* c) {
            return referrals_->AwardReferral(c, request, &answer);
          },
          /*may_lose=*/true);
      absl::MutexLock lock(&placement_mu);
      if (status.ok()) {
        ++awarded;
        placement = answer.name();
      } else {
        refusal = status.error_message();
      }
    };
    for (int offer = 0; offer < ranked.offers_size() && awarded == 0;
         ++offer) {
      std::thread other(award, "b", offer);
      award("a", offer);
      other.join();
      if (refusal.find("no free place") == std::string::npos) break;
    }
    absl::MutexLock lock(&ledger_.mu);
    ++ledger_.cycles;
    if (awarded > 1) ++ledger_.both_awards;
    if (awarded > 0) {
      ledger_.placements.push_back(placement);
    } else {
      ++ledger_.given_up[absl::StrCat("AwardReferral refused: ", refusal)];
    }
  }

  // A rate card on Sefton's book with Bootle House from a day of its own.
  void PriceChange(int n) {
    const absl::CivilDay from = clock_.Today() + 60 + n;
    pv1::AddRateCardRequest add;
    add.set_parent("priceBooks/1");
    ToProto(from, add.mutable_rate_card()->mutable_effective_from());
    add.mutable_rate_card()->set_accommodation_weekly_pence(85000 + n);
    add.mutable_rate_card()->set_support_hourly_pence(1850);
    add.set_request_id(absl::StrCat("fault-card-", n));
    pv1::RateCard card;
    if (Acked("AddRateCard", sefton_, [&](grpc::ClientContext* c) {
          return pricing_->AddRateCard(c, add, &card);
        }).ok()) {
      absl::MutexLock lock(&ledger_.mu);
      ledger_.cards.push_back(from);
    }
  }

  // Kills `name` and starts it again; the time until it serves.
  absl::Duration Restart(int index) {
    const std::string name = kServices[index][0];
    const absl::Time killed = absl::Now();
    processes_[name].child->Signal(SIGKILL);
    processes_[name].child->Wait(absl::Seconds(5));
    Start(name, kServices[index][1]);
    if (!WaitServing(name)) {
      ADD_FAILURE() << name << " did not serve again: "
                    << processes_[name].child->Output();
    }
    return absl::Now() - killed;
  }

  // The time from killing PostgreSQL until the frameworks service reads
  // from it again.
  absl::Duration RestartPostgres() {
    const absl::Time killed = absl::Now();
    KillPostgres();
    StartDurableCluster();
    auto stub = fv1::FrameworkService::NewStub(FastChannel("frameworks"));
    for (int i = 0; i < 300; ++i) {
      grpc::ClientContext context;
      context.AddMetadata("authorization", "Bearer " + sefton_);
      context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(1)));
      fv1::GetFrameworkRequest request;
      request.set_name("frameworks/nw-16plus");
      fv1::Framework framework;
      if (stub->GetFramework(&context, request, &framework).ok()) break;
      absl::SleepFor(absl::Milliseconds(50));
    }
    return absl::Now() - killed;
  }

  // Places read from `schema`'s event stream from the start: missing or
  // repeated ones (any but 1, 2, 3, ... up to the last placed) count.
  int StreamGaps(int index, const std::string& schema, int64_t* read) {
    pqxx::connection admin(admin_dsn_);
    pqxx::work tx(admin);
    // Place whatever committed, then see how far the places go.
    const int64_t last =
        tx.exec1(absl::StrCat("SELECT ", schema, ".outbox_sequence(100000)"))[0]
            .as<int64_t>();
    tx.commit();
    grpc::ClientContext context;
    context.AddMetadata(
        "authorization",
        "Bearer " + Token("services/hub", {Role::kService}));
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
    int gaps = 0;
    int64_t expected = 1;
    *read = 0;
    auto take = [&](int64_t sequence) {
      ++*read;
      if (sequence != expected) ++gaps;
      expected = sequence + 1;
      return sequence < last;
    };
    const std::string channel = kServices[index][0];
    auto reader_channel = FastChannel(channel);
    if (index == 0) {
      auto stub = fv1::FrameworkService::NewStub(reader_channel);
      auto stream = stub->StreamEvents(&context, {});
      fv1::Event e;
      while (last > 0 && stream->Read(&e) && take(e.sequence())) {
      }
      context.TryCancel();
    } else if (index == 1) {
      auto stub = rv1::RegistryService::NewStub(reader_channel);
      auto stream = stub->StreamEvents(&context, {});
      rv1::Event e;
      while (last > 0 && stream->Read(&e) && take(e.sequence())) {
      }
      context.TryCancel();
    } else if (index == 3) {
      auto stub = v1::ReferralService::NewStub(reader_channel);
      auto stream = stub->StreamEvents(&context, {});
      v1::Event e;
      while (last > 0 && stream->Read(&e) && take(e.sequence())) {
      }
      context.TryCancel();
    }
    if (expected != last + 1) ++gaps;  // the stream stopped short
    return gaps;
  }

  Ledger ledger_;
  std::string admin_dsn_;
  std::string sefton_;
  std::vector<std::string> provider_tokens_;
  std::unique_ptr<v1::ReferralService::Stub> referrals_;
  std::unique_ptr<pv1::PricingService::Stub> pricing_;
};

TEST_F(FaultTest, NothingAcknowledgedIsLostWhenProcessesDie) {
  int rounds = 1;
  if (const char* text = std::getenv("FHUB_FAULT_ROUNDS"); text != nullptr) {
    ASSERT_TRUE(absl::SimpleAtoi(text, &rounds) && rounds > 0) << text;
  }
  StartDurableCluster();
  admin_dsn_ = absl::StrCat("host=", cluster_dir_, " dbname=fhub user=fhub_admin");
  for (const auto& service : kServices) Start(service[0], service[1]);
  for (const auto& service : kServices) {
    ASSERT_TRUE(WaitServing(service[0]))
        << processes_[service[0]].child->Output();
  }
  auto frameworks = fv1::FrameworkService::NewStub(FastChannel("frameworks"));
  auto registry = rv1::RegistryService::NewStub(FastChannel("registry"));
  pricing_ = pv1::PricingService::NewStub(FastChannel("pricing"));
  referrals_ = v1::ReferralService::NewStub(FastChannel("referrals"));
  testing::HubStory story(
      frameworks.get(), registry.get(), pricing_.get(),
      [this](const std::string& organisation, std::vector<Role> roles) {
        return testing::TestToken(clock_, organisation, std::move(roles),
                                  absl::StrCat("user@", organisation));
      });
  ASSERT_THAT(story.SetUpNorthWest(), GrpcOk());
  for (const testing::ProviderSpec& p : std::vector<testing::ProviderSpec>{
           {"bootle-house", testing::kBootle, kBootlePlaces, 1, {5, 5}, {5, 4}},
           {"mersey-living", testing::kLiverpool, 500, 1, {4, 4}, {4, 3}},
           {"crosby-care", testing::kCrosby, 500, 1, {3, 3}, {3, 3}}}) {
    ASSERT_THAT(story.AdmitProvider(p), GrpcOk()) << p.id;
    ASSERT_THAT(story.AcceptedBook("sefton", p.id, 85000, 1850), GrpcOk());
  }
  sefton_ = testing::TestToken(clock_, "authorities/sefton",
                               {Role::kCommissioner}, "user@sefton");
  for (const char* p : kProviders) {
    provider_tokens_.push_back(testing::TestToken(
        clock_, absl::StrCat("providers/", p), {Role::kProviderUser},
        absl::StrCat("manager@", p)));
  }

  std::atomic<bool> stop{false};
  std::vector<std::thread> clients;
  for (int c = 0; c < 3; ++c) {
    clients.emplace_back([&, c] {
      for (int n = 0; !stop; ++n) Cycle(c, n);
    });
  }
  clients.emplace_back([&] {
    for (int n = 0; !stop; ++n) {
      PriceChange(n);
      absl::SleepFor(absl::Milliseconds(50));
    }
  });

  std::map<std::string, std::vector<absl::Duration>> recovery;
  absl::SleepFor(absl::Seconds(2));
  for (int round = 0; round < rounds; ++round) {
    for (int s = 0; s < 4; ++s) {
      recovery[kServices[s][0]].push_back(Restart(s));
      absl::SleepFor(absl::Seconds(1));
    }
    recovery["postgresql"].push_back(RestartPostgres());
    absl::SleepFor(absl::Seconds(1));
  }
  absl::SleepFor(absl::Seconds(1));
  stop = true;
  for (std::thread& t : clients) t.join();

  // The checker.
  absl::MutexLock lock(&ledger_.mu);
  pqxx::connection admin(admin_dsn_);
  pqxx::work tx(admin);
  int lost = 0;
  std::set<int64_t> referral_ids;
  for (const pqxx::row& row :
       tx.exec("SELECT referral_id FROM referrals.referrals")) {
    referral_ids.insert(row[0].as<int64_t>());
  }
  auto id_of = [](const std::string& name) {
    int64_t id = 0;
    absl::SimpleAtoi(name.substr(name.rfind('/') + 1), &id);
    return id;
  };
  for (const std::string& name : ledger_.referrals) {
    if (referral_ids.count(id_of(name)) == 0) ++lost;
  }
  std::set<int64_t> placement_ids;
  for (const pqxx::row& row :
       tx.exec("SELECT placement_id FROM referrals.placements")) {
    placement_ids.insert(row[0].as<int64_t>());
  }
  for (const std::string& name : ledger_.placements) {
    if (placement_ids.count(id_of(name)) == 0) ++lost;
  }
  std::set<std::string> card_days;
  for (const pqxx::row& row : tx.exec(
           "SELECT effective_from::text FROM pricing.rate_cards "
           "WHERE price_book_id = 1")) {
    card_days.insert(row[0].as<std::string>());
  }
  for (const absl::CivilDay& day : ledger_.cards) {
    if (card_days.count(absl::FormatCivilTime(day)) == 0) ++lost;
  }
  const int twice =
      tx.exec1("SELECT count(*) FROM (SELECT case_reference FROM "
               "referrals.referrals GROUP BY case_reference "
               "HAVING count(*) > 1) d")[0]
          .as<int>() +
      tx.exec1("SELECT count(*) FROM (SELECT referral_id FROM "
               "referrals.placements GROUP BY referral_id "
               "HAVING count(*) > 1) d")[0]
          .as<int>();
  // Placements beyond a setting's places: two awards of its last place
  // that both succeeded.
  const int over_capacity =
      tx.exec1(absl::StrCat(
                   "SELECT count(*) FROM (SELECT provider_id, count(*) AS n "
                   "FROM referrals.placements GROUP BY provider_id) p WHERE "
                   "(provider_id = 'bootle-house' AND n > ", kBootlePlaces,
                   ") OR n > 500"))[0]
          .as<int>();
  const int bootle_placements =
      tx.exec1("SELECT count(*) FROM referrals.placements "
               "WHERE provider_id = 'bootle-house'")[0]
          .as<int>();
  tx.commit();
  std::map<std::string, std::pair<int, int64_t>> streams;  // gaps, read
  int gaps = 0;
  for (int s : {0, 1, 3}) {
    int64_t read = 0;
    const int g = StreamGaps(s, kServices[s][0], &read);
    streams[kServices[s][0]] = {g, read};
    gaps += g;
  }

  std::string report = absl::StrCat(
      "fault rounds: ", rounds, " (each service SIGKILLed and restarted, then "
      "PostgreSQL)\nacknowledged: ", ledger_.referrals.size(), " referrals, ",
      ledger_.placements.size(), " placements, ", ledger_.cards.size(),
      " rate cards; ", ledger_.cycles, " cycles finished; ", ledger_.retries,
      " retries\nlost ", lost, ", twice ", twice, ", both awards ",
      ledger_.both_awards, ", settings over capacity ", over_capacity,
      " (Bootle House: ", bootle_placements, " of ", kBootlePlaces,
      " places), stream gaps ", gaps, "\n");
  for (const auto& [name, g] : streams) {
    absl::StrAppend(&report, "  stream ", name, ": ", g.second,
                    " events read, ", g.first, " gaps\n");
  }
  for (const auto& [name, times] : recovery) {
    std::vector<std::string> ms;
    for (absl::Duration d : times) {
      ms.push_back(absl::StrCat(absl::ToInt64Milliseconds(d)));
    }
    absl::StrAppend(&report, "  ", name, " served again after ",
                    absl::StrJoin(ms, ", "), " ms\n");
  }
  for (const auto& [what, count] : ledger_.given_up) {
    absl::StrAppend(&report, "  given up ", count, "x: ", what, "\n");
  }
  std::cout << report;
  RecordProperty("report", report);
  EXPECT_EQ(lost, 0) << report;
  EXPECT_EQ(twice, 0) << report;
  EXPECT_EQ(ledger_.both_awards, 0) << report;
  EXPECT_EQ(over_capacity, 0) << report;
  EXPECT_EQ(gaps, 0) << report;
  EXPECT_GT(ledger_.placements.size(), 0u) << report;
}

}  // namespace
}  // namespace fhub
