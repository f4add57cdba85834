// Webhooks end to end: endpoints registered through the rpcs, the
// dispatcher reading the service's own outbox and the registry's
// suspensions, and each delivery POSTed over real HTTPS to the receiver of
// webhook_receiver.h, which checks the signature as a council's or
// provider's system would.

#include <cstdlib>
#include <set>

#include "common/testing/status_matchers.h"
#include "services/referrals/api/webhook_dispatcher.h"
#include "services/referrals/storage/webhooks_store.h"
#include "tests/integration/referrals_api/fixture.h"
#include "tests/integration/referrals_api/webhook_receiver.h"

namespace fhub::referrals {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::Received;
using testing::Receiver;
using testing::SequenceOf;
using testing::SignedWith;
using ::testing::SizeIs;

class WebhooksApiTest : public ReferralsApiTest {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(
        absl::StrCat(::testing::TempDir(), "webhooks-", ::getpid()));
    const std::string command = absl::StrCat(
        "mkdir -p ", *dir_,
        " && openssl req -x509 -newkey rsa:2048 -nodes -days 1 "
        "-subj /CN=localhost -addext "
        "subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout ",
        *dir_, "/key.pem -out ", *dir_, "/cert.pem >/dev/null 2>&1");
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
  }
  static void TearDownTestSuite() {
    (void)std::system(absl::StrCat("rm -rf ", *dir_).c_str());
    delete dir_;
  }

  void SetUp() override {
    ReferralsApiTest::SetUp();
    receiver_ =
        std::make_unique<Receiver>(*dir_ + "/cert.pem", *dir_ + "/key.pem");
    options_.ca_file = *dir_ + "/cert.pem";
    options_.poll = absl::Milliseconds(20);
    options_.timeout = absl::Seconds(5);
    options_.allow_private_addresses = true;  // the receiver is on loopback
  }
  void TearDown() override {
    for (auto& d : dispatchers_) d->Stop();
    dispatchers_.clear();
    receiver_.reset();
  }

  // Starts a dispatcher (a replica's) sending with the real HTTPS sender.
  WebhookDispatcher& StartDispatcher() {
    dispatchers_.push_back(std::make_unique<WebhookDispatcher>(
        pool_.get(), &store_, &webhooks_, &clock_, options_,
        HttpsWebhookSender(options_)));
    dispatchers_.back()->Start();
    return *dispatchers_.back();
  }

  grpc::Status CreateEndpoint(const std::string& token,
                              const std::string& parent, const std::string& url,
                              std::vector<v1::WebhookEventType> types,
                              v1::WebhookEndpoint* out,
                              const std::string& request_id = "") {
    v1::CreateWebhookEndpointRequest request;
    request.set_parent(parent);
    request.mutable_webhook_endpoint()->set_url(url);
    for (v1::WebhookEventType t : types) {
      request.mutable_webhook_endpoint()->add_event_types(t);
    }
    request.mutable_webhook_endpoint()->set_description("case system");
    request.set_request_id(request_id.empty() ? NextRequestId() : request_id);
    return stub_->CreateWebhookEndpoint(testing::CallContext(token).get(),
                                        request, out);
  }
  // Registers `types` for `parent` at the receiver's `path`; asserts.
  v1::WebhookEndpoint Registered(const std::string& token,
                                 const std::string& parent,
                                 const std::string& path,
                                 std::vector<v1::WebhookEventType> types) {
    v1::WebhookEndpoint endpoint;
    EXPECT_THAT(CreateEndpoint(token, parent, receiver_->Url(path),
                               std::move(types), &endpoint),
                GrpcOk());
    return endpoint;
  }
  grpc::Status DeleteEndpoint(const std::string& token, const std::string& name,
                              v1::WebhookEndpoint* out = nullptr) {
    v1::DeleteWebhookEndpointRequest request;
    request.set_name(name);
    request.set_request_id(NextRequestId());
    v1::WebhookEndpoint ignored;
    return stub_->DeleteWebhookEndpoint(testing::CallContext(token).get(),
                                        request, out ? out : &ignored);
  }
  grpc::Status Deliveries(const std::string& token, const std::string& parent,
                          v1::ListWebhookDeliveriesResponse* out,
                          int page_size = 0,
                          const std::string& page_token = "") {
    v1::ListWebhookDeliveriesRequest request;
    request.set_parent(parent);
    request.set_page_size(page_size);
    request.set_page_token(page_token);
    return stub_->ListWebhookDeliveries(testing::CallContext(token).get(),
                                        request, out);
  }

