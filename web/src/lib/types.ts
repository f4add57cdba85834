// The API's messages as the gateway prints them (proto3 JSON: lowerCamel
// names; fields at their default are left out, so every field is optional;
// int64 as strings; enums by name; dates as {year, month, day}; instants as
// RFC 3339). Only what the console reads is listed.

import type { DateValue } from './format';

export type Int64 = string;
export type Timestamp = string;

export interface Contact {
  fullName?: string;
  email?: string;
  jobTitle?: string;
  phone?: string;
}

// --- frameworks ---------------------------------------------------------------

export interface Authority {
  name: string;
  displayName?: string;
  kind?: string;
}

export interface Lot {
  name?: string;
  lotId: string;
  title?: string;
  serviceType?: string;
  ofstedRegistrationRequired?: boolean;
  lowestOfstedGrade?: string;
}

export interface Term {
  startDate?: DateValue;
  initialEndDate?: DateValue;
  extensionOptions?: { months?: number }[];
  maximumEndDate?: DateValue;
  currentEndDate?: DateValue;
  extensionsTaken?: number;
}

export interface Framework {
  name: string;
  title?: string;
  procurementRoute?: string;
  leadAuthority?: string;
  lots?: Lot[];
  status?: string;
  term?: Term;
  admissionPolicy?: {
    kind?: string;
    intervalMonths?: number;
    windowDays?: number;
    firstWindowOpens?: DateValue;
  };
  ageRange?: { minimumAge?: number; maximumAge?: number };
  ballotRules?: { quorumPercent?: number; passThresholdPercent?: number; unanimous?: boolean };
  costSharingMethod?: string;
}

export interface Membership {
  name: string;
  authority: string;
  strategicLead?: Contact;
  joinedDate?: DateValue;
  ceasedDate?: DateValue;
  ceaseReason?: string;
  state?: string;
}

export interface Vote {
  authority: string;
  choice?: string;
  comment?: string;
  castTime?: Timestamp;
  voter?: string;
}

export interface ExtensionBallot {
  name: string;
  optionNumber?: number;
  optionMonths?: number;
  openTime?: Timestamp;
  closeTime?: Timestamp;
  open?: boolean;
  outcome?: string;
  closedTime?: Timestamp;
  electorate?: string[];
  withdrawn?: string[];
  votes?: Vote[];
  newCurrentEndDate?: DateValue;
}

export interface AdmissionRound {
  name: string;
  lotIds?: string[];
  openTime?: Timestamp;
  closeTime?: Timestamp;
  closedEarly?: boolean;
}

export interface AdmissionWindow {
  openTime?: Timestamp;
  closeTime?: Timestamp;
  admissionRound?: string;
  lotIds?: string[];
}

export interface AdmissionStatus {
  open?: boolean;
  currentWindow?: AdmissionWindow;
  nextWindow?: AdmissionWindow;
}

export interface CostShare {
  authority: string;
  basis?: Int64;
  amountPence?: Int64;
}

export interface CostShareStatement {
  name: string;
  periodStartDate?: DateValue;
  periodEndDate?: DateValue;
  costPence?: Int64;
  method?: string;
  appliedMethod?: string;
  placementCountSource?: string;
  shares?: CostShare[];
  corrects?: string;
  note?: string;
  issueTime?: Timestamp;
}

// --- registry -----------------------------------------------------------------

export interface Address {
  lines?: string[];
  town?: string;
  postcode?: string;
}

export interface Provider {
  name: string;
  legalName?: string;
  kind?: string;
  companyNumber?: string;
  charityNumber?: string;
  contacts?: Contact[];
  address?: Address;
}

export interface Setting {
  name: string;
  displayName?: string;
  address?: Address;
  latitude?: number;
  longitude?: number;
  lots?: { framework?: string; lotId?: string }[];
  capacity?: number;
  registrationType?: string;
  ofstedUrn?: string;
  latestJudgement?: { judgement?: string; date?: DateValue };
  serviceRadiusMiles?: number;
}

