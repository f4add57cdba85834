// The book cache: quotes come from memory after the first, and a change by
// anyone - this replica, another replica, or SQL - reaches the next quote.

#include "common/proto_values.h"
#include "tests/integration/pricing_api/fixture.h"

namespace fhub::pricing {
namespace {

// The weekly total quoted for 450 minutes of support at Bootle House for
// Sefton on `date`, or -1 on error.
int64_t WeeklyTotal(v1::PricingService::Stub* stub, const std::string& token,
                    const std::string& date) {
  v1::QuoteRequest request;
  request.mutable_scope()->set_authority("authorities/sefton");
  request.mutable_scope()->set_provider("providers/bootle-house");
  request.mutable_scope()->set_framework(kNw);
  request.mutable_scope()->set_lot_id("lot-1");
  ParseDate(date, request.mutable_date());
  request.mutable_package()->set_support_minutes_per_week(450);
  v1::QuoteResponse response;
  grpc::Status status =
      stub->Quote(testing::CallContext(token).get(), request, &response);
  return status.ok() ? response.weekly_total_pence() : -1;
}

TEST_F(PricingApiTest, QuotesComeFromMemoryAndSeeThisReplicasChangesAtOnce) {
  v1::PriceBook book = AcceptedBook("sefton", "bootle-house");
  // The notifications of setting the book up arrive on their own time and
  // each drops the scope again; once they have, quotes come from memory.
  const absl::Time deadline = absl::Now() + absl::Seconds(5);
  while (cache_->hits() == 0 && absl::Now() < deadline) {
    EXPECT_EQ(WeeklyTotal(stub_.get(), Service(), "2027-05-01"), 98875);
  }
  EXPECT_GT(cache_->hits(), 0);
  EXPECT_EQ(WeeklyTotal(stub_.get(), Service(), "2026-12-07"), 98875);

  // A new card from April 2027 is quoted by the very next call.
  Rates next;
  next.accommodation_weekly = 90000;
  v1::RateCard card;
  ASSERT_THAT(AddCard(Commissioner("sefton"), book.name(),
                      Card(next, "2027-04-01"), &card),
              GrpcOk());
  EXPECT_EQ(WeeklyTotal(stub_.get(), Service(), "2027-05-01"), 103875);
  // And so is its correction.
  v1::CorrectRateCardRequest correct;
  next.accommodation_weekly = 91000;
  *correct.mutable_rate_card() = Card(next);
  correct.mutable_rate_card()->set_name(card.name());
  correct.set_request_id(NextRequestId());
  v1::RateCard corrected;
  ASSERT_THAT(
      stub_->CorrectRateCard(testing::CallContext(Commissioner("sefton")).get(),
                             correct, &corrected),
      GrpcOk());
  EXPECT_EQ(WeeklyTotal(stub_.get(), Service(), "2027-05-01"), 104875);
  // The past is unchanged.
  EXPECT_EQ(WeeklyTotal(stub_.get(), Service(), "2026-12-07"), 98875);
}

TEST_F(PricingApiTest, AChangeMadeElsewhereReachesTheCacheThroughNotification) {
  v1::PriceBook book = AcceptedBook("sefton", "bootle-house");
  Rates next;
  next.accommodation_weekly = 90000;
  ASSERT_THAT(
      AddCard(Commissioner("sefton"), book.name(), Card(next, "2027-04-01")),
      GrpcOk());
  EXPECT_EQ(WeeklyTotal(stub_.get(), Service(), "2027-05-01"), 103875);
  EXPECT_EQ(WeeklyTotal(stub_.get(), Service(), "2027-05-01"), 103875);

  // Another replica (here plain SQL, which fires the same trigger) corrects
  // the future card; this replica never hears of it but by notification.
  testing::ExecAdmin(db_.dsn(),
                     "UPDATE pricing.rate_cards SET accommodation_weekly_pence "
                     "= 95000 WHERE price_book_id = 1 AND version = 2");
  int64_t total = 0;
  const absl::Time deadline = absl::Now() + absl::Seconds(5);
  do {
    total = WeeklyTotal(stub_.get(), Service(), "2027-05-01");
    if (total != 103875) break;
    absl::SleepFor(absl::Milliseconds(10));
  } while (absl::Now() < deadline);
  EXPECT_EQ(total, 108875);
}

TEST_F(PricingApiTest, WithoutItsListenerTheCacheIsBypassed) {
  AcceptedBook("sefton", "bootle-house");
  // A cache whose listener cannot connect caches nothing and still answers.
  BookCacheOptions options;
  options.database_url = "host=/nonexistent dbname=none connect_timeout=1";
  BookCache offline(options);
  offline.Start();
  EXPECT_FALSE(offline.WaitUntilListening(absl::Milliseconds(200)));
  PricingServiceImpl replica(pool_.get(), &store_, frameworks_client_.get(),
                             providers_.get(), verifier_.get(), &clock_,
                             &offline);
  std::unique_ptr<Server> server = testing::StartLoopbackServer(&replica);
  auto stub = v1::PricingService::NewStub(testing::LoopbackChannel(*server));
  EXPECT_EQ(WeeklyTotal(stub.get(), Service(), "2026-12-07"), 98875);
  EXPECT_EQ(WeeklyTotal(stub.get(), Service(), "2026-12-07"), 98875);
  EXPECT_EQ(offline.hits(), 0);
  EXPECT_EQ(offline.misses(), 2);
  server->Shutdown();
}

}  // namespace
}  // namespace fhub::pricing
