#pragma once

// Whose rows a transaction may see and change. The database enforces it:
// every table that holds one organisation's data has row-level security
// (FORCE, so the service's own role is bound too) with policies over the
// transaction-local settings Transact sets from the scope of the calling
// thread:
//
//   fhub.authority  the authority id the caller acts for
//   fhub.provider   the provider id the caller acts for
//   fhub.framework  a framework whose members' rows the transaction may
//                   read, set by an rpc only after its own check (the
//                   consortium's figures, read by the framework's lead)
//   fhub.organisation  the organisation name the caller acts for
//                   ("authorities/sefton", "services/hub"): its own
//                   request_ids and audit records
//   fhub.reach      'all' for a SERVICE caller and the service's own work
//                   (event followers, housekeeping)
//
// A setting that is missing or empty matches no row, so a transaction run
// outside any scope sees nothing of anyone's.

#include <string>

#include "absl/strings/string_view.h"

namespace fhub::db {

struct RowScope {
  std::string authority_id;
  std::string provider_id;
  std::string framework_id;
  std::string organisation;
  bool all = false;

  // Every row: SERVICE callers and the service's own background work.
  static RowScope Everything();
  // The rows of the organisation named "authorities/{id}",
  // "providers/{id}" or otherwise ("services/hub": its own request_ids
  // and audit records only).
  static RowScope Of(absl::string_view organisation);
  bool empty() const;
};

// Makes `scope` the calling thread's while this object lives (a service's
// rpc entry point makes one with an empty scope; authentication narrows it
// to the caller's with Set; background work makes one with Everything()).
class ScopedRows {
 public:
  explicit ScopedRows(RowScope scope = {});
  ~ScopedRows();
  ScopedRows(const ScopedRows&) = delete;
  ScopedRows& operator=(const ScopedRows&) = delete;

  // The calling thread's scope: the innermost ScopedRows', empty if none.
  static const RowScope& Current();
  // Replaces the innermost ScopedRows' scope; does nothing on a thread
  // without one (nothing outlives the entry point that made it).
  static void Set(RowScope scope);

 private:
  RowScope scope_;
  ScopedRows* previous_;
};

}  // namespace fhub::db
