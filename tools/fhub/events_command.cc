// `fhub events follow`: every change of every framework as one line of JSON
// each, as it happens, until interrupted.

#include <cstdint>
#include <vector>

#include "absl/flags/flag.h"
#include "fhub/frameworks/v1/frameworks.grpc.pb.h"
#include "tools/fhub/contract_commands.h"
#include "tools/fhub/event_stream.h"

ABSL_FLAG(int64_t, after, 0,
          "events follow, registry-events follow: start after this sequence "
          "number; default 0, from the first event");

namespace fhub::cli {
namespace {

namespace v1 = ::fhub::frameworks::v1;

int FollowFrameworkEvents(const Args&) {
  v1::StreamEventsRequest request;
  request.set_after_sequence(absl::GetFlag(FLAGS_after));
  return FollowEvents(&v1::FrameworkService::Stub::StreamEvents, request);
}

}  // namespace

std::vector<Command> EventCommands() {
  return {
      {"events", "follow", "[--after N]",
       "Prints every change of every framework as one line of JSON as it "
       "happens, until\n      interrupted (SERVICE, AUDITOR or HUB_ADMIN); "
       "--after resumes after sequence N.",
       0, 0, FollowFrameworkEvents},
  };
}

}  // namespace fhub::cli
