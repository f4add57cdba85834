// The API's fixed vocabularies with the words a person reads.

export const NEEDS: [string, string][] = [
  ['UNACCOMPANIED_ASYLUM_SEEKING', 'Unaccompanied asylum seeking'],
  ['CHILD_SEXUAL_EXPLOITATION_RISK', 'Risk of child sexual exploitation'],
  ['GOING_MISSING', 'Going missing'],
  ['OFFENDING', 'Offending'],
  ['SUBSTANCE_MISUSE', 'Substance misuse'],
  ['MENTAL_HEALTH', 'Mental health'],
  ['LEARNING_DISABILITY', 'Learning disability'],
  ['PHYSICAL_DISABILITY', 'Physical disability'],
  ['PARENT_OR_PREGNANT', 'Parent or pregnant'],
];

export const ACCOMMODATION_TYPES: [string, string][] = [
  ['SOLO_FLAT', 'Self-contained flat'],
  ['SHARED_HOUSE', 'Shared house'],
  ['SUPPORTED_LODGINGS', 'Supported lodgings'],
  ['CHILDRENS_HOME', "Registered children's home"],
  ['OWN_HOME', 'Own home (floating support)'],
];

export const DECLINE_REASONS: [string, string][] = [
  ['NO_VACANCY', 'No vacancy'],
  ['CANNOT_MEET_NEEDS', 'Cannot meet the needs'],
  ['LOCATION', 'Location'],
  ['RISK', 'Risk'],
  ['OTHER', 'Other (say why)'],
];

export const END_REASONS: [string, string][] = [
  ['MOVED_TO_INDEPENDENCE', 'Moved to independence'],
  ['RETURNED_HOME', 'Returned home'],
  ['STAYING_PUT', 'Staying put'],
  ['PLACEMENT_BREAKDOWN', 'Placement breakdown'],
  ['AGE_OUT', 'Aged out'],
  ['OTHER_REASON', 'Other reason'],
];

export const VOTE_CHOICES: [string, string][] = [
  ['APPROVE', 'Approve the extension'],
  ['REJECT', 'Reject the extension'],
  ['ABSTAIN', 'Abstain'],
];

export const JUDGEMENTS: [string, string][] = [
  ['OUTSTANDING', 'Outstanding'],
  ['GOOD', 'Good'],
  ['REQUIRES_IMPROVEMENT', 'Requires improvement to be good'],
  ['INADEQUATE', 'Inadequate'],
  ['OUTCOME_1', 'Outcome 1: consistently strong service delivery'],
  ['OUTCOME_2', 'Outcome 2: inconsistent quality'],
  ['OUTCOME_3', 'Outcome 3: serious or widespread failures'],
];

export const REGISTRATION_TYPES: [string, string][] = [
  ['SUPPORTED_ACCOMMODATION', 'Supported accommodation (16 and 17 year olds)'],
  ['CHILDRENS_HOME', "Children's home"],
  ['NONE', 'Not registered with Ofsted'],
];

export const ROUNDING_RULES: [string, string][] = [
  ['NEAREST_PENNY', 'To the nearest penny (halves up)'],
  ['DOWN', 'Down to the penny'],
  ['UP', 'Up to the penny'],
];

export const POSITIONS: Record<string, string> = {
  BELOW_LOWER_QUARTILE: 'below the lower quartile',
  LOWER_QUARTILE_TO_MEDIAN: 'between the lower quartile and the median',
  MEDIAN_TO_UPPER_QUARTILE: 'between the median and the upper quartile',
  ABOVE_UPPER_QUARTILE: 'above the upper quartile',
};

