#include "services/pricing/domain/rates.h"

#include <algorithm>
#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/resource_name.h"
#include "common/status_macros.h"

namespace fhub::pricing {
namespace {

absl::Status CheckPence(absl::string_view field, int64_t pence,
                        int64_t max_pence) {
  if (pence < 0 || pence > max_pence) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, " must be from 0 to ", max_pence, " pence, got ", pence));
  }
  return absl::OkStatus();
}

absl::Status ValidateExtras(const std::vector<Extra>& extras) {
  if (extras.size() > kMaxExtras) {
    return absl::InvalidArgumentError(
        absl::StrCat("rate_card.extras must have at most ", kMaxExtras,
                     " extras, got ", extras.size()));
  }
  std::set<std::string> names;
  for (size_t i = 0; i < extras.size(); ++i) {
    const std::string field = absl::StrCat("rate_card.extras[", i, "]");
    FHUB_RETURN_IF_ERROR(CheckText(absl::StrCat(field, ".name"), extras[i].name,
                                   1, kMaxExtraNameLength));
    if (!names.insert(extras[i].name).second) {
      return absl::InvalidArgumentError(absl::StrCat(
          field, ".name '", extras[i].name, "' is used twice on the card"));
    }
    FHUB_RETURN_IF_ERROR(CheckPence(absl::StrCat(field, ".amount_pence"),
                                    extras[i].amount_pence, kMaxExtraPence));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateRates(const RateCard& card) {
  FHUB_RETURN_IF_ERROR(CheckPence("rate_card.accommodation_weekly_pence",
                                  card.accommodation_weekly_pence,
                                  kMaxWeeklyPence));
  FHUB_RETURN_IF_ERROR(CheckPence("rate_card.support_hourly_pence",
                                  card.support_hourly_pence, kMaxHourlyPence));
  FHUB_RETURN_IF_ERROR(CheckPence("rate_card.waking_night_hourly_pence",
                                  card.waking_night_hourly_pence,
                                  kMaxHourlyPence));
  FHUB_RETURN_IF_ERROR(CheckPence("rate_card.sleep_in_nightly_pence",
                                  card.sleep_in_nightly_pence,
                                  kMaxNightlyPence));
  return ValidateExtras(card.extras);
}

absl::StatusOr<RateCard> PrepareNewCard(RateCard card, const PriceBook& book,
                                        const std::vector<RateCard>& existing,
                                        absl::CivilDay today, absl::Time at) {
  FHUB_RETURN_IF_ERROR(ValidateRates(card));
  if (card.effective_from < book.start_date) {
    return absl::InvalidArgumentError(
        absl::StrCat("rate_card.effective_from (",
                     absl::FormatCivilTime(card.effective_from),
                     ") must not be before the price book starts (",
                     absl::FormatCivilTime(book.start_date), ")"));
  }
  int highest_version = 0;
  for (const RateCard& other : existing) {
    if (other.effective_from == card.effective_from) {
      return absl::AlreadyExistsError(absl::StrCat(
          "price book ", book.id, " already has a rate card (version ",
          other.version, ") effective from ",
          absl::FormatCivilTime(card.effective_from)));
    }
    highest_version = std::max(highest_version, other.version);
  }
  if (!existing.empty() && card.effective_from <= today) {
    return absl::FailedPreconditionError(absl::StrCat(
        "a new rate card must start after today (",
        absl::FormatCivilTime(today),
        "): a card dated earlier would change what a period already begun "
        "cost"));
  }
  card.book_id = book.id;
  card.version = highest_version + 1;
  card.create_time = at;
  card.update_time = at;
  return card;
}

absl::Status CheckCorrection(const RateCard& card, absl::CivilDay today) {
  if (card.effective_from <= today) {
    return absl::FailedPreconditionError(absl::StrCat(
        "rate card version ", card.version, " has been in force since ",
        absl::FormatCivilTime(card.effective_from),
        "; past and current cards never change, add a new card instead"));
  }
  return absl::OkStatus();
}

absl::StatusOr<RateCard> CorrectCard(const RateCard& current,
                                     const RateCard& corrected,
                                     absl::CivilDay today, absl::Time at) {
  FHUB_RETURN_IF_ERROR(CheckCorrection(current, today));
  FHUB_RETURN_IF_ERROR(ValidateRates(corrected));
  RateCard result = current;
  result.accommodation_weekly_pence = corrected.accommodation_weekly_pence;
  result.support_hourly_pence = corrected.support_hourly_pence;
  result.waking_night_hourly_pence = corrected.waking_night_hourly_pence;
  result.sleep_in_nightly_pence = corrected.sleep_in_nightly_pence;
  result.extras = corrected.extras;
  result.update_time = at;
  return result;
}

std::optional<RateCard> CardOn(const std::vector<RateCard>& cards,
                               absl::CivilDay day) {
  const RateCard* best = nullptr;
  for (const RateCard& card : cards) {
    if (card.effective_from > day) continue;
    if (best == nullptr || card.effective_from > best->effective_from ||
        (card.effective_from == best->effective_from &&
         card.version > best->version)) {
      best = &card;
    }
  }
  if (best == nullptr) return std::nullopt;
  return *best;
}

const Extra* FindExtra(const RateCard& card, absl::string_view name) {
  for (const Extra& extra : card.extras) {
    if (extra.name == name) return &extra;
  }
  return nullptr;
}

absl::Status ValidatePackage(const RateCard& card, const Package& package) {
  const auto check_minutes = [](absl::string_view field, int64_t minutes) {
    if (minutes < 0 || minutes > kMaxMinutesPerWeek) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, " must be from 0 to ", kMaxMinutesPerWeek,
                       " minutes, got ", minutes));
    }
    return absl::OkStatus();
  };
  FHUB_RETURN_IF_ERROR(check_minutes("package.support_minutes_per_week",
                                     package.support_minutes_per_week));
  FHUB_RETURN_IF_ERROR(check_minutes("package.waking_night_minutes_per_week",
                                     package.waking_night_minutes_per_week));
  if (package.sleep_in_nights_per_week < 0 ||
      package.sleep_in_nights_per_week > kMaxNightsPerWeek) {
    return absl::InvalidArgumentError(absl::StrCat(
        "package.sleep_in_nights_per_week must be from 0 to ",
        kMaxNightsPerWeek, ", got ", package.sleep_in_nights_per_week));
  }
  std::set<std::string> named;
  for (size_t i = 0; i < package.extras.size(); ++i) {
    const std::string& name = package.extras[i];
    const std::string field = absl::StrCat("package.extras[", i, "]");
    if (FindExtra(card, name) == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, " '", name, "' is not an extra of rate card ",
                       "version ", card.version));
    }
    if (!named.insert(name).second) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, " '", name, "' is named twice"));
    }
  }
  return absl::OkStatus();
}

}  // namespace fhub::pricing
