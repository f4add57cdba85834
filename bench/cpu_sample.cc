#include "bench/cpu_sample.h"

#include <sys/resource.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <pqxx/pqxx>
#include <sstream>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"

namespace fhub::bench {
namespace {

// utime + stime of a process of this machine; 0 if it cannot be read (a
// remote database).
double ProcessSeconds(int pid) {
  std::ifstream in(absl::StrCat("/proc/", pid, "/stat"));
  std::string text((std::istreambuf_iterator<char>(in)),
                   std::istreambuf_iterator<char>());
  const size_t paren = text.rfind(')');
  if (paren == std::string::npos) return 0;
  std::istringstream fields(text.substr(paren + 2));
  std::string skip;
  for (int i = 3; i < 14; ++i) fields >> skip;  // state .. cmajflt
  long long utime = 0, stime = 0;
  fields >> utime >> stime;
  return static_cast<double>(utime + stime) /
         static_cast<double>(sysconf(_SC_CLK_TCK));
}

}  // namespace

CpuSample SampleCpu(const std::vector<int>& backends) {
  CpuSample s;
  for (int pid : backends) s.database += ProcessSeconds(pid);
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  s.process = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
              usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
  std::ifstream stat("/proc/stat");
  std::string cpu;
  long long user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0,
            softirq = 0, steal = 0;
  if (stat >> cpu >> user >> nice >> system >> idle >> iowait >> irq >>
      softirq >> steal) {
    s.machine_busy =
        static_cast<double>(user + nice + system + irq + softirq + steal) /
        static_cast<double>(sysconf(_SC_CLK_TCK));
  }
  return s;
}

absl::StatusOr<std::vector<int>> BackendPids(db::Pool& pool) {
  std::vector<db::Pool::Lease> leases;
  std::vector<int> pids;
  for (int i = 0; i < pool.options().size; ++i) {
    auto lease = pool.Acquire();
    if (!lease.ok()) return lease.status();
    pqxx::nontransaction tx(lease->connection());
    pids.push_back(tx.exec1("SELECT pg_backend_pid()")[0].as<int>());
    leases.push_back(*std::move(lease));
  }
  return pids;
}

}  // namespace fhub::bench
