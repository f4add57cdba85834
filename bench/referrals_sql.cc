#include "bench/referrals_sql.h"

#include <dirent.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <pqxx/pqxx>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "bench/cpu_sample.h"
#include "bench/referrals_hub.h"

namespace fhub::bench {
namespace {

// Sizes seen in a trial run, for a method or type the hub did not write.
constexpr int kFallbackResponse = 400;
constexpr int kFallbackAuditJson = 300;
constexpr int kFallbackEvent = 120;

int Lookup(const std::map<std::string, int>& sizes, const std::string& key,
           int fallback) {
  auto it = sizes.find(key);
  return it == sizes.end() ? fallback : it->second;
}

// --- Pieces of the script ---------------------------------------------------

constexpr char kCommissioner[] = "'authorities/sefton'";
constexpr char kCommissionerSubject[] = "'user@authorities/sefton'";
constexpr char kReferral[] = "('authorities/sefton/referrals/' || :rid::text)";

// The setting the script's offers and placements name: not the hub's
// ("main"), so that the script's placements, which it makes without asking
// whether there is room, do not fill the hub's settings for the runs after
// it (500 places each).
constexpr char kSqlSetting[] = "'sql-main'";

// `bytes` bytes as a bytea expression of hex text, as the service sends it.
std::string Bytes(int bytes) {
  return absl::StrCat(
      "decode('", std::string(2 * static_cast<size_t>(std::max(bytes, 1)), 'a'),
      "', 'hex')");
}

// A JSON object of about `chars` characters.
std::string Json(int chars) {
  return absl::StrCat("'{\"pad\": \"",
                      std::string(std::max(chars - 12, 1), 'x'), "\"}'::jsonb");
}

// The provider in position `k` of this cycle: care-NN, NN = (base + k) % 30.
std::string Provider(int k) {
  return absl::StrCat("('care-' || lpad(:o", k, "::text, 2, '0'))");
}

std::string ProviderOrganisation(int k) {
  return absl::StrCat("('providers/' || ", Provider(k), ")");
}

std::string ProviderSubject(int k) {
  return absl::StrCat("('user@providers/' || ", Provider(k), ")");
}

std::string Invitation(int k) {
  return absl::StrCat("(", kReferral, " || '/invitations/' || ", Provider(k),
                      ")");
}

// Unique per cycle (a random :req per run of the script) and change.
std::string RequestId(const std::string& change) {
  return absl::StrCat("('sql-' || :client_id::text || '-' || :req::text || '-",
                      change, "')");
}

// One change rpc: what ApplyOnce (common/db/change.cc) writes around the
// rpc's own writes.
struct Change {
  std::string method;
  std::string organisation;
  std::string subject;
  std::string request_id;
  std::string resource;
  std::vector<std::string> writes;
};

class ScriptWriter {
 public:
  ScriptWriter(const PayloadSizes& sizes, SqlTransactions mode,
               AuditNumbering numbering, absl::CivilDay start)
      : sizes_(sizes),
        mode_(mode),
        numbering_(numbering),
        start_(absl::StrFormat("'%04d-%02d-%02d'::date", start.year(),
                               start.month(), start.day())) {}

  CycleScript Write() {
    Line("-- referrals_cycle_bench: the writes of one referral cycle");
    Line("-- (see bench/referrals_cycle.cc); generated, do not edit.");
    Line("\\set req random(1, 1000000000000000)");
    Line(absl::StrCat("\\set base random(0, ", kHubProviders - 1, ")"));
    for (int k = 0; k < kHubProviders; ++k) {
      Line(absl::StrCat("\\set o", k, " (:base + ", k, ") % ", kHubProviders));
    }
    if (mode_ == SqlTransactions::kPerCycle) Statement("BEGIN;");
    CreateReferral();
    SubmitReferral();
    for (int k = 0; k < kOffersPerCycle; ++k) MakeOffer(k);
    for (int k = kOffersPerCycle; k < kHubProviders; ++k) Decline(k);
    AwardReferral();
    if (mode_ == SqlTransactions::kPerCycle) {
      Statement("COMMIT;");
      script_.transactions = 1;
    }
    return script_;
  }