  // Waits (up to 10 s) until `path` has had `count` POSTs.
  std::vector<Received> WaitFor(const std::string& path, size_t count) {
    std::vector<Received> got;
    for (int i = 0; i < 500; ++i) {
      got = receiver_->At(path);
      if (got.size() >= count) break;
      absl::SleepFor(absl::Milliseconds(20));
    }
    return got;
  }
  // Waits until the endpoint's newest delivery is in `state`.
  v1::WebhookDelivery WaitForState(const std::string& token,
                                   const std::string& endpoint,
                                   v1::WebhookDeliveryState state) {
    v1::ListWebhookDeliveriesResponse list;
    for (int i = 0; i < 500; ++i) {
      EXPECT_THAT(Deliveries(token, endpoint, &list), GrpcOk());
      if (list.deliveries_size() > 0 && list.deliveries(0).state() == state) {
        break;
      }
      absl::SleepFor(absl::Milliseconds(20));
    }
    return list.deliveries_size() > 0 ? list.deliveries(0)
                                      : v1::WebhookDelivery();
  }

  static std::vector<v1::WebhookEventType> TypesOf(
      const std::vector<Received>& got) {
    std::vector<v1::WebhookEventType> out;
    for (const Received& r : got) out.push_back(r.notification.type());
    return out;
  }

  static std::string* dir_;
  std::unique_ptr<Receiver> receiver_;
  WebhookOptions options_;
  WebhooksStore webhooks_;
  std::vector<std::unique_ptr<WebhookDispatcher>> dispatchers_;
};

std::string* WebhooksApiTest::dir_ = nullptr;

TEST_F(WebhooksApiTest, AnAwardReachesTheProviderAndTheAuthoritySignedInOrder) {
  const v1::WebhookEndpoint bootle = Registered(
      ProviderUser("bootle-house"), "providers/bootle-house", "/bootle",
      {v1::WEBHOOK_INVITATION_RECEIVED, v1::WEBHOOK_OFFER_AWARDED,
       v1::WEBHOOK_PLACEMENT_STARTED});
  const v1::WebhookEndpoint sefton =
      Registered(Commissioner(), "authorities/sefton", "/sefton",
                 {v1::WEBHOOK_OFFER_MADE, v1::WEBHOOK_PLACEMENT_STARTED});
  EXPECT_THAT(bootle.name(), HasSubstr("providers/bootle-house/"
                                       "webhookEndpoints/"));
  EXPECT_THAT(bootle.secret(), ::testing::MatchesRegex("whsec_[0-9a-f]{64}"));
  EXPECT_NE(bootle.secret(), sefton.secret());
  StartDispatcher();

  const v1::Placement placement = Awarded("bootle-house");
  const absl::Time awarded = absl::Now();

  const std::vector<Received> to_bootle = WaitFor("/bootle", 3);
  const std::vector<Received> to_sefton = WaitFor("/sefton", 2);
  ASSERT_THAT(to_bootle, SizeIs(3));
  ASSERT_THAT(to_sefton, SizeIs(2));
  EXPECT_THAT(TypesOf(to_bootle), ElementsAre(v1::WEBHOOK_INVITATION_RECEIVED,
                                              v1::WEBHOOK_OFFER_AWARDED,
                                              v1::WEBHOOK_PLACEMENT_STARTED));
  EXPECT_THAT(TypesOf(to_sefton), ElementsAre(v1::WEBHOOK_OFFER_MADE,
                                              v1::WEBHOOK_PLACEMENT_STARTED));
  for (const auto* got : {&to_bootle, &to_sefton}) {
    const std::string& secret =
        got == &to_bootle ? bootle.secret() : sefton.secret();
    int64_t previous = 0;
    for (const Received& r : *got) {
      EXPECT_TRUE(SignedWith(r, secret)) << r.signature;
      EXPECT_FALSE(
          SignedWith(r, got == &to_bootle ? sefton.secret() : bootle.secret()));
      EXPECT_EQ(r.event, r.notification.event());
      EXPECT_GT(SequenceOf(r.event), previous) << "in the outbox's order";
      previous = SequenceOf(r.event);
      EXPECT_EQ(r.notification.framework(), kNw);
      EXPECT_EQ(r.notification.authority(), "authorities/sefton");
      EXPECT_EQ(r.notification.provider(), "providers/bootle-house");
      EXPECT_THAT(r.delivery, HasSubstr("/deliveries/"));
    }
  }
  EXPECT_EQ(to_bootle.back().notification.resource(), placement.name());
  EXPECT_EQ(to_sefton.back().notification.resource(), placement.name());
  EXPECT_EQ(to_bootle.back().event, to_sefton.back().event)
      << "one event, told to both";
  std::cout << "award to delivery: "
            << absl::ToDoubleMilliseconds(to_bootle.back().at - awarded)
            << " ms\n";

  v1::WebhookDelivery delivered = WaitForState(
      ProviderUser("bootle-house"), bootle.name(), v1::WEBHOOK_DELIVERED);
  EXPECT_EQ(delivered.attempts(), 1);
  EXPECT_EQ(delivered.last_status_code(), 200);
  EXPECT_EQ(delivered.type(), v1::WEBHOOK_PLACEMENT_STARTED);
  EXPECT_TRUE(delivered.has_deliver_time());
  // Nobody else was told: the other providers registered nothing.
  EXPECT_EQ(receiver_->Count(), 5);
}

