// Webhooks: the endpoints where the hub tells an authority's or a
// provider's own systems what happened (offers, awards, placements,
// suspensions), and what was delivered to each. The signing secret is shown
// once, when the endpoint is registered.

import { flash } from '../app';
import * as api from '../lib/api';
import { Action } from '../lib/api';
import { h } from '../lib/dom';
import { idOf, ukTime } from '../lib/format';
import { Form } from '../lib/forms';
import { banner, button, checkboxes, details, h2, heading, input, link, p, summaryList, table, tag, warning } from '../lib/govuk';
import type { PageContext } from '../lib/router';
import type { WebhookDelivery, WebhookEndpoint } from '../lib/types';
import { WEBHOOK_EVENTS, WEBHOOK_EVENT_NAMES, label } from '../lib/vocab';
import { orDash } from './common';

/** The event types an organisation of this kind may register for. */
function eventsFor(organisation: string): [string, string][] {
  const kind = organisation.startsWith('providers/') ? 'provider' : 'authority';
  return WEBHOOK_EVENTS.filter(([, , to]) => to === 'both' || to === kind).map(([value, text]) => [value, text]);
}

function eventNames(endpoint: WebhookEndpoint): string {
  return (endpoint.eventTypes ?? []).map((t) => label(WEBHOOK_EVENT_NAMES, t)).join(', ');
}

/** The secret of the endpoint just registered, shown on the next render only. */
let justRegistered: WebhookEndpoint | null = null;

export async function webhooksPage(ctx: PageContext): Promise<void> {
  const org = ctx.session!.organisation;
  ctx.title('Webhooks');
  const res = await api.get<{ webhookEndpoints?: WebhookEndpoint[] }>(`${org}/webhookEndpoints`);
  const endpoints = res.webhookEndpoints ?? [];
  const fresh = justRegistered;
  justRegistered = null;
  const action = new Action();
  const rows = endpoints.map((e) => [
    link(`/webhooks/${idOf(e.name)}`, `Endpoint ${idOf(e.name)}`),
    h('span', { class: 'fhub-break-anywhere' }, e.url),
    eventNames(e),
    orDash(e.description ?? ''),
    e.deleteTime ? tag('ENDED', 'Deleted') : tag('LIVE'),
    e.deleteTime ? '' : deleteButton(ctx, e, action),
  ]);
  ctx.main.append(
    heading('Webhooks'),
    ...(fresh ? [secretBanner(fresh)] : []),
    p('Your own systems can be told as soon as something happens, instead of checking the hub. Each event is sent as an HTTPS POST, signed with the endpoint’s secret; it names what changed, and your system reads the rest through the API with its own sign-in.'),
    table({ caption: 'Your endpoints', id: 'webhook-endpoints', head: ['Endpoint', 'Address', 'Events', 'Description', 'State', ''], rows, empty: 'No endpoints registered.' }),
    registerForm(ctx, org),
    details(
      'Checking a delivery is from the hub',
      p('Each delivery carries a Fhub-Signature header: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" keyed with the secret>. Reject a delivery whose signature does not match, and one whose time is too old to be a fresh delivery (five minutes is usual).'),
      p('Deliveries to one endpoint are made in order. One not answered with a 2xx within 10 seconds is tried again after 5 s, 10 s, 20 s and so on, at most an hour apart, 12 times in all; the Fhub-Event header is the same on every attempt, so your system can drop repeats.'),
    ),
  );
}

function secretBanner(endpoint: WebhookEndpoint): HTMLElement {
  return banner(
    'Endpoint registered',
    h(
      'div',
      {},
      h('p', { class: 'govuk-notification-banner__heading' }, `Endpoint ${idOf(endpoint.name)} is registered.`),
      p('Its signing secret is below. Copy it into your system now: the hub does not show it again.'),
      h('p', { class: 'govuk-body' }, h('code', { class: 'fhub-secret', id: 'webhook-secret' }, endpoint.secret ?? '')),
    ),
  );
}

function deleteButton(ctx: PageContext, endpoint: WebhookEndpoint, action: Action): HTMLElement {
  const form = new Form({}, { 'aria-label': `Delete endpoint ${idOf(endpoint.name)}` });
  form.append(
    h(
      'button',
      { class: 'govuk-button govuk-button--warning govuk-!-margin-bottom-0', type: 'submit', 'data-module': 'govuk-button' },
      'Delete',
      h('span', { class: 'govuk-visually-hidden' }, ` endpoint ${idOf(endpoint.name)}`),
    ),
  );
  form.onSubmit(async () => {
    await api.post<WebhookEndpoint>(`${endpoint.name}:delete`, {}, action);
    flash(`Endpoint ${idOf(endpoint.name)} is deleted: nothing more is sent to it.`);
    ctx.rerender();
  });
  return form.el;
}

