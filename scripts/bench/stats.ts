/**
 * Small statistics for the lab benchmark: medians and spreads of repeated
 * runs, and the formatting of the table it prints.
 * @module
 */

/** The median of `values` (the mean of the middle two for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The smallest and largest of `values`; NaNs when empty. */
export function spread(values: readonly number[]): { min: number; max: number } {
  if (values.length === 0) return { min: NaN, max: NaN };
  return { min: Math.min(...values), max: Math.max(...values) };
}

/** "median (min–max)" of millisecond figures, or "—" when there are none. */
export function formatMs(values: readonly number[]): string {
  if (values.length === 0) return "—";
  const { min, max } = spread(values);
  return `${median(values).toFixed(0)} ms (${min.toFixed(0)}–${max.toFixed(0)})`;
}

/** KiB as MiB with one decimal, or "—" when not measured. */
export function formatMiB(kib: number | undefined): string {
  return kib === undefined || Number.isNaN(kib) ? "—" : `${(kib / 1024).toFixed(1)} MiB`;
}

/** `a / b` as "1.23×", or "—" when either is missing. */
export function formatRatio(a: number | undefined, b: number | undefined): string {
  if (a === undefined || b === undefined || !(b > 0) || Number.isNaN(a)) return "—";
  return `${(a / b).toFixed(2)}×`;
}

/** A Markdown table with a header row; columns padded to their widest cell. */
export function markdownTable(header: readonly string[], rows: readonly string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [
    line(header),
    `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`,
    ...rows.map(line),
  ].join("\n");
}