TEST_F(WebhooksApiTest, AnUnansweredDeliveryIsTriedAgainAndHoldsBackTheNext) {
  const v1::WebhookEndpoint sefton =
      Registered(Commissioner(), "authorities/sefton", "/sefton",
                 {v1::WEBHOOK_OFFER_MADE, v1::WEBHOOK_PLACEMENT_STARTED});
  receiver_->Answer({500});
  StartDispatcher();
  Awarded("bootle-house");

  // The offer's delivery is answered 500 and waits the first retry delay;
  // the placement's waits behind it.
  ASSERT_THAT(WaitFor("/sefton", 1), SizeIs(1));
  v1::ListWebhookDeliveriesResponse list;
  for (int i = 0; i < 200; ++i) {
    ASSERT_THAT(Deliveries(Commissioner(), sefton.name(), &list), GrpcOk());
    if (list.deliveries_size() == 2 && list.deliveries(1).attempts() == 1 &&
        list.deliveries(1).last_status_code() == 500) {
      break;
    }
    absl::SleepFor(absl::Milliseconds(20));
  }
  ASSERT_THAT(list.deliveries(), SizeIs(2));
  const v1::WebhookDelivery& offer = list.deliveries(1);  // newest first
  EXPECT_EQ(offer.type(), v1::WEBHOOK_OFFER_MADE);
  EXPECT_EQ(offer.state(), v1::WEBHOOK_DELIVERY_PENDING);
  EXPECT_EQ(offer.last_status_code(), 500);
  EXPECT_THAT(offer.last_error(), HasSubstr("answered 500"));
  EXPECT_EQ(FromProto(offer.next_attempt_time()),
            clock_.Now() + absl::Seconds(5));
  EXPECT_EQ(list.deliveries(0).attempts(), 0);
  absl::SleepFor(absl::Milliseconds(300));
  EXPECT_THAT(receiver_->At("/sefton"), SizeIs(1)) << "nothing before due";

  clock_.Advance(absl::Seconds(5));
  const std::vector<Received> got = WaitFor("/sefton", 3);
  ASSERT_THAT(got, SizeIs(3));
  EXPECT_EQ(got[1].event, got[0].event) << "the same event again";
  EXPECT_EQ(got[1].body, got[0].body);
  EXPECT_EQ(got[1].delivery, got[0].delivery);
  EXPECT_TRUE(SignedWith(got[1], sefton.secret()));
  EXPECT_EQ(got[2].notification.type(), v1::WEBHOOK_PLACEMENT_STARTED);
  const v1::WebhookDelivery last =
      WaitForState(Commissioner(), sefton.name(), v1::WEBHOOK_DELIVERED);
  EXPECT_EQ(last.type(), v1::WEBHOOK_PLACEMENT_STARTED);
  ASSERT_THAT(Deliveries(Commissioner(), sefton.name(), &list), GrpcOk());
  EXPECT_EQ(list.deliveries(1).state(), v1::WEBHOOK_DELIVERED);
  EXPECT_EQ(list.deliveries(1).attempts(), 2);
}

