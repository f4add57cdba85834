#pragma once

// Distances on the Earth for the eligibility search: the great-circle
// distance in miles, and the latitude/longitude box around a point that
// holds every point within a radius, so that an index can prefilter before
// the exact distance is computed.

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "services/registry/domain/model.h"

namespace fhub::registry {

// The mean radius of the Earth in statute miles.
inline constexpr double kEarthRadiusMiles = 3958.8;

// INVALID_ARGUMENT naming `field`.latitude (-90 to 90) or `field`.longitude
// (-180 to 180); NaN and infinity are refused.
absl::Status ValidateLatLng(absl::string_view field, const LatLng& point);

// Great-circle distance by the haversine formula on a sphere of
// kEarthRadiusMiles.
double DistanceMiles(const LatLng& from, const LatLng& to);

// The box of latitudes and longitudes holding every point within a radius.
struct BoundingBox {
  double min_latitude = 0;
  double max_latitude = 0;
  double min_longitude = 0;
  double max_longitude = 0;
  // Half-height and half-width of the box in degrees.
  double latitude_delta = 0;
  double longitude_delta = 0;

  bool Contains(const LatLng& point) const;
};

// The smallest such box on the sphere (the longitude delta is the one at
// the latitude where the radius circle is widest). Near a pole, or where
// the box would cross the 180th meridian, it widens to every longitude:
// it may hold more than the circle, never less. A negative radius is taken
// as 0.
BoundingBox BoundingBoxAround(const LatLng& centre, double radius_miles);

}  // namespace fhub::registry
