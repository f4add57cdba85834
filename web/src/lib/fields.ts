// Which form control an error from the hub belongs to.

/** API field paths (prefixes) -> the form's field ids. */
export type FieldMap = Record<string, string>;

/** The control a field path belongs to: the longest mapped prefix. */
export function controlFor(path: string | null, map: FieldMap): string | undefined {
  if (!path) return undefined;
  let best: string | undefined;
  for (const key of Object.keys(map)) {
    if (path === key || path.startsWith(`${key}.`) || path.startsWith(`${key}[`)) {
      if (!best || key.length > best.length) best = key;
    }
  }
  return best ? map[best] : undefined;
}
