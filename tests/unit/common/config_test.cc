#include "common/config.h"

#include <cstdio>
#include <fstream>
#include <map>
#include <string>

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace fhub {
namespace {

using ::fhub::testing::IsOk;
using ::fhub::testing::StatusIs;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr char kDefaultListen[] = "127.0.0.1:7001";
constexpr char kSecret[] = "0123456789abcdef0123456789abcdef";  // 32 bytes.

// A source whose environment is a map, with the two required settings given
// as flags.
struct FakeSource {
  std::map<std::string, std::string> flags = {
      {"database_url", "host=/tmp/pg dbname=fhub"}, {"token_key", kSecret}};
  std::map<std::string, std::string> env;

  ConfigSource Get() const {
    ConfigSource source;
    source.flags = flags;
    source.env = [env = env](const std::string& name) {
      auto it = env.find(name);
      return it == env.end() ? std::nullopt
                             : std::optional<std::string>(it->second);
    };
    return source;
  }
  absl::StatusOr<ServiceConfig> Load() const {
    return LoadServiceConfig(Get(), kDefaultListen);
  }
};

std::string WriteTempFile(const std::string& name,
                          const std::string& contents) {
  std::string path = ::testing::TempDir() + "/" + name;
  std::ofstream(path) << contents;
  return path;
}

TEST(LoadServiceConfigTest, DefaultsApplyWhenNothingElseIsGiven) {
  auto config = FakeSource().Load();
  ASSERT_THAT(config, IsOk());
  EXPECT_EQ(config->listen_address, kDefaultListen);
  EXPECT_EQ(config->database_url, "host=/tmp/pg dbname=fhub");
  EXPECT_EQ(config->token.key, kSecret);
  EXPECT_EQ(config->token.issuer, "fhub-dev");
  EXPECT_EQ(config->token.audience, "fhub");
  EXPECT_THAT(config->token.algorithms, ElementsAre("HS256"));
  EXPECT_EQ(config->pool_size, 6);
  EXPECT_EQ(config->pool_wait, absl::Seconds(1));
  EXPECT_EQ(config->shutdown_grace, absl::Seconds(10));
  EXPECT_EQ(config->database_wait, absl::Seconds(30));
}

TEST(LoadServiceConfigTest, EnvironmentOverridesDefaults) {
  FakeSource source;
  source.flags = {};
  source.env = {{"FHUB_LISTEN", "0.0.0.0:9000"},
                {"FHUB_DATABASE_URL", "dbname=env"},
                {"FHUB_TOKEN_KEY", kSecret},
                {"FHUB_TOKEN_ISSUER", "hub"},
                {"FHUB_TOKEN_AUDIENCE", "councils"},
                {"FHUB_TOKEN_ALGORITHMS", "HS256,HS512"},
                {"FHUB_POOL_SIZE", "12"},
                {"FHUB_POOL_WAIT_MS", "250"},
                {"FHUB_SHUTDOWN_GRACE_SECONDS", "0"},
                {"FHUB_DATABASE_WAIT_SECONDS", "5"}};
  auto config = source.Load();
  ASSERT_THAT(config, IsOk());
  EXPECT_EQ(config->listen_address, "0.0.0.0:9000");
  EXPECT_EQ(config->database_url, "dbname=env");
  EXPECT_EQ(config->token.issuer, "hub");
  EXPECT_EQ(config->token.audience, "councils");
  EXPECT_THAT(config->token.algorithms, ElementsAre("HS256", "HS512"));
  EXPECT_EQ(config->pool_size, 12);
  EXPECT_EQ(config->pool_wait, absl::Milliseconds(250));
  EXPECT_EQ(config->shutdown_grace, absl::ZeroDuration());
  EXPECT_EQ(config->database_wait, absl::Seconds(5));
}

TEST(LoadServiceConfigTest, FlagsOverrideEnvironment) {
  FakeSource source;
  source.flags["listen"] = "127.0.0.1:8001";
  source.flags["database_url"] = "dbname=flag";
  source.flags["token_issuer"] = "flag-issuer";
  source.flags["pool_size"] = "3";
  source.flags["pool_wait_ms"] = "100";
  source.env = {{"FHUB_LISTEN", "127.0.0.1:9001"},
                {"FHUB_DATABASE_URL", "dbname=env"},
                {"FHUB_TOKEN_ISSUER", "env-issuer"},
                {"FHUB_POOL_SIZE", "12"},
                {"FHUB_POOL_WAIT_MS", "900"}};
  auto config = source.Load();
  ASSERT_THAT(config, IsOk());
  EXPECT_EQ(config->listen_address, "127.0.0.1:8001");
  EXPECT_EQ(config->database_url, "dbname=flag");
  EXPECT_EQ(config->token.issuer, "flag-issuer");
  EXPECT_EQ(config->pool_size, 3);
  EXPECT_EQ(config->pool_wait, absl::Milliseconds(100));
}

TEST(LoadServiceConfigTest, EmptyFlagMeansNotGiven) {
  FakeSource source;
  source.flags["pool_size"] = "";
  source.env = {{"FHUB_POOL_SIZE", "9"}};
  auto config = source.Load();
  ASSERT_THAT(config, IsOk());
  EXPECT_EQ(config->pool_size, 9);
}

TEST(LoadServiceConfigTest, WorksWithoutAnEnvironmentLookup) {
  ConfigSource source;
  source.flags = {{"database_url", "dbname=x"}, {"token_key", kSecret}};
  EXPECT_THAT(LoadServiceConfig(source, kDefaultListen), IsOk());
}

TEST(LoadServiceConfigTest, AlgorithmListToleratesSpaces) {
  FakeSource source;
  source.flags["token_algorithms"] = "HS256, HS384 ,HS512,";
  auto config = source.Load();
  ASSERT_THAT(config, IsOk());
  EXPECT_THAT(config->token.algorithms, ElementsAre("HS256", "HS384", "HS512"));
}

// One bad value of one setting, and words the error must contain.
struct BadSetting {
  std::string flag;
  std::string value;
  std::string env;
};

class BadSettingTest : public ::testing::TestWithParam<BadSetting> {};

TEST_P(BadSettingTest, FlagIsInvalidArgumentNamingTheSetting) {
  FakeSource source;
  source.flags[GetParam().flag] = GetParam().value;
  EXPECT_THAT(
      source.Load(),
      StatusIs(absl::StatusCode::kInvalidArgument,
               AllOf(HasSubstr(GetParam().flag), HasSubstr(GetParam().env),
                     HasSubstr("'" + GetParam().value + "'"))));
}

TEST_P(BadSettingTest, EnvironmentIsInvalidArgumentNamingTheSetting) {
  FakeSource source;
  source.env[GetParam().env] = GetParam().value;
  EXPECT_THAT(source.Load(), StatusIs(absl::StatusCode::kInvalidArgument,
                                      AllOf(HasSubstr(GetParam().flag),
                                            HasSubstr(GetParam().env))));
}

INSTANTIATE_TEST_SUITE_P(
    Values, BadSettingTest,
    ::testing::Values(BadSetting{"listen", "localhost", "FHUB_LISTEN"},
                      BadSetting{"listen", "localhost:http", "FHUB_LISTEN"},
                      BadSetting{"listen", "localhost:65536", "FHUB_LISTEN"},
                      BadSetting{"listen", "localhost:-1", "FHUB_LISTEN"},
                      BadSetting{"pool_size", "0", "FHUB_POOL_SIZE"},
                      BadSetting{"pool_size", "65", "FHUB_POOL_SIZE"},
                      BadSetting{"pool_size", "six", "FHUB_POOL_SIZE"},
                      BadSetting{"pool_size", "2.5", "FHUB_POOL_SIZE"},
                      BadSetting{"pool_wait_ms", "0", "FHUB_POOL_WAIT_MS"},
                      BadSetting{"pool_wait_ms", "60001", "FHUB_POOL_WAIT_MS"},
                      BadSetting{"shutdown_grace_seconds", "-1",
                                 "FHUB_SHUTDOWN_GRACE_SECONDS"},
                      BadSetting{"shutdown_grace_seconds", "301",
                                 "FHUB_SHUTDOWN_GRACE_SECONDS"},
                      BadSetting{"database_wait_seconds", "3601",
                                 "FHUB_DATABASE_WAIT_SECONDS"},
                      BadSetting{"database_wait_seconds", "soon",
                                 "FHUB_DATABASE_WAIT_SECONDS"},
                      BadSetting{"metrics_listen", "9090",
                                 "FHUB_METRICS_LISTEN"},
                      BadSetting{"metrics_listen", "0.0.0.0:99999",
                                 "FHUB_METRICS_LISTEN"},
                      BadSetting{"metrics_listen", "127.0.0.1:7001",
                                 "FHUB_METRICS_LISTEN"}),
    [](const auto& info) {
      std::string name = info.param.flag + "_" + std::to_string(info.index);
      return name;
    });

TEST(LoadServiceConfigTest, MetricsAreServedOnlyWhenAnAddressIsGiven) {
  EXPECT_EQ(FakeSource().Load()->metrics_listen, "");
  FakeSource source;
  source.env["FHUB_METRICS_LISTEN"] = "0.0.0.0:9090";
  auto config = source.Load();
  ASSERT_THAT(config, IsOk());
  EXPECT_EQ(config->metrics_listen, "0.0.0.0:9090");
}

TEST(LoadServiceConfigTest, BoundsAreInclusive) {
  FakeSource source;
  source.flags["pool_size"] = "64";
  source.flags["pool_wait_ms"] = "1";
  source.flags["shutdown_grace_seconds"] = "300";
  source.flags["database_wait_seconds"] = "0";
  source.flags["listen"] = "[::1]:0";
  auto config = source.Load();
  ASSERT_THAT(config, IsOk());
  EXPECT_EQ(config->pool_size, 64);
  EXPECT_EQ(config->pool_wait, absl::Milliseconds(1));
  EXPECT_EQ(config->shutdown_grace, absl::Seconds(300));
  EXPECT_EQ(config->database_wait, absl::ZeroDuration());
  EXPECT_EQ(config->listen_address, "[::1]:0");
}

TEST(LoadServiceConfigTest, DatabaseUrlIsRequired) {
  FakeSource source;
  source.flags.erase("database_url");
  EXPECT_THAT(source.Load(), StatusIs(absl::StatusCode::kInvalidArgument,
                                      AllOf(HasSubstr("database_url"),
                                            HasSubstr("FHUB_DATABASE_URL"))));
}

TEST(LoadServiceConfigTest, TokenKeyIsRequired) {
  FakeSource source;
  source.flags.erase("token_key");
  EXPECT_THAT(source.Load(), StatusIs(absl::StatusCode::kInvalidArgument,
                                      AllOf(HasSubstr("token_key"),
                                            HasSubstr("FHUB_TOKEN_KEY"))));
}

TEST(LoadServiceConfigTest, ShortTokenKeyIsRefused) {
  FakeSource source;
  source.flags["token_key"] = "too-short";
  EXPECT_THAT(source.Load(), StatusIs(absl::StatusCode::kInvalidArgument,
                                      HasSubstr("token key")));
}

TEST(LoadServiceConfigTest, UnknownTokenAlgorithmIsRefused) {
  FakeSource source;
  source.env["FHUB_TOKEN_ALGORITHMS"] = "HS256,XS999";
  EXPECT_THAT(source.Load(), StatusIs(absl::StatusCode::kInvalidArgument,
                                      AllOf(HasSubstr("token algorithm"),
                                            HasSubstr("XS999"))));
}

TEST(LoadServiceConfigTest, EmptyTokenAlgorithmListIsRefused) {
  FakeSource source;
  source.flags["token_algorithms"] = " , ";
  EXPECT_THAT(source.Load(), StatusIs(absl::StatusCode::kInvalidArgument,
                                      HasSubstr("token algorithms")));
}

TEST(LoadServiceConfigTest, TokenKeyIsReadFromFileWithoutTrailingNewline) {
  const std::string path =
      WriteTempFile("config_test_key", std::string(kSecret) + "\n");
  FakeSource source;
  source.flags.erase("token_key");
  source.env["FHUB_TOKEN_KEY_FILE"] = path;
  auto config = source.Load();
  ASSERT_THAT(config, IsOk());
  EXPECT_EQ(config->token.key, kSecret);
  std::remove(path.c_str());
}

TEST(LoadServiceConfigTest, UnreadableTokenKeyFileIsNamed) {
  FakeSource source;
  source.flags.erase("token_key");
  source.flags["token_key_file"] = "/nonexistent/fhub/key";
  EXPECT_THAT(source.Load(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("token_key_file"),
                             HasSubstr("/nonexistent/fhub/key"))));
}

TEST(LoadServiceConfigTest, TokenKeyAndKeyFileTogetherAreRefused) {
  const std::string path = WriteTempFile("config_test_both", kSecret);
  FakeSource source;  // token_key given as a flag.
  source.env["FHUB_TOKEN_KEY_FILE"] = path;
  EXPECT_THAT(source.Load(), StatusIs(absl::StatusCode::kInvalidArgument,
                                      AllOf(HasSubstr("token_key"),
                                            HasSubstr("token_key_file"))));
  std::remove(path.c_str());
}

TEST(LoadServiceConfigTest, PemKeyFileNeedsAnAsymmetricAlgorithm) {
  const std::string path = WriteTempFile(
      "config_test_pem",
      "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
  FakeSource source;
  source.flags.erase("token_key");
  source.flags["token_key_file"] = path;
  EXPECT_THAT(source.Load(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("HS256")));
  std::remove(path.c_str());
}

TEST(ServiceConfigUsageTest, ListsEveryFlagWithItsVariable) {
  const std::string usage = ServiceConfigUsage();
  for (const char* expected :
       {"--listen (FHUB_LISTEN)", "--database_url (FHUB_DATABASE_URL)",
        "--token_key (FHUB_TOKEN_KEY)",
        "--token_key_file (FHUB_TOKEN_KEY_FILE)",
        "--token_issuer (FHUB_TOKEN_ISSUER)",
        "--token_audience (FHUB_TOKEN_AUDIENCE)",
        "--token_algorithms (FHUB_TOKEN_ALGORITHMS)",
        "--pool_size (FHUB_POOL_SIZE)", "--pool_wait_ms (FHUB_POOL_WAIT_MS)",
        "--shutdown_grace_seconds (FHUB_SHUTDOWN_GRACE_SECONDS)",
        "--database_wait_seconds (FHUB_DATABASE_WAIT_SECONDS)",
        "--metrics_listen (FHUB_METRICS_LISTEN)"}) {
    EXPECT_THAT(usage, HasSubstr(expected));
  }
}

}  // namespace
}  // namespace fhub

