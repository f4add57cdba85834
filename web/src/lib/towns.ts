// A small built-in table of the demo's towns: no postcode lookup is
// reachable offline, so the referral form offers these (which fill in the
// latitude and longitude) beside latitude and longitude fields of its own.
// Positions are the town centres, WGS84, to four decimal places.

export interface Town {
  name: string;
  area: string;
  latitude: number;
  longitude: number;
}

export const TOWNS: Town[] = [
  { name: 'Bootle', area: 'Sefton', latitude: 53.4466, longitude: -2.9929 },
  { name: 'Southport', area: 'Sefton', latitude: 53.6475, longitude: -3.0053 },
  { name: 'Crosby', area: 'Sefton', latitude: 53.4872, longitude: -3.0343 },
  { name: 'Maghull', area: 'Sefton', latitude: 53.5163, longitude: -2.9425 },
  { name: 'Liverpool', area: 'Liverpool', latitude: 53.4084, longitude: -2.9916 },
  { name: 'Birkenhead', area: 'Wirral', latitude: 53.3934, longitude: -3.0148 },
  { name: 'Wallasey', area: 'Wirral', latitude: 53.4233, longitude: -3.0487 },
  { name: 'Widnes', area: 'Halton', latitude: 53.3618, longitude: -2.7337 },
  { name: 'Runcorn', area: 'Halton', latitude: 53.3417, longitude: -2.7313 },
  { name: 'Kirkby', area: 'Knowsley', latitude: 53.4817, longitude: -2.8920 },
  { name: 'Huyton', area: 'Knowsley', latitude: 53.4114, longitude: -2.8430 },
  { name: 'Ashton-under-Lyne', area: 'Tameside', latitude: 53.4880, longitude: -2.0980 },
  { name: 'Hyde', area: 'Tameside', latitude: 53.4516, longitude: -2.0797 },
  { name: 'Manchester', area: 'Manchester', latitude: 53.4808, longitude: -2.2426 },
];

export function townByName(name: string): Town | undefined {
  return TOWNS.find((t) => t.name === name);
}
