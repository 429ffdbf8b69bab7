/**
 * Writes the Prometheus text exposition format (version 0.0.4, as
 * node_exporter's textfile collector reads it): per metric family one
 * `# HELP` and one `# TYPE` line, then its samples, label values escaped.
 * @module
 */

/** The metric types edge6 exposes. */
export type MetricType = "gauge" | "counter";

/** One sample: its labels (in order) and value; an infinite value prints as +Inf. */
export interface Sample {
  /** Label names and values, in the order they are printed. */
  readonly labels: Readonly<Record<string, string>>;
  /** The value; null prints nothing (the sample is left out). */
  readonly value: number | null;
}

/** A metric family: a name, a type, a help text and its samples. */
export interface MetricFamily {
  /** The metric name (`[a-zA-Z_:][a-zA-Z0-9_:]*`); counters end in `_total`. */
  readonly name: string;
  /** gauge or counter. */
  readonly type: MetricType;
  /** One line of help text. */
  readonly help: string;
  /** The samples; a family without samples still prints its HELP and TYPE. */
  readonly samples: readonly Sample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** A label value with `\`, `"` and newlines escaped, as the format requires. */
export function escapeLabelValue(value: string): string {
  return value.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n");
}

/** A sample value: integers as they are, infinities as +Inf/-Inf, NaN as NaN. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  return String(value);
}

/**
 * The exposition text of `families`, in order. Throws a RangeError on a
 * metric or label name the format does not allow, or on a counter whose name
 * does not end in `_total` (a programming error, not input).
 */
export function formatExposition(families: readonly MetricFamily[]): string {
  const lines: string[] = [];
  for (const f of families) {
    if (!NAME.test(f.name)) throw new RangeError(`metric name "${f.name}" is not valid`);
    if (f.type === "counter" && !f.name.endsWith("_total")) {
      throw new RangeError(`counter "${f.name}" must end in _total`);
    }
    const help = f.help.replaceAll("\\", "\\\\").replaceAll("\n", "\\n");
    lines.push(`# HELP ${f.name} ${help}`, `# TYPE ${f.name} ${f.type}`);
    for (const s of f.samples) {
      if (s.value === null) continue;
      const labels = Object.entries(s.labels).map(([k, v]) => {
        if (!LABEL.test(k) || k.startsWith("__")) {
          throw new RangeError(`label name "${k}" is not valid`);
        }
        return `${k}="${escapeLabelValue(v)}"`;
      });
      const set = labels.length === 0 ? "" : `{${labels.join(",")}}`;
      lines.push(`${f.name}${set} ${formatValue(s.value)}`);
    }
  }
  return lines.length === 0 ? "" : lines.join("\n") + "\n";
}