function registerForm(ctx: PageContext, org: string): HTMLElement {
  const form = new Form(
    { 'webhook_endpoint.url': 'url', 'webhook_endpoint.event_types': 'events', 'webhook_endpoint.description': 'description' },
    { id: 'webhook-form', 'aria-label': 'Register an endpoint' },
  );
  const action = new Action();
  form.append(
    input({ id: 'url', label: 'Address', hint: 'An https:// address of your own system, for example https://hooks.example.org/fhub', type: 'url', spellcheck: false, autocomplete: 'off' }),
    checkboxes({ id: 'events', legend: 'Events to send', items: eventsFor(org).map(([value, text]) => ({ value, label: text })), small: true }),
    input({ id: 'description', label: 'Description (optional)', hint: 'For your own use, at most 200 characters' }),
    warning('The signing secret is shown once, when the endpoint is registered. Have somewhere safe to put it.'),
    button('Register endpoint'),
  );
  form.onSubmit(async () => {
    const url = form.value('url');
    if (!url) form.error('url', 'Enter the address');
    else if (!/^https:\/\/[^\s/?#]+/i.test(url)) form.error('url', 'The address must start with https:// and name a host');
    const events = form.checked('events');
    if (!events.length) form.error('events', 'Choose at least one event');
    const description = form.value('description');
    if (description.length > 200) form.error('description', 'The description must be at most 200 characters');
    if (form.hasErrors()) return;
    justRegistered = await api.post<WebhookEndpoint>(`${org}/webhookEndpoints`, { webhookEndpoint: { url, eventTypes: events, description } }, action);
    ctx.rerender();
  });
  return h('div', {}, h2('Register an endpoint'), form.el);
}

export async function webhookPage(ctx: PageContext): Promise<void> {
  const org = ctx.session!.organisation;
  const name = `${org}/webhookEndpoints/${ctx.params.endpoint}`;
  const all = await api.get<{ webhookEndpoints?: WebhookEndpoint[] }>(`${org}/webhookEndpoints`);
  const endpoint = (all.webhookEndpoints ?? []).find((e) => e.name === name);
  if (!endpoint) throw new api.ApiError(404, 5, `${name} was not found`);
  ctx.title(`Endpoint ${ctx.params.endpoint}`);
  const res = await api.get<{ deliveries?: WebhookDelivery[] }>(`${name}/deliveries`, { pageSize: 100 });
  const rows = (res.deliveries ?? []).map((d) => [
    d.event ?? '',
    label(WEBHOOK_EVENT_NAMES, d.type),
    deliveryTag(d.state),
    String(d.attempts ?? 0),
    orDash(lastAnswer(d)),
    d.state === 'WEBHOOK_DELIVERED' ? ukTime(d.deliverTime) : d.state === 'WEBHOOK_DELIVERY_PENDING' ? `Next try ${ukTime(d.nextAttemptTime)}` : '',
  ]);
  ctx.main.append(
    heading(`Endpoint ${idOf(endpoint.name)}`, 'Webhooks'),
    summaryList([
      ['Address', endpoint.url],
      ['Events', eventNames(endpoint)],
      ['Description', orDash(endpoint.description ?? '')],
      ['Registered', ukTime(endpoint.createTime)],
      ['State', endpoint.deleteTime ? `Deleted ${ukTime(endpoint.deleteTime)}` : 'Live'],
    ]),
    table({ caption: 'Deliveries, newest first', id: 'webhook-deliveries', head: ['Event', 'Type', 'State', 'Attempts', 'Last answer', 'When'], numeric: [3], rows, empty: 'Nothing has been sent to this endpoint yet.', small: true }),
    p(link(`/webhooks/${idOf(endpoint.name)}`, 'Refresh'), ' · ', link('/webhooks', 'All endpoints')),
  );
}

/** What the endpoint last answered: its HTTP status, or why there was no answer. */
function lastAnswer(d: WebhookDelivery): string {
  if (d.lastStatusCode && d.lastError) return `HTTP ${d.lastStatusCode}: ${d.lastError}`;
  if (d.lastStatusCode) return `HTTP ${d.lastStatusCode}`;
  return d.lastError ?? '';
}

function deliveryTag(state: string | undefined): HTMLElement {
  switch (state) {
    case 'WEBHOOK_DELIVERED':
      return tag('ACCEPTED', 'Delivered');
    case 'WEBHOOK_DELIVERY_FAILED':
      return tag('FAILED', 'Failed');
    default:
      return tag('OPEN', 'Pending');
  }
}
