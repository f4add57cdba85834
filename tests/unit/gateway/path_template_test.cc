// Path templates: parsing google.api.http templates and matching paths.

#include "services/gateway/domain/path_template.h"

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace fhub::gateway {
namespace {

using ::fhub::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::Optional;

auto Bound(const std::string& field, const std::string& value) {
  return ::testing::AllOf(Field(&Binding::field_path, field),
                          Field(&Binding::value, value));
}

PathTemplate Parsed(const std::string& text) {
  auto t = PathTemplate::Parse(text);
  EXPECT_TRUE(t.ok()) << t.status();
  return *t;
}

TEST(PathTemplateTest, AResourceName) {
  const PathTemplate t = Parsed("/v1/{name=frameworks/*}");
  EXPECT_THAT(t.Match("/v1/frameworks/nw-16plus"),
              Optional(ElementsAre(Bound("name", "frameworks/nw-16plus"))));
  EXPECT_EQ(t.Match("/v1/frameworks"), std::nullopt);
  EXPECT_EQ(t.Match("/v1/frameworks/"), std::nullopt);
  EXPECT_EQ(t.Match("/v1/frameworks/a/b"), std::nullopt);
  EXPECT_EQ(t.Match("/v1/authorities/a"), std::nullopt);
  EXPECT_EQ(t.LiteralCount(), 2);
  EXPECT_THAT(t.FieldPaths(), ElementsAre("name"));
}

TEST(PathTemplateTest, NestedNamesAndLiteralsAfterVariables) {
  const PathTemplate t =
      Parsed("/v1/{parent=authorities/*/referrals/*}/invitations");
  EXPECT_THAT(t.Match("/v1/authorities/sefton/referrals/7/invitations"),
              Optional(ElementsAre(
                  Bound("parent", "authorities/sefton/referrals/7"))));
  EXPECT_EQ(t.Match("/v1/authorities/sefton/referrals/7"), std::nullopt);
}

TEST(PathTemplateTest, CustomVerbsMustMatchExactly) {
  const PathTemplate submit =
      Parsed("/v1/{name=authorities/*/referrals/*}:submit");
  EXPECT_EQ(submit.verb(), "submit");
  EXPECT_THAT(submit.Match("/v1/authorities/sefton/referrals/7:submit"),
              Optional(ElementsAre(
                  Bound("name", "authorities/sefton/referrals/7"))));
  EXPECT_EQ(submit.Match("/v1/authorities/sefton/referrals/7:cancel"),
            std::nullopt);
  EXPECT_EQ(submit.Match("/v1/authorities/sefton/referrals/7"), std::nullopt);
  // A template without a verb does not take one.
  const PathTemplate get = Parsed("/v1/{name=authorities/*/referrals/*}");
  EXPECT_EQ(get.Match("/v1/authorities/sefton/referrals/7:submit"),
            std::nullopt);
  // A verb on a literal.
  const PathTemplate quote = Parsed("/v1/priceBooks:quote");
  EXPECT_THAT(quote.Match("/v1/priceBooks:quote"), Optional(ElementsAre()));
}

TEST(PathTemplateTest, SeveralVariablesAndShortForms) {
  const PathTemplate t =
      Parsed("/v1/{framework=frameworks/*}/lots/{lot_id}/benchmark");
  EXPECT_THAT(t.Match("/v1/frameworks/nw/lots/lot-1/benchmark"),
              Optional(ElementsAre(Bound("framework", "frameworks/nw"),
                                   Bound("lot_id", "lot-1"))));
  const PathTemplate nested = Parsed("/v1/{setting.name=providers/*/settings/*}");
  EXPECT_THAT(nested.Match("/v1/providers/p/settings/s"),
              Optional(ElementsAre(
                  Bound("setting.name", "providers/p/settings/s"))));
}

TEST(PathTemplateTest, ValuesArePercentDecoded) {
  const PathTemplate t = Parsed("/v1/{name=frameworks/*}");
  EXPECT_THAT(t.Match("/v1/frameworks/nw%2D16plus"),
              Optional(ElementsAre(Bound("name", "frameworks/nw-16plus"))));
  EXPECT_EQ(t.Match("/v1/frameworks/nw%2"), std::nullopt);
  EXPECT_EQ(t.Match("/v1/frameworks/nw%zz"), std::nullopt);
  EXPECT_EQ(PercentDecode("a%20b"), "a b");
  EXPECT_EQ(PercentDecode("%"), std::nullopt);
}

TEST(PathTemplateTest, TheRestWildcard) {
  const PathTemplate t = Parsed("/v1/{name=files/**}");
  EXPECT_TRUE(t.EndsInMultiWildcard());
  EXPECT_THAT(t.Match("/v1/files/a/b/c"),
              Optional(ElementsAre(Bound("name", "files/a/b/c"))));
}

TEST(PathTemplateTest, BadTemplatesSayWhy) {
  EXPECT_THAT(PathTemplate::Parse("v1/x"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("must start with /")));
  EXPECT_THAT(PathTemplate::Parse("/v1/{name=x/*"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("unbalanced")));
  EXPECT_THAT(PathTemplate::Parse("/v1//x"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("empty segment")));
  EXPECT_THAT(PathTemplate::Parse("/v1/{9x}"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("not a field path")));
  EXPECT_THAT(PathTemplate::Parse("/v1/**/x"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("** may only be the last")));
  EXPECT_THAT(PathTemplate::Parse("/v1/{a}/{a}"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("bound twice")));
  EXPECT_THAT(PathTemplate::Parse("/v1/x:"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("verb")));
}

}  // namespace
}  // namespace fhub::gateway
