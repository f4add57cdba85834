#pragma once

// Admission windows: when providers may apply to join a framework's lots.
// CONTINUOUS admission is open throughout the term; PERIODIC admission opens
// every `interval_months` from `first_window_opens` for `window_days`; and the
// lead may open ad-hoc rounds, for all lots or some. Admission is open only
// while the framework is ACTIVE and within its term.

#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/frameworks/domain/model.h"

namespace fhub::frameworks {

// A round the lead opened by hand.
struct AdmissionRound {
  std::string id;
  // Lots it admits to; empty for every lot.
  std::vector<std::string> lot_ids;
  absl::Time opens;
  // Exclusive. Closing a round early moves this to the moment it closed.
  absl::Time closes;
};

struct AdmissionWindow {
  absl::Time opens;   // inclusive
  absl::Time closes;  // exclusive
  // The ad-hoc round it comes from; empty for a periodic or continuous
  // window.
  std::string round_id;
  // Lots it admits to; empty for every lot.
  std::vector<std::string> lot_ids;
};

struct AdmissionAnswer {
  bool open = false;
  // The window open at the time asked about, if any (the one closing last,
  // when several overlap).
  std::optional<AdmissionWindow> current;
  // The next window for the lot opening after the time asked about, if any
  // within the term.
  std::optional<AdmissionWindow> next;
};

// Windows of `framework` for `lot_id` (empty: any lot) that overlap
// [from, to), ordered by opening time. A periodic window k opens at 00:00 UK
// time on AddMonths(first_window_opens, k * interval_months) and closes at
// 00:00 UK time `window_days` days later; windows are cut to the term: none
// opens after the day after current_end (00:00 UK), and a window is not
// open before the term's start. A continuous window runs from the start of
// the term to 00:00 UK on the day after current_end. Status is ignored
// here: this lists the calendar.
std::vector<AdmissionWindow> AdmissionWindows(
    const Framework& framework, const std::vector<AdmissionRound>& rounds,
    const std::string& lot_id, absl::Time from, absl::Time to);

// Is admission to `lot_id` open at `at`, and what window is next? Never
// open unless the framework is ACTIVE.
AdmissionAnswer AdmissionAt(const Framework& framework,
                            const std::vector<AdmissionRound>& rounds,
                            const std::string& lot_id, absl::Time at);

// 00:00 UK time on `day`.
absl::Time StartOfUkDay(absl::CivilDay day);

}  // namespace fhub::frameworks
