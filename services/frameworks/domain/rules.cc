#include "services/frameworks/domain/rules.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "common/resource_name.h"
#include "common/status_macros.h"

namespace fhub::frameworks {
namespace {

absl::Status Invalid(absl::string_view field, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(field, " ", what));
}

bool ValidEmail(absl::string_view email) {
  const size_t at = email.find('@');
  return at != absl::string_view::npos && at > 0 && at + 1 < email.size() &&
         email.find('@', at + 1) == absl::string_view::npos &&
         email.find(' ') == absl::string_view::npos && email.size() <= 254;
}

absl::Status ValidateLots(const std::vector<Lot>& lots) {
  if (lots.empty())
    return Invalid("framework.lots", "must have at least one lot");
  if (lots.size() > kMaxLots) {
    return Invalid("framework.lots",
                   absl::StrCat("must have at most ", kMaxLots));
  }
  std::set<std::string> ids;
  for (size_t i = 0; i < lots.size(); ++i) {
    const std::string field = absl::StrCat("framework.lots[", i, "]");
    FHUB_RETURN_IF_ERROR(
        CheckResourceId(absl::StrCat(field, ".lot_id"), lots[i].id));
    if (!ids.insert(lots[i].id).second) {
      return Invalid(absl::StrCat(field, ".lot_id"),
                     absl::StrCat("'", lots[i].id, "' is used twice"));
    }
    FHUB_RETURN_IF_ERROR(CheckText(absl::StrCat(field, ".title"), lots[i].title,
                                   1, kMaxTitleLength));
  }
  return absl::OkStatus();
}

absl::Status ValidateTerm(const Term& term, bool maximum_end_given) {
  if (term.initial_end <= term.start) {
    return Invalid("framework.term.initial_end_date",
                   "must be after start_date");
  }
  if (term.extension_months.size() > kMaxExtensionOptions) {
    return Invalid("framework.term.extension_options",
                   absl::StrCat("must have at most ", kMaxExtensionOptions));
  }
  for (size_t i = 0; i < term.extension_months.size(); ++i) {
    if (term.extension_months[i] < 1 || term.extension_months[i] > 60) {
      return Invalid(
          absl::StrCat("framework.term.extension_options[", i, "].months"),
          "must be from 1 to 60");
    }
  }
  if (maximum_end_given && term.maximum_end < term.initial_end) {
    return Invalid("framework.term.maximum_end_date",
                   "must not be before initial_end_date");
  }
  return absl::OkStatus();
}

absl::Status ValidateAdmission(const AdmissionPolicy& policy) {
  if (policy.kind == AdmissionKind::kContinuous) return absl::OkStatus();
  if (policy.interval_months < 1 || policy.interval_months > 24) {
    return Invalid("framework.admission_policy.interval_months",
                   "must be from 1 to 24 for PERIODIC admission");
  }
  if (policy.window_days < 1 || policy.window_days > 366) {
    return Invalid("framework.admission_policy.window_days",
                   "must be from 1 to 366 for PERIODIC admission");
  }
  const absl::CivilDay next =
      AddMonths(policy.first_window_opens, policy.interval_months);
  if (policy.window_days > next - policy.first_window_opens) {
    return Invalid("framework.admission_policy.window_days",
                   "must not be longer than the interval between windows");
  }
  return absl::OkStatus();
}

absl::Status ValidateBallot(const BallotRules& rules) {
  if (rules.quorum_percent < 1 || rules.quorum_percent > 100) {
    return Invalid("framework.ballot_rules.quorum_percent",
                   "must be from 1 to 100");
  }
  if (!rules.unanimous && (rules.pass_threshold_percent < 1 ||
                           rules.pass_threshold_percent > 100)) {
    return Invalid("framework.ballot_rules.pass_threshold_percent",
                   "must be from 1 to 100 unless the ballot is unanimous");
  }
  return absl::OkStatus();
}

}  // namespace

absl::CivilDay AddMonths(absl::CivilDay day, int months) {
  const absl::CivilMonth month = absl::CivilMonth(day) + months;
  const absl::CivilDay last_of_month = absl::CivilDay(month + 1) - 1;
  const absl::CivilDay wanted(month.year(), month.month(), day.day());
  // CivilDay normalises 31 February to early March; clamp instead.
  return absl::CivilMonth(wanted) == month ? wanted : last_of_month;
}

