/**
 * Finds the descriptors a child process would inherit: those above stderr
 * without close-on-exec. A hook must see only 0–2 (dhcp6c's OPNsense fork
 * made its descriptors close-on-exec for the same reason); descriptors the
 * agent itself inherited from its parent are the usual culprits.
 * @module
 */

/** O_CLOEXEC as /proc/<pid>/fdinfo reports it in the octal `flags:` field. */
const O_CLOEXEC = 0o2000000;

/** The open-file flags in a /proc fdinfo text, or undefined when absent. */
export function fdinfoFlags(text: string): number | undefined {
  const m = /^flags:\s*([0-7]+)\s*$/m.exec(text);
  return m === null ? undefined : parseInt(m[1]!, 8);
}

/** True when fdinfo `flags` say the descriptor survives exec. */
export function survivesExec(flags: number): boolean {
  return (flags & O_CLOEXEC) === 0;
}

/** The descriptors above 2 of this process that an exec'd child would inherit. */
export function inheritableDescriptors(): number[] {
  const found: number[] = [];
  for (const entry of Deno.readDirSync("/proc/self/fd")) {
    const fd = Number(entry.name);
    if (!Number.isInteger(fd) || fd <= 2) continue;
    let info: string;
    try {
      info = Deno.readTextFileSync(`/proc/self/fdinfo/${fd}`);
    } catch {
      continue; // closed meanwhile, e.g. the directory descriptor of this listing
    }
    const flags = fdinfoFlags(info);
    if (flags !== undefined && survivesExec(flags)) found.push(fd);
  }
  return found.sort((a, b) => a - b);
}
