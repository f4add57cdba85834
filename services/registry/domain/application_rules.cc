#include "services/registry/domain/application_rules.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "common/resource_name.h"
#include "common/status_macros.h"

namespace fhub::registry {
namespace {

absl::Status Invalid(absl::string_view field, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(field, " ", what));
}

bool Allowed(ApplicationStatus from, ApplicationStatus to) {
  using S = ApplicationStatus;
  switch (from) {
    case S::kDraft:
      return to == S::kSubmitted;
    case S::kSubmitted:
      return to == S::kUnderEvaluation || to == S::kRejected;
    case S::kUnderEvaluation:
      return to == S::kAdmitted || to == S::kRejected;
    case S::kAdmitted:
    case S::kRejected:
      return false;
  }
  return false;
}

bool Contains(const std::vector<std::string>& ids, absl::string_view id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

const Answer* FindAnswer(const Application& application,
                         absl::string_view criterion_id) {
  for (const Answer& answer : application.answers) {
    if (answer.criterion_id == criterion_id) return &answer;
  }
  return nullptr;
}

absl::Status CheckAnswers(const Application& application,
                          const Questionnaire& questionnaire) {
  for (size_t i = 0; i < application.answers.size(); ++i) {
    bool known = false;
    for (const Criterion& criterion : questionnaire.criteria) {
      known = known || criterion.id == application.answers[i].criterion_id;
    }
    if (!known) {
      return Invalid(absl::StrCat("application.answers[", i, "].criterion_id"),
                     absl::StrCat("'", application.answers[i].criterion_id,
                                  "' is not a criterion of the questionnaire"));
    }
  }
  for (const Criterion& criterion : questionnaire.criteria) {
    const Answer* answer = FindAnswer(application, criterion.id);
    if (answer == nullptr || answer->text.empty()) {
      return Invalid(
          "application.answers",
          absl::StrCat("has no answer for criterion '", criterion.id, "'"));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckNoOtherHold(
    const Application& application,
    const std::vector<Application>& provider_applications,
    const std::vector<Accreditation>& provider_accreditations) {
  for (const std::string& lot_id : application.lot_ids) {
    for (const Application& other : provider_applications) {
      if (other.id != application.id &&
          other.provider_id == application.provider_id &&
          other.framework_id == application.framework_id &&
          IsLive(other.status) && Contains(other.lot_ids, lot_id)) {
        return absl::AlreadyExistsError(absl::StrCat(
            "providers/", application.provider_id,
            " already has a live application (", other.id, ", ",
            NameOf(kApplicationStatuses, other.status), ") for lot ", lot_id));
      }
    }
    for (const Accreditation& held : provider_accreditations) {
      if (held.provider_id == application.provider_id &&
          held.lot.framework_id == application.framework_id &&
          held.lot.lot_id == lot_id &&
          held.status != AccreditationStatus::kRemoved) {
        return absl::AlreadyExistsError(absl::StrCat(
            "providers/", application.provider_id, " is already ",
            NameOf(kAccreditationStatuses, held.status), " on lot ", lot_id));
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace

bool IsLive(ApplicationStatus status) {
  return status == ApplicationStatus::kSubmitted ||
         status == ApplicationStatus::kUnderEvaluation;
}

absl::Status CheckTransition(const Application& application,
                             ApplicationStatus to) {
  if (!Allowed(application.status, to)) {
    return absl::FailedPreconditionError(
        absl::StrCat("application ", application.id, " is ",
                     NameOf(kApplicationStatuses, application.status),
                     "; it cannot become ", NameOf(kApplicationStatuses, to)));
  }
  return absl::OkStatus();
}

absl::Status ValidateApplication(
    const Application& application,
    const std::vector<std::string>& framework_lot_ids) {
  const std::vector<std::string>& lots = application.lot_ids;
  if (lots.empty() || lots.size() > kMaxLotsPerApplication) {
    return Invalid(
        "application.lot_ids",
        absl::StrCat("must name 1 to ", kMaxLotsPerApplication, " lots"));
  }
  for (size_t i = 0; i < lots.size(); ++i) {
    const std::string field = absl::StrCat("application.lot_ids[", i, "]");
    if (!Contains(framework_lot_ids, lots[i])) {
      return Invalid(
          field, absl::StrCat("'", lots[i], "' is not a lot of ", "frameworks/",
                              application.framework_id));
    }
    for (size_t j = 0; j < i; ++j) {
      if (lots[j] == lots[i]) {
        return Invalid(field, absl::StrCat("'", lots[i], "' is named twice"));
      }
    }
  }
  // A draft holds at most one answer per criterion a questionnaire can
  // have, each to a criterion id as questionnaires spell them: the draft is
  // stored before any questionnaire checks it.
  if (application.answers.size() > kMaxCriteria) {
    return Invalid(
        "application.answers",
        absl::StrCat("must have at most ", kMaxCriteria, " answers"));
  }
  std::set<std::string> answered;
  for (size_t i = 0; i < application.answers.size(); ++i) {
    const Answer& answer = application.answers[i];
    const std::string field = absl::StrCat("application.answers[", i, "]");
    FHUB_RETURN_IF_ERROR(CheckResourceId(absl::StrCat(field, ".criterion_id"),
                                         answer.criterion_id));
    if (!answered.insert(answer.criterion_id).second) {
      return Invalid(
          absl::StrCat(field, ".criterion_id"),
          absl::StrCat("'", answer.criterion_id, "' is answered twice"));
    }
    FHUB_RETURN_IF_ERROR(CheckText(absl::StrCat(field, ".text"), answer.text, 0,
                                   kMaxAnswerLength));
  }
  return absl::OkStatus();
}

absl::Status CheckSubmit(
    const Application& application, const Questionnaire& questionnaire,
    const std::vector<std::string>& framework_lot_ids,
    const std::vector<Application>& provider_applications,
    const std::vector<Accreditation>& provider_accreditations) {
  FHUB_RETURN_IF_ERROR(
      CheckTransition(application, ApplicationStatus::kSubmitted));
  FHUB_RETURN_IF_ERROR(ValidateApplication(application, framework_lot_ids));
  FHUB_RETURN_IF_ERROR(CheckAnswers(application, questionnaire));
  return CheckNoOtherHold(application, provider_applications,
                          provider_accreditations);
}

absl::Status CheckAdmit(const Application& application,
                        const ModeratedResult& result) {
  FHUB_RETURN_IF_ERROR(
      CheckTransition(application, ApplicationStatus::kAdmitted));
  if (result.passed) return absl::OkStatus();
  std::vector<std::string> below;
  for (const CriterionResult& criterion : result.criteria) {
    if (!criterion.meets_minimum) below.push_back(criterion.criterion_id);
  }
  if (!below.empty()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "application ", application.id,
        " cannot be admitted: ", below.size() == 1 ? "criterion " : "criteria ",
        absl::StrJoin(below, ", "), below.size() == 1 ? " is" : " are",
        " below the minimum score"));
  }
  return absl::FailedPreconditionError(absl::StrFormat(
      "application %s cannot be admitted: its total %.1f is below the pass "
      "mark %d",
      application.id, result.total, result.pass_mark));
}

absl::Status CheckReject(const Application& application,
                         absl::string_view feedback) {
  FHUB_RETURN_IF_ERROR(
      CheckTransition(application, ApplicationStatus::kRejected));
  return CheckText("feedback", feedback, 1, kMaxFeedbackLength);
}

std::vector<Accreditation> AccreditationsOnAdmission(
    const Application& application, const ModeratedResult& result,
    absl::Time admit_time) {
  std::vector<Accreditation> accreditations;
  for (const std::string& lot_id : application.lot_ids) {
    Accreditation accreditation;
    accreditation.provider_id = application.provider_id;
    accreditation.lot = {application.framework_id, lot_id};
    accreditation.status = AccreditationStatus::kAdmitted;
    accreditation.quality_score = result.total;
    accreditation.application_id = application.id;
    accreditation.admit_time = admit_time;
    accreditations.push_back(std::move(accreditation));
  }
  return accreditations;
}

}  // namespace fhub::registry
