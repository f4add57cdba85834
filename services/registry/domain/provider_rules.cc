#include "services/registry/domain/provider_rules.h"

#include <cmath>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/resource_name.h"
#include "common/status_macros.h"
#include "services/registry/domain/geography.h"

namespace fhub::registry {
namespace {

absl::Status Invalid(absl::string_view field, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(field, " ", what));
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsPhoneNumber(absl::string_view phone) {
  int digits = 0;
  for (char c : phone) {
    if (IsDigit(c)) {
      ++digits;
    } else if (!absl::StrContains(" +()-", c)) {
      return false;
    }
  }
  return digits >= 10 && digits <= 15;
}

absl::Status CheckContacts(std::vector<Contact>& contacts) {
  if (contacts.empty()) {
    return Invalid("provider.contacts", "must have at least one contact");
  }
  if (contacts.size() > kMaxContacts) {
    return Invalid("provider.contacts",
                   absl::StrCat("must have at most ", kMaxContacts));
  }
  for (size_t i = 0; i < contacts.size(); ++i) {
    const std::string field = absl::StrCat("provider.contacts[", i, "]");
    Contact& contact = contacts[i];
    FHUB_RETURN_IF_ERROR(CheckText(absl::StrCat(field, ".full_name"),
                                   contact.full_name, 1, kMaxNameLength));
    contact.email = std::string(absl::StripAsciiWhitespace(contact.email));
    if (!IsEmailAddress(contact.email)) {
      return Invalid(absl::StrCat(field, ".email"),
                     "must be an e-mail address such as name@example.org");
    }
    // Optional, but stored and shown like any other text: bounded, and no
    // control characters (a NUL cannot even be stored in jsonb).
    FHUB_RETURN_IF_ERROR(CheckText(absl::StrCat(field, ".job_title"),
                                   contact.job_title, 0, kMaxNameLength));
    if (!contact.phone.empty() && !IsPhoneNumber(contact.phone)) {
      return Invalid(absl::StrCat(field, ".phone"),
                     "must be 10 to 15 digits (spaces, +, - and brackets "
                     "allowed)");
    }
  }
  return absl::OkStatus();
}

absl::Status CheckAddress(absl::string_view field, Address& address) {
  if (address.lines.empty() || address.lines.size() > kMaxAddressLines) {
    return Invalid(absl::StrCat(field, ".lines"),
                   absl::StrCat("must have 1 to ", kMaxAddressLines, " lines"));
  }
  for (size_t i = 0; i < address.lines.size(); ++i) {
    FHUB_RETURN_IF_ERROR(CheckText(absl::StrCat(field, ".lines[", i, "]"),
                                   address.lines[i], i == 0 ? 1 : 0,
                                   kMaxAddressLineLength));
  }
  FHUB_RETURN_IF_ERROR(CheckText(absl::StrCat(field, ".town"), address.town, 1,
                                 kMaxAddressLineLength));
  FHUB_ASSIGN_OR_RETURN(
      address.postcode,
      NormalisePostcode(absl::StrCat(field, ".postcode"), address.postcode));
  return absl::OkStatus();
}

absl::Status CheckNumbers(Provider& provider) {
  const bool company = provider.kind == ProviderKind::kCompany;
  const bool charity = provider.kind == ProviderKind::kCharity;
  const absl::string_view kind = NameOf(kProviderKinds, provider.kind);
  if (company || (charity && !provider.company_number.empty())) {
    FHUB_ASSIGN_OR_RETURN(provider.company_number,
                          NormaliseCompanyNumber("provider.company_number",
                                                 provider.company_number));
  } else if (!provider.company_number.empty()) {
    return Invalid("provider.company_number",
                   absl::StrCat("must be empty for a ", kind));
  }
  if (charity) {
    FHUB_ASSIGN_OR_RETURN(provider.charity_number,
                          NormaliseCharityNumber("provider.charity_number",
                                                 provider.charity_number));
  } else if (!provider.charity_number.empty()) {
    return Invalid("provider.charity_number",
                   absl::StrCat("must be empty for a ", kind,
                                "; a registered charity is of kind CHARITY"));
  }
  return absl::OkStatus();
}

absl::Status CheckLots(const std::vector<LotRef>& lots) {
  if (lots.empty() || lots.size() > kMaxLotsPerSetting) {
    return Invalid("setting.lots", absl::StrCat("must name 1 to ",
                                                kMaxLotsPerSetting, " lots"));
  }
  for (size_t i = 0; i < lots.size(); ++i) {
    const std::string field = absl::StrCat("setting.lots[", i, "]");
    // Named as the request spells it: LotRef.framework.
    FHUB_RETURN_IF_ERROR(CheckResourceId(absl::StrCat(field, ".framework"),
                                         lots[i].framework_id));
    FHUB_RETURN_IF_ERROR(
        CheckResourceId(absl::StrCat(field, ".lot_id"), lots[i].lot_id));
    for (size_t j = 0; j < i; ++j) {
      if (lots[j] == lots[i]) return Invalid(field, "is named twice");
    }
  }
  return absl::OkStatus();
}

absl::Status CheckOfsted(Setting& setting, absl::CivilDay today) {
  const RegistrationType type = setting.registration_type;
  if (type == RegistrationType::kNone) {
    if (!setting.ofsted_urn.empty()) {
      return Invalid("setting.ofsted_urn",
                     "must be empty when registration_type is NONE");
    }
    if (setting.latest_judgement.has_value()) {
      return Invalid("setting.latest_judgement",
                     "must be empty when registration_type is NONE");
    }
    return absl::OkStatus();
  }
  if (setting.ofsted_urn.empty()) {
    return Invalid(
        "setting.ofsted_urn",
        absl::StrCat("is required for a ", NameOf(kRegistrationTypes, type),
                     " registration"));
  }
  FHUB_ASSIGN_OR_RETURN(
      setting.ofsted_urn,
      NormaliseOfstedUrn("setting.ofsted_urn", setting.ofsted_urn));
  if (!setting.latest_judgement.has_value()) return absl::OkStatus();
  const OfstedJudgement& judgement = *setting.latest_judgement;
  if (ScaleOf(judgement.judgement) != type) {
    return Invalid("setting.latest_judgement.judgement",
                   absl::StrCat(NameOf(kJudgements, judgement.judgement),
                                " is not a judgement for ",
                                NameOf(kRegistrationTypes, type),
                                type == RegistrationType::kChildrensHome
                                    ? " (OUTSTANDING to INADEQUATE)"
                                    : " (OUTCOME_1 to OUTCOME_3)"));
  }
  if (judgement.date > today || judgement.date.year() < 2000) {
    return Invalid("setting.latest_judgement.date",
                   "must be a past inspection date, not before 2000");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Provider> PrepareProvider(Provider provider) {
  FHUB_RETURN_IF_ERROR(
      CheckText("provider.legal_name", provider.legal_name, 1, kMaxNameLength));
  FHUB_RETURN_IF_ERROR(CheckNumbers(provider));
  FHUB_RETURN_IF_ERROR(CheckContacts(provider.contacts));
  FHUB_RETURN_IF_ERROR(CheckAddress("provider.address", provider.address));
  return provider;
}

absl::StatusOr<Setting> PrepareSetting(Setting setting, absl::CivilDay today) {
  FHUB_RETURN_IF_ERROR(
      CheckText("setting.display_name", setting.name, 1, kMaxNameLength));
  FHUB_RETURN_IF_ERROR(CheckAddress("setting.address", setting.address));
  FHUB_RETURN_IF_ERROR(ValidateLatLng("setting", setting.location));
  FHUB_RETURN_IF_ERROR(CheckLots(setting.lots));
  if (setting.capacity < 1 || setting.capacity > kMaxSettingCapacity) {
    return Invalid("setting.capacity",
                   absl::StrCat("must be from 1 to ", kMaxSettingCapacity));
  }
  if (!(setting.service_radius_miles >= 0 &&
        setting.service_radius_miles <= kMaxServiceRadiusMiles)) {
    return Invalid("setting.service_radius_miles",
                   absl::StrCat("must be from 0 to ", kMaxServiceRadiusMiles));
  }
  FHUB_RETURN_IF_ERROR(CheckOfsted(setting, today));
  return setting;
}

absl::Status ValidateVacancy(const Setting& setting, const Vacancy& vacancy) {
  if (vacancy.places < 1 || vacancy.places > setting.capacity) {
    return Invalid("vacancy.places",
                   absl::StrCat("must be from 1 to the setting's capacity (",
                                setting.capacity, ")"));
  }
  return absl::OkStatus();
}

}  // namespace fhub::registry
