// The registry's request conversion and validation from any bytes: a
// provider (CreateProvider) and a setting (CreateSetting), prepared as the
// service prepares them before storing.

#include "absl/time/civil_time.h"
#include "fhub/registry/v1/registry.pb.h"
#include "fuzz/fuzz_input.h"
#include "services/registry/api/convert.h"
#include "services/registry/domain/provider_rules.h"

namespace fhub::registry {
namespace {

int FuzzOne(const uint8_t* data, size_t size) {
  fhub::fuzz::Input in;
  if (!fhub::fuzz::Split(data, size, &in)) return 0;
  if (in.which % 2 == 0) {
    v1::CreateProviderRequest request;
    if (!fhub::fuzz::Parse(in.bytes, &request)) return 0;
    auto provider = FromProto(request.provider());
    fhub::fuzz::Check(provider.status(), "FromProto(Provider)");
    if (provider.ok()) {
      fhub::fuzz::Check(PrepareProvider(*std::move(provider)).status(),
                        "PrepareProvider");
    }
  } else {
    v1::CreateSettingRequest request;
    if (!fhub::fuzz::Parse(in.bytes, &request)) return 0;
    auto setting = FromProto(request.setting());
    fhub::fuzz::Check(setting.status(), "FromProto(Setting)");
    if (setting.ok()) {
      fhub::fuzz::Check(
          PrepareSetting(*std::move(setting), absl::CivilDay(2026, 12, 3))
              .status(),
          "PrepareSetting");
    }
  }
  return 0;
}

}  // namespace
}  // namespace fhub::registry

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return fhub::registry::FuzzOne(data, size);
}
