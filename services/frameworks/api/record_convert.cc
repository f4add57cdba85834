#include "services/frameworks/api/record_convert.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/proto_values.h"
#include "common/resource_name.h"

namespace fhub::frameworks {
namespace {

template <typename P, typename E, size_t N>
P ProtoEnum(const std::array<EnumName<E>, N>& table, E value,
            bool (*parse)(const std::string&, P*)) {
  P out{};
  parse(std::string(NameOf(table, value)), &out);
  return out;
}

}  // namespace

std::string ChildName(const std::string& framework_id,
                      absl::string_view collection, int number) {
  return absl::StrCat("frameworks/", framework_id, "/", collection, "/",
                      number);
}

absl::StatusOr<std::pair<std::string, int>> ParseNumberedName(
    absl::string_view field, absl::string_view name,
    absl::string_view collection) {
  std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  int number = 0;
  if (parts.size() != 4 || parts[0] != "frameworks" ||
      !IsResourceId(parts[1]) || parts[2] != collection ||
      !absl::SimpleAtoi(parts[3], &number) || number < 1 ||
      absl::StrCat(number) != parts[3]) {
    if (name.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(field, " is required"));
    }
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": '", name, "' is not a name of the form ",
                     "frameworks/{id}/", collection, "/{number}"));
  }
  return std::make_pair(std::string(parts[1]), number);
}

void ToProto(const ExtensionBallot& b,
             const std::vector<std::string>& withdrawn,
             v1::ExtensionBallot* out) {
  out->set_name(ChildName(b.framework_id, kBallots, b.number));
  out->set_option_number(b.option_number);
  out->set_option_months(b.option_months);
  ToProto(b.open_time, out->mutable_open_time());
  ToProto(b.close_time, out->mutable_close_time());
  out->set_open(b.open());
  if (b.outcome.has_value()) {
    out->set_outcome(ProtoEnum<v1::BallotOutcome>(kBallotOutcomes, *b.outcome,
                                                  v1::BallotOutcome_Parse));
  }
  if (b.closed_time.has_value()) {
    ToProto(*b.closed_time, out->mutable_closed_time());
  }
  for (const Elector& elector : b.electors) {
    const std::string name = absl::StrCat("authorities/", elector.authority_id);
    out->add_electorate(name);
    if (elector.withdrawn ||
        std::find(withdrawn.begin(), withdrawn.end(), elector.authority_id) !=
            withdrawn.end()) {
      out->add_withdrawn(name);
    }
  }
  for (const Vote& vote : b.votes) {
    v1::Vote* v = out->add_votes();
    v->set_authority(absl::StrCat("authorities/", vote.authority_id));
    v->set_choice(ProtoEnum<v1::VoteChoice>(kVoteChoices, vote.choice,
                                            v1::VoteChoice_Parse));
    v->set_comment(vote.comment);
    ToProto(vote.cast_time, v->mutable_cast_time());
    v->set_voter(vote.voter);
  }
  if (b.new_current_end.has_value()) {
    ToProto(*b.new_current_end, out->mutable_new_current_end_date());
  }
}

void ToProto(const AdmissionWindow& window, const std::string& framework_id,
             v1::AdmissionWindow* out) {
  ToProto(window.opens, out->mutable_open_time());
  ToProto(window.closes, out->mutable_close_time());
  if (!window.round_id.empty()) {
    int number = 0;
    if (absl::SimpleAtoi(window.round_id, &number)) {
      out->set_admission_round(
          ChildName(framework_id, kAdmissionRounds, number));
    }
  }
  for (const std::string& lot : window.lot_ids) out->add_lot_ids(lot);
}

void ToProto(const std::string& framework_id, const AdmissionRound& round,
             bool closed_early, v1::AdmissionRound* out) {
  int number = 0;
  absl::SimpleAtoi(round.id, &number);
  out->set_name(ChildName(framework_id, kAdmissionRounds, number));
  for (const std::string& lot : round.lot_ids) out->add_lot_ids(lot);
  ToProto(round.opens, out->mutable_open_time());
  ToProto(round.closes, out->mutable_close_time());
  out->set_closed_early(closed_early);
}

void ToProto(const CostShareStatement& s, v1::CostShareStatement* out) {
  out->set_name(ChildName(s.framework_id, kCostShareStatements, s.number));
  ToProto(s.period_start, out->mutable_period_start_date());
  ToProto(s.period_end, out->mutable_period_end_date());
  out->set_cost_pence(s.cost_pence);
  out->set_method(ProtoEnum<v1::CostSharingMethod>(
      kCostSharingMethods, s.method, v1::CostSharingMethod_Parse));
  out->set_applied_method(ProtoEnum<v1::CostSharingMethod>(
      kCostSharingMethods, s.applied_method, v1::CostSharingMethod_Parse));
  if (s.count_source != PlacementCountSource::kNone) {
    out->set_placement_count_source(ProtoEnum<v1::PlacementCountSource>(
        kPlacementCountSources, s.count_source,
        v1::PlacementCountSource_Parse));
  }
  for (const Share& share : s.shares) {
    v1::CostShare* c = out->add_shares();
    c->set_authority(absl::StrCat("authorities/", share.authority_id));
    c->set_basis(share.basis);
    c->set_amount_pence(share.pence);
  }
  if (s.corrects.has_value()) {
    out->set_corrects(
        ChildName(s.framework_id, kCostShareStatements, *s.corrects));
  }
  out->set_note(s.note);
  ToProto(s.issue_time, out->mutable_issue_time());
}

}  // namespace fhub::frameworks
