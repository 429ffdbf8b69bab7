/**
 * Splits the help table's text into what both renderers need: paragraphs of
 * flowing text and literal lines (those starting with two spaces), and wraps
 * flowing text for the terminal.
 * @module
 */

/** A run of flowing text, or literal lines shown as they are. */
export type TextRun =
  | { readonly kind: "flow"; readonly text: string }
  | { readonly kind: "literal"; readonly lines: readonly string[] };

/** The paragraphs of `text` (blank-line separated), each a list of runs. */
export function paragraphs(text: string): TextRun[][] {
  // Only blank lines are trimmed: a leading literal line keeps its indent.
  const trimmed = text.replace(/^([ \t]*\n)+/, "").trimEnd();
  return trimmed.split(/\n[ \t]*\n/).map((p) => {
    const runs: TextRun[] = [];
    for (const line of p.split("\n")) {
      const literal = line.startsWith("  ");
      const last = runs.at(-1);
      if (literal) {
        const body = line.slice(2);
        if (last?.kind === "literal") {
          runs[runs.length - 1] = { kind: "literal", lines: [...last.lines, body] };
        } else runs.push({ kind: "literal", lines: [body] });
      } else if (last?.kind === "flow") {
        runs[runs.length - 1] = { kind: "flow", text: `${last.text} ${line.trim()}` };
      } else {
        runs.push({ kind: "flow", text: line.trim() });
      }
    }
    return runs;
  });
}

/**
 * `text` wrapped at `width` columns: the first line starts with `first`, the
 * others with `rest`. A word longer than the room is kept whole.
 */
export function wrap(text: string, width: number, first = "", rest = first): string {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = rest + word;
    } else {
      line += (empty ? "" : " ") + word;
    }
    empty = false;
  }
  lines.push(line);
  return lines.join("\n");
}
