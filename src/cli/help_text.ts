/**
 * Renders a command's help table as `edge6 COMMAND --help` prints it.
 * @module
 */
import { type CommandSpec, flagOf, type OptionSpec } from "./command.ts";
import { paragraphs, wrap } from "./help_blocks.ts";

const WIDTH = 78;

/** The text of `text`'s paragraphs for a terminal, indented by `indent`. */
function body(text: string, indent = ""): string {
  return paragraphs(text).map((runs) =>
    runs.map((r) =>
      r.kind === "flow"
        ? wrap(r.text, WIDTH, indent)
        : r.lines.map((l) => `${indent}  ${l}`.trimEnd()).join("\n")
    ).join("\n")
  ).join("\n\n");
}

/** `-c FILE`, `--json`, `-d` as the help lists them. */
export function optionLabel(name: string, o: OptionSpec): string {
  return o.type === "string" ? `${flagOf(name)} ${o.value ?? "VALUE"}` : flagOf(name);
}

/** A two-column list (options, operands) with wrapped, hanging descriptions. */
function list(items: readonly [string, string][]): string {
  const column = Math.min(20, Math.max(...items.map(([l]) => l.length)) + 4);
  return items.map(([label, text]) => {
    const head = `  ${label}`;
    const pad = " ".repeat(column);
    if (head.length + 2 > column) return `${head}\n${wrap(text, WIDTH, pad)}`;
    return wrap(text, WIDTH, head.padEnd(column), pad);
  }).join("\n");
}

/** The full `--help` text of a command. */
export function renderHelp(spec: CommandSpec): string {
  const out: string[] = [];
  out.push(spec.usage.map((u, i) => `${i === 0 ? "Usage:" : "      "} ${u}`).join("\n"));
  out.push(body(spec.description));
  const options = Object.entries(spec.options);
  if (options.length > 0) {
    out.push(`Options:\n${list(options.map(([n, o]) => [optionLabel(n, o), o.text]))}`);
  }
  if (spec.operands && spec.operands.length > 0) {
    out.push(`Arguments:\n${list(spec.operands.map((o) => [o.name, o.text]))}`);
  }
  for (const s of spec.sections ?? []) out.push(`${s.title}:\n${body(s.body, "  ")}`);
  out.push(wrap(`Exit status: ${spec.exitStatus}`, WIDTH));
  return out.join("\n\n") + "\n";
}
