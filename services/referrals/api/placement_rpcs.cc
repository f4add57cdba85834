// Placements, block contracts and figures.

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/db/transaction.h"
#include "common/db/values.h"
#include "common/page_token.h"
#include "common/proto_enums.h"
#include "common/proto_values.h"
#include "common/resource_name.h"
#include "services/referrals/api/referrals_service.h"
#include "services/referrals/domain/access.h"
#include "services/referrals/domain/placement_rules.h"
#include "services/referrals/domain/referral_rules.h"
#include "services/registry/domain/geography.h"

namespace fhub::referrals {
namespace {

constexpr char kPlacementsList[] = "placements";

absl::StatusOr<std::pair<absl::CivilDay, absl::CivilDay>> Period(
    const common::v1::Date& first, const common::v1::Date& last) {
  if (!IsSet(first))
    return absl::InvalidArgumentError("first_day: is required");
  if (!IsSet(last)) return absl::InvalidArgumentError("last_day: is required");
  FHUB_ASSIGN_OR_RETURN(absl::CivilDay from, FromProto(first, "first_day"));
  FHUB_ASSIGN_OR_RETURN(absl::CivilDay to, FromProto(last, "last_day"));
  FHUB_RETURN_IF_ERROR(ValidatePeriod(from, to));
  return std::make_pair(from, to);
}

}  // namespace

absl::StatusOr<std::string> ReferralsServiceImpl::VisibleCaseReference(
    db::Tx& tx, const auth::Principal& caller, const Placement& placement) {
  const bool authority = CanReadAuthority(caller, placement.authority_id);
  const bool provider = CheckProviderUserOf(caller, placement.provider_id).ok();
  if (!authority && !provider) return std::string();
  return store_.CaseReference(tx, placement.referral_id);
}

absl::Status ReferralsServiceImpl::DoGetPlacement(
    const grpc::ServerContext& context, const v1::GetPlacementRequest& request,
    v1::Placement* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(OwnedName name,
                        ParsePlacementName("name", request.name()));
  return Read([&](db::Tx& tx) -> absl::Status {
    auto placement =
        store_.FindPlacement(tx, name.authority_id, name.id, false);
    if (placement.ok() && !CanReadAuthority(caller, name.authority_id) &&
        !CheckProviderUserOf(caller, placement->provider_id).ok()) {
      return absl::NotFoundError(absl::StrCat(request.name(), " not found"));
    }
    FHUB_RETURN_IF_ERROR(placement.status());
    FHUB_ASSIGN_OR_RETURN(std::string case_reference,
                          VisibleCaseReference(tx, caller, *placement));
    response->Clear();
    ToProto(*placement, case_reference, response);
    return absl::OkStatus();
  });
}

absl::Status ReferralsServiceImpl::DoListPlacements(
    const grpc::ServerContext& context,
    const v1::ListPlacementsRequest& request,
    v1::ListPlacementsResponse* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  std::string owner_id;
  bool by_provider = false;
  if (absl::StartsWith(request.parent(), "providers/")) {
    FHUB_ASSIGN_OR_RETURN(owner_id,
                          ParseName("parent", request.parent(), "providers"));
    FHUB_RETURN_IF_ERROR(CheckProviderUserOf(caller, owner_id));
    by_provider = true;
  } else {
    FHUB_ASSIGN_OR_RETURN(owner_id,
                          ReadableAuthority(caller, request.parent()));
  }
  FHUB_ASSIGN_OR_RETURN(int page_size, PageSize(request.page_size()));
  FHUB_ASSIGN_OR_RETURN(int64_t before_id,
                        DecodeBeforeId(kPlacementsList, request.page_token()));
  return Read([&](db::Tx& tx) -> absl::Status {
    response->Clear();
    FHUB_ASSIGN_OR_RETURN(
        std::vector<Placement> placements,
        store_.ListPlacements(tx, owner_id, by_provider, request.active_only(),
                              before_id, page_size + 1));
    const bool more = TrimToPage(placements, page_size);
    for (const Placement& p : placements) {
      FHUB_ASSIGN_OR_RETURN(std::string case_reference,
                            VisibleCaseReference(tx, caller, p));
      ToProto(p, case_reference, response->add_placements());
    }
    if (more) {
      response->set_next_page_token(
          EncodePageToken(kPlacementsList, absl::StrCat(placements.back().id)));
    }
    return absl::OkStatus();
  });
}

absl::Status ReferralsServiceImpl::DoAdjustSupportHours(
    const grpc::ServerContext& context,
    const v1::AdjustSupportHoursRequest& request, v1::Placement* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(OwnedName name,
                        ParsePlacementName("name", request.name()));
  FHUB_RETURN_IF_ERROR(CheckCommissionerOf(caller, name.authority_id));
  if (!request.has_change() || !IsSet(request.change().effective_date())) {
    return absl::InvalidArgumentError("change.effective_date: is required");
  }
  HoursChange change;
  FHUB_ASSIGN_OR_RETURN(
      change.effective_date,
      FromProto(request.change().effective_date(), "change.effective_date"));
  change.support_minutes_per_week = request.change().support_minutes_per_week();
  change.record_time = clock_.Now();
  FHUB_RETURN_IF_ERROR(ValidateHoursChange(change));
  return Change<v1::Placement>(
      caller, "AdjustSupportHours", request, request.request_id(), response,
      [&](db::Tx& tx, v1::Placement* out) -> absl::StatusOr<std::string> {
        FHUB_ASSIGN_OR_RETURN(
            Placement placement,
            store_.FindPlacement(tx, name.authority_id, name.id, true));
        FHUB_ASSIGN_OR_RETURN(placement, WithHoursChange(placement, change));
        FHUB_RETURN_IF_ERROR(store_.PutHoursChange(tx, placement.id, change));
        FHUB_ASSIGN_OR_RETURN(std::string case_reference,
                              store_.CaseReference(tx, placement.referral_id));
        Referral owner;
        owner.authority_id = placement.authority_id;
        owner.framework_id = placement.framework_id;
        Emit(tx, v1::HOURS_ADJUSTED, owner, placement.provider_id,
             request.name());
        ToProto(placement, case_reference, out);
        return request.name();
      });
}

absl::Status ReferralsServiceImpl::DoEndPlacement(
    const grpc::ServerContext& context, const v1::EndPlacementRequest& request,
    v1::Placement* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(OwnedName name,
                        ParsePlacementName("name", request.name()));
  FHUB_RETURN_IF_ERROR(CheckCommissionerOf(caller, name.authority_id));
  if (!IsSet(request.end_date())) {
    return absl::InvalidArgumentError("end_date: is required");
  }
  FHUB_ASSIGN_OR_RETURN(absl::CivilDay end_date,
                        FromProto(request.end_date(), "end_date"));
  FHUB_ASSIGN_OR_RETURN(
      EndReason reason,
      FromProtoName(kEndReasons, v1::EndReason_Name(request.reason()),
                    "reason"));
  FHUB_RETURN_IF_ERROR(CheckText("note", request.note(), 0, kMaxReasonLength));
  return Change<v1::Placement>(
      caller, "EndPlacement", request, request.request_id(), response,
      [&](db::Tx& tx, v1::Placement* out) -> absl::StatusOr<std::string> {
        FHUB_ASSIGN_OR_RETURN(
            Placement placement,
            store_.FindPlacement(tx, name.authority_id, name.id, true));
        FHUB_ASSIGN_OR_RETURN(
            placement, Ended(placement, end_date, reason, request.note()));
        FHUB_RETURN_IF_ERROR(store_.UpdatePlacementEnd(tx, placement));
        FHUB_ASSIGN_OR_RETURN(std::string case_reference,
                              store_.CaseReference(tx, placement.referral_id));
        Referral owner;
        owner.authority_id = placement.authority_id;
        owner.framework_id = placement.framework_id;
        Emit(tx, v1::PLACEMENT_ENDED, owner, placement.provider_id,
             request.name());
        ToProto(placement, case_reference, out);
        return request.name();
      });
}

absl::Status ReferralsServiceImpl::DoGetPlacementCost(
    const grpc::ServerContext& context,
    const v1::GetPlacementCostRequest& request, v1::PlacementCost* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(OwnedName name,
                        ParsePlacementName("name", request.name()));
  FHUB_ASSIGN_OR_RETURN(auto period,
                        Period(request.first_day(), request.last_day()));
  return Read([&](db::Tx& tx) -> absl::Status {
    auto placement =
        store_.FindPlacement(tx, name.authority_id, name.id, false);
    if (placement.ok() && !CanReadAuthority(caller, name.authority_id) &&
        !CheckProviderUserOf(caller, placement->provider_id).ok()) {
      return absl::NotFoundError(absl::StrCat(request.name(), " not found"));
    }
    FHUB_RETURN_IF_ERROR(placement.status());
    FHUB_ASSIGN_OR_RETURN(PeriodCost cost,
                          CostOver(*placement, period.first, period.second));
    response->Clear();
    response->set_placement(request.name());
    for (const CostSegment& s : cost.segments) {
      ToProto(s, response->add_segments());
    }
    response->set_total_pence(cost.total_pence);
    return absl::OkStatus();
  });
}

// --- Block contracts ---------------------------------------------------------

absl::Status ReferralsServiceImpl::DoCreateBlockContract(
    const grpc::ServerContext& context,
    const v1::CreateBlockContractRequest& request,
    v1::BlockContract* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(std::string authority_id,
                        ParseName("parent", request.parent(), "authorities"));
  FHUB_RETURN_IF_ERROR(CheckCommissionerOf(caller, authority_id));
  FHUB_ASSIGN_OR_RETURN(BlockContract contract,
                        FromProto(request.block_contract()));
  contract.authority_id = authority_id;
  FHUB_RETURN_IF_ERROR(ValidateBlockContract(contract));
  FHUB_RETURN_IF_ERROR(CheckRequestId(request.request_id()));

  FHUB_ASSIGN_OR_RETURN(
      FrameworkSnapshot framework,
      Framework("block_contract.framework", contract.framework_id));
  if (framework.FindLot(contract.lot_id) == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(
        "block_contract.lot_id: frameworks/", contract.framework_id,
        " has no lot '", contract.lot_id, "'"));
  }
  std::vector<SettingFacts> settings;
  for (size_t i = 0; i < contract.setting_ids.size(); ++i) {
    const std::string field = absl::StrCat("block_contract.settings[", i, "]");
    FHUB_ASSIGN_OR_RETURN(SettingFacts facts,
                          registry_.Setting(field, contract.provider_id,
                                            contract.setting_ids[i]));
    if (!facts.Serves(contract.framework_id, contract.lot_id)) {
      return absl::FailedPreconditionError(absl::StrCat(
          field, ": ", SettingName(facts.provider_id, facts.setting_id),
          " does not serve ", contract.framework_id, " ", contract.lot_id));
    }
    settings.push_back(std::move(facts));
  }
  const absl::Time now = clock_.Now();
  return Change<v1::BlockContract>(
      caller, "CreateBlockContract", request, request.request_id(), response,
      [&](db::Tx& tx, v1::BlockContract* out) -> absl::StatusOr<std::string> {
        FHUB_RETURN_IF_ERROR(CheckMayRefer(tx, framework, authority_id));
        for (const SettingFacts& s : settings) {
          FHUB_RETURN_IF_ERROR(store_.PutSettingPlaces(
              tx,
              {s.provider_id, s.setting_id, std::max(s.capacity, 1), s.latitude,
               s.longitude},
              now));
        }
        BlockContract stored = contract;
        stored.create_time = now;
        FHUB_RETURN_IF_ERROR(store_.InsertBlockContract(tx, stored));
        const std::string name = BlockName(authority_id, stored.id);
        Referral owner;
        owner.authority_id = authority_id;
        owner.framework_id = stored.framework_id;
        Emit(tx, v1::BLOCK_CONTRACT_CREATED, owner, stored.provider_id, name);
        ToProto(stored, out);
        return name;
      });
}