/** Webhook event types: the words, and who may register for each. */
export const WEBHOOK_EVENTS: [string, string, 'authority' | 'provider' | 'both'][] = [
  ['WEBHOOK_INVITATION_RECEIVED', 'Invited to a mini-competition', 'provider'],
  ['WEBHOOK_OFFER_MADE', 'A provider offered', 'authority'],
  ['WEBHOOK_OFFER_DECLINED', 'A provider declined', 'authority'],
  ['WEBHOOK_OFFER_WITHDRAWN', 'A provider withdrew its offer', 'authority'],
  ['WEBHOOK_INVITATION_CLOSED', 'An invitation closed unanswered or was withdrawn', 'provider'],
  ['WEBHOOK_OFFER_AWARDED', 'Your offer was awarded', 'provider'],
  ['WEBHOOK_OFFER_UNSUCCESSFUL', 'Your offer was unsuccessful', 'provider'],
  ['WEBHOOK_PLACEMENT_STARTED', 'A placement started', 'both'],
  ['WEBHOOK_HOURS_CHANGED', 'A placement’s support hours changed', 'both'],
  ['WEBHOOK_PLACEMENT_ENDED', 'A placement ended', 'both'],
  ['WEBHOOK_REFERRAL_CANCELLED', 'A referral was cancelled', 'authority'],
  ['WEBHOOK_PROVIDER_SUSPENDED', 'A provider was suspended', 'both'],
  ['WEBHOOK_PROVIDER_REINSTATED', 'A suspension was lifted', 'both'],
];
export const WEBHOOK_EVENT_NAMES: [string, string][] = WEBHOOK_EVENTS.map(([value, text]) => [value, text]);

export function label(table: [string, string][], value: string | undefined): string {
  if (!value) return '';
  return table.find(([v]) => v === value)?.[1] ?? value;
}

/** Tag colours (GOV.UK tag modifiers) for statuses. */
const TAGS: Record<string, [string, string]> = {
  DRAFT: ['Draft', 'govuk-tag--grey'],
  OPEN: ['Open', 'govuk-tag--blue'],
  EVALUATING: ['Ready to award', 'govuk-tag--yellow'],
  AWARDED: ['Awarded', 'govuk-tag--green'],
  CANCELLED: ['Cancelled', 'govuk-tag--grey'],
  NO_SUITABLE_OFFER: ['No suitable offer', 'govuk-tag--red'],
  INVITED: ['Awaiting your answer', 'govuk-tag--blue'],
  OFFERED: ['Offered', 'govuk-tag--turquoise'],
  DECLINED: ['Declined', 'govuk-tag--grey'],
  OFFER_WITHDRAWN: ['Offer withdrawn', 'govuk-tag--grey'],
  REVOKED: ['Withdrawn by the hub', 'govuk-tag--red'],
  CLOSED: ['Closed', 'govuk-tag--grey'],
  OFFER_AWARDED: ['Awarded to you', 'govuk-tag--green'],
  UNSUCCESSFUL: ['Unsuccessful', 'govuk-tag--grey'],
  ACTIVE: ['Active', 'govuk-tag--green'],
  EXPIRED: ['Expired', 'govuk-tag--grey'],
  TERMINATED: ['Terminated', 'govuk-tag--red'],
  MEMBERSHIP_ACTIVE: ['Member', 'govuk-tag--green'],
  MEMBERSHIP_CEASED: ['Ceased', 'govuk-tag--grey'],
  SUBMITTED: ['Submitted', 'govuk-tag--blue'],
  UNDER_EVALUATION: ['Under evaluation', 'govuk-tag--yellow'],
  ADMITTED: ['Admitted', 'govuk-tag--green'],
  REJECTED: ['Rejected', 'govuk-tag--red'],
  SUSPENDED: ['Suspended', 'govuk-tag--red'],
  REMOVED: ['Removed', 'govuk-tag--grey'],
  LIFTED: ['Lifted', 'govuk-tag--grey'],
  PROPOSED: ['Proposed', 'govuk-tag--yellow'],
  ACCEPTED: ['Accepted', 'govuk-tag--green'],
  PASSED: ['Passed', 'govuk-tag--green'],
  FAILED: ['Failed', 'govuk-tag--red'],
  NO_QUORUM: ['No quorum', 'govuk-tag--grey'],
  ENDED: ['Ended', 'govuk-tag--grey'],
  LIVE: ['Live', 'govuk-tag--green'],
};

export function tagOf(status: string | undefined): [string, string] {
  if (!status) return ['Unknown', 'govuk-tag--grey'];
  return TAGS[status] ?? [status.charAt(0) + status.slice(1).toLowerCase().replace(/_/g, ' '), 'govuk-tag--grey'];
}
