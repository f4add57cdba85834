#include "common/status_macros.h"

#include <memory>
#include <string>

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace fhub {
namespace {

using ::fhub::testing::IsOk;
using ::fhub::testing::IsOkAndHolds;
using ::fhub::testing::StatusIs;
using ::testing::Eq;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::Pointee;

absl::Status Step(bool ok, int* calls) {
  ++*calls;
  return ok ? absl::OkStatus() : absl::NotFoundError("step failed");
}

absl::Status TwoSteps(bool first_ok, int* calls, bool* reached_end) {
  FHUB_RETURN_IF_ERROR(Step(first_ok, calls));
  FHUB_RETURN_IF_ERROR(Step(true, calls));
  *reached_end = true;
  return absl::OkStatus();
}

TEST(ReturnIfErrorTest, ContinuesOnOk) {
  int calls = 0;
  bool reached_end = false;
  EXPECT_THAT(TwoSteps(true, &calls, &reached_end), IsOk());
  EXPECT_EQ(calls, 2);
  EXPECT_TRUE(reached_end);
}

TEST(ReturnIfErrorTest, ReturnsTheErrorAndEvaluatesOnce) {
  int calls = 0;
  bool reached_end = false;
  EXPECT_THAT(TwoSteps(false, &calls, &reached_end),
              StatusIs(absl::StatusCode::kNotFound, "step failed"));
  EXPECT_EQ(calls, 1);
  EXPECT_FALSE(reached_end);
}

TEST(ReturnIfErrorTest, WorksUnbracedInIfElse) {
  auto f = [](bool fail) -> absl::Status {
    if (fail)
      FHUB_RETURN_IF_ERROR(absl::InternalError("x"));
    else
      return absl::AbortedError("else");
    return absl::OkStatus();
  };
  EXPECT_THAT(f(true), StatusIs(absl::StatusCode::kInternal));
  EXPECT_THAT(f(false), StatusIs(absl::StatusCode::kAborted));
}

absl::StatusOr<int> Half(int n) {
  if (n % 2 != 0) return absl::InvalidArgumentError("odd");
  return n / 2;
}

absl::StatusOr<int> Quarter(int n) {
  FHUB_ASSIGN_OR_RETURN(int half, Half(n));
  FHUB_ASSIGN_OR_RETURN(int quarter, Half(half));
  return quarter;
}

TEST(AssignOrReturnTest, DeclaresFromTheValue) {
  EXPECT_THAT(Quarter(12), IsOkAndHolds(Eq(3)));
}

TEST(AssignOrReturnTest, ReturnsTheFirstError) {
  EXPECT_THAT(Quarter(7), StatusIs(absl::StatusCode::kInvalidArgument, "odd"));
  EXPECT_THAT(Quarter(6), StatusIs(absl::StatusCode::kInvalidArgument, "odd"));
}

TEST(AssignOrReturnTest, AssignsToAnExistingVariable) {
  auto f = [](int n) -> absl::Status {
    int value = -1;
    FHUB_ASSIGN_OR_RETURN(value, Half(n));
    return value == n / 2 ? absl::OkStatus() : absl::InternalError("wrong");
  };
  EXPECT_THAT(f(8), IsOk());
  EXPECT_THAT(f(9), StatusIs(absl::StatusCode::kInvalidArgument));
}

absl::StatusOr<std::unique_ptr<std::string>> MakeName(bool ok) {
  if (!ok) return absl::NotFoundError("no name");
  return std::make_unique<std::string>("sefton");
}

absl::StatusOr<std::unique_ptr<std::string>> PassOn(bool ok) {
  FHUB_ASSIGN_OR_RETURN(std::unique_ptr<std::string> name, MakeName(ok));
  return name;
}

TEST(AssignOrReturnTest, MovesMoveOnlyValues) {
  EXPECT_THAT(PassOn(true), IsOkAndHolds(Pointee(Eq("sefton"))));
  EXPECT_THAT(PassOn(false), StatusIs(absl::StatusCode::kNotFound));
}

TEST(StatusMatchersTest, MatchCodeAndMessage) {
  const absl::Status status = absl::NotFoundError("framework nw not found");
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kNotFound, HasSubstr("nw")));
  EXPECT_THAT(status, Not(StatusIs(absl::StatusCode::kAborted)));
  EXPECT_THAT(status,
              Not(StatusIs(absl::StatusCode::kNotFound, HasSubstr("xyz"))));
  EXPECT_THAT(status, Not(IsOk()));
  EXPECT_THAT(absl::StatusOr<int>(4), IsOkAndHolds(Eq(4)));
  EXPECT_THAT(absl::StatusOr<int>(4), Not(IsOkAndHolds(Eq(5))));
  EXPECT_THAT(absl::StatusOr<int>(absl::AbortedError("x")),
              Not(IsOkAndHolds(Eq(4))));
}

}  // namespace
}  // namespace fhub