 private:
  void Line(const std::string& line) {
    absl::StrAppend(&script_.text, line, "\n");
  }
  void Statement(const std::string& sql) {
    Line(sql);
    ++script_.statements;
  }

  std::string Event(const std::string& type) {
    return absl::StrCat(
        "INSERT INTO outbox_events (occurred_at, event_type, payload) "
        "VALUES (now(), '",
        type, "', ", Bytes(sizes_.Event(type)), ") RETURNING insert_order;");
  }

  static std::string LockReferral() {
    return "SELECT referral_id FROM referrals WHERE referral_id = :rid AND "
           "authority_id = 'sefton' FOR UPDATE;";
  }

  // The referral's row as kUpdateReferral writes it: every column, the
  // unchanged ones with their own values.
  static std::string UpdateReferral(const std::string& status,
                                    const std::string& deadline,
                                    const std::string& submit_time,
                                    const std::string& award_time,
                                    const std::string& placement) {
    return absl::StrCat(
        "UPDATE referrals SET status = '", status,
        "', response_deadline = ", deadline,
        ", max_distance_miles = max_distance_miles, submit_time = ",
        submit_time, ", award_time = ", award_time,
        ", placement_id = ", placement,
        ", cancel_reason = '' WHERE referral_id = :rid;");
  }

  // The invitation's row as kUpdateInvitation writes it.
  std::string UpdateInvitation(int k, const std::string& status,
                               bool offer) const {
    const std::string offered =
        offer ? absl::StrCat(
                    "offer_setting_id = ", kSqlSetting,
                    ", offer_available_date = ", start_,
                    ", offer_accommodation_weekly_pence = ",
                    OfferAccommodationPence(k),
                    ", offer_support_hourly_pence = ", kOfferHourlyPence,
                    ", offer_support_minutes_per_week = ", kOfferMinutesPerWeek,
                    ", offer_notes = 'A room on the ground floor.', "
                    "offer_distance_miles = 1.5, offer_weekly_pence = ",
                    OfferAccommodationPence(k) +
                        kOfferHourlyPence * kOfferMinutesPerWeek / 60,
                    ", spot_price = false, decline_reason = NULL")
              : "offer_setting_id = NULL, offer_available_date = NULL, "
                "offer_accommodation_weekly_pence = NULL, "
                "offer_support_hourly_pence = NULL, "
                "offer_support_minutes_per_week = NULL, offer_notes = NULL, "
                "offer_distance_miles = NULL, offer_weekly_pence = NULL, "
                "spot_price = false, decline_reason = 'NO_VACANCY'";
    const bool answering = status == "OFFERED" || status == "DECLINED";
    return absl::StrCat(
        "UPDATE invitations SET status = '", status,
        "', answer_time = ", answering ? "now()" : "answer_time", ", ", offered,
        ", decline_note = '', offered = offered OR '", status,
        "' = 'OFFERED' WHERE referral_id = :rid AND provider_id = ",
        Provider(k), ";");
  }

  void Apply(const Change& change) {
    const bool own = mode_ == SqlTransactions::kPerChange;
    if (own) Statement("BEGIN;");
    const int json = sizes_.AuditJson(change.method);
    Statement(absl::StrCat(
        "INSERT INTO idempotency_keys (organisation, request_id, method, "
        "request_hash, created_at) VALUES (",
        change.organisation, ", ", change.request_id, ", '", change.method,
        "', sha256(", Bytes(json / 2), "), now()) ON CONFLICT DO NOTHING;"));
    for (const std::string& write : change.writes) Statement(write);
    // Chained: the trigger sets chain, chain_index and the hashes. Plain:
    // chains of their own ("plain:{organisation}"), so that a chained run
    // after a plain one finds its chains' heads as it left them.
    const bool plain = numbering_ == AuditNumbering::kPlain;
    Statement(absl::StrCat(
        "INSERT INTO audit_log (occurred_at, subject, organisation, action, "
        "resource, request_id, details, previous_hash, hash",
        plain ? ", chain, chain_index" : "", ") VALUES (now(), ",
        change.subject, ", ", change.organisation, ", '", change.method, "', ",
        change.resource, ", ", change.request_id, ", ", Json(json),
        ", ''::bytea, ''::bytea",
        plain ? absl::StrCat(", 'plain:' || ", change.organisation,
                             ", nextval('audit_log_id')")
              : "",
        ");"));
    Statement(absl::StrCat("UPDATE idempotency_keys SET response = ",
                           Bytes(sizes_.Response(change.method)),
                           " WHERE organisation = ", change.organisation,
                           " AND request_id = ", change.request_id, ";"));
    if (own) {
      Statement("COMMIT;");
      ++script_.transactions;
    }
  }

