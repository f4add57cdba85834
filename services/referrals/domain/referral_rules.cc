#include "services/referrals/domain/referral_rules.h"

#include <cctype>
#include <cmath>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/resource_name.h"
#include "common/status_macros.h"
#include "services/pricing/domain/money.h"

namespace fhub::referrals {
namespace {

absl::Status Invalid(absl::string_view field, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", what));
}

bool Digit(char c) { return c >= '0' && c <= '9'; }

// Length of the run of digits starting at `i`.
size_t DigitsAt(absl::string_view text, size_t i) {
  size_t n = 0;
  while (i + n < text.size() && Digit(text[i + n])) ++n;
  return n;
}

constexpr absl::string_view kMonths[] = {"jan", "feb", "mar", "apr",
                                         "may", "jun", "jul", "aug",
                                         "sep", "oct", "nov", "dec"};

bool StartsWithMonth(absl::string_view rest) {
  // Skip spaces between the day and the month.
  size_t i = 0;
  while (i < rest.size() && (rest[i] == ' ' || rest[i] == '-')) ++i;
  if (i == 0) return false;
  const std::string lower = absl::AsciiStrToLower(rest.substr(i, 3));
  for (absl::string_view month : kMonths) {
    if (lower == month) return true;
  }
  return false;
}

}  // namespace

bool LooksLikeDate(absl::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    if (!Digit(text[i]) || (i > 0 && Digit(text[i - 1]))) continue;
    const size_t first = DigitsAt(text, i);
    // "12 March 2009", "3-mar-09".
    if (first <= 2 && StartsWithMonth(text.substr(i + first))) return true;
    // d/m/y, y-m-d and the like: three runs of digits joined by one of
    // / - . with a 1-2 or 4 digit first run.
    size_t at = i + first;
    if (at >= text.size()) continue;
    const char sep = text[at];
    if (sep != '/' && sep != '-' && sep != '.') continue;
    const size_t second = DigitsAt(text, at + 1);
    if (second < 1 || second > 2) continue;
    at += 1 + second;
    if (at >= text.size() || text[at] != sep) continue;
    const size_t third = DigitsAt(text, at + 1);
    if ((first <= 2 && (third == 2 || third == 4)) ||
        (first == 4 && third >= 1 && third <= 2)) {
      return true;
    }
  }
  return false;
}

Referral WithDefaults(Referral referral) {
  if (referral.max_distance_miles == 0) {
    referral.max_distance_miles = kDefaultMaxDistanceMiles;
  }
  const Weights& w = referral.weights;
  if (w.quality == 0 && w.price == 0 && w.distance == 0) {
    referral.weights = Weights{};
  }
  return referral;
}

