// Block contracts: places reserved with a provider, filled straight from a
// referral, freed when a placement ends, and counted as place-days.

#include "absl/strings/match.h"
#include "absl/strings/str_replace.h"
#include "common/proto_values.h"
#include "tests/integration/referrals_api/fixture.h"

namespace fhub::referrals {
namespace {

constexpr char kBootleMain[] = "providers/bootle-house/settings/main";

// Two places at Bootle House from 1 December 2026 for a year.
v1::BlockContract SeftonBlock() {
  v1::BlockContract b;
  b.set_provider("providers/bootle-house");
  b.set_framework(kNw);
  b.set_lot_id("lot-1");
  b.add_settings(kBootleMain);
  b.set_places(2);
  ParseDate("2026-12-01", b.mutable_start_date());
  ParseDate("2027-11-30", b.mutable_end_date());
  b.set_weekly_pence_per_place(90000);
  b.set_support_hourly_pence(1900);
  return b;
}

TEST_F(ReferralsApiTest, BlockPlacesFillFromAReferralAndFreeWhenOneEnds) {
  v1::BlockContract block;
  ASSERT_THAT(CreateBlock(Commissioner(), SeftonBlock(), &block), GrpcOk());
  EXPECT_TRUE(
      absl::StartsWith(block.name(), "authorities/sefton/blockContracts/"));
  EXPECT_EQ(block.places(), 2);
  EXPECT_EQ(block.settings_size(), 1);
  v1::ListBlockContractsRequest list;
  list.set_parent("authorities/sefton");
  v1::ListBlockContractsResponse listed;
  ASSERT_THAT(stub_->ListBlockContracts(
                  testing::CallContext(Commissioner()).get(), list, &listed),
              GrpcOk());
  ASSERT_EQ(listed.block_contracts_size(), 1);
  EXPECT_EQ(listed.block_contracts(0).name(), block.name());

  // A DRAFT referral goes straight in, at the block's rates.
  v1::Referral draft;
  ASSERT_THAT(Create(Commissioner(), SampleReferral(), &draft), GrpcOk());
  v1::Placement first;
  ASSERT_THAT(PlaceInBlock(Commissioner(), draft.name(), block.name(),
                           kBootleMain, "", &first),
              GrpcOk());
  EXPECT_EQ(first.block_contract(), block.name());
  EXPECT_EQ(first.provider(), "providers/bootle-house");
  EXPECT_EQ(first.setting(), kBootleMain);
  EXPECT_EQ(DayText(first.start_date()), "2026-12-14");
  EXPECT_EQ(first.accommodation_weekly_pence(), 90000);
  EXPECT_EQ(first.support_hourly_pence(), 1900);
  ASSERT_EQ(first.hours_size(), 1);
  EXPECT_EQ(first.hours(0).support_minutes_per_week(), 600);
  EXPECT_EQ(first.case_reference(), "SEF-2026-0042");
  v1::Referral placed;
  ASSERT_THAT(Get(Commissioner(), draft.name(), &placed), GrpcOk());
  EXPECT_EQ(placed.status(), v1::AWARDED);
  EXPECT_EQ(placed.placement(), first.name());

  // An OPEN referral too: its competition ends, the offer unsuccessful and
  // the unanswered invitations closed.
  const v1::Referral open = Submitted();
  ASSERT_EQ(open.status(), v1::OPEN);
  ASSERT_THAT(MakeOffer(ProviderUser("mersey-living"),
                        InvitationOf(open.name(), "mersey-living"),
                        Offer("mersey-living")),
              GrpcOk());
  v1::Placement second;
  ASSERT_THAT(PlaceInBlock(Commissioner(), open.name(), block.name(),
                           kBootleMain, "", &second),
              GrpcOk());
  ASSERT_THAT(Get(Commissioner(), open.name(), &placed), GrpcOk());
  EXPECT_EQ(placed.status(), v1::AWARDED);
  for (const char* provider :
       {"bootle-house", "mersey-living", "crosby-care", "southport-homes"}) {
    v1::Invitation invitation;
    ASSERT_THAT(GetInvitation(ProviderUser(provider),
                              InvitationOf(open.name(), provider), &invitation),
                GrpcOk());
    EXPECT_EQ(invitation.status(), std::string(provider) == "mersey-living"
                                       ? v1::UNSUCCESSFUL
                                       : v1::CLOSED)
        << provider;
    EXPECT_TRUE(invitation.referral().case_reference().empty()) << provider;
  }
  // Bootle House holds the placement, but not through its invitation.
  v1::ListPlacementsResponse at_bootle;
  ASSERT_THAT(ListPlacements(ProviderUser("bootle-house"),
                             "providers/bootle-house", &at_bootle),
              GrpcOk());
  EXPECT_EQ(at_bootle.placements_size(), 2);

  // Both places are taken.
  v1::Referral third;
  ASSERT_THAT(Create(Commissioner(), SampleReferral(), &third), GrpcOk());
  EXPECT_THAT(
      PlaceInBlock(Commissioner(), third.name(), block.name(), kBootleMain, ""),
      GrpcIs(grpc::StatusCode::FAILED_PRECONDITION, "no free place"));
  ASSERT_THAT(Get(Commissioner(), third.name(), &placed), GrpcOk());
  EXPECT_EQ(placed.status(), v1::DRAFT);
  EXPECT_EQ(CountRows("placements"), 2);

  // The first ends on 31 January: its place is free from 1 February.
  ASSERT_THAT(EndPlacement(Commissioner(), first.name(), "2027-01-31",
                           v1::RETURNED_HOME),
              GrpcOk());
  EXPECT_THAT(PlaceInBlock(Commissioner(), third.name(), block.name(),
                           kBootleMain, "2027-01-31"),
              GrpcIs(grpc::StatusCode::FAILED_PRECONDITION, "no free place"));
  v1::Placement later;
  ASSERT_THAT(PlaceInBlock(Commissioner(), third.name(), block.name(),
                           kBootleMain, "2027-02-01", &later),
              GrpcOk());
  EXPECT_EQ(DayText(later.start_date()), "2027-02-01");

  // December to February, 31 + 31 + 28 = 90 days of 2 places = 180:
  //   first  2026-12-14 .. 2027-01-31: 18 + 31      = 49 days
  //   second 2026-12-14 .. 2027-02-28: 18 + 31 + 28 = 77 days
  //   third  2027-02-01 .. 2027-02-28:               28 days
  // occupied 154, empty 26; on 28 February both places are taken.
  v1::BlockOccupancy occupancy;
  ASSERT_THAT(Occupancy(Commissioner(), block.name(), "2026-12-01",
                        "2027-02-28", &occupancy),
              GrpcOk());
  EXPECT_EQ(occupancy.block_contract(), block.name());
  EXPECT_EQ(occupancy.contract_days(), 90);
  EXPECT_EQ(occupancy.place_days(), 180);
  EXPECT_EQ(occupancy.occupied_place_days(), 154);
  EXPECT_EQ(occupancy.empty_place_days(), 26);
  EXPECT_EQ(occupancy.occupied_on_last_day(), 2);
  EXPECT_EQ(occupancy.free_on_last_day(), 0);

  // Partly after the contract: November 2027 counts (30 days, both places
  // occupied), December not; the last day is outside the contract.
  ASSERT_THAT(Occupancy(Commissioner(), block.name(), "2027-11-01",
                        "2027-12-31", &occupancy),
              GrpcOk());
  EXPECT_EQ(occupancy.contract_days(), 30);
  EXPECT_EQ(occupancy.place_days(), 60);
  EXPECT_EQ(occupancy.occupied_place_days(), 60);
  EXPECT_EQ(occupancy.empty_place_days(), 0);
  EXPECT_EQ(occupancy.occupied_on_last_day(), 0);
  EXPECT_EQ(occupancy.free_on_last_day(), 0);

  // Before the first placement only the empty places count.
  ASSERT_THAT(Occupancy(Commissioner(), block.name(), "2026-12-01",
                        "2026-12-13", &occupancy),
              GrpcOk());
  EXPECT_EQ(occupancy.place_days(), 26);
  EXPECT_EQ(occupancy.occupied_place_days(), 0);
  EXPECT_EQ(occupancy.free_on_last_day(), 2);
}

TEST_F(ReferralsApiTest, ABadBlockContractIsRefusedNamingTheField) {
  v1::BlockContract b = SeftonBlock();
  b.set_settings(0, "providers/mersey-living/settings/main");
  EXPECT_THAT(
      CreateBlock(Commissioner(), b, nullptr),
      GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "block_contract.settings[0]"));
  b = SeftonBlock();
  b.set_places(0);
  EXPECT_THAT(
      CreateBlock(Commissioner(), b, nullptr),
      GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "block_contract.places"));
  b.set_places(501);
  EXPECT_THAT(
      CreateBlock(Commissioner(), b, nullptr),
      GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "block_contract.places"));
  b = SeftonBlock();
  ParseDate("2026-11-30", b.mutable_end_date());
  EXPECT_THAT(
      CreateBlock(Commissioner(), b, nullptr),
      GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "block_contract.end_date"));
  b = SeftonBlock();
  b.clear_settings();
  EXPECT_THAT(
      CreateBlock(Commissioner(), b, nullptr),
      GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "block_contract.settings"));
  b = SeftonBlock();
  b.set_lot_id("lot-9");
  EXPECT_THAT(
      CreateBlock(Commissioner(), b, nullptr),
      GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "block_contract.lot_id"));
  b = SeftonBlock();
  b.set_settings(0, "providers/bootle-house/settings/annex");
  EXPECT_THAT(
      CreateBlock(Commissioner(), b, nullptr),
      GrpcIs(grpc::StatusCode::NOT_FOUND, "block_contract.settings[0]"));
  b = SeftonBlock();
  b.set_weekly_pence_per_place(-1);
  EXPECT_THAT(CreateBlock(Commissioner(), b, nullptr),
              GrpcIs(grpc::StatusCode::INVALID_ARGUMENT,
                     "block_contract.weekly_pence_per_place"));
  EXPECT_EQ(CountRows("block_contracts"), 0);

  // Placing: a setting outside the contract, a start outside it.
  v1::BlockContract block;
  ASSERT_THAT(CreateBlock(Commissioner(), SeftonBlock(), &block), GrpcOk());
  v1::Referral draft;
  ASSERT_THAT(Create(Commissioner(), SampleReferral(), &draft), GrpcOk());
  EXPECT_THAT(PlaceInBlock(Commissioner(), draft.name(), block.name(),
                           "providers/mersey-living/settings/main", ""),
              GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "setting"));
  EXPECT_THAT(PlaceInBlock(Commissioner(), draft.name(), block.name(),
                           kBootleMain, "2027-12-01"),
              GrpcIs(grpc::StatusCode::FAILED_PRECONDITION, "start_date"));
  EXPECT_THAT(PlaceInBlock(Commissioner(), draft.name(), block.name(),
                           "bootle-house/main", ""),
              GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "setting"));
  EXPECT_THAT(PlaceInBlock(Commissioner(), draft.name(),
                           "authorities/sefton/blocks/1", kBootleMain, ""),
              GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "block_contract"));
  EXPECT_EQ(CountRows("placements"), 0);
  // A cancelled referral is placed nowhere.
  ASSERT_THAT(Cancel(Commissioner(), draft.name()), GrpcOk());
  EXPECT_THAT(
      PlaceInBlock(Commissioner(), draft.name(), block.name(), kBootleMain, ""),
      GrpcIs(grpc::StatusCode::FAILED_PRECONDITION, "CANCELLED"));
}

