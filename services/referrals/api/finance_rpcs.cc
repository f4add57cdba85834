// The finance export: a council's placements' cost lines over a finance
// period (domain/finance.h), for its finance system.

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "common/page_token.h"
#include "common/proto_values.h"
#include "common/resource_name.h"
#include "services/referrals/api/convert.h"
#include "services/referrals/api/referrals_service.h"
#include "services/referrals/domain/access.h"
#include "services/referrals/domain/finance.h"

namespace fhub::referrals {
namespace {

absl::StatusOr<FinanceCadence> CadenceOf(v1::FinanceCadence cadence) {
  switch (cadence) {
    case v1::MONTHLY:
      return FinanceCadence::kMonthly;
    case v1::FOUR_WEEKLY:
      return FinanceCadence::kFourWeekly;
    default:
      return absl::InvalidArgumentError(
          "cadence: is required (MONTHLY or FOUR_WEEKLY)");
  }
}

// A page token belongs to one authority's export of one period.
std::string ListOf(const std::string& authority_id, FinanceCadence cadence,
                   const FinancePeriod& period) {
  return absl::StrCat("financeLines/", authority_id, "/",
                      cadence == FinanceCadence::kMonthly ? "m" : "4w", "/",
                      absl::FormatCivilTime(period.first));
}

}  // namespace

absl::Status ReferralsServiceImpl::DoListFinanceLines(
    const grpc::ServerContext& context,
    const v1::ListFinanceLinesRequest& request,
    v1::ListFinanceLinesResponse* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(std::string authority_id,
                        ReadableAuthority(caller, request.parent()));
  FHUB_ASSIGN_OR_RETURN(FinanceCadence cadence, CadenceOf(request.cadence()));
  if (!IsSet(request.period_start())) {
    return absl::InvalidArgumentError("period_start: is required");
  }
  FHUB_ASSIGN_OR_RETURN(absl::CivilDay start,
                        FromProto(request.period_start(), "period_start"));
  FHUB_ASSIGN_OR_RETURN(FinancePeriod period, FinancePeriodOf(cadence, start));
  FHUB_ASSIGN_OR_RETURN(int page_size, PageSize(request.page_size()));
  const std::string list = ListOf(authority_id, cadence, period);
  FHUB_ASSIGN_OR_RETURN(int64_t after_id,
                        DecodeAfterId(list, request.page_token()));
  return Read([&](db::Tx& tx) -> absl::Status {
    response->Clear();
    FHUB_ASSIGN_OR_RETURN(
        std::vector<Placement> placements,
        store_.PlacementsInPeriod(tx, authority_id, period.first, period.last,
                                  after_id, page_size + 1));
    const bool more = TrimToPage(placements, page_size);
    std::vector<int64_t> referral_ids;
    referral_ids.reserve(placements.size());
    for (const Placement& p : placements) referral_ids.push_back(p.referral_id);
    FHUB_ASSIGN_OR_RETURN(auto case_references,
                          store_.CaseReferences(tx, referral_ids));

    ToProto(period.first, response->mutable_period_first_day());
    ToProto(period.last, response->mutable_period_last_day());
    std::string csv = after_id == 0 ? FinanceCsvHeader() : std::string();
    int64_t total = 0;
    for (const Placement& p : placements) {
      FHUB_ASSIGN_OR_RETURN(std::vector<FinanceLine> lines,
                            FinanceLinesOf(p, period));
      const std::string& case_reference = case_references[p.referral_id];
      for (const FinanceLine& line : lines) {
        v1::FinanceLine* out = response->add_lines();
        out->set_line_id(line.line_id);
        out->set_case_reference(case_reference);
        out->set_placement(
            absl::StrCat("authorities/", p.authority_id, "/placements/", p.id));
        out->set_provider(absl::StrCat("providers/", p.provider_id));
        out->set_setting(SettingName(p.provider_id, p.setting_id));
        out->set_framework(absl::StrCat("frameworks/", p.framework_id));
        out->set_lot_id(p.lot_id);
        if (p.block_contract_id != 0) {
          out->set_block_contract(absl::StrCat("authorities/", p.authority_id,
                                               "/blockContracts/",
                                               p.block_contract_id));
        }
        ToProto(line.segment, out->mutable_segment());
        out->set_accommodation_weekly_pence(p.accommodation_weekly_pence);
        out->set_support_hourly_pence(p.support_hourly_pence);
        csv += FinanceCsvRow(period, p, case_reference, line);
        total += line.segment.cost_pence;
      }
    }
    response->set_csv(std::move(csv));
    response->set_total_pence(total);
    if (more) {
      response->set_next_page_token(
          EncodePageToken(list, absl::StrCat(placements.back().id)));
    }
    return absl::OkStatus();
  });
}

}  // namespace fhub::referrals
