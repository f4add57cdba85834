#pragma once

// What a valid provider, setting and vacancy look like. Prepare* check a
// record as its provider submits it and return it normalised (postcodes,
// company and charity numbers, URNs in their canonical spelling). Errors are
// INVALID_ARGUMENT and name the request field at fault, as the API spells
// it ("setting.latitude", "provider.contacts[0].email").

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "services/registry/domain/identifiers.h"
#include "services/registry/domain/model.h"

namespace fhub::registry {

inline constexpr size_t kMaxNameLength = 200;
inline constexpr size_t kMaxContacts = 10;
inline constexpr size_t kMaxAddressLines = 4;
inline constexpr size_t kMaxAddressLineLength = 100;
inline constexpr size_t kMaxLotsPerSetting = 50;
// Large enough for a floating-support base's caseload; a children's home
// has a handful of beds.
inline constexpr int kMaxSettingCapacity = 500;
inline constexpr double kMaxServiceRadiusMiles = 100;

// Legal name; the number the kind needs (COMPANY: a company number and no
// charity number; CHARITY: a charity number, and a company number if it is
// a charitable company; SOLE_TRADER: neither); 1 to kMaxContacts contacts
// each with a name and an e-mail address; an address with a postcode.
absl::StatusOr<Provider> PrepareProvider(Provider provider);

// Name, address and postcode, location, 1 to kMaxLotsPerSetting distinct
// lots, capacity 1 to kMaxSettingCapacity, and Ofsted details consistent
// with the registration type: NONE has neither URN nor judgement; a
// registered setting has a URN and, once inspected, a judgement on its own
// scale dated no later than `today`.
absl::StatusOr<Setting> PrepareSetting(Setting setting, absl::CivilDay today);

// Places from 1 up to the capacity of `setting`, the setting the vacancy
// is recorded at.
absl::Status ValidateVacancy(const Setting& setting, const Vacancy& vacancy);

}  // namespace fhub::registry
