#pragma once

// What a referral may hold, and how its mini-competition moves on.
//
// A referral's stored status changes only when something is written; the
// passing of the deadline is not an event. So every reader and writer asks
// CompetitionStatus, which says what an OPEN referral has become by `now`:
// still OPEN, EVALUATING (closed with a live offer) or NO_SUITABLE_OFFER
// (closed without one). The competition closes at the deadline, or earlier
// when no invitation is left waiting for an answer.
//
// Checks about the request are INVALID_ARGUMENT naming the field as the API
// spells it ("referral.age"); about the state of things, FAILED_PRECONDITION.

#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/referrals/domain/model.h"

namespace fhub::referrals {

inline constexpr double kDefaultMaxDistanceMiles = 20;
inline constexpr double kMaxDistanceMiles = 700;
inline constexpr absl::Duration kDefaultResponseWindow = absl::Hours(24);
// A deadline at most 60 days after submission.
inline constexpr absl::Duration kMaxResponseWindow = absl::Hours(24 * 60);
inline constexpr int64_t kMaxMinutesPerWeek = 168 * 60;
inline constexpr int64_t kMaxWeeklyPence = 10'000'000;  // £100,000
inline constexpr int64_t kMaxHourlyPence = kMaxWeeklyPence / 168;
inline constexpr size_t kMaxCaseReferenceLength = 64;
inline constexpr size_t kMaxSummaryLength = 4000;
inline constexpr size_t kMaxNoteLength = 2000;
inline constexpr size_t kMaxReasonLength = 1000;

// The ages a framework serves.
struct AgeRange {
  int minimum = 0;
  int maximum = 25;
};

// The referral's own fields (not ids, status or times) within bounds: case
// reference 1 to 64 printable characters that hold nothing shaped like a
// date (no dates of birth); age within `ages`; needs distinct; support 0 to
// 10,080 minutes a week; location on the Earth; greatest distance above 0
// and at most 700 miles; wanted start not before `today`; a deadline, if
// set, after `now` and at most 60 days on; weights 0 to 100 each, summing
// to 100; budget 0 to 10,000,000p; summary at most 4000 characters.
// Fields are named "referral.<field>".
absl::Status ValidateReferral(const Referral& referral, const AgeRange& ages,
                              absl::CivilDay today, absl::Time now);

// `referral` with the defaults the API promises for fields left at zero:
// greatest distance 20 miles and weights 60/40/0.
Referral WithDefaults(Referral referral);

// Whether `text` holds something shaped like a date (12/03/2009, 2009-03-12,
// 12.3.09, 12 March 2009): a case reference must not carry a date of birth.
bool LooksLikeDate(absl::string_view text);

// The deadline a submission at `now` gives: the referral's own if set
// (FAILED_PRECONDITION naming referral.response_deadline when it has
// passed), else now + 24 hours.
absl::StatusOr<absl::Time> DeadlineOnSubmit(const Referral& referral,
                                            absl::Time now);

// Whether an invitation still waits for an answer (INVITED).
bool Waiting(const Invitation& invitation);
// Whether an invitation holds a live offer (OFFERED).
bool LiveOffer(const Invitation& invitation);
// Whether the invitation's offer is ranked for a referral in `status`: a
// live offer while the competition runs or is being evaluated; once the
// referral is AWARDED, the offers that were live at the award (the one
// chosen and those it made UNSUCCESSFUL), so the ranking stays readable as
// the record of why the choice was made.
bool RankedAt(const Invitation& invitation, ReferralStatus status);

// What an OPEN referral has become by `now` given its invitations; any
// other status is returned as stored.
ReferralStatus CompetitionStatus(const Referral& referral,
                                 const std::vector<Invitation>& invitations,
                                 absl::Time now);
// The same from what the invitations add up to: whether any still waits
// for an answer and whether any holds a live offer.
ReferralStatus CompetitionStatus(const Referral& referral, bool any_waiting,
                                 bool any_live_offer, absl::Time now);

// An invitation's status as its provider should see it at `now`: INVITED
// turns CLOSED once the referral's competition has closed or the referral
// is cancelled.
InvitationStatus InvitationStatusAt(const Referral& referral,
                                    ReferralStatus competition,
                                    const Invitation& invitation);

// FAILED_PRECONDITION unless the provider can still answer (offer or
// decline) `invitation`: the referral is OPEN at `now` (before its
// deadline) and the invitation is INVITED.
absl::Status CheckCanAnswer(const Referral& referral,
                            ReferralStatus competition,
                            const Invitation& invitation);

// FAILED_PRECONDITION unless the offer can be withdrawn: the invitation is
// OFFERED and the referral is still OPEN (after the deadline nothing
// changes).
absl::Status CheckCanWithdraw(const Referral& referral,
                              ReferralStatus competition,
                              const Invitation& invitation);

// The offer's own fields within bounds, named "offer.<field>": setting
// set, available date set and not before `today`, accommodation 0 to
// 10,000,000p a week, support 0 to 59,523p an hour, 0 to 10,080 minutes a
// week, notes at most 2000 characters.
absl::Status ValidateOfferTerms(const OfferTerms& offer, absl::CivilDay today);

// Accommodation plus support for the proposed minutes, a week, by
// pricing's rounding (the support line rounded once to the nearest penny,
// halves up).
int64_t WeeklyCost(int64_t accommodation_weekly_pence,
                   int64_t support_hourly_pence, int64_t minutes_per_week);

// FAILED_PRECONDITION unless a referral in `competition` state may be
// cancelled (not AWARDED, not already CANCELLED).
absl::Status CheckCanCancel(ReferralStatus competition);

// FAILED_PRECONDITION unless the referral can be re-opened (it is
// NO_SUITABLE_OFFER); INVALID_ARGUMENT naming max_distance_miles when the
// new distance is below the old or above 700 miles (0 keeps the old).
absl::Status CheckCanReopen(ReferralStatus competition,
                            const Referral& referral,
                            double new_max_distance_miles);

}  // namespace fhub::referrals
