// GOV.UK Design System components as DOM builders (the markup of
// govuk-frontend's Nunjucks templates, written in TypeScript).

import { type Child, h, uid } from './dom';
import { type DateValue } from './format';
import { tagOf } from './vocab';

export type Options = [string, string][];

interface FieldBase {
  id: string;
  label: string;
  hint?: Child;
  /** Make the label a page heading-sized label (govuk-label--m). */
  labelSize?: 's' | 'm' | 'l';
}

function labelEl(f: FieldBase): HTMLLabelElement {
  return h('label', { class: `govuk-label${f.labelSize ? ` govuk-label--${f.labelSize}` : ''}`, for: f.id }, f.label);
}

function hintEl(id: string, hint: Child): HTMLElement | null {
  return hint ? h('div', { class: 'govuk-hint', id: `${id}-hint` }, hint) : null;
}

/** The slot where an error message goes (after the label and hint). */
function errorSlot(): HTMLElement {
  return h('div', { class: 'fhub-error-slot' });
}

export interface InputOptions extends FieldBase {
  value?: string;
  type?: string;
  inputmode?: string;
  width?: '2' | '3' | '4' | '5' | '10' | '20' | 'one-third' | 'one-half' | 'two-thirds' | 'full';
  prefix?: string;
  suffix?: string;
  autocomplete?: string;
  spellcheck?: boolean;
  name?: string;
}

export function input(o: InputOptions): HTMLElement {
  const width = o.width
    ? /^\d/.test(o.width)
      ? ` govuk-input--width-${o.width}`
      : ` govuk-!-width-${o.width}`
    : '';
  const control = h('input', {
    class: `govuk-input${width}`,
    id: o.id,
    name: o.name ?? o.id,
    type: o.type ?? 'text',
    value: o.value ?? '',
    inputmode: o.inputmode,
    autocomplete: o.autocomplete ?? 'off',
    spellcheck: o.spellcheck === undefined ? undefined : String(o.spellcheck),
    'aria-describedby': o.hint ? `${o.id}-hint` : undefined,
  });
  const wrapped =
    o.prefix || o.suffix
      ? h(
          'div',
          { class: 'govuk-input__wrapper' },
          o.prefix ? h('div', { class: 'govuk-input__prefix', 'aria-hidden': 'true' }, o.prefix) : null,
          control,
          o.suffix ? h('div', { class: 'govuk-input__suffix', 'aria-hidden': 'true' }, o.suffix) : null,
        )
      : control;
  return h('div', { class: 'govuk-form-group', 'data-field': o.id }, labelEl(o), hintEl(o.id, o.hint), errorSlot(), wrapped);
}

export function textarea(o: FieldBase & { value?: string; rows?: number }): HTMLElement {
  const control = h('textarea', {
    class: 'govuk-textarea',
    id: o.id,
    name: o.id,
    rows: o.rows ?? 4,
    'aria-describedby': o.hint ? `${o.id}-hint` : undefined,
  });
  control.value = o.value ?? '';
  return h('div', { class: 'govuk-form-group', 'data-field': o.id }, labelEl(o), hintEl(o.id, o.hint), errorSlot(), control);
}

export function select(o: FieldBase & { options: Options; value?: string; onchange?: (e: Event) => void }): HTMLElement {
  const control = h(
    'select',
    { class: 'govuk-select', id: o.id, name: o.id, 'aria-describedby': o.hint ? `${o.id}-hint` : undefined, onchange: o.onchange },
    o.options.map(([value, text]) => h('option', { value, selected: value === (o.value ?? '') }, text)),
  );
  return h('div', { class: 'govuk-form-group', 'data-field': o.id }, labelEl(o), hintEl(o.id, o.hint), errorSlot(), control);
}

export interface ChoiceItem {
  value: string;
  label: string;
  hint?: string;
  /** Shown under the item while it is chosen (govuk conditional reveal). */
  conditional?: Child;
}

interface ChoiceOptions {
  /** Also the name of the inputs; the first input's id. */
  id: string;
  legend: string;
  legendSize?: 's' | 'm' | 'l';
  hint?: Child;
  items: ChoiceItem[];
  inline?: boolean;
  small?: boolean;
}

function fieldset(o: ChoiceOptions, body: HTMLElement): HTMLElement {
  return h(
    'div',
    { class: 'govuk-form-group', 'data-field': o.id, 'data-first-control': o.id },
    h(
      'fieldset',
      { class: 'govuk-fieldset', 'aria-describedby': o.hint ? `${o.id}-hint` : undefined },
      h('legend', { class: `govuk-fieldset__legend govuk-fieldset__legend--${o.legendSize ?? 's'}` }, o.legend),
      hintEl(o.id, o.hint),
      errorSlot(),
      body,
    ),
  );
}