absl::Status ReferralsServiceImpl::DoListBlockContracts(
    const grpc::ServerContext& context,
    const v1::ListBlockContractsRequest& request,
    v1::ListBlockContractsResponse* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(std::string authority_id,
                        ReadableAuthority(caller, request.parent()));
  return Read([&](db::Tx& tx) -> absl::Status {
    response->Clear();
    FHUB_ASSIGN_OR_RETURN(std::vector<BlockContract> contracts,
                          store_.ListBlockContracts(tx, authority_id));
    for (const BlockContract& c : contracts) {
      ToProto(c, response->add_block_contracts());
    }
    return absl::OkStatus();
  });
}

absl::Status ReferralsServiceImpl::DoGetBlockOccupancy(
    const grpc::ServerContext& context,
    const v1::GetBlockOccupancyRequest& request, v1::BlockOccupancy* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(OwnedName name, ParseBlockName("name", request.name()));
  if (!CanReadAuthority(caller, name.authority_id)) {
    return absl::NotFoundError(absl::StrCat(request.name(), " not found"));
  }
  FHUB_ASSIGN_OR_RETURN(auto period,
                        Period(request.first_day(), request.last_day()));
  return Read([&](db::Tx& tx) -> absl::Status {
    FHUB_ASSIGN_OR_RETURN(
        BlockContract contract,
        store_.FindBlockContract(tx, name.authority_id, name.id, false));
    FHUB_ASSIGN_OR_RETURN(std::vector<Placement> placements,
                          store_.BlockPlacements(tx, contract.id));
    FHUB_ASSIGN_OR_RETURN(
        Occupancy o,
        OccupancyOver(contract, placements, period.first, period.second));
    response->Clear();
    response->set_block_contract(request.name());
    response->set_contract_days(static_cast<int32_t>(o.contract_days));
    response->set_place_days(o.place_days);
    response->set_occupied_place_days(o.occupied_place_days);
    response->set_empty_place_days(o.empty_place_days);
    response->set_occupied_on_last_day(o.occupied_on_last_day);
    response->set_free_on_last_day(o.free_on_last_day);
    return absl::OkStatus();
  });
}