export interface Vacancy {
  name: string;
  places?: number;
  availableFrom?: DateValue;
  createTime?: Timestamp;
  withdrawTime?: Timestamp;
}

export interface Criterion {
  criterionId: string;
  question?: string;
  weight?: number;
  minimumScore?: number;
}

export interface Questionnaire {
  name?: string;
  criteria?: Criterion[];
  maxScore?: number;
  passMark?: number;
  minimumEvaluations?: number;
}

export interface ModeratedResult {
  evaluationCount?: number;
  criteria?: { criterionId: string; moderatedScore?: number; minimumScore?: number; meetsMinimum?: boolean }[];
  total?: number;
  passMark?: number;
  passed?: boolean;
}

export interface Application {
  name: string;
  provider?: string;
  framework?: string;
  lotIds?: string[];
  status?: string;
  answers?: { criterionId: string; text?: string }[];
  feedback?: string;
  createTime?: Timestamp;
  submitTime?: Timestamp;
  decideTime?: Timestamp;
  decidedBy?: string;
  evaluationCount?: number;
  moderatedResult?: ModeratedResult;
}

export interface Accreditation {
  provider: string;
  framework?: string;
  lotId?: string;
  status?: string;
  qualityScore?: number;
  application?: string;
  admitTime?: Timestamp;
  removeTime?: Timestamp;
  removalReason?: string;
  suspendedFor?: string[];
}

export interface ActionPlanItem {
  number?: number;
  description?: string;
  dueDate?: DateValue;
  evidence?: string;
  evidenceTime?: Timestamp;
  accepted?: boolean;
  acceptedBy?: string;
  acceptTime?: Timestamp;
}

export interface Suspension {
  name: string;
  provider?: string;
  framework?: string;
  scope?: string;
  authority?: string;
  reason?: string;
  actionPlan?: ActionPlanItem[];
  status?: string;
  suspendTime?: Timestamp;
  suspendedBy?: string;
  reinstateTime?: Timestamp;
  reinstatedBy?: string;
}

// --- pricing ------------------------------------------------------------------

export interface Extra {
  name: string;
  amountPence?: Int64;
  kind?: string;
}

export interface RateCard {
  name?: string;
  version?: number;
  effectiveFrom?: DateValue;
  accommodationWeeklyPence?: Int64;
  supportHourlyPence?: Int64;
  wakingNightHourlyPence?: Int64;
  sleepInNightlyPence?: Int64;
  extras?: Extra[];
  createTime?: Timestamp;
  updateTime?: Timestamp;
}

export interface PriceBook {
  name: string;
  authority?: string;
  provider?: string;
  framework?: string;
  lotId?: string;
  setting?: string;
  startDate?: DateValue;
  status?: string;
  createTime?: Timestamp;
  acceptTime?: Timestamp;
  acceptedBy?: string;
  rateCards?: RateCard[];
}

export interface RateStatistics {
  count?: number;
  lowerQuartilePence?: Int64;
  medianPence?: Int64;
  upperQuartilePence?: Int64;
}

export interface Benchmark {
  withheld?: boolean;
  accommodationWeekly?: RateStatistics;
  supportHourly?: RateStatistics;
  ownAccommodationPosition?: string;
  ownSupportPosition?: string;
}

export interface PricingPolicy {
  name?: string;
  allowSpotPrices?: boolean;
  updateTime?: Timestamp;
}

// --- referrals ----------------------------------------------------------------

export interface Referral {
  name: string;
  framework?: string;
  lotId?: string;
  caseReference?: string;
  age?: number;
  needs?: string[];
  supportMinutesPerWeek?: Int64;
  accommodationType?: string;
  homeLocation?: { latitude?: number; longitude?: number };
  maxDistanceMiles?: number;
  wantedStartDate?: DateValue;
  responseDeadline?: Timestamp;
  weights?: { quality?: number; price?: number; distance?: number };
  weeklyBudgetPence?: Int64;
  confidentialSummary?: string;
  status?: string;
  createTime?: Timestamp;
  submitTime?: Timestamp;
  awardTime?: Timestamp;
  placement?: string;
  invitationCount?: number;
  offerCount?: number;
  declineCount?: number;
  cancelReason?: string;
}

