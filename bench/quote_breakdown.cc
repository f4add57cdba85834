// Quote piece by piece (quote_breakdown.h).

#include "bench/quote_breakdown.h"

#include <algorithm>
#include <chrono>
#include <iostream>
#include <numeric>
#include <optional>
#include <pqxx/pqxx>
#include <stdexcept>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "common/db/transaction.h"
#include "common/log.h"
#include "common/proto_values.h"
#include "services/pricing/api/convert.h"
#include "services/pricing/domain/price_book.h"
#include "services/pricing/domain/quote.h"
#include "services/pricing/domain/rates.h"

namespace fhub::bench {
namespace {

struct Timing {
  double median_us = 0;
  double mean_us = 0;
};

void Require(const absl::Status& status, const std::string& what) {
  if (!status.ok()) {
    throw std::runtime_error(absl::StrCat(what, ": ", status.ToString()));
  }
}

// Runs `piece(i)` for i in [0, calls) and times each run.
template <typename Piece>
Timing Time(int calls, Piece&& piece) {
  std::vector<double> us;
  us.reserve(calls);
  for (int i = 0; i < calls; ++i) {
    const auto start = std::chrono::steady_clock::now();
    piece(i);
    const auto end = std::chrono::steady_clock::now();
    us.push_back(
        std::chrono::duration<double, std::micro>(end - start).count());
  }
  Timing t;
  t.mean_us = std::accumulate(us.begin(), us.end(), 0.0) / calls;
  std::nth_element(us.begin(), us.begin() + calls / 2, us.end());
  t.median_us = us[calls / 2];
  return t;
}

void PrintRow(const std::string& piece, const Timing& t) {
  std::cout << absl::StrFormat("  %-58s %8.1f %8.1f\n", piece, t.median_us,
                               t.mean_us);
}

// The handler's work between the database and the wire: the request parsed
// from bytes, converted and checked, the book chosen, the card found, the
// week priced, the response built and serialized.
void DomainAndProto(const QuoteCase& c,
                    const std::vector<pricing::BookRecord>& books) {
  pricing::v1::QuoteRequest request;
  request.ParseFromString(c.request.SerializeAsString());
  auto scope = pricing::FromProto(request.scope());
  Require(scope.status(), "scope");
  auto day = ::fhub::FromProto(request.date(), "date");
  Require(day.status(), "date");
  auto package = pricing::FromProto(request.package());
  Require(package.status(), "package");
  std::vector<pricing::PriceBook> candidates;
  for (const pricing::BookRecord& r : books) candidates.push_back(r.book);
  const std::optional<pricing::PriceBook> chosen = pricing::SelectBook(
      candidates, scope->authority_id, scope->provider_id, scope->framework_id,
      scope->lot_id, scope->setting_id, *day);
  const pricing::BookRecord* record = nullptr;
  for (const pricing::BookRecord& r : books) {
    if (chosen && r.book.id == chosen->id) record = &r;
  }
  if (record == nullptr) throw std::runtime_error("no book chosen");
  const std::optional<pricing::RateCard> card =
      pricing::CardOn(record->cards, *day);
  auto quote = pricing::WeeklyQuote(*card, *package);
  Require(quote.status(), "quote");
  pricing::v1::QuoteResponse response;
  response.set_price_book(pricing::BookName(record->book.id));
  response.set_rate_card(pricing::CardName(record->book.id, card->version));
  for (const pricing::QuoteLine& line : quote->lines) {
    pricing::ToProto(line, response.add_lines());
  }
  response.set_weekly_total_pence(quote->weekly_total_pence);
  for (const pricing::QuoteLine& line : quote->one_off_lines) {
    pricing::ToProto(line, response.add_one_off_lines());
  }
  if (response.SerializeAsString().empty()) {
    throw std::runtime_error("empty response");
  }
}

}  // namespace

void PrintBreakdown(const BreakdownInputs& in) {
  const std::vector<QuoteCase>& cases = *in.cases;
  const int calls = in.calls;
  auto case_at = [&](int i) -> const QuoteCase& {
    return cases[i % cases.size()];
  };
  std::vector<pricing::Scope> scopes;
  for (int i = 0; i < calls; ++i) {
    auto scope = pricing::FromProto(case_at(i).request.scope());
    Require(scope.status(), "scope");
    scopes.push_back(*scope);
  }
  db::TxOptions read;
  read.name = "read";

  std::cout << absl::StrFormat(
      "\nQuote piece by piece, one caller, %d calls each:\n  %-58s %8s "
      "%8s\n",
      calls, "piece", "p50 us", "mean us");
  const Timing token = Time(calls, [&](int) {
    Require(in.verifier->VerifyAuthorizationHeader(in.authorization).status(),
            "token");
  });
  PrintRow("token verification (HS256)", token);
  PrintRow("pool Acquire + return", Time(calls, [&](int) {
             auto lease = in.pool->Acquire();
             Require(lease.status(), "acquire");
           }));
  const Timing empty_tx = Time(calls, [&](int) {
    Require(
        db::Transact(*in.pool, read, [](db::Tx&) { return absl::OkStatus(); }),
        "empty transaction");
  });
  PrintRow("transaction with no statement (Acquire, BEGIN, COMMIT)", empty_tx);
  Timing statement;
  std::vector<std::vector<pricing::BookRecord>> books(calls);
  Require(db::Transact(*in.pool, read,
                       [&](db::Tx& tx) -> absl::Status {
                         statement = Time(calls, [&](int i) {
                           auto found = in.store->BooksForScope(
                               tx, scopes[i].authority_id,
                               scopes[i].provider_id, scopes[i].framework_id);
                           Require(found.status(), "books for scope");
                           books[i] = *std::move(found);
                         });
                         return absl::OkStatus();
                       }),
          "statements");
  PrintRow("BooksForScope alone (exec + rows to BookRecords)", statement);
  const Timing read_tx = Time(calls, [&](int i) {
    Require(db::Transact(*in.pool, read,
                         [&](db::Tx& tx) {
                           return in.store
                               ->BooksForScope(tx, scopes[i].authority_id,
                                               scopes[i].provider_id,
                                               scopes[i].framework_id)
                               .status();
                         }),
            "read");
  });
  PrintRow("Read: transaction + BooksForScope (Quote's database work)",
           read_tx);
  // What Read would cost without BEGIN and COMMIT: the statement alone in
  // autocommit, one round trip (one statement sees one snapshot anyway).
  PrintRow("autocommit BooksForScope (Acquire, one round trip)",
           Time(calls, [&](int i) {
             auto lease = in.pool->Acquire();
             Require(lease.status(), "acquire");
             pqxx::nontransaction tx(lease->connection());
             Require(in.store
                         ->BooksForScope(tx, scopes[i].authority_id,
                                         scopes[i].provider_id,
                                         scopes[i].framework_id)
                         .status(),
                     "autocommit read");
           }));
  const Timing domain =
      Time(calls, [&](int i) { DomainAndProto(case_at(i), books[i]); });
  PrintRow("domain + proto (parse, convert, select, price, serialize)", domain);
  const Timing log_line = Time(calls, [&](int) {
    log::Info("rpc", {{"method", "/fhub.pricing.v1.PricingService/Quote"},
                      {"code", 0},
                      {"ms", 1.234}});
  });
  PrintRow("access log line (formatted, sink drops it)", log_line);
  // The server's own view of each call: the access log's "ms", from the
  // call's arrival at the interceptor to its status being sent.
  absl::Mutex mu;
  std::vector<double> server_ms;
  log::Sink previous = log::SetSink([&](absl::string_view line) {
    const size_t at = line.find(" ms=");
    double ms = 0;
    if (at != absl::string_view::npos &&
        absl::SimpleAtod(line.substr(at + 4, line.find(' ', at + 4) - at - 4),
                         &ms)) {
      absl::MutexLock lock(&mu);
      server_ms.push_back(ms);
    }
  });
  auto server_p50_us = [&] {
    absl::MutexLock lock(&mu);
    std::vector<double> v = std::move(server_ms);
    server_ms.clear();
    if (v.empty()) return 0.0;
    std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
    return 1000 * v[v.size() / 2];
  };
  const Timing quote = Time(calls, [&](int i) {
    if (!in.quote_rpc(case_at(i))) throw std::runtime_error("Quote failed");
  });
  const double quote_server_us = server_p50_us();
  PrintRow("Quote rpc through gRPC", quote);
  const Timing empty = Time(calls, [&](int) {
    if (!in.empty_rpc()) throw std::runtime_error("Health/Check failed");
  });
  const double empty_server_us = server_p50_us();
  log::SetSink(std::move(previous));
  PrintRow("empty rpc through gRPC (Health/Check)", empty);
  std::cout << absl::StrFormat(
      "  in the server (access log, interceptor to status): Quote %.0f us, "
      "empty %.0f us p50\n",
      quote_server_us, empty_server_us);
  std::cout << absl::StrFormat(
      "  Quote - empty: %.1f us p50; token + Read + domain + log: %.1f us "
      "p50; of which BEGIN/COMMIT and pool: %.1f us\n",
      quote.median_us - empty.median_us,
      token.median_us + read_tx.median_us + domain.median_us +
          log_line.median_us,
      read_tx.median_us - statement.median_us);
}

}  // namespace fhub::bench