absl::Status ReferralsServiceImpl::DoPlaceInBlock(
    const grpc::ServerContext& context, const v1::PlaceInBlockRequest& request,
    v1::Placement* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(OwnedName name,
                        ParseReferralName("name", request.name()));
  FHUB_RETURN_IF_ERROR(CheckCommissionerOf(caller, name.authority_id));
  FHUB_ASSIGN_OR_RETURN(
      OwnedName block,
      ParseBlockName("block_contract", request.block_contract()));
  if (block.authority_id != name.authority_id) {
    return absl::InvalidArgumentError(absl::StrCat(
        "block_contract: ", request.block_contract(),
        " is not a block contract of authorities/", name.authority_id));
  }
  FHUB_ASSIGN_OR_RETURN(auto setting,
                        ParseSettingName("setting", request.setting()));
  std::optional<absl::CivilDay> start;
  if (IsSet(request.start_date())) {
    FHUB_ASSIGN_OR_RETURN(start, FromProto(request.start_date(), "start_date"));
  }
  return Change<v1::Placement>(
      caller, "PlaceInBlock", request, request.request_id(), response,
      [&](db::Tx& tx, v1::Placement* out) -> absl::StatusOr<std::string> {
        FHUB_ASSIGN_OR_RETURN(Locked locked, LockReferral(tx, name));
        const Referral& referral = locked.record.referral;
        if (locked.status == ReferralStatus::kAwarded ||
            locked.status == ReferralStatus::kCancelled) {
          return absl::FailedPreconditionError(absl::StrCat(
              "the referral is ", NameOf(kReferralStatuses, locked.status)));
        }
        FHUB_ASSIGN_OR_RETURN(
            BlockContract contract,
            store_.FindBlockContract(tx, block.authority_id, block.id, true));
        if (contract.framework_id != referral.framework_id ||
            contract.lot_id != referral.lot_id) {
          return absl::FailedPreconditionError(absl::StrCat(
              request.block_contract(), " serves ", contract.framework_id, " ",
              contract.lot_id, ", not the referral's ", referral.framework_id,
              " ", referral.lot_id));
        }
        if (setting.first != contract.provider_id ||
            std::find(contract.setting_ids.begin(), contract.setting_ids.end(),
                      setting.second) == contract.setting_ids.end()) {
          return absl::InvalidArgumentError(
              absl::StrCat("setting: ", request.setting(),
                           " is not a setting of ", request.block_contract()));
        }
        const absl::CivilDay first =
            start.value_or(std::max(referral.wanted_start_date, Today()));
        if (first < contract.start_date || first > contract.end_date) {
          return absl::FailedPreconditionError(
              absl::StrCat("start_date: the block contract runs from ",
                           db::SqlDate(contract.start_date), " to ",
                           db::SqlDate(contract.end_date)));
        }
        FHUB_ASSIGN_OR_RETURN(std::vector<Placement> in_block,
                              store_.BlockPlacements(tx, contract.id));
        FHUB_RETURN_IF_ERROR(CheckFreePlace(in_block, contract.places, first,
                                            request.block_contract()));
        FHUB_ASSIGN_OR_RETURN(
            SettingPlaces places,
            store_.LockSettingPlaces(tx, setting.first, setting.second));
        Placement placement;
        placement.provider_id = contract.provider_id;
        placement.setting_id = setting.second;
        placement.block_contract_id = contract.id;
        placement.start_date = first;
        placement.accommodation_weekly_pence = contract.weekly_pence_per_place;
        placement.support_hourly_pence = contract.support_hourly_pence;
        placement.hours.push_back(
            {first, referral.support_minutes_per_week, clock_.Now()});
        placement.distance_miles =
            registry::DistanceMiles({referral.latitude, referral.longitude},
                                    {places.latitude, places.longitude});
        const std::string case_reference = referral.case_reference;
        FHUB_ASSIGN_OR_RETURN(placement,
                              Place(tx, locked, std::move(placement), ""));
        ToProto(placement, case_reference, out);
        return out->name();
      });
}