export interface OfferTerms {
  setting?: string;
  availableDate?: DateValue;
  accommodationWeeklyPence?: Int64;
  supportHourlyPence?: Int64;
  supportMinutesPerWeek?: Int64;
  notes?: string;
}

export interface Invitation {
  name: string;
  provider?: string;
  setting?: string;
  distanceMiles?: number;
  referral?: Referral;
  status?: string;
  offer?: OfferTerms;
  offerWeeklyPence?: Int64;
  spotPrice?: boolean;
  declineReason?: string;
  declineNote?: string;
  inviteTime?: Timestamp;
  answerTime?: Timestamp;
}

export interface RankedOffer {
  rank?: number;
  invitation: string;
  provider?: string;
  offer?: OfferTerms;
  weeklyPence?: Int64;
  distanceMiles?: number;
  qualityScore?: number;
  qualityComponent?: number;
  priceComponent?: number;
  distanceComponent?: number;
  score?: number;
  withinBudget?: boolean;
  spotPrice?: boolean;
}

export interface HoursChange {
  effectiveDate?: DateValue;
  supportMinutesPerWeek?: Int64;
  recordTime?: Timestamp;
}

export interface Placement {
  name: string;
  referral?: string;
  framework?: string;
  lotId?: string;
  provider?: string;
  setting?: string;
  blockContract?: string;
  startDate?: DateValue;
  accommodationWeeklyPence?: Int64;
  supportHourlyPence?: Int64;
  hours?: HoursChange[];
  endDate?: DateValue;
  endReason?: string;
  distanceMiles?: number;
  caseReference?: string;
  awardReason?: string;
  createTime?: Timestamp;
}

export interface CostSegment {
  firstDay?: DateValue;
  lastDay?: DateValue;
  days?: number;
  supportMinutesPerWeek?: Int64;
  weeklyPence?: Int64;
  costPence?: Int64;
}

export interface PlacementCost {
  placement?: string;
  segments?: CostSegment[];
  totalPence?: Int64;
}

export interface BlockContract {
  name: string;
  provider?: string;
  framework?: string;
  lotId?: string;
  settings?: string[];
  places?: number;
  startDate?: DateValue;
  endDate?: DateValue;
  weeklyPencePerPlace?: Int64;
  supportHourlyPence?: Int64;
  createTime?: Timestamp;
}

export interface BlockOccupancy {
  blockContract?: string;
  contractDays?: number;
  placeDays?: Int64;
  occupiedPlaceDays?: Int64;
  emptyPlaceDays?: Int64;
  occupiedOnLastDay?: number;
  freeOnLastDay?: number;
}

export interface Figures {
  framework?: string;
  authority?: string;
  referrals?: number;
  invitations?: number;
  offers?: number;
  offersPerReferral?: number;
  declines?: { reason?: string; count?: number }[];
  awarded?: number;
  meanHoursToAward?: number;
  placementsStarted?: number;
  placementsEnded?: number;
  shareWithin20Miles?: number;
  meanWeeklyPence?: Int64;
}

// --- webhooks -----------------------------------------------------------------

export interface WebhookEndpoint {
  name: string;
  url: string;
  eventTypes?: string[];
  description?: string;
  /** Only in the answer to registering it. */
  secret?: string;
  createTime?: Timestamp;
  deleteTime?: Timestamp;
}

export interface WebhookDelivery {
  name: string;
  event?: string;
  type?: string;
  state?: string;
  attempts?: number;
  lastStatusCode?: number;
  lastError?: string;
  createTime?: Timestamp;
  nextAttemptTime?: Timestamp;
  deliverTime?: Timestamp;
}
