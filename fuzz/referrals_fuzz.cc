// Referrals' request conversion and validation from any bytes: a referral
// (CreateReferral), an offer's terms (MakeOffer), a block contract, the
// resource names every rpc parses, an import's content as CSV or JSON lines
// (ImportReferrals) and a finance period (ListFinanceLines).

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "fhub/referrals/v1/referrals.pb.h"
#include "fuzz/fuzz_input.h"
#include "services/referrals/api/convert.h"
#include "services/referrals/api/referral_import.h"
#include "services/referrals/domain/finance.h"
#include "services/referrals/domain/referral_rules.h"

namespace fhub::referrals {
namespace {

int FuzzOne(const uint8_t* data, size_t size) {
  fhub::fuzz::Input in;
  if (!fhub::fuzz::Split(data, size, &in)) return 0;
  const absl::CivilDay today(2026, 12, 3);
  const absl::Time now = absl::FromCivil(today, absl::UTCTimeZone());
  switch (in.which % 6) {
    case 0: {
      v1::CreateReferralRequest request;
      if (!fhub::fuzz::Parse(in.bytes, &request)) return 0;
      auto referral = FromProto(request.referral());
      fhub::fuzz::Check(referral.status(), "FromProto(Referral)");
      if (referral.ok()) {
        fhub::fuzz::Check(ValidateReferral(WithDefaults(*referral),
                                           AgeRange{16, 25}, today, now),
                          "ValidateReferral");
      }
      break;
    }
    case 1: {
      v1::MakeOfferRequest request;
      if (!fhub::fuzz::Parse(in.bytes, &request)) return 0;
      fhub::fuzz::Check(ParseInvitationName("name", request.name()).status(),
                        "ParseInvitationName");
      auto offer = FromProto(request.offer());
      fhub::fuzz::Check(offer.status(), "FromProto(OfferTerms)");
      if (offer.ok()) {
        fhub::fuzz::Check(ValidateOfferTerms(*offer, today),
                          "ValidateOfferTerms");
      }
      break;
    }
    case 2: {
      v1::CreateBlockContractRequest request;
      if (!fhub::fuzz::Parse(in.bytes, &request)) return 0;
      fhub::fuzz::Check(FromProto(request.block_contract()).status(),
                        "FromProto(BlockContract)");
      break;
    }
    case 4: {
      // The content as it comes, in either format.
      auto records =
          ReadImport(in.which & 0x80 ? v1::CSV : v1::JSON_LINES, in.bytes);
      fhub::fuzz::Check(records.status(), "ReadImport");
      if (!records.ok()) return 0;
      for (const ImportRecord& record : *records) {
        fhub::fuzz::Check(record.read, "ImportRecord");
        if (!record.read.ok()) continue;
        auto referral = FromProto(record.referral);
        fhub::fuzz::Check(referral.status(), "FromProto(imported Referral)");
      }
      break;
    }
    case 5: {
      v1::ListFinanceLinesRequest request;
      if (!fhub::fuzz::Parse(in.bytes, &request)) return 0;
      if (!IsSet(request.period_start())) return 0;
      auto start = FromProto(request.period_start(), "period_start");
      fhub::fuzz::Check(start.status(), "FromProto(Date)");
      if (!start.ok()) return 0;
      for (FinanceCadence cadence :
           {FinanceCadence::kMonthly, FinanceCadence::kFourWeekly}) {
        fhub::fuzz::Check(FinancePeriodOf(cadence, *start).status(),
                          "FinancePeriodOf");
      }
      break;
    }
    default: {
      v1::AwardReferralRequest request;
      if (!fhub::fuzz::Parse(in.bytes, &request)) return 0;
      fhub::fuzz::Check(ParseReferralName("name", request.name()).status(),
                        "ParseReferralName");
      fhub::fuzz::Check(
          ParseInvitationName("invitation", request.invitation()).status(),
          "ParseInvitationName");
      fhub::fuzz::Check(ParsePlacementName("name", request.name()).status(),
                        "ParsePlacementName");
      fhub::fuzz::Check(
          ParseSettingName("setting", request.invitation()).status(),
          "ParseSettingName");
      break;
    }
  }
  return 0;
}

}  // namespace
}  // namespace fhub::referrals

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return fhub::referrals::FuzzOne(data, size);
}
