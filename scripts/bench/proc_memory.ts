/**
 * Resident memory of processes, from /proc/PID/status: VmRSS (all resident
 * pages, shared libraries included) and RssAnon (the process's own heap and
 * stacks, which is what a daemon adds to a router's memory).
 * @module
 */

/** Resident memory of one process or a group of them, in KiB. */
export interface Memory {
  /** VmRSS summed. */
  readonly rss: number;
  /** RssAnon summed. */
  readonly anon: number;
  /** VmHWM (peak RSS) of the largest process. */
  readonly peak: number;
  /** How many processes were counted. */
  readonly processes: number;
}

/** The `field` of a /proc/PID/status text, in KiB; NaN when absent. */
export function statusField(status: string, field: string): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB$`, "m").exec(status);
  return m === null ? NaN : Number(m[1]);
}

/** The memory of `pids` (those that still exist), summed. */
export async function memoryOf(pids: readonly number[]): Promise<Memory> {
  let rss = 0, anon = 0, peak = 0, processes = 0;
  for (const pid of pids) {
    let status: string;
    try {
      status = await Deno.readTextFile(`/proc/${pid}/status`);
    } catch {
      continue; // gone
    }
    rss += statusField(status, "VmRSS") || 0;
    anon += statusField(status, "RssAnon") || 0;
    peak = Math.max(peak, statusField(status, "VmHWM") || 0);
    processes++;
  }
  return { rss, anon, peak, processes };
}