TEST_F(WebhooksApiTest, ADeliveryIsGivenUpAfterItsLastAttempt) {
  options_.retry.attempts = 2;
  const v1::WebhookEndpoint sefton =
      Registered(Commissioner(), "authorities/sefton", "/sefton",
                 {v1::WEBHOOK_OFFER_MADE});
  receiver_->Answer({503, 503});
  StartDispatcher();
  const v1::Referral referral = Submitted();
  ASSERT_THAT(MakeOffer(ProviderUser("bootle-house"),
                        InvitationOf(referral.name(), "bootle-house"),
                        Offer("bootle-house")),
              GrpcOk());
  ASSERT_THAT(WaitFor("/sefton", 1), SizeIs(1));
  absl::SleepFor(absl::Milliseconds(200));
  clock_.Advance(absl::Seconds(5));
  const v1::WebhookDelivery failed =
      WaitForState(Commissioner(), sefton.name(), v1::WEBHOOK_DELIVERY_FAILED);
  EXPECT_EQ(failed.attempts(), 2);
  EXPECT_EQ(failed.last_status_code(), 503);
  EXPECT_FALSE(failed.has_next_attempt_time());
  clock_.Advance(absl::Hours(2));
  absl::SleepFor(absl::Milliseconds(300));
  EXPECT_THAT(receiver_->At("/sefton"), SizeIs(2)) << "given up";
}

TEST_F(WebhooksApiTest, TwoReplicasSendEachDeliveryOnce) {
  Registered(ProviderUser("bootle-house"), "providers/bootle-house", "/bootle",
             {v1::WEBHOOK_INVITATION_RECEIVED});
  StartDispatcher();
  StartDispatcher();
  for (int i = 0; i < 4; ++i) Submitted();
  const std::vector<Received> got = WaitFor("/bootle", 4);
  absl::SleepFor(absl::Milliseconds(500));
  ASSERT_THAT(receiver_->At("/bootle"), SizeIs(4));
  std::set<std::string> events;
  for (const Received& r : got) events.insert(r.event);
  EXPECT_THAT(events, SizeIs(4));
  EXPECT_EQ(CountRows("webhook_deliveries", "state = 'DELIVERED'"), 4);
}

TEST_F(WebhooksApiTest, ASuspensionIsToldToTheProviderAndTheAuthority) {
  Registered(ProviderUser("crosby-care"), "providers/crosby-care", "/crosby",
             {v1::WEBHOOK_PROVIDER_SUSPENDED});
  Registered(Commissioner(), "authorities/sefton", "/sefton",
             {v1::WEBHOOK_PROVIDER_SUSPENDED});
  Registered(Commissioner("wirral"), "authorities/wirral", "/wirral",
             {v1::WEBHOOK_PROVIDER_SUSPENDED});
  StartDispatcher();
  ASSERT_THAT(story_->SuspendForMember("sefton", "crosby-care"), GrpcOk());
  const std::vector<Received> to_crosby = WaitFor("/crosby", 1);
  const std::vector<Received> to_sefton = WaitFor("/sefton", 1);
  ASSERT_THAT(to_crosby, SizeIs(1));
  ASSERT_THAT(to_sefton, SizeIs(1));
  EXPECT_EQ(to_crosby[0].notification.type(), v1::WEBHOOK_PROVIDER_SUSPENDED);
  EXPECT_THAT(to_crosby[0].event, HasSubstr("events/registry/"));
  EXPECT_EQ(to_sefton[0].event, to_crosby[0].event);
  EXPECT_EQ(to_sefton[0].notification.provider(), "providers/crosby-care");
  absl::SleepFor(absl::Milliseconds(300));
  EXPECT_THAT(receiver_->At("/wirral"), IsEmpty())
      << "a suspension for Sefton alone is Sefton's business";
}

