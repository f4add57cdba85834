// Small render helpers: the console builds its pages as DOM nodes, never as
// HTML strings, so text from the API can never become markup. No inline
// style is ever set (the gateway's Content-Security-Policy forbids it).

export type Child = Node | string | number | null | undefined | false | Child[];

export type Attrs = {
  [name: string]:
    | string
    | number
    | boolean
    | null
    | undefined
    | ((event: Event) => void);
};

function append(parent: Node, child: Child): void {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) {
    for (const c of child) append(parent, c);
    return;
  }
  parent.appendChild(
    child instanceof Node ? child : document.createTextNode(String(child)),
  );
}

function setAttrs(el: Element, attrs: Attrs | undefined): void {
  if (!attrs) return;
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'style') throw new Error('inline styles are not allowed');
    if (typeof value === 'function') {
      el.addEventListener(key.replace(/^on/, '').toLowerCase(), value);
    } else if (key === 'class') {
      el.setAttribute('class', String(value));
    } else if (value === true) {
      el.setAttribute(key, '');
    } else {
      el.setAttribute(key, String(value));
    }
  }
}

/** An HTML element: h('p', {class: 'govuk-body'}, 'text', child, ...). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs ?? undefined);
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element; presentation attributes only (no style). */
export function svg(
  tag: string,
  attrs?: Attrs | null,
  ...children: Child[]
): SVGElement {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs ?? undefined);
  append(el, children);
  return el as SVGElement;
}

export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

let counter = 0;
/** A fresh element id, for labels and error links. */
export function uid(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}
