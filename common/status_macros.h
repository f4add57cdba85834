#pragma once

// The status macros our Abseil (20220623) does not ship.

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define FHUB_STATUS_CONCAT_INNER_(a, b) a##b
#define FHUB_STATUS_CONCAT_(a, b) FHUB_STATUS_CONCAT_INNER_(a, b)

// Returns from the enclosing function if `expr` yields a non-OK status.
#define FHUB_RETURN_IF_ERROR(expr)               \
  do {                                           \
    ::absl::Status fhub_status_ = (expr);        \
    if (!fhub_status_.ok()) return fhub_status_; \
  } while (false)

// Evaluates `rexpr` (an absl::StatusOr<T>); on error returns its status,
// otherwise assigns or declares `lhs` from the value.
#define FHUB_ASSIGN_OR_RETURN(lhs, rexpr)                                    \
  FHUB_ASSIGN_OR_RETURN_IMPL_(FHUB_STATUS_CONCAT_(fhub_statusor_, __LINE__), \
                              lhs, rexpr)

#define FHUB_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, rexpr)  \
  auto statusor = (rexpr);                                 \
  if (!statusor.ok()) return std::move(statusor).status(); \
  lhs = std::move(statusor).value()