function choices(kind: 'radios' | 'checkboxes', o: ChoiceOptions, isChecked: (v: string) => boolean): HTMLElement {
  const cls = `govuk-${kind}${o.inline ? ` govuk-${kind}--inline` : ''}${o.small ? ` govuk-${kind}--small` : ''}`;
  const body = h('div', { class: cls, 'data-module': `govuk-${kind}` });
  o.items.forEach((item, i) => {
    const id = i === 0 ? o.id : `${o.id}-${i + 1}`;
    const conditionalId = item.conditional ? `conditional-${id}` : undefined;
    body.append(
      h(
        'div',
        { class: `govuk-${kind}__item` },
        h('input', {
          class: `govuk-${kind}__input`,
          id,
          name: o.id,
          type: kind === 'radios' ? 'radio' : 'checkbox',
          value: item.value,
          checked: isChecked(item.value),
          'data-aria-controls': conditionalId,
          'aria-describedby': item.hint ? `${id}-item-hint` : undefined,
        }),
        h('label', { class: `govuk-label govuk-${kind}__label`, for: id }, item.label),
        item.hint ? h('div', { class: `govuk-hint govuk-${kind}__hint`, id: `${id}-item-hint` }, item.hint) : null,
      ),
    );
    if (item.conditional) {
      body.append(
        h(
          'div',
          {
            class: `govuk-${kind}__conditional${isChecked(item.value) ? '' : ` govuk-${kind}__conditional--hidden`}`,
            id: conditionalId,
          },
          item.conditional,
        ),
      );
    }
  });
  return fieldset(o, body);
}

export function radios(o: ChoiceOptions & { value?: string }): HTMLElement {
  return choices('radios', o, (v) => v === o.value);
}

export function checkboxes(o: ChoiceOptions & { values?: string[] }): HTMLElement {
  return choices('checkboxes', o, (v) => (o.values ?? []).includes(v));
}

/** A date as three fields (day, month, year): ids id-day, id-month, id-year. */
export function dateInput(o: { id: string; legend: string; hint?: Child; value?: DateValue; legendSize?: 's' | 'm' }): HTMLElement {
  const part = (key: 'day' | 'month' | 'year', text: string, width: string, value?: number) =>
    h(
      'div',
      { class: 'govuk-date-input__item' },
      h(
        'div',
        { class: 'govuk-form-group' },
        h('label', { class: 'govuk-label govuk-date-input__label', for: `${o.id}-${key}` }, text),
        h('input', {
          class: `govuk-input govuk-date-input__input govuk-input--width-${width}`,
          id: `${o.id}-${key}`,
          name: `${o.id}-${key}`,
          type: 'text',
          inputmode: 'numeric',
          value: value ? String(value) : '',
        }),
      ),
    );
  return h(
    'div',
    { class: 'govuk-form-group', 'data-field': o.id, 'data-first-control': `${o.id}-day` },
    h(
      'fieldset',
      { class: 'govuk-fieldset', role: 'group', 'aria-describedby': o.hint ? `${o.id}-hint` : undefined },
      h('legend', { class: `govuk-fieldset__legend govuk-fieldset__legend--${o.legendSize ?? 's'}` }, o.legend),
      hintEl(o.id, o.hint),
      errorSlot(),
      h(
        'div',
        { class: 'govuk-date-input', id: o.id },
        part('day', 'Day', '2', o.value?.day),
        part('month', 'Month', '2', o.value?.month),
        part('year', 'Year', '4', o.value?.year),
      ),
    ),
  );
}

export function button(
  text: string,
  o: { secondary?: boolean; warning?: boolean; type?: 'submit' | 'button'; onclick?: (e: Event) => void; id?: string; name?: string; value?: string } = {},
): HTMLButtonElement {
  const cls = `govuk-button${o.secondary ? ' govuk-button--secondary' : ''}${o.warning ? ' govuk-button--warning' : ''}`;
  return h(
    'button',
    { class: cls, type: o.type ?? 'submit', 'data-module': 'govuk-button', onclick: o.onclick, id: o.id, name: o.name, value: o.value },
    text,
  );
}

export function link(href: string, text: Child, cls = 'govuk-link'): HTMLAnchorElement {
  return h('a', { class: cls, href }, text);
}

export function buttonLink(href: string, text: string, secondary = false): HTMLAnchorElement {
  return h('a', { class: `govuk-button${secondary ? ' govuk-button--secondary' : ''}`, href, role: 'button', draggable: 'false', 'data-module': 'govuk-button' }, text);
}

export function tag(status: string | undefined, text?: string): HTMLElement {
  const [t, cls] = tagOf(status);
  return h('strong', { class: `govuk-tag ${cls}` }, text ?? t);
}

export type Row = [Child, Child] | [Child, Child, Child];

export function summaryList(rows: (Row | null | false)[], noBorder = false): HTMLElement {
  return h(
    'dl',
    { class: `govuk-summary-list${noBorder ? ' govuk-summary-list--no-border' : ''}` },
    rows
      .filter((r): r is Row => !!r)
      .map((r) =>
        h(
          'div',
          { class: `govuk-summary-list__row${r.length < 3 ? ' govuk-summary-list__row--no-actions' : ''}` },
          h('dt', { class: 'govuk-summary-list__key' }, r[0]),
          h('dd', { class: 'govuk-summary-list__value' }, r[1]),
          r.length === 3 ? h('dd', { class: 'govuk-summary-list__actions' }, r[2]) : null,
        ),
      ),
  );
}