TEST_F(WebhooksApiTest, AFrameworkWideSuspensionIsToldToEveryMemberAlone) {
  Registered(Commissioner(), "authorities/sefton", "/sefton",
             {v1::WEBHOOK_PROVIDER_SUSPENDED});
  Registered(Commissioner("wirral"), "authorities/wirral", "/wirral",
             {v1::WEBHOOK_PROVIDER_SUSPENDED});
  Registered(Commissioner("nottingham"), "authorities/nottingham",
             "/nottingham", {v1::WEBHOOK_PROVIDER_SUSPENDED});
  StartDispatcher();
  ASSERT_THAT(story_->SuspendFrameworkWide("crosby-care"), GrpcOk());
  const std::vector<Received> to_sefton = WaitFor("/sefton", 1);
  const std::vector<Received> to_wirral = WaitFor("/wirral", 1);
  ASSERT_THAT(to_sefton, SizeIs(1));
  ASSERT_THAT(to_wirral, SizeIs(1));
  EXPECT_EQ(to_sefton[0].event, to_wirral[0].event);
  EXPECT_EQ(to_wirral[0].notification.provider(), "providers/crosby-care");
  absl::SleepFor(absl::Milliseconds(300));
  EXPECT_THAT(receiver_->At("/nottingham"), IsEmpty())
      << "not a member of the framework";
}

TEST_F(WebhooksApiTest, ADeletedEndpointIsSentNothingAndEarlierEventsNeither) {
  Submitted();  // before any endpoint: never sent
  clock_.Advance(absl::Seconds(1));
  const v1::WebhookEndpoint gone =
      Registered(ProviderUser("bootle-house"), "providers/bootle-house",
                 "/gone", {v1::WEBHOOK_INVITATION_RECEIVED});
  const v1::WebhookEndpoint kept =
      Registered(ProviderUser("bootle-house"), "providers/bootle-house",
                 "/kept", {v1::WEBHOOK_INVITATION_RECEIVED});
  v1::WebhookEndpoint deleted;
  ASSERT_THAT(
      DeleteEndpoint(ProviderUser("bootle-house"), gone.name(), &deleted),
      GrpcOk());
  EXPECT_TRUE(deleted.has_delete_time());
  EXPECT_TRUE(deleted.secret().empty());
  EXPECT_THAT(DeleteEndpoint(ProviderUser("bootle-house"), gone.name()),
              GrpcIs(grpc::StatusCode::FAILED_PRECONDITION, "already deleted"));
  EXPECT_THAT(DeleteEndpoint(ProviderUser("bootle-house"),
                             "providers/bootle-house/webhookEndpoints/999"),
              GrpcIs(grpc::StatusCode::NOT_FOUND, "not found"));

  StartDispatcher();
  Submitted();
  ASSERT_THAT(WaitFor("/kept", 1), SizeIs(1));
  absl::SleepFor(absl::Milliseconds(300));
  EXPECT_THAT(receiver_->At("/kept"), SizeIs(1));
  EXPECT_THAT(receiver_->At("/gone"), IsEmpty());

  v1::ListWebhookEndpointsRequest request;
  request.set_parent("providers/bootle-house");
  v1::ListWebhookEndpointsResponse list;
  ASSERT_THAT(stub_->ListWebhookEndpoints(
                  testing::CallContext(ProviderUser("bootle-house")).get(),
                  request, &list),
              GrpcOk());
  ASSERT_THAT(list.webhook_endpoints(), SizeIs(2));
  EXPECT_EQ(list.webhook_endpoints(0).name(), gone.name());
  EXPECT_TRUE(list.webhook_endpoints(0).has_delete_time());
  for (const v1::WebhookEndpoint& e : list.webhook_endpoints()) {
    EXPECT_TRUE(e.secret().empty()) << "the secret is shown once";
  }
}

