// Forms: reading what was typed, checking it as the API would, and showing
// errors the GOV.UK way (an error summary that links to each field, and the
// message beside the field). Errors from the API name a field path
// ("referral.age: 15 is outside the framework's ages 16 to 25"); each form
// maps those paths to its controls.

import { ErrorSummary } from 'govuk-frontend';
import { ApiError, describeError, fieldOf } from './api';
import { type Child, h } from './dom';
import { type FieldMap, controlFor } from './fields';
import { type DateValue, isValidDate } from './format';

export interface FieldError {
  /** The data-field id of the form group. */
  field?: string;
  text: string;
}

export class Form {
  readonly el: HTMLFormElement;
  private readonly summarySlot: HTMLElement;
  private errors: FieldError[] = [];
  private pending = false;

  constructor(
    private readonly fieldMap: FieldMap = {},
    attrs: { id?: string; 'aria-label'?: string } = {},
  ) {
    this.summarySlot = h('div', { class: 'fhub-summary-slot' });
    this.el = h('form', { novalidate: true, ...attrs }, this.summarySlot);
  }

  append(...children: Child[]): this {
    for (const c of children) {
      if (c === null || c === undefined || c === false) continue;
      if (Array.isArray(c)) this.append(...c);
      else this.el.append(c instanceof Node ? c : String(c));
    }
    return this;
  }

  private control(id: string): HTMLInputElement | null {
    return this.el.querySelector<HTMLInputElement>(`[id="${id}"]`);
  }

  value(id: string): string {
    return (this.control(id)?.value ?? '').trim();
  }

  /** The chosen value of a group of radios. */
  radio(name: string): string {
    return this.el.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value ?? '';
  }

  checked(name: string): string[] {
    return [...this.el.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`)].map((i) => i.value);
  }

  /** A date input's value; records an error when it is partly filled or not a real date. */
  date(id: string, what: string, required: boolean): DateValue | undefined {
    const d = this.value(`${id}-day`);
    const m = this.value(`${id}-month`);
    const y = this.value(`${id}-year`);
    if (!d && !m && !y) {
      if (required) this.error(id, `Enter ${what}`);
      return undefined;
    }
    const value = { day: Number(d), month: Number(m), year: Number(y) };
    if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y) || !isValidDate(value)) {
      this.error(id, `${what.charAt(0).toUpperCase()}${what.slice(1)} must be a real date, for example 16 12 2026`);
      return undefined;
    }
    return value;
  }

  error(field: string | undefined, text: string): void {
    this.errors.push({ field, text });
  }

  hasErrors(): boolean {
    return this.errors.length > 0;
  }

  clearErrors(): void {
    this.errors = [];
    this.summarySlot.replaceChildren();
    for (const g of this.el.querySelectorAll('.govuk-form-group--error')) g.classList.remove('govuk-form-group--error');
    for (const s of this.el.querySelectorAll('.fhub-error-slot')) s.replaceChildren();
    for (const c of this.el.querySelectorAll('.govuk-input--error, .govuk-select--error, .govuk-textarea--error')) {
      c.classList.remove('govuk-input--error', 'govuk-select--error', 'govuk-textarea--error');
    }
    for (const c of this.el.querySelectorAll<HTMLElement>('[data-error-described]')) {
      const ids = (c.getAttribute('aria-describedby') ?? '').split(' ').filter((x) => x && !x.endsWith('-error'));
      if (ids.length) c.setAttribute('aria-describedby', ids.join(' '));
      else c.removeAttribute('aria-describedby');
      c.removeAttribute('data-error-described');
    }
  }

  /** Shows the recorded errors: inline, and in a summary that takes focus. */
  showErrors(): void {
    const items: HTMLElement[] = [];
    const shown = new Set<string>();
    for (const e of this.errors) {
      const group = e.field ? this.el.querySelector<HTMLElement>(`[data-field="${e.field}"]`) : null;
      if (group && e.field && !shown.has(e.field)) {
        shown.add(e.field);
        group.classList.add('govuk-form-group--error');
        const errorId = `${e.field}-error`;
        group.querySelector('.fhub-error-slot')?.replaceChildren(
          h('p', { class: 'govuk-error-message', id: errorId }, h('span', { class: 'govuk-visually-hidden' }, 'Error: '), e.text),
        );
        for (const c of group.querySelectorAll<HTMLElement>('input.govuk-input, select, textarea, fieldset')) {
          if (c instanceof HTMLInputElement) c.classList.add('govuk-input--error');
          if (c instanceof HTMLSelectElement) c.classList.add('govuk-select--error');
          if (c instanceof HTMLTextAreaElement) c.classList.add('govuk-textarea--error');
          if (c.matches('fieldset') || !c.closest('fieldset')) {
            const before = c.getAttribute('aria-describedby');
            c.setAttribute('aria-describedby', [before, errorId].filter(Boolean).join(' '));
            c.setAttribute('data-error-described', '');
          }
        }
      }
      const target = group?.getAttribute('data-first-control') ?? e.field;
      items.push(h('li', {}, group ? h('a', { href: `#${target}` }, e.text) : e.text));
    }
    const summary = h(
      'div',
      { class: 'govuk-error-summary', 'data-module': 'govuk-error-summary' },
      h(
        'div',
        { role: 'alert' },
        h('h2', { class: 'govuk-error-summary__title' }, 'There is a problem'),
        h('div', { class: 'govuk-error-summary__body' }, h('ul', { class: 'govuk-list govuk-error-summary__list' }, items)),
      ),
    );
    this.summarySlot.replaceChildren(summary);
    // govuk-frontend focuses the summary and makes its links move to the field.
    new ErrorSummary(summary);
    if (!document.title.startsWith('Error: ')) document.title = `Error: ${document.title}`;
  }

  /** An error from the hub, beside the field it names or in the summary. */
  apiError(e: unknown): void {
    const path = e instanceof ApiError ? (e.field ?? fieldOf(e.message)) : null;
    const field = controlFor(path, this.fieldMap);
    // The hub's own words, which name the field, beside that field.
    this.error(field, field ? (e as ApiError).message : describeError(e));
    this.showErrors();
  }

  /** Runs the handler on submit: checks first, one request at a time. */
  onSubmit(handler: (submitter: HTMLElement | null) => Promise<void> | void): this {
    this.el.addEventListener('submit', (event) => {
      event.preventDefault();
      if (this.pending) return;
      const submitter = (event as SubmitEvent).submitter ?? null;
      this.clearErrors();
      document.title = document.title.replace(/^Error: /, '');
      this.pending = true;
      const buttons = [...this.el.querySelectorAll<HTMLButtonElement>('button[type="submit"]')];
      buttons.forEach((b) => b.setAttribute('aria-disabled', 'true'));
      Promise.resolve()
        .then(() => handler(submitter))
        .then(() => {
          if (this.hasErrors()) this.showErrors();
        })
        .catch((e: unknown) => this.apiError(e))
        .finally(() => {
          this.pending = false;
          buttons.forEach((b) => b.removeAttribute('aria-disabled'));
        });
    });
    return this;
  }
}

export function isWhole(text: string, min: number, max: number): boolean {
  if (!/^-?\d+$/.test(text)) return false;
  const n = Number(text);
  return n >= min && n <= max;
}

export function isNumber(text: string): boolean {
  return /^-?\d+(?:\.\d+)?$/.test(text);
}
