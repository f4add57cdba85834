#include "services/referrals/domain/placement_rules.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/resource_name.h"
#include "common/status_macros.h"
#include "services/pricing/domain/money.h"
#include "services/referrals/domain/referral_rules.h"

namespace fhub::referrals {
namespace {

std::string DayText(absl::CivilDay day) {
  return absl::StrFormat("%04d-%02d-%02d", day.year(), day.month(), day.day());
}

absl::Status Invalid(absl::string_view field, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", what));
}

// The placement's last day within [.., last], or `last` itself.
absl::CivilDay LastOccupied(const Placement& p, absl::CivilDay last) {
  if (p.end_date.has_value() && *p.end_date < last) return *p.end_date;
  return last;
}

}  // namespace

absl::Status ValidatePeriod(absl::CivilDay first, absl::CivilDay last) {
  if (last < first) {
    return Invalid("last_day",
                   absl::StrCat(DayText(last), " is before ", DayText(first)));
  }
  if (last - first > kMaxPeriodDaysAfterFirst) {
    return Invalid("last_day", "a period spans at most three years");
  }
  return absl::OkStatus();
}

absl::Status ValidateHoursChange(const HoursChange& change) {
  if (change.support_minutes_per_week < 0 ||
      change.support_minutes_per_week > kMaxMinutesPerWeek) {
    return Invalid("change.support_minutes_per_week",
                   absl::StrCat(change.support_minutes_per_week,
                                " is outside 0 to 10080 (168 hours a week)"));
  }
  return absl::OkStatus();
}

absl::StatusOr<Placement> WithHoursChange(Placement placement,
                                          const HoursChange& change) {
  FHUB_RETURN_IF_ERROR(ValidateHoursChange(change));
  if (change.effective_date < placement.start_date) {
    return Invalid("change.effective_date",
                   absl::StrCat(DayText(change.effective_date),
                                " is before the placement starts on ",
                                DayText(placement.start_date)));
  }
  if (placement.end_date.has_value() &&
      change.effective_date > *placement.end_date) {
    return Invalid("change.effective_date",
                   absl::StrCat(DayText(change.effective_date),
                                " is after the placement ended on ",
                                DayText(*placement.end_date)));
  }
  auto& hours = placement.hours;
  hours.erase(std::remove_if(hours.begin(), hours.end(),
                             [&](const HoursChange& h) {
                               return h.effective_date == change.effective_date;
                             }),
              hours.end());
  hours.push_back(change);
  std::sort(hours.begin(), hours.end(),
            [](const HoursChange& a, const HoursChange& b) {
              return a.effective_date < b.effective_date;
            });
  return placement;
}

int64_t MinutesOn(const Placement& placement, absl::CivilDay day) {
  int64_t minutes = 0;
  for (const HoursChange& h : placement.hours) {
    if (h.effective_date > day) break;
    minutes = h.support_minutes_per_week;
  }
  return minutes;
}

absl::StatusOr<Placement> Ended(Placement placement, absl::CivilDay end_date,
                                EndReason reason, std::string note) {
  if (placement.end_date.has_value()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the placement already ended on ", DayText(*placement.end_date)));
  }
  if (end_date < placement.start_date) {
    return Invalid("end_date", absl::StrCat(DayText(end_date),
                                            " is before the placement starts "
                                            "on ",
                                            DayText(placement.start_date)));
  }
  if (!placement.hours.empty() &&
      end_date < placement.hours.back().effective_date) {
    return Invalid(
        "end_date",
        absl::StrCat(DayText(end_date),
                     " is before the latest hours change on ",
                     DayText(placement.hours.back().effective_date)));
  }
  FHUB_RETURN_IF_ERROR(CheckText("note", note, 0, kMaxReasonLength));
  placement.end_date = end_date;
  placement.end_reason = reason;
  placement.end_note = std::move(note);
  return placement;
}

bool Occupies(const Placement& placement, absl::CivilDay day) {
  if (day < placement.start_date) return false;
  return !placement.end_date.has_value() || day <= *placement.end_date;
}

absl::StatusOr<PeriodCost> CostOver(const Placement& placement,
                                    absl::CivilDay first, absl::CivilDay last) {
  FHUB_RETURN_IF_ERROR(ValidatePeriod(first, last));
  PeriodCost cost;
  const absl::CivilDay from = std::max(first, placement.start_date);
  const absl::CivilDay to = LastOccupied(placement, last);
  if (to < from) return cost;
  // Break the period at each hours change inside it.
  absl::CivilDay segment_start = from;
  while (segment_start <= to) {
    absl::CivilDay segment_end = to;
    for (const HoursChange& h : placement.hours) {
      if (h.effective_date > segment_start &&
          h.effective_date - 1 < segment_end) {
        segment_end = h.effective_date - 1;
      }
    }
    CostSegment s;
    s.first_day = segment_start;
    s.last_day = segment_end;
    s.days = segment_end - segment_start + 1;
    s.minutes_per_week = MinutesOn(placement, segment_start);
    s.weekly_pence =
        WeeklyCost(placement.accommodation_weekly_pence,
                   placement.support_hourly_pence, s.minutes_per_week);
    // weekly <= 10,000,000 + 59,523 x 168 and days <= 1,097: inside int64.
    s.cost_pence = pricing::DivideToNearestPenny(s.weekly_pence * s.days, 7);
    cost.total_pence += s.cost_pence;
    cost.segments.push_back(s);
    segment_start = segment_end + 1;
  }
  return cost;
}

absl::StatusOr<Occupancy> OccupancyOver(
    const BlockContract& contract, const std::vector<Placement>& placements,
    absl::CivilDay first, absl::CivilDay last) {
  FHUB_RETURN_IF_ERROR(ValidatePeriod(first, last));
  Occupancy o;
  const absl::CivilDay from = std::max(first, contract.start_date);
  const absl::CivilDay to = std::min(last, contract.end_date);
  if (to >= from) {
    o.contract_days = to - from + 1;
    o.place_days = o.contract_days * contract.places;
    // Day by day keeps the cap exact when more placements overlap than there
    // are places (which CheckFreePlace never lets happen).
    for (absl::CivilDay day = from; day <= to; ++day) {
      int64_t occupied = 0;
      for (const Placement& p : placements)
        occupied += Occupies(p, day) ? 1 : 0;
      o.occupied_place_days += std::min<int64_t>(occupied, contract.places);
    }
    o.empty_place_days = o.place_days - o.occupied_place_days;
  }
  if (last >= contract.start_date && last <= contract.end_date) {
    int occupied = 0;
    for (const Placement& p : placements) occupied += Occupies(p, last) ? 1 : 0;
    o.occupied_on_last_day = std::min(occupied, contract.places);
    o.free_on_last_day = contract.places - o.occupied_on_last_day;
  }
  return o;
}

absl::Status CheckFreePlace(const std::vector<Placement>& placements,
                            int places, absl::CivilDay start,
                            absl::string_view what) {
  int taken = 0;
  for (const Placement& p : placements) {
    if (!p.end_date.has_value() || *p.end_date >= start) ++taken;
  }
  if (taken >= places) {
    return absl::FailedPreconditionError(
        absl::StrCat(what, " has no free place from ", DayText(start), ": ",
                     taken, " of ", places, " taken"));
  }
  return absl::OkStatus();
}

absl::Status ValidateBlockContract(const BlockContract& c) {
  if (c.provider_id.empty()) {
    return Invalid("block_contract.provider", "is required");
  }
  if (c.setting_ids.empty() || c.setting_ids.size() > 20) {
    return Invalid("block_contract.settings", "must list 1 to 20 settings");
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < c.setting_ids.size(); ++i) {
    if (!seen.insert(c.setting_ids[i]).second) {
      return Invalid(absl::StrCat("block_contract.settings[", i, "]"),
                     "is listed twice");
    }
  }
  if (c.places < 1 || c.places > 500) {
    return Invalid("block_contract.places",
                   absl::StrCat(c.places, " is outside 1 to 500"));
  }
  if (c.end_date < c.start_date) {
    return Invalid("block_contract.end_date", "is before the start date");
  }
  // Ten calendar years on (29 February normalises to 1 March).
  const absl::CivilDay ten_years_on(c.start_date.year() + 10,
                                    c.start_date.month(), c.start_date.day());
  if (c.end_date > ten_years_on) {
    return Invalid("block_contract.end_date",
                   "a block contract runs at most 10 years");
  }
  if (c.weekly_pence_per_place < 0 ||
      c.weekly_pence_per_place > kMaxWeeklyPence) {
    return Invalid("block_contract.weekly_pence_per_place",
                   "must be 0 to 10000000");
  }
  if (c.support_hourly_pence < 0 || c.support_hourly_pence > kMaxHourlyPence) {
    return Invalid("block_contract.support_hourly_pence",
                   absl::StrCat("must be 0 to ", kMaxHourlyPence));
  }
  return absl::OkStatus();
}

}  // namespace fhub::referrals