absl::Status ValidateReferral(const Referral& r, const AgeRange& ages,
                              absl::CivilDay today, absl::Time now) {
  FHUB_RETURN_IF_ERROR(CheckText("referral.case_reference", r.case_reference, 1,
                                 kMaxCaseReferenceLength));
  for (char c : r.case_reference) {
    if (c == '\n' || c == '\t') {
      return Invalid("referral.case_reference", "must be one line");
    }
  }
  if (LooksLikeDate(r.case_reference)) {
    return Invalid("referral.case_reference",
                   "holds something shaped like a date; a case reference "
                   "must not carry a date of birth");
  }
  if (r.age < ages.minimum || r.age > ages.maximum) {
    return Invalid("referral.age",
                   absl::StrCat(r.age, " is outside the framework's ages ",
                                ages.minimum, " to ", ages.maximum));
  }
  std::set<Need> seen;
  for (size_t i = 0; i < r.needs.size(); ++i) {
    if (!seen.insert(r.needs[i]).second) {
      return Invalid(
          absl::StrCat("referral.needs[", i, "]"),
          absl::StrCat(NameOf(kNeeds, r.needs[i]), " is listed twice"));
    }
  }
  if (r.support_minutes_per_week < 0 ||
      r.support_minutes_per_week > kMaxMinutesPerWeek) {
    return Invalid("referral.support_minutes_per_week",
                   absl::StrCat(r.support_minutes_per_week,
                                " is outside 0 to 10080 (168 hours a week)"));
  }
  if (!std::isfinite(r.latitude) || r.latitude < -90 || r.latitude > 90) {
    return Invalid("referral.home_location.latitude", "must be -90 to 90");
  }
  if (!std::isfinite(r.longitude) || r.longitude < -180 || r.longitude > 180) {
    return Invalid("referral.home_location.longitude", "must be -180 to 180");
  }
  if (!std::isfinite(r.max_distance_miles) || r.max_distance_miles <= 0 ||
      r.max_distance_miles > kMaxDistanceMiles) {
    return Invalid("referral.max_distance_miles",
                   "must be above 0 and at most 700 (0 means 20)");
  }
  if (r.wanted_start_date < today) {
    return Invalid(
        "referral.wanted_start_date",
        absl::StrFormat("%04d-%02d-%02d is in the past",
                        r.wanted_start_date.year(), r.wanted_start_date.month(),
                        r.wanted_start_date.day()));
  }
  if (r.response_deadline.has_value()) {
    if (*r.response_deadline <= now) {
      return Invalid("referral.response_deadline", "is in the past");
    }
    if (*r.response_deadline > now + kMaxResponseWindow) {
      return Invalid("referral.response_deadline", "is more than 60 days away");
    }
  }
  const Weights& w = r.weights;
  for (auto [field, value] :
       {std::pair{"quality", w.quality}, std::pair{"price", w.price},
        std::pair{"distance", w.distance}}) {
    if (value < 0 || value > 100) {
      return Invalid(absl::StrCat("referral.weights.", field),
                     absl::StrCat(value, " is outside 0 to 100"));
    }
  }
  if (w.quality + w.price + w.distance != 100) {
    return Invalid("referral.weights",
                   absl::StrCat("quality ", w.quality, " + price ", w.price,
                                " + distance ", w.distance, " = ",
                                w.quality + w.price + w.distance,
                                "; the weights must sum to 100"));
  }
  if (r.weekly_budget_pence < 0 || r.weekly_budget_pence > kMaxWeeklyPence) {
    return Invalid("referral.weekly_budget_pence",
                   "must be 0 (none) to 10000000");
  }
  return CheckText("referral.confidential_summary", r.confidential_summary, 0,
                   kMaxSummaryLength);
}

absl::StatusOr<absl::Time> DeadlineOnSubmit(const Referral& referral,
                                            absl::Time now) {
  if (!referral.response_deadline.has_value()) {
    return now + kDefaultResponseWindow;
  }
  if (*referral.response_deadline <= now) {
    return absl::FailedPreconditionError(
        "referral.response_deadline has passed; cancel the referral or "
        "create it again with a later deadline");
  }
  return *referral.response_deadline;
}

bool Waiting(const Invitation& invitation) {
  return invitation.status == InvitationStatus::kInvited;
}

bool LiveOffer(const Invitation& invitation) {
  return invitation.status == InvitationStatus::kOffered;
}

bool RankedAt(const Invitation& invitation, ReferralStatus status) {
  if (status != ReferralStatus::kAwarded) return LiveOffer(invitation);
  return invitation.status == InvitationStatus::kOfferAwarded ||
         invitation.status == InvitationStatus::kUnsuccessful;
}

ReferralStatus CompetitionStatus(const Referral& referral,
                                 const std::vector<Invitation>& invitations,
                                 absl::Time now) {
  bool waiting = false;
  bool offers = false;
  for (const Invitation& invitation : invitations) {
    waiting = waiting || Waiting(invitation);
    offers = offers || LiveOffer(invitation);
  }
  return CompetitionStatus(referral, waiting, offers, now);
}

ReferralStatus CompetitionStatus(const Referral& referral, bool waiting,
                                 bool offers, absl::Time now) {
  if (referral.status != ReferralStatus::kOpen) return referral.status;
  const bool deadline_passed = referral.response_deadline.has_value() &&
                               now >= *referral.response_deadline;
  if (!deadline_passed && waiting) return ReferralStatus::kOpen;
  return offers ? ReferralStatus::kEvaluating
                : ReferralStatus::kNoSuitableOffer;
}

InvitationStatus InvitationStatusAt(const Referral& referral,
                                    ReferralStatus competition,
                                    const Invitation& invitation) {
  if (invitation.status == InvitationStatus::kInvited &&
      competition != ReferralStatus::kOpen) {
    return InvitationStatus::kClosed;
  }
  return invitation.status;
}

