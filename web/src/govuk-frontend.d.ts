// The parts of govuk-frontend's JavaScript the console uses (the package
// ships no type declarations).
declare module 'govuk-frontend' {
  export class ErrorSummary {
    constructor($root: Element, config?: Record<string, unknown>);
  }
  export class ServiceNavigation {
    constructor($root: Element);
  }
  export class Button {
    constructor($root: Element, config?: Record<string, unknown>);
  }
  export class Checkboxes {
    constructor($root: Element);
  }
  export class Radios {
    constructor($root: Element);
  }
  export class NotificationBanner {
    constructor($root: Element, config?: Record<string, unknown>);
  }
  export class SkipLink {
    constructor($root: Element);
  }
  export function initAll(config?: { scope?: Element; onError?: (error: unknown) => void }): void;
  export function createAll<T>(
    component: new ($root: Element, config?: Record<string, unknown>) => T,
    config?: Record<string, unknown>,
    scope?: Element | Document,
  ): T[];
}