  void CreateReferral() {
    Change c{"CreateReferral",    kCommissioner, kCommissionerSubject,
             RequestId("create"), kReferral,     {}};
    // \gset ends the statement and keeps the new id in :rid.
    c.writes.push_back(absl::StrCat(
        "INSERT INTO referrals (authority_id, framework_id, lot_id, "
        "case_reference, age, needs, support_minutes_per_week, "
        "accommodation_type, latitude, longitude, max_distance_miles, "
        "wanted_start_date, response_deadline, weight_quality, weight_price, "
        "weight_distance, weekly_budget_pence, confidential_summary, status, "
        "create_time) VALUES ('sefton', 'nw-16plus', 'lot-1', 'SEF-SQL-' || "
        ":req::text, 16, '{GOING_MISSING,MENTAL_HEALTH}'::text[], ",
        kOfferMinutesPerWeek, ", 'SHARED_HOUSE', ", kHome.latitude, ", ",
        kHome.longitude, ", 20, ", start_,
        ", NULL, 60, 40, 0, 0, 'Known to the youth offending team; "
        "benchmark.', 'DRAFT', now()) RETURNING referral_id AS rid \\gset"));
    c.writes.push_back(Event("REFERRAL_CREATED"));
    Apply(c);
  }

  void SubmitReferral() {
    Change c{"SubmitReferral",    kCommissioner, kCommissionerSubject,
             RequestId("submit"), kReferral,     {LockReferral()}};
    c.writes.push_back(UpdateReferral("OPEN", "now() + interval '24 hours'",
                                      "now()", "NULL", "NULL"));
    c.writes.push_back(Event("REFERRAL_SUBMITTED"));
    for (int k = 0; k < kHubProviders; ++k) {
      c.writes.push_back(absl::StrCat(
          "INSERT INTO invitations (referral_id, provider_id, authority_id, "
          "framework_id, setting_id, distance_miles, quality_score, status, "
          "invite_time) VALUES (:rid, ",
          Provider(k), ", 'sefton', 'nw-16plus', ", kSqlSetting,
          ", 1.5, 80, 'INVITED', now()) ON "
          "CONFLICT (referral_id, provider_id) DO NOTHING;"));
      c.writes.push_back(Event("PROVIDER_INVITED"));
    }
    Apply(c);
  }

  void MakeOffer(int k) {
    Change c{"MakeOffer",        ProviderOrganisation(k),
             ProviderSubject(k), RequestId(absl::StrCat("offer-", k)),
             Invitation(k),      {LockReferral()}};
    c.writes.push_back(absl::StrCat(
        "INSERT INTO setting_places (provider_id, setting_id, capacity, "
        "latitude, longitude, update_time) VALUES (",
        Provider(k), ", ", kSqlSetting, ", ", kHubCapacity, ", ",
        kHome.latitude, ", ", kHome.longitude,
        ", now()) ON CONFLICT (provider_id, setting_id) DO UPDATE SET "
        "capacity = EXCLUDED.capacity, latitude = EXCLUDED.latitude, "
        "longitude = EXCLUDED.longitude, update_time = EXCLUDED.update_time;"));
    c.writes.push_back(UpdateInvitation(k, "OFFERED", true));
    c.writes.push_back(Event("INVITATION_CHANGED"));
    Apply(c);
  }

