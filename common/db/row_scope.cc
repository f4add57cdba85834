#include "common/db/row_scope.h"

#include <utility>

#include "absl/strings/strip.h"

namespace fhub::db {
namespace {

thread_local ScopedRows* innermost = nullptr;

const RowScope& EmptyScope() {
  static const RowScope* empty = new RowScope();
  return *empty;
}

}  // namespace

RowScope RowScope::Everything() {
  RowScope scope;
  scope.all = true;
  return scope;
}

RowScope RowScope::Of(absl::string_view organisation) {
  RowScope scope;
  scope.organisation = std::string(organisation);
  if (absl::ConsumePrefix(&organisation, "authorities/")) {
    scope.authority_id = std::string(organisation);
  } else if (absl::ConsumePrefix(&organisation, "providers/")) {
    scope.provider_id = std::string(organisation);
  }
  return scope;
}

bool RowScope::empty() const {
  return !all && authority_id.empty() && provider_id.empty() &&
         framework_id.empty() && organisation.empty();
}

ScopedRows::ScopedRows(RowScope scope)
    : scope_(std::move(scope)), previous_(innermost) {
  innermost = this;
}

ScopedRows::~ScopedRows() { innermost = previous_; }

const RowScope& ScopedRows::Current() {
  return innermost == nullptr ? EmptyScope() : innermost->scope_;
}

void ScopedRows::Set(RowScope scope) {
  if (innermost != nullptr) innermost->scope_ = std::move(scope);
}

}  // namespace fhub::db