// --- Figures -----------------------------------------------------------------

absl::Status ReferralsServiceImpl::DoGetFigures(
    const grpc::ServerContext& context, const v1::GetFiguresRequest& request,
    v1::Figures* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(
      std::string framework_id,
      ParseName("framework", request.framework(), "frameworks"));
  std::string authority_id;
  if (!request.authority().empty()) {
    FHUB_ASSIGN_OR_RETURN(
        authority_id,
        ParseName("authority", request.authority(), "authorities"));
  }
  FHUB_ASSIGN_OR_RETURN(auto period,
                        Period(request.first_day(), request.last_day()));
  // One authority's figures are its own; the consortium's are the lead's,
  // the members' strategic leads', auditors' and services'.
  if (!authority_id.empty()) {
    if (!CanReadAuthority(caller, authority_id)) {
      FHUB_RETURN_IF_ERROR(CheckCommissionerOf(caller, authority_id));
    }
  } else if (!caller.HasRole(auth::Role::kService) &&
             !caller.HasRole(auth::Role::kAuditor)) {
    FHUB_ASSIGN_OR_RETURN(FrameworkSnapshot framework,
                          Framework("framework", framework_id));
    const std::string own(caller.AuthorityId());
    const bool lead =
        framework.IsLead(own) && (caller.HasRole(auth::Role::kLeadAdmin) ||
                                  caller.HasRole(auth::Role::kCommissioner));
    const bool strategic = framework.IsActiveMember(own) &&
                           caller.HasRole(auth::Role::kStrategicLead);
    if (!lead && !strategic) {
      return absl::PermissionDeniedError(absl::StrCat(
          "the consortium's figures are for the lead of frameworks/",
          framework_id,
          ", its members' STRATEGIC_LEADs and AUDITORs; the "
          "caller acts for ",
          caller.organisation, " (ask for its own figures with `authority`)"));
    }
  }
  if (authority_id.empty()) rpc::ScopeToConsortium(caller, framework_id);
  return Read([&](db::Tx& tx) -> absl::Status {
    FHUB_ASSIGN_OR_RETURN(FigureCounts f,
                          store_.Figures(tx, framework_id, authority_id,
                                         period.first, period.second));
    response->Clear();
    response->set_framework(request.framework());
    response->set_authority(request.authority());
    response->set_referrals(f.referrals);
    response->set_invitations(f.invitations);
    response->set_offers(f.offers);
    response->set_offers_per_referral(
        f.referrals == 0 ? 0.0 : static_cast<double>(f.offers) / f.referrals);
    for (const auto& [reason, count] : f.declines) {
      v1::DeclineCount* d = response->add_declines();
      d->set_reason(ToProtoEnum<v1::DeclineReason>(kDeclineReasons, reason,
                                                   v1::DeclineReason_Parse));
      d->set_count(count);
    }
    response->set_awarded(f.awarded);
    response->set_mean_hours_to_award(f.mean_hours_to_award);
    response->set_placements_started(f.placements_started);
    response->set_placements_ended(f.placements_ended);
    response->set_share_within_20_miles(
        f.placements_started == 0
            ? 0.0
            : static_cast<double>(f.started_within_20_miles) /
                  f.placements_started);
    response->set_mean_weekly_pence(f.mean_weekly_pence);
    return absl::OkStatus();
  });
}

