#include "tools/fhub/ballot_summary.h"

#include <algorithm>
#include <cstddef>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/clock.h"

namespace fhub::cli {
namespace {

namespace v1 = ::fhub::frameworks::v1;

// Text from the server made safe for a terminal: control characters,
// C1 ones included (U+0080 to U+009F), become spaces.
std::string Clean(absl::string_view text) {
  std::string clean(text);
  for (size_t i = 0; i < clean.size(); ++i) {
    const auto byte = static_cast<unsigned char>(clean[i]);
    if (byte < 0x20 || byte == 0x7f) {
      clean[i] = ' ';
    } else if (byte == 0xc2 && i + 1 < clean.size() &&
               static_cast<unsigned char>(clean[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(clean[i + 1]) <= 0x9f) {
      clean.replace(i, 2, " ");
    }
  }
  return clean;
}

// "2027-01-31 17:00 GMT" in UK time; "(not set)" for an unset time.
std::string Time(const google::protobuf::Timestamp& timestamp) {
  if (timestamp.seconds() == 0 && timestamp.nanos() == 0) {
    return "(not set)";
  }
  absl::Time time = absl::FromUnixSeconds(timestamp.seconds()) +
                    absl::Nanoseconds(timestamp.nanos());
  return absl::FormatTime("%Y-%m-%d %H:%M %Z", time, UkTimeZone());
}

std::string Date(const common::v1::Date& date) {
  return absl::StrFormat("%04d-%02d-%02d", date.year(), date.month(),
                         date.day());
}

bool Contains(const google::protobuf::RepeatedPtrField<std::string>& names,
              const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string Status(const v1::ExtensionBallot& ballot) {
  if (ballot.open()) {
    return absl::StrCat("open, closes ", Time(ballot.close_time()),
                        " unless every elector votes first (opened ",
                        Time(ballot.open_time()), ")");
  }
  return absl::StrCat("closed ", Time(ballot.closed_time()), " (opened ",
                      Time(ballot.open_time()), ", due to close ",
                      Time(ballot.close_time()), ")");
}

std::string Outcome(const v1::ExtensionBallot& ballot) {
  switch (ballot.outcome()) {
    case v1::BALLOT_OUTCOME_UNSPECIFIED:
      return ballot.open() ? "not decided while the ballot is open"
                           : "(none given)";
    case v1::PASSED:
      return ballot.has_new_current_end_date()
                 ? absl::StrCat("PASSED: the framework now ends on ",
                                Date(ballot.new_current_end_date()))
                 : "PASSED";
    case v1::FAILED:
      return "FAILED: the extension was not approved";
    case v1::NO_QUORUM:
      return "NO_QUORUM: too few electors voted";
    default:
      return v1::BallotOutcome_Name(ballot.outcome());
  }
}

std::string VoteLine(const v1::Vote& vote, size_t width) {
  std::string line = absl::StrFormat(
      "  %-*s  %-8s %s", width, Clean(vote.authority()),
      v1::VoteChoice_Name(vote.choice()), Time(vote.cast_time()));
  if (!vote.voter().empty()) {
    absl::StrAppend(&line, " by ", Clean(vote.voter()));
  }
  absl::StrAppend(&line, "\n");
  if (!vote.comment().empty()) {
    absl::StrAppend(&line, "      \"", Clean(vote.comment()), "\"\n");
  }
  return line;
}

}  // namespace

std::string BallotSummary(const v1::ExtensionBallot& ballot) {
  std::string out = absl::StrCat(
      "Ballot   ", Clean(ballot.name()), "\n", "Option   extension option ",
      ballot.option_number(), ", +", ballot.option_months(), " months\n",
      "Status   ", Status(ballot), "\n", "Outcome  ", Outcome(ballot), "\n",
      "Votes\n");
  size_t width = 0;
  for (const std::string& elector : ballot.electorate()) {
    width = std::max(width, elector.size());
  }
  for (const v1::Vote& vote : ballot.votes()) {
    width = std::max(width, vote.authority().size());
  }
  int choices[4] = {0, 0, 0, 0};  // By VoteChoice number.
  for (const v1::Vote& vote : ballot.votes()) {
    if (vote.choice() >= 0 && vote.choice() < 4) {
      ++choices[vote.choice()];
    }
  }
  int not_voted = 0;
  int withdrawn = 0;
  for (const std::string& elector : ballot.electorate()) {
    auto vote = std::find_if(
        ballot.votes().begin(), ballot.votes().end(),
        [&elector](const v1::Vote& v) { return v.authority() == elector; });
    std::string line;
    if (vote != ballot.votes().end()) {
      line = VoteLine(*vote, width);
    } else if (Contains(ballot.withdrawn(), elector)) {
      ++withdrawn;
      line = absl::StrFormat("  %-*s  withdrawn: ceased membership\n", width,
                             Clean(elector));
    } else {
      ++not_voted;
      line = absl::StrFormat("  %-*s  %s\n", width, Clean(elector),
                             ballot.open() ? "not yet voted" : "did not vote");
    }
    absl::StrAppend(&out, line);
  }
  for (const v1::Vote& vote : ballot.votes()) {
    if (!Contains(ballot.electorate(), vote.authority())) {  // Never, we hope.
      absl::StrAppend(&out, VoteLine(vote, width));
    }
  }
  const int eligible = ballot.electorate_size() - withdrawn;
  absl::StrAppend(&out, "Tally    ", choices[v1::APPROVE], " approve, ",
                  choices[v1::REJECT], " reject, ", choices[v1::ABSTAIN],
                  " abstain; ", ballot.votes_size(), " of ", eligible,
                  " eligible electors voted (", ballot.electorate_size(),
                  " in the electorate, ", withdrawn, " withdrawn, ", not_voted,
                  ballot.open() ? " yet to vote)\n" : " did not vote)\n");
  return out;
}

}  // namespace fhub::cli
