// Bits several pages share.

import { type Child, h } from '../lib/dom';
import { type DateValue, isoDate } from '../lib/format';
import { Form } from '../lib/forms';
import { dateInput, input } from '../lib/govuk';

/** The GOV.UK two-thirds column. */
export function twoThirds(...children: Child[]): HTMLElement {
  return h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' }, ...children));
}

export function orDash(text: Child): Child {
  return text === '' || text === undefined || text === null ? '–' : text;
}

/** A date from ?name=YYYY-MM-DD, or a default. */
export function dateParam(query: URLSearchParams, name: string, fallback: DateValue): DateValue {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(query.get(name) ?? '');
  return m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : fallback;
}

/** A date and a time of day (UK time), as two controls: id (date) and id-time. */
export function dateTimeInput(id: string, legend: string, hint: string, date?: DateValue, time = '17:00'): HTMLElement[] {
  return [
    dateInput({ id, legend, hint, value: date }),
    input({ id: `${id}-time`, label: 'Time (24-hour clock, UK time)', hint: 'For example 17:00', value: time, width: '5', inputmode: 'numeric' }),
  ];
}

/** Reads a time "HH:MM"; records an error on the form when it is not one. */
export function readTime(form: Form, id: string): [number, number] | undefined {
  const text = form.value(id);
  const m = /^(\d{1,2})[:.](\d{2})$/.exec(text);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) {
    form.error(id, 'Enter a time on the 24-hour clock, for example 17:00');
    return undefined;
  }
  return [Number(m[1]), Number(m[2])];
}

export function queryString(values: Record<string, string | DateValue | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined || v === '') continue;
    q.set(k, typeof v === 'string' ? v : isoDate(v));
  }
  return q.toString();
}

/** A row of key figures (a number and a label each). */
export function keyFigures(items: [string, string][], id?: string): HTMLElement {
  return h(
    'ul',
    { class: 'fhub-key-figures', id },
    items.map(([value, text]) => h('li', { class: 'fhub-key-figures__item' }, h('span', { class: 'fhub-key-figures__value' }, value), h('span', { class: 'fhub-key-figures__label' }, text))),
  );
}
