#include "services/registry/domain/geography.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"

namespace fhub::registry {
namespace {

constexpr double kPi = 3.14159265358979323846;

double Radians(double degrees) { return degrees * kPi / 180.0; }
double Degrees(double radians) { return radians * 180.0 / kPi; }

}  // namespace

absl::Status ValidateLatLng(absl::string_view field, const LatLng& point) {
  // Written so that NaN fails too.
  if (!(point.latitude >= -90 && point.latitude <= 90)) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ".latitude must be from -90 to 90"));
  }
  if (!(point.longitude >= -180 && point.longitude <= 180)) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ".longitude must be from -180 to 180"));
  }
  return absl::OkStatus();
}

double DistanceMiles(const LatLng& from, const LatLng& to) {
  const double phi1 = Radians(from.latitude);
  const double phi2 = Radians(to.latitude);
  const double half_dphi = (phi2 - phi1) / 2;
  const double half_dlambda = Radians(to.longitude - from.longitude) / 2;
  const double a = std::sin(half_dphi) * std::sin(half_dphi) +
                   std::cos(phi1) * std::cos(phi2) * std::sin(half_dlambda) *
                       std::sin(half_dlambda);
  // Clamped: rounding can push `a` a hair past 1 for antipodal points.
  const double c = 2 * std::asin(std::sqrt(std::min(1.0, a)));
  return kEarthRadiusMiles * c;
}

bool BoundingBox::Contains(const LatLng& point) const {
  return point.latitude >= min_latitude && point.latitude <= max_latitude &&
         point.longitude >= min_longitude && point.longitude <= max_longitude;
}

BoundingBox BoundingBoxAround(const LatLng& centre, double radius_miles) {
  // The angle the radius subtends at the centre of the Earth.
  const double angle = std::max(0.0, radius_miles) / kEarthRadiusMiles;
  BoundingBox box;
  box.latitude_delta = Degrees(angle);
  box.min_latitude = centre.latitude - box.latitude_delta;
  box.max_latitude = centre.latitude + box.latitude_delta;
  const double phi = Radians(centre.latitude);
  if (box.min_latitude <= -90 || box.max_latitude >= 90 ||
      std::sin(angle) >= std::cos(phi)) {
    // The circle reaches a pole: every longitude.
    box.min_latitude = std::max(-90.0, box.min_latitude);
    box.max_latitude = std::min(90.0, box.max_latitude);
    box.longitude_delta = 180;
    box.min_longitude = -180;
    box.max_longitude = 180;
    return box;
  }
  // The circle's widest point in longitude (not at the centre's latitude,
  // but at the tangent point): asin(sin(angle) / cos(latitude)).
  box.longitude_delta = Degrees(std::asin(std::sin(angle) / std::cos(phi)));
  box.min_longitude = centre.longitude - box.longitude_delta;
  box.max_longitude = centre.longitude + box.longitude_delta;
  if (box.min_longitude < -180 || box.max_longitude > 180) {
    box.min_longitude = -180;
    box.max_longitude = 180;
  }
  return box;
}

}  // namespace fhub::registry