  void Decline(int k) {
    Change c{"DeclineInvitation", ProviderOrganisation(k),
             ProviderSubject(k),  RequestId(absl::StrCat("decline-", k)),
             Invitation(k),       {LockReferral()}};
    c.writes.push_back(UpdateInvitation(k, "DECLINED", false));
    c.writes.push_back(Event("INVITATION_CHANGED"));
    // The last answer closes the competition (PersistClose).
    if (k == kHubProviders - 1) {
      c.writes.push_back(UpdateReferral("EVALUATING", "response_deadline",
                                        "submit_time", "NULL", "NULL"));
    }
    Apply(c);
  }

  void AwardReferral() {
    Change c{"AwardReferral",
             kCommissioner,
             kCommissionerSubject,
             RequestId("award"),
             "('authorities/sefton/placements/' || :pid::text)",
             {LockReferral()}};
    // The audit record names the placement, known only once inserted.
    c.writes.push_back(absl::StrCat(
        "SELECT provider_id, setting_id, capacity, latitude, longitude FROM "
        "setting_places WHERE provider_id = ",
        Provider(0), " AND setting_id = ", kSqlSetting, " FOR UPDATE;"));
    c.writes.push_back(absl::StrCat(
        "SELECT count(*) FROM placements p LEFT JOIN hours_changes h USING "
        "(placement_id) WHERE p.provider_id = ",
        Provider(0), " AND p.setting_id = ", kSqlSetting,
        " AND (p.end_date IS NULL OR p.end_date >= ", start_, ");"));
    c.writes.push_back(absl::StrCat(
        "INSERT INTO placements (authority_id, referral_id, framework_id, "
        "lot_id, provider_id, setting_id, block_contract_id, start_date, "
        "accommodation_weekly_pence, support_hourly_pence, distance_miles, "
        "award_reason, create_time) VALUES ('sefton', :rid, 'nw-16plus', "
        "'lot-1', ",
        Provider(0), ", ", kSqlSetting, ", NULL, ", start_, ", ",
        OfferAccommodationPence(0), ", ", kOfferHourlyPence,
        ", 1.5, '', now()) RETURNING placement_id AS pid \\gset"));
    c.writes.push_back(absl::StrCat(
        "INSERT INTO hours_changes (placement_id, effective_date, "
        "support_minutes_per_week, record_time) VALUES (:pid, ",
        start_, ", ", kOfferMinutesPerWeek,
        ", now()) ON CONFLICT (placement_id, effective_date) DO UPDATE SET "
        "support_minutes_per_week = EXCLUDED.support_minutes_per_week, "
        "record_time = EXCLUDED.record_time;"));
    for (int k = 0; k < kOffersPerCycle; ++k) {
      c.writes.push_back(
          UpdateInvitation(k, k == 0 ? "OFFER_AWARDED" : "UNSUCCESSFUL", true));
      c.writes.push_back(Event("INVITATION_CHANGED"));
    }
    c.writes.push_back(UpdateReferral("AWARDED", "response_deadline",
                                      "submit_time", "now()", ":pid"));
    c.writes.push_back(Event("PLACEMENT_STARTED"));
    Apply(c);
  }