namespace fhub {
namespace {

TEST(LoadServiceConfigTlsTest, ReadsCertificateKeyAndClientCa) {
  FakeSource source;
  source.env = {{"FHUB_TLS_CERT_FILE", WriteTempFile("cert.pem", "CERT")},
                {"FHUB_TLS_KEY_FILE", WriteTempFile("key.pem", "KEY")},
                {"FHUB_TLS_CLIENT_CA_FILE", WriteTempFile("ca.pem", "CA")}};
  auto config = source.Load();
  ASSERT_THAT(config, IsOk());
  EXPECT_EQ(config->tls_cert, "CERT");
  EXPECT_EQ(config->tls_key, "KEY");
  EXPECT_EQ(config->tls_client_ca, "CA");
  EXPECT_TRUE(FakeSource().Load()->tls_cert.empty());
}

TEST(LoadServiceConfigTlsTest, RefusesHalfAConfiguration) {
  FakeSource cert_only;
  cert_only.flags["tls_cert_file"] = WriteTempFile("cert.pem", "CERT");
  EXPECT_THAT(cert_only.Load(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("tls_key_file must be given together")));
  FakeSource ca_only;
  ca_only.flags["tls_client_ca_file"] = WriteTempFile("ca.pem", "CA");
  EXPECT_THAT(ca_only.Load(), StatusIs(absl::StatusCode::kInvalidArgument,
                                       HasSubstr("FHUB_TLS_CLIENT_CA_FILE")));
  FakeSource missing;
  missing.flags["tls_cert_file"] = "/nonexistent/cert.pem";
  missing.flags["tls_key_file"] = "/nonexistent/key.pem";
  EXPECT_THAT(missing.Load(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("cannot read '/nonexistent/cert.pem'")));
}

}  // namespace
}  // namespace fhub
