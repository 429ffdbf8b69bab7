/**
 * The edge6(8) man page, rendered from the same command table as `--help`
 * (each command's usage, description, options, arguments, sections and exit
 * status), so the two cannot drift. `deno task man` writes it to
 * docs/edge6.8; a test checks the file is current.
 * @module
 */
import { type CommandSpec, flagOf } from "./command.ts";
import { paragraphs } from "./help_blocks.ts";
import { optionLabel } from "./help_text.ts";
import {
  GLOBAL_OPTIONS,
  GLOBAL_SHORT,
  PROGRAM_DESCRIPTION,
  PROGRAM_FILES,
  PROGRAM_SUMMARY,
} from "./program.ts";

/**
 * Text made safe for roff: backslashes, minus signs, a leading dot or quote,
 * and every character outside ASCII as a `\[uXXXX]` escape (the page is
 * plain ASCII, so no input-encoding guesswork is needed).
 */
export function roffEscape(text: string): string {
  return text.replaceAll("\\", "\\e").replaceAll("-", "\\-").replace(/^([.'])/gm, "\\&$1")
    .replace(
      /[^ -~\n\t]/gu,
      (c) => `\\[u${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}]`,
    );
}

/** Paragraph requests and text for `text` (flowing runs filled, literal lines kept). */
function roffBody(text: string): string[] {
  const out: string[] = [];
  for (const runs of paragraphs(text)) {
    out.push(".PP");
    for (const r of runs) {
      if (r.kind === "flow") out.push(roffEscape(r.text));
      else out.push(".RS 4", ".nf", ...r.lines.map(roffEscape), ".fi", ".RE");
    }
  }
  return out;
}

/** A usage line with its program name in bold. */
function roffUsage(line: string): string {
  const space = line.indexOf(" ");
  const program = space < 0 ? line : line.slice(0, space);
  return `\\fB${roffEscape(program)}\\fR${roffEscape(space < 0 ? "" : line.slice(space))}`;
}

/** `-c FILE` as `\fB\-c\fR \fIFILE\fR`. */
function roffLabel(label: string): string {
  const [flag, value] = label.split(" ");
  const bold = `\\fB${roffEscape(flag!)}\\fR`;
  return value === undefined ? bold : `${bold} \\fI${roffEscape(value)}\\fR`;
}

function roffCommand(c: CommandSpec): string[] {
  const out = [
    `.SS "${roffEscape(c.name)}"`,
    ".nf",
    ...c.usage.map(roffUsage),
    ".fi",
  ];
  out.push(...roffBody(c.description));
  const options = Object.entries(c.options);
  if (options.length > 0) {
    out.push(".PP", "Options:");
    for (const [name, o] of options) {
      out.push(".TP", roffLabel(optionLabel(name, o)), roffEscape(o.text));
    }
  }
  if (c.operands && c.operands.length > 0) {
    out.push(".PP", "Arguments:");
    for (const o of c.operands) {
      out.push(".TP", `\\fI${roffEscape(o.name)}\\fR`, roffEscape(o.text));
    }
  }
  for (const s of c.sections ?? []) {
    out.push(".PP", `${roffEscape(s.title)}:`, ".RS 4", ...roffBody(s.body), ".RE");
  }
  out.push(".PP", `Exit status: ${roffEscape(c.exitStatus.replace(/\s*\n\s*/g, " "))}`);
  return out;
}

/** The whole man page, section 8, for `version` and `commands`. */
export function renderManPage(version: string, commands: readonly CommandSpec[]): string {
  const lines = [
    `.\\" edge6(8). Generated from the command table in src/cli/ by "deno task man"; do not edit.`,
    `.TH EDGE6 8 "" "edge6 ${roffEscape(version)}" "System Manager's Manual"`,
    // No hyphenation, ragged right: paths and flags stay whole and copyable.
    ".nh",
    ".ad l",
    ".SH NAME",
    `edge6 \\- ${roffEscape(PROGRAM_SUMMARY)}`,
    ".SH SYNOPSIS",
    ".nf",
    ...commands.flatMap((c) => c.usage.map(roffUsage)),
    "\\fBedge6\\fR \\fB\\-\\-help\\fR | \\fB\\-\\-version\\fR",
    ".fi",
    ".SH DESCRIPTION",
    ...roffBody(PROGRAM_DESCRIPTION),
    ".PP",
    "Options in place of a command:",
    ...Object.entries(GLOBAL_OPTIONS).flatMap(([name, o]) => [
      ".TP",
      `\\fB${roffEscape(`-${GLOBAL_SHORT[name as keyof typeof GLOBAL_SHORT]}`)}\\fR, \\fB${
        roffEscape(flagOf(name))
      }\\fR`,
      roffEscape(o.text),
    ]),
    ".SH COMMANDS",
    ...commands.flatMap(roffCommand),
    ".SH FILES",
    ...PROGRAM_FILES.flatMap((
      [path, what],
    ) => [".TP", `\\fI${roffEscape(path)}\\fR`, roffEscape(what)]),
    ".SH SEE ALSO",
    "\\fBdhcp6c\\fR(8), \\fBsystemd.exec\\fR(5), \\fBsystemd\\-analyze\\fR(1);",
    "/usr/share/doc/edge6/README.md and migrating\\-from\\-dhcp6c.md.",
    "",
  ];
  return lines.join("\n");
}
