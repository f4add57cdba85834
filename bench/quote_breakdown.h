#pragma once

// Where one Quote's time goes, measured piece by piece with one caller and
// nothing else of ours running (pricing_quote_bench --breakdown): the token,
// the pool, the transaction's BEGIN/COMMIT, the scope's statement, the
// domain and proto work, the access log line, and the whole rpc beside the
// empty rpc. Sequential figures leave out what concurrency adds (threads,
// locks, two cores shared with PostgreSQL); the profile shows that part.

#include <functional>
#include <string>
#include <vector>

#include "bench/pricing_data.h"
#include "common/auth/token.h"
#include "common/db/pool.h"
#include "services/pricing/storage/pricing_store.h"

namespace fhub::bench {

struct BreakdownInputs {
  db::Pool* pool;
  pricing::PricingStore* store;
  const auth::TokenVerifier* verifier;
  std::string authorization;  // "Bearer ..."
  const std::vector<QuoteCase>* cases;
  // One Quote and one empty rpc through gRPC, as the benchmark's callers
  // make them; false on failure.
  std::function<bool(const QuoteCase&)> quote_rpc;
  std::function<bool()> empty_rpc;
  int calls = 2000;  // per piece
};

// Prints one line per piece: median and mean microseconds.
void PrintBreakdown(const BreakdownInputs& in);

}  // namespace fhub::bench
