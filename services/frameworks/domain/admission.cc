#include "services/frameworks/domain/admission.h"

#include <algorithm>

#include "common/clock.h"
#include "services/frameworks/domain/rules.h"

namespace fhub::frameworks {
namespace {

// The term as instants: from 00:00 UK on its first day to 00:00 UK on the
// day after its current end.
struct TermSpan {
  absl::Time begins;
  absl::Time ends;
};

TermSpan SpanOf(const Term& term) {
  return {StartOfUkDay(term.start), StartOfUkDay(term.current_end + 1)};
}

bool AdmitsLot(const std::vector<std::string>& lot_ids,
               const std::string& lot_id) {
  return lot_id.empty() || lot_ids.empty() ||
         std::find(lot_ids.begin(), lot_ids.end(), lot_id) != lot_ids.end();
}

// Cuts `window` to the term and keeps it if anything of it overlaps
// [from, to).
void AddIfOverlapping(AdmissionWindow window, const TermSpan& term,
                      absl::Time from, absl::Time to,
                      std::vector<AdmissionWindow>& out) {
  window.opens = std::max(window.opens, term.begins);
  window.closes = std::min(window.closes, term.ends);
  if (window.opens >= window.closes) return;
  if (window.opens >= to || window.closes <= from) return;
  out.push_back(std::move(window));
}

void AddPeriodicWindows(const AdmissionPolicy& policy, const TermSpan& term,
                        absl::Time from, absl::Time to,
                        std::vector<AdmissionWindow>& out) {
  // Guards the loop; a valid policy always has both.
  if (policy.interval_months < 1 || policy.window_days < 1) return;
  const absl::Time stop = std::min(term.ends, to);
  for (int k = 0;; ++k) {
    // From the first window each time, so that a clamped month end (31
    // January -> 28 February) does not carry into later windows.
    const absl::CivilDay day =
        AddMonths(policy.first_window_opens, k * policy.interval_months);
    AdmissionWindow window;
    window.opens = StartOfUkDay(day);
    if (window.opens >= stop) return;
    window.closes = StartOfUkDay(day + policy.window_days);
    AddIfOverlapping(std::move(window), term, from, to, out);
  }
}

}  // namespace

absl::Time StartOfUkDay(absl::CivilDay day) {
  return absl::FromCivil(absl::CivilSecond(day), UkTimeZone());
}

std::vector<AdmissionWindow> AdmissionWindows(
    const Framework& framework, const std::vector<AdmissionRound>& rounds,
    const std::string& lot_id, absl::Time from, absl::Time to) {
  const TermSpan term = SpanOf(framework.term);
  std::vector<AdmissionWindow> windows;
  if (framework.admission.kind == AdmissionKind::kContinuous) {
    AddIfOverlapping({term.begins, term.ends, "", {}}, term, from, to, windows);
  } else {
    AddPeriodicWindows(framework.admission, term, from, to, windows);
  }
  for (const AdmissionRound& round : rounds) {
    if (!AdmitsLot(round.lot_ids, lot_id)) continue;
    AddIfOverlapping({round.opens, round.closes, round.id, round.lot_ids}, term,
                     from, to, windows);
  }
  std::stable_sort(windows.begin(), windows.end(),
                   [](const AdmissionWindow& a, const AdmissionWindow& b) {
                     if (a.opens != b.opens) return a.opens < b.opens;
                     return a.closes < b.closes;
                   });
  return windows;
}

AdmissionAnswer AdmissionAt(const Framework& framework,
                            const std::vector<AdmissionRound>& rounds,
                            const std::string& lot_id, absl::Time at) {
  AdmissionAnswer answer;
  if (framework.status != FrameworkStatus::kActive) return answer;
  for (AdmissionWindow& window : AdmissionWindows(framework, rounds, lot_id, at,
                                                  absl::InfiniteFuture())) {
    if (window.opens <= at) {
      if (!answer.current.has_value() ||
          window.closes > answer.current->closes) {
        answer.current = std::move(window);
      }
    } else if (!answer.next.has_value()) {
      answer.next = std::move(window);
    }
  }
  answer.open = answer.current.has_value();
  return answer;
}

}  // namespace fhub::frameworks
