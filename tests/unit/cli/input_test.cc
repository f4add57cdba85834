#include "tools/fhub/input.h"

#include <fstream>
#include <string>

#include "common/testing/status_matchers.h"
#include "fhub/registry/v1/registry.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace fhub::cli {
namespace {

using ::fhub::testing::IsOk;
using ::fhub::testing::IsOkAndHolds;
using ::fhub::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr auto kInvalid = absl::StatusCode::kInvalidArgument;

std::string WriteFile(const std::string& name, const std::string& contents) {
  std::string path = ::testing::TempDir() + name;
  std::ofstream(path) << contents;
  return path;
}

TEST(CheckNamePatternTest, AcceptsIdsAndNumbers) {
  EXPECT_THAT(CheckNamePattern("providers/acme-care/settings/oak-house/"
                               "vacancies/12",
                               "providers/{id}/settings/{id}/vacancies/"
                               "{number}"),
              IsOk());
  EXPECT_THAT(CheckNamePattern("applications/7", "applications/{number}"),
              IsOk());
}

TEST(CheckNamePatternTest, RejectsOtherShapes) {
  for (const char* name :
       {"applications/0", "applications/07", "applications/x",
        "applications/7/x", "suspensions/7", "applications/",
        "applications/1234567890123456789"}) {
    EXPECT_THAT(CheckNamePattern(name, "applications/{number}"),
                StatusIs(kInvalid, HasSubstr("applications/{number}")))
        << name;
  }
  EXPECT_THAT(CheckNamePattern("providers/A", "providers/{id}"),
              StatusIs(kInvalid));
}

TEST(ParseLotIdsTest, SplitsOnCommas) {
  EXPECT_THAT(ParseLotIds("--lots", "lot-1, lot-2"),
              IsOkAndHolds(ElementsAre("lot-1", "lot-2")));
  EXPECT_THAT(ParseLotIds("--lots", ""), IsOkAndHolds(ElementsAre()));
}

TEST(ParseLotIdsTest, NamesTheFlag) {
  EXPECT_THAT(ParseLotIds("--lots", "lot-1,Lot 2"),
              StatusIs(kInvalid, HasSubstr("--lots 'Lot 2'")));
  EXPECT_THAT(ParseLotIds("--lots", "lot-1,lot-1"),
              StatusIs(kInvalid, HasSubstr("--lots names 'lot-1' twice")));
}

TEST(ReadJsonListFileTest, ReadsAList) {
  std::string path =
      WriteFile("answers_list.json",
                R"([{"criterionId": "safeguarding", "text": "We ..."},
          {"criterion_id": "staffing", "text": "Our ..."}])");
  registry::v1::Application application;
  ASSERT_THAT(ReadJsonListFile("--file", path, "answers", &application),
              IsOk());
  ASSERT_EQ(application.answers_size(), 2);
  EXPECT_EQ(application.answers(0).criterion_id(), "safeguarding");
  EXPECT_EQ(application.answers(1).criterion_id(), "staffing");
}

TEST(ReadJsonListFileTest, ReadsTheWholeMessage) {
  std::string path =
      WriteFile("answers_object.json",
                R"({"framework": "frameworks/nw", "lotIds": ["lot-1"],
          "answers": [{"criterionId": "safeguarding", "text": "We ..."}]})");
  registry::v1::Application application;
  ASSERT_THAT(ReadJsonListFile("--file", path, "answers", &application),
              IsOk());
  EXPECT_EQ(application.framework(), "frameworks/nw");
  EXPECT_THAT(application.lot_ids(), ElementsAre("lot-1"));
  EXPECT_EQ(application.answers_size(), 1);
}

TEST(ReadJsonListFileTest, RejectsUnknownFieldsNamingTheFlag) {
  std::string path =
      WriteFile("answers_bad.json", R"([{"criterionId": "a", "txt": "x"}])");
  registry::v1::Application application;
  EXPECT_THAT(ReadJsonListFile("--file", path, "answers", &application),
              StatusIs(kInvalid, HasSubstr("--file: '")));
}

TEST(ReadJsonListFileTest, RejectsWhatIsNotJson) {
  std::string path = WriteFile("answers_text.json", "criterion,text\n");
  registry::v1::Application application;
  EXPECT_THAT(
      ReadJsonListFile("--file", path, "answers", &application),
      StatusIs(kInvalid, HasSubstr("does not hold a JSON list or object")));
}

TEST(ReadJsonListFileTest, MissingFileNamesTheFlag) {
  registry::v1::Application application;
  EXPECT_THAT(ReadJsonListFile("--file", ::testing::TempDir() + "no-such.json",
                               "answers", &application),
              StatusIs(kInvalid, HasSubstr("--file: cannot read")));
}

}  // namespace
}  // namespace fhub::cli