  const PayloadSizes& sizes_;
  const SqlTransactions mode_;
  const AuditNumbering numbering_;
  const std::string start_;
  CycleScript script_;
};

// `text` in single quotes for the shell.
std::string ShellQuote(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

// The number after `label` on the line, if the line has it.
bool NumberAfter(absl::string_view line, absl::string_view label, double* out) {
  const size_t at = line.find(label);
  if (at == absl::string_view::npos) return false;
  absl::string_view rest =
      absl::StripLeadingAsciiWhitespace(line.substr(at + label.size()));
  const size_t end = rest.find_first_not_of("0123456789.");
  return absl::SimpleAtod(rest.substr(0, end), out);
}

void ReadLog(const std::string& dir, std::vector<int64_t>* latencies_us) {
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) return;
  while (dirent* entry = readdir(d)) {
    const std::string name = entry->d_name;
    if (name == "." || name == "..") continue;
    std::ifstream in(absl::StrCat(dir, "/", name));
    std::string line;
    while (std::getline(in, line)) {
      // client_id transaction_no time script_no time_epoch time_us
      std::vector<absl::string_view> fields =
          absl::StrSplit(line, ' ', absl::SkipEmpty());
      int64_t us = 0;
      if (fields.size() >= 3 && absl::SimpleAtoi(fields[2], &us)) {
        latencies_us->push_back(us);
      }
    }
  }
  closedir(d);
  std::sort(latencies_us->begin(), latencies_us->end());
}

}  // namespace

int PayloadSizes::Response(const std::string& method) const {
  return Lookup(response_bytes, method, kFallbackResponse);
}
int PayloadSizes::AuditJson(const std::string& method) const {
  return Lookup(audit_json_chars, method, kFallbackAuditJson);
}
int PayloadSizes::Event(const std::string& type) const {
  return Lookup(event_bytes, type, kFallbackEvent);
}

PayloadSizes MeasurePayloads(const std::string& dsn) {
  PayloadSizes sizes;
  pqxx::connection connection{dsn};
  pqxx::nontransaction tx(connection);
  for (const auto& [sql, out] :
       {std::make_pair("SELECT method, round(avg(octet_length(response)))::int "
                       "FROM referrals.idempotency_keys GROUP BY method",
                       &sizes.response_bytes),
        std::make_pair("SELECT action, round(avg(length(details::text)))::int "
                       "FROM referrals.audit_log GROUP BY action",
                       &sizes.audit_json_chars),
        std::make_pair("SELECT event_type, round(avg(octet_length(payload)))"
                       "::int FROM referrals.outbox_events GROUP BY event_type",
                       &sizes.event_bytes)}) {
    for (const pqxx::row& row : tx.exec(sql)) {
      if (!row[1].is_null()) {
        (*out)[row[0].as<std::string>()] = row[1].as<int>();
      }
    }
  }
  return sizes;
}

CycleScript MakeCycleScript(const PayloadSizes& sizes, SqlTransactions mode,
                            AuditNumbering numbering, absl::CivilDay start) {
  return ScriptWriter(sizes, mode, numbering, start).Write();
}

PlainSequences::PlainSequences(const std::string& dsn) : dsn_(dsn) {
  pqxx::connection connection{dsn_};
  pqxx::nontransaction tx(connection);
  tx.exec("ALTER TABLE referrals.audit_log DISABLE TRIGGER audit_log_chain");
}

PlainSequences::~PlainSequences() {
  try {
    pqxx::connection connection{dsn_};
    pqxx::nontransaction tx(connection);
    tx.exec("ALTER TABLE referrals.audit_log ENABLE TRIGGER audit_log_chain");
  } catch (const std::exception&) {
    // The benchmark's database is dropped after the run anyway.
  }
}

double PgbenchResult::PercentileMs(double p) const {
  if (latencies_us.empty()) return 0;
  const size_t rank = static_cast<size_t>(
      std::ceil(p * static_cast<double>(latencies_us.size())));
  return static_cast<double>(latencies_us[std::max<size_t>(rank, 1) - 1]) / 1e3;
}

absl::StatusOr<PgbenchResult> RunPgbench(const PgbenchOptions& options) {
  std::string command = absl::StrCat(
      "PGOPTIONS=",
      ShellQuote(absl::StrCat("-c search_path=", options.search_path)), " ",
      ShellQuote(options.pgbench), " -n -M prepared -c ", options.clients,
      " -j ", options.threads, " -T ", options.seconds, " -f ",
      ShellQuote(options.script));
  if (!options.log_dir.empty()) {
    absl::StrAppend(&command, " -l --log-prefix=",
                    ShellQuote(absl::StrCat(options.log_dir, "/cycle")));
  }
  absl::StrAppend(&command, " ", ShellQuote(options.dsn), " 2>&1");
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    return absl::UnavailableError(absl::StrCat("cannot run ", options.pgbench));
  }
  PgbenchResult result;
  char buffer[4096];
  while (fgets(buffer, sizeof buffer, pipe) != nullptr) {
    result.output += buffer;
  }
  const int status = pclose(pipe);
  result.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  for (absl::string_view line : absl::StrSplit(result.output, '\n')) {
    double value = 0;
    if (absl::StartsWith(line, "tps = ") &&
        NumberAfter(line, "tps =", &value)) {
      result.tps = value;
    } else if (NumberAfter(line, "latency average =", &value)) {
      result.latency_average_ms = value;
    } else if (NumberAfter(line, "actually processed:", &value)) {
      result.processed = static_cast<int64_t>(value);
    } else if (NumberAfter(line, "number of failed transactions:", &value)) {
      result.failed = static_cast<int64_t>(value);
    }
    if (absl::StrContains(line, "error") || absl::StrContains(line, "ERROR") ||
        absl::StrContains(line, "aborted")) {
      result.errors.emplace_back(line);
    }
  }
  if (!options.log_dir.empty()) ReadLog(options.log_dir, &result.latencies_us);
  return result;
}

