/**
 * Log lines to the system log through syslog(3) (RFC 5424 severities). The FFI
 * binding is loaded only when this target is chosen, so that running without
 * it never opens libc.
 * @module
 */
import { type Level, SEVERITY } from "./level.ts";
import type { LogSink } from "./sink.ts";
import type {
  SyslogFacility as FfiFacility,
  SyslogLevel as FfiSeverity,
} from "../../ffi/syslog.ts";

/** Syslog facility names and their codes (syslog.h; RFC 5424 §6.2.1). */
export const FACILITY_CODES = {
  kern: 0,
  user: 1,
  mail: 2,
  daemon: 3,
  auth: 4,
  syslog: 5,
  lpr: 6,
  news: 7,
  uucp: 8,
  cron: 9,
  authpriv: 10,
  ftp: 11,
  local0: 16,
  local1: 17,
  local2: 18,
  local3: 19,
  local4: 20,
  local5: 21,
  local6: 22,
  local7: 23,
} as const;

/** A syslog facility name. */
export type FacilityName = keyof typeof FACILITY_CODES;

/** The calls the sink makes: openlog(3), syslog(3), closelog(3). */
export interface SyslogApi {
  /** openlog(3) with `ident` and `facility` (already shifted: code << 3). */
  openSyslog(options: { ident: string; facility: number }): void;
  /** syslog(3) of one message at `severity` (0 emerg … 7 debug). */
  syslog(severity: number, message: string): void;
  /** closelog(3). */
  closeSyslog(): void;
}

/** A sink over an opened system log; `api.openSyslog` is called at once. */
export function syslogSink(api: SyslogApi, ident: string, facility: FacilityName): LogSink {
  api.openSyslog({ ident, facility: FACILITY_CODES[facility] << 3 });
  return {
    write(level: Level, message: string) {
      api.syslog(SEVERITY[level], message);
    },
    close() {
      api.closeSyslog();
    },
  };
}

/** Loads the FFI binding of syslog(3) (ffi/syslog.ts) and adapts it to {@link SyslogApi}. */
export async function loadSyslogApi(): Promise<SyslogApi> {
  const ffi = await import("../../ffi/syslog.ts");
  return {
    // The binding types facilities and severities as literal unions of the
    // same syslog.h numbers FACILITY_CODES and SEVERITY hold.
    openSyslog: ({ ident, facility }) =>
      ffi.openSyslog({ ident, facility: facility as FfiFacility }),
    syslog: (severity, message) => ffi.syslog(severity as FfiSeverity, message),
    closeSyslog: () => ffi.closeSyslog(),
  };
}
