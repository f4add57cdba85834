#pragma once

// Shared cards and books for the pricing domain tests: Sefton's book with
// Acme Care on the NW 16+ framework.

#include "absl/time/civil_time.h"
#include "services/pricing/domain/model.h"

namespace fhub::pricing::testing {

inline constexpr absl::CivilDay kBookStart(2026, 4, 1);

// £850.00 a week accommodation, £18.50 an hour support, £15.00 an hour
// waking night, £40.00 a sleep-in, a weekly bills allowance and a one-off
// setting-up grant.
inline RateCard SeftonCard() {
  RateCard card;
  card.book_id = 7;
  card.version = 1;
  card.effective_from = kBookStart;
  card.accommodation_weekly_pence = 85000;
  card.support_hourly_pence = 1850;
  card.waking_night_hourly_pence = 1500;
  card.sleep_in_nightly_pence = 4000;
  card.extras = {{"Bills allowance", 2500, ExtraKind::kWeekly},
                 {"Setting-up grant", 30000, ExtraKind::kOneOff}};
  return card;
}

// 7.5 hours of support a week.
inline Package SevenAndAHalfHours() {
  Package package;
  package.support_minutes_per_week = 450;
  return package;
}

inline PriceBook SeftonBook() {
  PriceBook book;
  book.id = 7;
  book.authority_id = "sefton";
  book.provider_id = "acme-care";
  book.framework_id = "nw-16plus";
  book.start_date = kBookStart;
  book.status = PriceBookStatus::kAccepted;
  return book;
}

}  // namespace fhub::pricing::testing
