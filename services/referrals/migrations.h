#pragma once

// The referrals service's own migrations (migrations/V*.sql), embedded in the
// binary at build time.

#include <vector>

#include "common/db/migrations.h"

namespace fhub::referrals {

const std::vector<db::MigrationFile>& Migrations();

}  // namespace fhub::referrals
