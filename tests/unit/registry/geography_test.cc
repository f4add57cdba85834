// Great-circle distances and bounding boxes, checked against distances
// worked out independently (haversine and the spherical law of cosines in
// Python, R = 3958.8 miles).

#include "services/registry/domain/geography.h"

#include <cmath>
#include <limits>

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace fhub::registry {
namespace {

using ::fhub::testing::IsOk;
using ::fhub::testing::StatusIs;
using ::testing::HasSubstr;

constexpr LatLng kSouthport{53.6475, -3.0053};
constexpr LatLng kBootle{53.4466, -2.9920};
constexpr LatLng kLiverpool{53.4084, -2.9916};
constexpr LatLng kManchester{53.4808, -2.2426};

TEST(DistanceMilesTest, MerseysideByHand) {
  EXPECT_NEAR(DistanceMiles(kSouthport, kBootle), 13.892, 0.1);
  EXPECT_NEAR(DistanceMiles(kSouthport, kLiverpool), 16.530, 0.1);
  EXPECT_NEAR(DistanceMiles(kSouthport, kManchester), 33.350, 0.1);
}

TEST(DistanceMilesTest, TighterThanATenthOfAMile) {
  EXPECT_NEAR(DistanceMiles(kSouthport, kBootle), 13.8917, 0.001);
  EXPECT_NEAR(DistanceMiles(kSouthport, kManchester), 33.3504, 0.001);
}

TEST(DistanceMilesTest, SymmetricAndZeroToItself) {
  EXPECT_DOUBLE_EQ(DistanceMiles(kBootle, kManchester),
                   DistanceMiles(kManchester, kBootle));
  EXPECT_EQ(DistanceMiles(kLiverpool, kLiverpool), 0);
}

TEST(DistanceMilesTest, HalfwayRoundTheWorldIsHalfTheCircumference) {
  const double half = M_PI * kEarthRadiusMiles;
  EXPECT_NEAR(DistanceMiles({0, 0}, {0, 180}), half, 1e-6);
  EXPECT_NEAR(DistanceMiles({90, 0}, {-90, 0}), half, 1e-6);
  // One degree of latitude anywhere: 3958.8 * pi / 180.
  EXPECT_NEAR(DistanceMiles({53, -3}, {54, -3}), 69.0941, 0.0001);
}

TEST(DistanceMilesTest, AcrossTheAntimeridian) {
  EXPECT_NEAR(DistanceMiles({0, 179.5}, {0, -179.5}),
              DistanceMiles({0, 0}, {0, 1}), 1e-9);
}

TEST(ValidateLatLngTest, NamesTheField) {
  EXPECT_THAT(ValidateLatLng("setting.location", kSouthport), IsOk());
  EXPECT_THAT(ValidateLatLng("setting.location", {90, 180}), IsOk());
  EXPECT_THAT(ValidateLatLng("setting.location", {-90, -180}), IsOk());
  EXPECT_THAT(ValidateLatLng("setting.location", {91, 0}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("setting.location.latitude")));
  EXPECT_THAT(ValidateLatLng("location", {-90.0001, 0}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("location.latitude")));
  EXPECT_THAT(ValidateLatLng("location", {0, 180.5}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("location.longitude")));
  EXPECT_THAT(ValidateLatLng("location", {0, -181}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("location.longitude")));
}

TEST(ValidateLatLngTest, RefusesNotANumber) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_THAT(
      ValidateLatLng("location", {nan, 0}),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("latitude")));
  EXPECT_THAT(
      ValidateLatLng("location", {0, inf}),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("longitude")));
}

TEST(BoundingBoxTest, TwentyMilesAroundSouthport) {
  const BoundingBox box = BoundingBoxAround(kSouthport, 20);
  // 20 / 3958.8 radians; asin(sin(that) / cos(53.6475 degrees)).
  EXPECT_NEAR(box.latitude_delta, 0.289460, 1e-6);
  EXPECT_NEAR(box.longitude_delta, 0.488337, 1e-6);
  EXPECT_NEAR(box.min_latitude, 53.6475 - 0.289460, 1e-6);
  EXPECT_NEAR(box.max_longitude, -3.0053 + 0.488337, 1e-6);
  EXPECT_TRUE(box.Contains(kBootle));
  EXPECT_TRUE(box.Contains(kLiverpool));  // 16.5 miles
  EXPECT_FALSE(box.Contains(kManchester));
}

TEST(BoundingBoxTest, HoldsEveryPointOnTheCircle) {
  for (const LatLng centre :
       {kSouthport, LatLng{-41.3, 174.8}, LatLng{0, 0}, LatLng{70, 20}}) {
    for (double radius : {1.0, 20.0, 250.0}) {
      const BoundingBox box = BoundingBoxAround(centre, radius);
      // Walk the circle of `radius` by bearing and check each point.
      const double angle = radius / kEarthRadiusMiles;
      const double phi1 = centre.latitude * M_PI / 180;
      const double lambda1 = centre.longitude * M_PI / 180;
      for (int degrees = 0; degrees < 360; degrees += 5) {
        const double bearing = degrees * M_PI / 180;
        const double phi2 =
            std::asin(std::sin(phi1) * std::cos(angle) +
                      std::cos(phi1) * std::sin(angle) * std::cos(bearing));
        const double lambda2 =
            lambda1 +
            std::atan2(std::sin(bearing) * std::sin(angle) * std::cos(phi1),
                       std::cos(angle) - std::sin(phi1) * std::sin(phi2));
        const LatLng point{phi2 * 180 / M_PI, lambda2 * 180 / M_PI};
        ASSERT_NEAR(DistanceMiles(centre, point), radius, 1e-6);
        // A hair of slack for rounding at the box's edge.
        const BoundingBox padded{
            box.min_latitude - 1e-9, box.max_latitude + 1e-9,
            box.min_longitude - 1e-9, box.max_longitude + 1e-9};
        EXPECT_TRUE(padded.Contains(point))
            << centre.latitude << "," << centre.longitude << " r=" << radius
            << " bearing " << degrees;
      }
    }
  }
}

TEST(BoundingBoxTest, WidensNearAPoleAndAtTheAntimeridian) {
  const BoundingBox polar = BoundingBoxAround({89.9, 10}, 20);
  EXPECT_EQ(polar.min_longitude, -180);
  EXPECT_EQ(polar.max_longitude, 180);
  EXPECT_EQ(polar.max_latitude, 90);
  const BoundingBox pacific = BoundingBoxAround({0, 179.9}, 20);
  EXPECT_EQ(pacific.min_longitude, -180);
  EXPECT_EQ(pacific.max_longitude, 180);
  EXPECT_TRUE(pacific.Contains({0, -179.9}));
}

TEST(BoundingBoxTest, ZeroOrNegativeRadiusIsThePoint) {
  const BoundingBox box = BoundingBoxAround(kBootle, -5);
  EXPECT_EQ(box.latitude_delta, 0);
  EXPECT_EQ(box.longitude_delta, 0);
  EXPECT_TRUE(box.Contains(kBootle));
  EXPECT_FALSE(box.Contains(kLiverpool));
}

}  // namespace
}  // namespace fhub::registry