absl::Status ValidateAuthority(const Authority& authority) {
  FHUB_RETURN_IF_ERROR(CheckResourceId("authority_id", authority.id));
  return CheckText("authority.display_name", authority.display_name, 1,
                   kMaxTitleLength);
}

absl::StatusOr<Framework> PrepareNewFramework(Framework framework,
                                              bool maximum_end_given) {
  FHUB_RETURN_IF_ERROR(CheckResourceId("framework_id", framework.id));
  FHUB_RETURN_IF_ERROR(
      CheckText("framework.title", framework.title, 1, kMaxTitleLength));
  FHUB_RETURN_IF_ERROR(
      CheckResourceId("framework.lead_authority", framework.lead_authority_id));
  FHUB_RETURN_IF_ERROR(ValidateLots(framework.lots));
  FHUB_RETURN_IF_ERROR(ValidateTerm(framework.term, maximum_end_given));
  FHUB_RETURN_IF_ERROR(ValidateAdmission(framework.admission));
  const AgeRange& ages = framework.ages;
  if (ages.minimum < 0 || ages.minimum > 25) {
    return Invalid("framework.age_range.minimum_age", "must be from 0 to 25");
  }
  if (ages.maximum < ages.minimum || ages.maximum > 25) {
    return Invalid("framework.age_range.maximum_age",
                   "must be from minimum_age to 25");
  }
  FHUB_RETURN_IF_ERROR(ValidateBallot(framework.ballot));

  Term& term = framework.term;
  if (!maximum_end_given) {
    term.maximum_end = term.initial_end;
    for (int months : term.extension_months) {
      term.maximum_end = AddMonths(term.maximum_end, months);
    }
  }
  term.current_end = term.initial_end;
  framework.status = FrameworkStatus::kDraft;
  framework.activate_time.reset();
  return framework;
}

absl::Status CheckActivation(const Framework& framework) {
  if (framework.status != FrameworkStatus::kDraft) {
    return absl::FailedPreconditionError(
        absl::StrCat("framework ", framework.id, " is ",
                     NameOf(kFrameworkStatuses, framework.status),
                     "; only a DRAFT framework can be activated"));
  }
  return absl::OkStatus();
}

absl::Status CheckTermination(const Framework& framework) {
  if (framework.status != FrameworkStatus::kActive) {
    return absl::FailedPreconditionError(
        absl::StrCat("framework ", framework.id, " is ",
                     NameOf(kFrameworkStatuses, framework.status),
                     "; only an ACTIVE framework can be terminated"));
  }
  return absl::OkStatus();
}

absl::Status ValidateStrategicLead(const StrategicLead& lead) {
  FHUB_RETURN_IF_ERROR(CheckText("strategic_lead.full_name", lead.full_name, 1,
                                 kMaxTitleLength));
  if (!ValidEmail(lead.email)) {
    return Invalid("strategic_lead.email", "must be an e-mail address");
  }
  return CheckText("strategic_lead.job_title", lead.job_title, 0,
                   kMaxTitleLength);
}

absl::Status CheckAddMember(const Framework& framework,
                            const std::optional<Membership>& latest,
                            absl::CivilDay joined, absl::CivilDay today) {
  if (framework.status != FrameworkStatus::kDraft &&
      framework.status != FrameworkStatus::kActive) {
    return absl::FailedPreconditionError(absl::StrCat(
        "framework ", framework.id, " is ",
        NameOf(kFrameworkStatuses, framework.status),
        "; members can be added only to a DRAFT or ACTIVE framework"));
  }
  if (joined < framework.term.start || joined > framework.term.current_end) {
    return Invalid("joined_date", "must fall within the framework's term");
  }
  if (latest.has_value() &&
      (latest->Open() || *latest->ceased > today || *latest->ceased > joined)) {
    return absl::AlreadyExistsError(
        absl::StrCat("authorities/", latest->authority_id,
                     " is already a member of ", "frameworks/", framework.id));
  }
  return absl::OkStatus();
}

absl::Status CheckCease(const Membership& membership, absl::CivilDay ceased) {
  if (!membership.Open()) {
    return absl::FailedPreconditionError(
        absl::StrCat("frameworks/", membership.framework_id, "/members/",
                     membership.authority_id, " has already ceased"));
  }
  if (ceased < membership.joined) {
    return Invalid("ceased_date", "must not be before the member joined");
  }
  return absl::OkStatus();
}

}  // namespace fhub::frameworks
