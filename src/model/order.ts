/** Code-unit order, the same on every machine and locale: reports must be deterministic. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
