// The frameworks service's request conversion and validation from any
// bytes: a framework (CreateFramework) prepared as the service prepares it,
// and an authority (CreateAuthority).

#include "fhub/frameworks/v1/frameworks.pb.h"
#include "fuzz/fuzz_input.h"
#include "common/proto_values.h"
#include "services/frameworks/api/convert.h"
#include "services/frameworks/domain/rules.h"

namespace fhub::frameworks {
namespace {

int FuzzOne(const uint8_t* data, size_t size) {
  fhub::fuzz::Input in;
  if (!fhub::fuzz::Split(data, size, &in)) return 0;
  if (in.which % 2 == 0) {
    v1::CreateFrameworkRequest request;
    if (!fhub::fuzz::Parse(in.bytes, &request)) return 0;
    auto framework = FromProto(request);
    fhub::fuzz::Check(framework.status(), "FromProto(CreateFrameworkRequest)");
    if (framework.ok()) {
      fhub::fuzz::Check(
          PrepareNewFramework(*std::move(framework),
                              fhub::IsSet(request.framework().term().maximum_end_date()))
              .status(),
          "PrepareNewFramework");
    }
  } else {
    v1::CreateAuthorityRequest request;
    if (!fhub::fuzz::Parse(in.bytes, &request)) return 0;
    Authority authority;
    authority.id = request.authority_id();
    authority.display_name = request.authority().display_name();
    auto kind = FromProto(request.authority().kind());
    fhub::fuzz::Check(kind.status(), "FromProto(AuthorityKind)");
    if (kind.ok()) {
      authority.kind = *kind;
      fhub::fuzz::Check(ValidateAuthority(authority), "ValidateAuthority");
    }
  }
  return 0;
}

}  // namespace
}  // namespace fhub::frameworks

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return fhub::frameworks::FuzzOne(data, size);
}