TEST_F(WebhooksApiTest, OnlyTheOwnerRegistersAndBadEndpointsAreRefused) {
  const std::string url = receiver_->Url("/x");
  v1::WebhookEndpoint out;
  EXPECT_THAT(
      CreateEndpoint(ProviderUser("mersey-living"), "providers/bootle-house",
                     url, {v1::WEBHOOK_INVITATION_RECEIVED}, &out),
      GrpcIs(grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_THAT(CreateEndpoint(Commissioner("wirral"), "authorities/sefton", url,
                             {v1::WEBHOOK_OFFER_MADE}, &out),
              GrpcIs(grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_THAT(CreateEndpoint(ProviderUser("bootle-house"), "authorities/sefton",
                             url, {v1::WEBHOOK_OFFER_MADE}, &out),
              GrpcIs(grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_THAT(CreateEndpoint(Commissioner(), "frameworks/nw-16plus", url,
                             {v1::WEBHOOK_OFFER_MADE}, &out),
              GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "parent"));
  EXPECT_THAT(
      CreateEndpoint(Commissioner(), "authorities/sefton",
                     "http://localhost/in", {v1::WEBHOOK_OFFER_MADE}, &out),
      GrpcIs(grpc::StatusCode::INVALID_ARGUMENT,
             "webhook_endpoint.url: must be an https:// URL"));
  EXPECT_THAT(
      CreateEndpoint(Commissioner(), "authorities/sefton", url, {}, &out),
      GrpcIs(grpc::StatusCode::INVALID_ARGUMENT,
             "webhook_endpoint.event_types"));
  EXPECT_THAT(CreateEndpoint(Commissioner(), "authorities/sefton", url,
                             {v1::WEBHOOK_INVITATION_RECEIVED}, &out),
              GrpcIs(grpc::StatusCode::INVALID_ARGUMENT,
                     "event_types[0]: is never sent to an authority"));
  EXPECT_THAT(CreateEndpoint(Commissioner(), "authorities/sefton", url,
                             {static_cast<v1::WebhookEventType>(99)}, &out),
              GrpcIs(grpc::StatusCode::INVALID_ARGUMENT,
                     "is not a webhook event type"));
  EXPECT_EQ(CountRows("webhook_endpoints"), 0) << "nothing stored";

  // The same request again answers the same endpoint; nothing is added.
  v1::WebhookEndpoint first;
  v1::WebhookEndpoint again;
  ASSERT_THAT(CreateEndpoint(Commissioner(), "authorities/sefton", url,
                             {v1::WEBHOOK_OFFER_MADE}, &first, "wh-1"),
              GrpcOk());
  ASSERT_THAT(CreateEndpoint(Commissioner(), "authorities/sefton", url,
                             {v1::WEBHOOK_OFFER_MADE}, &again, "wh-1"),
              GrpcOk());
  EXPECT_EQ(again.name(), first.name());
  EXPECT_EQ(CountRows("webhook_endpoints"), 1);

  // Another organisation can neither list, read the deliveries of, nor
  // delete it.
  v1::ListWebhookEndpointsRequest list_request;
  list_request.set_parent("authorities/sefton");
  v1::ListWebhookEndpointsResponse list;
  EXPECT_THAT(stub_->ListWebhookEndpoints(
                  testing::CallContext(Commissioner("wirral")).get(),
                  list_request, &list),
              GrpcIs(grpc::StatusCode::PERMISSION_DENIED));
  v1::ListWebhookDeliveriesResponse deliveries;
  EXPECT_THAT(Deliveries(Commissioner("wirral"), first.name(), &deliveries),
              GrpcIs(grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_THAT(DeleteEndpoint(Commissioner("wirral"), first.name()),
              GrpcIs(grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_THAT(DeleteEndpoint(Commissioner(), "authorities/sefton/webhooks/1"),
              GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "name"));
  EXPECT_THAT(
      Deliveries(Commissioner(), first.name(), &deliveries, 0, "not-a-token"),
      GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "page_token"));
}

TEST_F(WebhooksApiTest,
       FinishedDeliveriesAreSweptAfterTheRetentionPendingKept) {
  Registered(ProviderUser("bootle-house"), "providers/bootle-house", "/bootle",
             {v1::WEBHOOK_INVITATION_RECEIVED});
  WebhookDispatcher& dispatcher = StartDispatcher();
  Submitted();
  ASSERT_THAT(WaitFor("/bootle", 1), SizeIs(1));
  for (int i = 0;
       i < 100 && CountRows("webhook_deliveries", "state = 'DELIVERED'") != 1;
       ++i) {
    absl::SleepFor(absl::Milliseconds(20));
  }
  receiver_->Answer({500, 500, 500});
  Submitted();
  ASSERT_THAT(WaitFor("/bootle", 2), SizeIs(2));
  ASSERT_EQ(CountRows("webhook_deliveries"), 2);

  EXPECT_THAT(dispatcher.Sweep(), ::fhub::testing::IsOkAndHolds(0))
      << "nothing is old enough yet";
  clock_.Advance(options_.keep_finished + absl::Hours(1));
  EXPECT_THAT(dispatcher.Sweep(), ::fhub::testing::IsOkAndHolds(1));
  EXPECT_EQ(CountRows("webhook_deliveries", "state = 'DELIVERED'"), 0);
  EXPECT_EQ(CountRows("webhook_deliveries", "state = 'PENDING'"), 1)
      << "still to be delivered";
}

TEST_F(WebhooksApiTest, AnEndpointOnAPrivateAddressIsNotSentTo) {
  options_.allow_private_addresses = false;  // as deployed
  const v1::WebhookEndpoint bootle =
      Registered(ProviderUser("bootle-house"), "providers/bootle-house",
                 "/bootle", {v1::WEBHOOK_INVITATION_RECEIVED});
  StartDispatcher();
  Submitted();
  v1::ListWebhookDeliveriesResponse list;
  for (int i = 0; i < 200; ++i) {
    ASSERT_THAT(Deliveries(ProviderUser("bootle-house"), bootle.name(), &list),
                GrpcOk());
    if (list.deliveries_size() == 1 && list.deliveries(0).attempts() == 1 &&
        !list.deliveries(0).last_error().empty()) {
      break;
    }
    absl::SleepFor(absl::Milliseconds(20));
  }
  ASSERT_THAT(list.deliveries(), SizeIs(1));
  EXPECT_EQ(list.deliveries(0).state(), v1::WEBHOOK_DELIVERY_PENDING);
  EXPECT_THAT(list.deliveries(0).last_error(),
              ::testing::AllOf(HasSubstr("localhost resolves to"),
                               HasSubstr("which is not a public address")));
  EXPECT_EQ(list.deliveries(0).last_status_code(), 0);
  EXPECT_EQ(receiver_->Count(), 0) << "no connection was made";
}

TEST_F(WebhooksApiTest, DeliveriesArePagedNewestFirst) {
  const v1::WebhookEndpoint bootle =
      Registered(ProviderUser("bootle-house"), "providers/bootle-house",
                 "/bootle", {v1::WEBHOOK_INVITATION_RECEIVED});
  StartDispatcher();
  for (int i = 0; i < 3; ++i) Submitted();
  ASSERT_THAT(WaitFor("/bootle", 3), SizeIs(3));
  const std::string token = ProviderUser("bootle-house");
  v1::ListWebhookDeliveriesResponse page;
  ASSERT_THAT(Deliveries(token, bootle.name(), &page, 2), GrpcOk());
  ASSERT_THAT(page.deliveries(), SizeIs(2));
  ASSERT_FALSE(page.next_page_token().empty());
  v1::ListWebhookDeliveriesResponse rest;
  ASSERT_THAT(
      Deliveries(token, bootle.name(), &rest, 2, page.next_page_token()),
      GrpcOk());
  ASSERT_THAT(rest.deliveries(), SizeIs(1));
  EXPECT_TRUE(rest.next_page_token().empty());
  EXPECT_GT(SequenceOf(page.deliveries(0).event()),
            SequenceOf(page.deliveries(1).event()));
  EXPECT_GT(SequenceOf(page.deliveries(1).event()),
            SequenceOf(rest.deliveries(0).event()));
}

}  // namespace
}  // namespace fhub::referrals