TEST_F(ReferralsApiTest, WirralCannotSeeOrUseSeftonsBlockContract) {
  v1::BlockContract block;
  ASSERT_THAT(CreateBlock(Commissioner(), SeftonBlock(), &block), GrpcOk());
  const std::string wirral = Commissioner("wirral");

  v1::BlockOccupancy occupancy;
  EXPECT_THAT(
      Occupancy(wirral, block.name(), "2026-12-01", "2026-12-31", &occupancy),
      GrpcIs(grpc::StatusCode::NOT_FOUND));
  v1::ListBlockContractsRequest list;
  list.set_parent("authorities/sefton");
  v1::ListBlockContractsResponse listed;
  EXPECT_THAT(stub_->ListBlockContracts(testing::CallContext(wirral).get(),
                                        list, &listed),
              GrpcIs(grpc::StatusCode::PERMISSION_DENIED));
  list.set_parent("authorities/wirral");
  ASSERT_THAT(stub_->ListBlockContracts(testing::CallContext(wirral).get(),
                                        list, &listed),
              GrpcOk());
  EXPECT_EQ(listed.block_contracts_size(), 0);
  EXPECT_THAT(CreateBlock(wirral, SeftonBlock(), nullptr, "sefton"),
              GrpcIs(grpc::StatusCode::PERMISSION_DENIED));

  // Wirral's own referral cannot go into Sefton's places, by Sefton's name
  // or by Wirral's name with Sefton's number.
  v1::Referral own;
  ASSERT_THAT(Create(wirral, SampleReferral(), &own, "wirral"), GrpcOk());
  EXPECT_THAT(PlaceInBlock(wirral, own.name(), block.name(), kBootleMain, ""),
              GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, "block_contract"));
  const std::string as_wirral = absl::StrReplaceAll(
      block.name(), {{"authorities/sefton/", "authorities/wirral/"}});
  EXPECT_THAT(PlaceInBlock(wirral, own.name(), as_wirral, kBootleMain, ""),
              GrpcIs(grpc::StatusCode::NOT_FOUND));
  // Nor can Wirral place Sefton's referral.
  v1::Referral seftons;
  ASSERT_THAT(Create(Commissioner(), SampleReferral(), &seftons), GrpcOk());
  EXPECT_THAT(
      PlaceInBlock(wirral, seftons.name(), block.name(), kBootleMain, ""),
      GrpcIs(grpc::StatusCode::PERMISSION_DENIED));
  // Nor the provider.
  EXPECT_THAT(Occupancy(ProviderUser("bootle-house"), block.name(),
                        "2026-12-01", "2026-12-31", &occupancy),
              GrpcIs(grpc::StatusCode::NOT_FOUND));

  EXPECT_EQ(CountRows("placements"), 0);
  ASSERT_THAT(Occupancy(Commissioner(), block.name(), "2026-12-01",
                        "2026-12-31", &occupancy),
              GrpcOk());
  EXPECT_EQ(occupancy.occupied_place_days(), 0);
}

}  // namespace
}  // namespace fhub::referrals