std::string FindPgbench(const std::string& flag) {
  if (!flag.empty()) return flag;
  const char* path = std::getenv("PATH");
  for (absl::string_view dir :
       absl::StrSplit(path != nullptr ? path : "", ':', absl::SkipEmpty())) {
    std::string candidate = absl::StrCat(dir, "/pgbench");
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  const std::string fallback = "/usr/lib/postgresql/15/bin/pgbench";
  return access(fallback.c_str(), X_OK) == 0 ? fallback : "";
}

absl::StatusOr<SqlRun> RunSqlBaseline(const SqlBaselineOptions& options) {
  SqlRun run;
  const std::string pgbench = FindPgbench(options.pgbench);
  if (pgbench.empty()) {
    return absl::FailedPreconditionError("pgbench not found; give --pgbench");
  }
  run.script = MakeCycleScript(MeasurePayloads(options.dsn), options.mode,
                               options.numbering, options.start);
  std::string dir = "/tmp/fhub-referrals-sql-XXXXXX";
  if (mkdtemp(dir.data()) == nullptr) {
    return absl::InternalError("cannot make a temporary folder");
  }
  const std::string script_path = absl::StrCat(dir, "/cycle.sql");
  std::ofstream(script_path) << run.script.text;
  const std::string log_dir = absl::StrCat(dir, "/log");
  mkdir(log_dir.c_str(), 0700);

  PgbenchOptions pgbench_options;
  pgbench_options.pgbench = pgbench;
  pgbench_options.dsn = options.dsn;
  pgbench_options.search_path = "referrals";
  pgbench_options.script = script_path;
  pgbench_options.clients = options.clients;
  pgbench_options.threads = std::min(kPgbenchThreads, options.clients);
  if (options.warmup_seconds > 0) {
    pgbench_options.seconds = options.warmup_seconds;
    absl::StatusOr<PgbenchResult> warm = RunPgbench(pgbench_options);
    if (!warm.ok()) return warm.status();
    if (!warm->errors.empty() || warm->exit_status != 0) {
      return absl::InternalError(absl::StrCat("pgbench warm-up failed (exit ",
                                              warm->exit_status, "):\n",
                                              warm->output));
    }
  }
  pgbench_options.seconds = options.seconds;
  pgbench_options.log_dir = log_dir;
  const CpuSample before = SampleCpu({});
  absl::StatusOr<PgbenchResult> result = RunPgbench(pgbench_options);
  const CpuSample after = SampleCpu({});
  if (!result.ok()) return result.status();
  run.result = *std::move(result);
  run.machine_cores =
      (after.machine_busy - before.machine_busy) / options.seconds;
  if (options.keep) {
    std::cout << "kept the pgbench script and log in " << dir << "\n";
  } else {
    std::system(absl::StrCat("rm -rf '", dir, "'").c_str());
  }
  return run;
}

}  // namespace fhub::bench
