// ImportReferrals: a council's case-system export made into draft
// referrals record by record, each exactly as CreateReferral makes one.

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/resource_name.h"
#include "services/referrals/api/referral_import.h"
#include "services/referrals/api/referrals_service.h"
#include "services/referrals/domain/access.h"

namespace fhub::referrals {
namespace {

// Each record's creation is keyed "{request_id}#{record}" (at most 128).
constexpr size_t kMaxImportRequestId = 120;

// "referral.age: must be 16 to 25" -> field "age", reason "must be ...";
// a message without a field is the reason alone.
void Refuse(const absl::Status& status, v1::ImportedRecord* out) {
  out->set_code(absl::StatusCodeToString(status.code()));
  absl::string_view message = status.message();
  const size_t colon = message.find(": ");
  absl::string_view field =
      colon == absl::string_view::npos ? "" : message.substr(0, colon);
  const bool is_field =
      !field.empty() && field.find_first_of(" '\"") == absl::string_view::npos;
  if (!is_field) {
    out->set_reason(std::string(message));
    return;
  }
  absl::ConsumePrefix(&field, "referral.");
  out->set_field(std::string(field));
  out->set_reason(std::string(message.substr(colon + 2)));
}

}  // namespace

absl::Status ReferralsServiceImpl::DoImportReferrals(
    const grpc::ServerContext& context,
    const v1::ImportReferralsRequest& request,
    v1::ImportReferralsResponse* response) {
  FHUB_ASSIGN_OR_RETURN(auth::Principal caller,
                        rpc::Authenticate(verifier_, context));
  FHUB_ASSIGN_OR_RETURN(std::string authority_id,
                        ParseName("parent", request.parent(), "authorities"));
  FHUB_RETURN_IF_ERROR(CheckCommissionerOf(caller, authority_id));
  FHUB_RETURN_IF_ERROR(CheckRequestId(request.request_id()));
  if (request.request_id().size() > kMaxImportRequestId) {
    return absl::InvalidArgumentError(
        absl::StrCat("request_id: at most ", kMaxImportRequestId,
                     " characters for an import"));
  }
  FHUB_ASSIGN_OR_RETURN(std::vector<ImportRecord> records,
                        ReadImport(request.format(), request.content()));

  response->Clear();
  for (const ImportRecord& record : records) {
    v1::ImportedRecord* out = response->add_records();
    out->set_record(record.number);
    out->set_case_reference(record.referral.case_reference());
    absl::Status status = record.read;
    if (status.ok()) {
      v1::CreateReferralRequest create;
      create.set_parent(request.parent());
      *create.mutable_referral() = record.referral;
      create.set_request_id(
          absl::StrCat(request.request_id(), "#", record.number));
      v1::Referral created;
      status = CreateReferralAs(caller, create, &created);
      if (status.ok()) out->set_referral(created.name());
    }
    if (status.ok()) {
      response->set_created(response->created() + 1);
    } else {
      Refuse(status, out);
      response->set_refused(response->refused() + 1);
    }
  }
  return absl::OkStatus();
}

}  // namespace fhub::referrals