absl::Status ReferralsServiceImpl::DoCountPlacements(
    const grpc::ServerContext& context,
    const v1::CountPlacementsRequest& request,
    v1::CountPlacementsResponse* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(
      std::string framework_id,
      ParseName("framework", request.framework(), "frameworks"));
  FHUB_ASSIGN_OR_RETURN(auto period,
                        Period(request.first_day(), request.last_day()));
  if (!caller.HasRole(auth::Role::kService)) {
    FHUB_ASSIGN_OR_RETURN(FrameworkSnapshot framework,
                          Framework("framework", framework_id));
    if (!framework.IsLead(caller.AuthorityId()) ||
        !caller.HasRole(auth::Role::kLeadAdmin)) {
      return absl::PermissionDeniedError(absl::StrCat(
          "placement counts are for the frameworks service and the "
          "LEAD_ADMIN of frameworks/",
          framework_id, "'s lead; the caller acts for ", caller.organisation));
    }
  }
  rpc::ScopeToConsortium(caller, framework_id);
  return Read([&](db::Tx& tx) -> absl::Status {
    FHUB_ASSIGN_OR_RETURN(
        auto counts, store_.PlacementsStarted(tx, framework_id, period.first,
                                              period.second));
    response->Clear();
    for (const auto& [authority_id, count] : counts) {
      v1::MemberPlacements* m = response->add_members();
      m->set_authority(absl::StrCat("authorities/", authority_id));
      m->set_placements(count);
    }
    return absl::OkStatus();
  });
}

}  // namespace fhub::referrals