export interface TableOptions {
  caption?: string;
  captionSize?: 's' | 'm' | 'l';
  head: Child[];
  rows: Child[][];
  /** Indexes of numeric columns (right-aligned). */
  numeric?: number[];
  id?: string;
  small?: boolean;
  empty?: string;
}

export function table(o: TableOptions): HTMLElement {
  if (o.rows.length === 0 && o.empty) {
    return h('div', {}, o.caption ? h('h2', { class: `govuk-heading-${o.captionSize ?? 's'}` }, o.caption) : null, h('p', { class: 'govuk-body' }, o.empty));
  }
  const num = new Set(o.numeric ?? []);
  // A wide table scrolls sideways on a narrow screen: let the keyboard reach it.
  const wide = o.head.length >= 8;
  return h(
    'div',
    { class: 'fhub-table-wrapper', tabindex: wide ? '0' : undefined, role: wide ? 'region' : undefined, 'aria-label': wide ? (o.caption ?? 'Table') : undefined },
    h(
      'table',
      { class: `govuk-table${o.small ? ' govuk-table--small-text-until-tablet' : ''}`, id: o.id },
      o.caption ? h('caption', { class: `govuk-table__caption govuk-table__caption--${o.captionSize ?? 's'}` }, o.caption) : null,
      h(
        'thead',
        { class: 'govuk-table__head' },
        h(
          'tr',
          { class: 'govuk-table__row' },
          o.head.map((c, i) =>
            h('th', { scope: 'col', class: `govuk-table__header${num.has(i) ? ' govuk-table__header--numeric' : ''}` }, c === '' ? h('span', { class: 'govuk-visually-hidden' }, 'Action') : c),
          ),
        ),
      ),
      h(
        'tbody',
        { class: 'govuk-table__body' },
        o.rows.map((r) =>
          h(
            'tr',
            { class: 'govuk-table__row' },
            r.map((c, i) =>
              i === 0
                ? h('th', { scope: 'row', class: `govuk-table__header${num.has(i) ? ' govuk-table__header--numeric' : ''}` }, c)
                : h('td', { class: `govuk-table__cell${num.has(i) ? ' govuk-table__cell--numeric' : ''}` }, c),
            ),
          ),
        ),
      ),
    ),
  );
}

export function heading(text: Child, caption?: string, size: 'xl' | 'l' | 'm' = 'l'): HTMLElement {
  return h(
    'h1',
    { class: `govuk-heading-${size}`, id: 'page-heading', tabindex: '-1' },
    caption ? h('span', { class: `govuk-caption-${size === 'xl' ? 'l' : size}` }, caption) : null,
    text,
  );
}

export function h2(text: Child, size: 'l' | 'm' | 's' = 'm'): HTMLElement {
  return h('h2', { class: `govuk-heading-${size}` }, text);
}

export function p(...children: Child[]): HTMLElement {
  return h('p', { class: 'govuk-body' }, ...children);
}

export function inset(...children: Child[]): HTMLElement {
  return h('div', { class: 'govuk-inset-text' }, ...children);
}

export function warning(text: Child): HTMLElement {
  return h(
    'div',
    { class: 'govuk-warning-text' },
    h('span', { class: 'govuk-warning-text__icon', 'aria-hidden': 'true' }, '!'),
    h('strong', { class: 'govuk-warning-text__text' }, h('span', { class: 'govuk-visually-hidden' }, 'Warning'), text),
  );
}

export function details(summary: string, ...children: Child[]): HTMLElement {
  return h(
    'details',
    { class: 'govuk-details' },
    h('summary', { class: 'govuk-details__summary' }, h('span', { class: 'govuk-details__summary-text' }, summary)),
    h('div', { class: 'govuk-details__text' }, ...children),
  );
}

export function banner(title: string, body: Child, success = true): HTMLElement {
  const titleId = uid('banner-title');
  return h(
    'div',
    {
      class: `govuk-notification-banner${success ? ' govuk-notification-banner--success' : ''}`,
      role: success ? 'alert' : 'region',
      'aria-labelledby': titleId,
      'data-module': 'govuk-notification-banner',
    },
    h('div', { class: 'govuk-notification-banner__header' }, h('h2', { class: 'govuk-notification-banner__title', id: titleId }, title)),
    h('div', { class: 'govuk-notification-banner__content' }, typeof body === 'string' ? h('p', { class: 'govuk-notification-banner__heading' }, body) : body),
  );
}

/** A spinner-free loading line, announced politely. */
export function loading(text = 'Loading…'): HTMLElement {
  return h('p', { class: 'govuk-body fhub-loading', role: 'status' }, text);
}