absl::Status CheckCanAnswer(const Referral& referral,
                            ReferralStatus competition,
                            const Invitation& invitation) {
  const InvitationStatus status =
      InvitationStatusAt(referral, competition, invitation);
  if (competition == ReferralStatus::kCancelled) {
    return absl::FailedPreconditionError("the referral was cancelled");
  }
  if (status == InvitationStatus::kRevoked) {
    return absl::FailedPreconditionError(
        "the invitation was withdrawn: the provider is suspended for the "
        "authority");
  }
  if (competition != ReferralStatus::kOpen) {
    return absl::FailedPreconditionError(
        "the referral's competition has closed (deadline passed or every "
        "invitee answered); nothing changes now");
  }
  if (status != InvitationStatus::kInvited) {
    return absl::FailedPreconditionError(
        absl::StrCat("the invitation is already answered (",
                     NameOf(kInvitationStatuses, status), ")"));
  }
  return absl::OkStatus();
}

absl::Status CheckCanWithdraw(const Referral& referral,
                              ReferralStatus competition,
                              const Invitation& invitation) {
  if (invitation.status != InvitationStatus::kOffered) {
    return absl::FailedPreconditionError(absl::StrCat(
        "there is no live offer to withdraw (the invitation is ",
        NameOf(kInvitationStatuses,
               InvitationStatusAt(referral, competition, invitation)),
        ")"));
  }
  if (competition != ReferralStatus::kOpen) {
    return absl::FailedPreconditionError(
        "the referral's competition has closed; an offer can be withdrawn "
        "only before the deadline");
  }
  return absl::OkStatus();
}

absl::Status ValidateOfferTerms(const OfferTerms& offer, absl::CivilDay today) {
  if (offer.setting_id.empty()) {
    return Invalid("offer.setting", "is required");
  }
  if (offer.available_date < today) {
    return Invalid("offer.available_date", "is in the past");
  }
  if (offer.accommodation_weekly_pence < 0 ||
      offer.accommodation_weekly_pence > kMaxWeeklyPence) {
    return Invalid("offer.accommodation_weekly_pence",
                   absl::StrCat(offer.accommodation_weekly_pence,
                                " is outside 0 to 10000000"));
  }
  if (offer.support_hourly_pence < 0 ||
      offer.support_hourly_pence > kMaxHourlyPence) {
    return Invalid("offer.support_hourly_pence",
                   absl::StrCat(offer.support_hourly_pence, " is outside 0 to ",
                                kMaxHourlyPence));
  }
  if (offer.support_minutes_per_week < 0 ||
      offer.support_minutes_per_week > kMaxMinutesPerWeek) {
    return Invalid("offer.support_minutes_per_week",
                   absl::StrCat(offer.support_minutes_per_week,
                                " is outside 0 to 10080 (168 hours a week)"));
  }
  return CheckText("offer.notes", offer.notes, 0, kMaxNoteLength);
}

int64_t WeeklyCost(int64_t accommodation_weekly_pence,
                   int64_t support_hourly_pence, int64_t minutes_per_week) {
  // At most 59,523 x 10,080: far inside int64.
  return accommodation_weekly_pence +
         pricing::DivideToNearestPenny(support_hourly_pence * minutes_per_week,
                                       60);
}

absl::Status CheckCanCancel(ReferralStatus competition) {
  if (competition == ReferralStatus::kAwarded) {
    return absl::FailedPreconditionError(
        "the referral is AWARDED; end the placement instead");
  }
  if (competition == ReferralStatus::kCancelled) {
    return absl::FailedPreconditionError("the referral is already CANCELLED");
  }
  return absl::OkStatus();
}

absl::Status CheckCanReopen(ReferralStatus competition,
                            const Referral& referral,
                            double new_max_distance_miles) {
  if (competition != ReferralStatus::kNoSuitableOffer) {
    return absl::FailedPreconditionError(absl::StrCat(
        "only a NO_SUITABLE_OFFER referral can be re-opened; this one is ",
        NameOf(kReferralStatuses, competition)));
  }
  if (new_max_distance_miles == 0) return absl::OkStatus();
  if (!std::isfinite(new_max_distance_miles) ||
      new_max_distance_miles > kMaxDistanceMiles) {
    return Invalid("max_distance_miles", "must be at most 700");
  }
  if (new_max_distance_miles < referral.max_distance_miles) {
    return Invalid(
        "max_distance_miles",
        absl::StrCat(new_max_distance_miles, " is less than the referral's ",
                     referral.max_distance_miles,
                     "; a re-opened referral may only widen"));
  }
  return absl::OkStatus();
}

}  // namespace fhub::referrals
