/**
 * syslog(3) through FFI, for the agent's `-d` / `-D` logging to the system
 * log as dhcp6c does. Messages are passed as `"%s"` arguments, so a `%` in a
 * message is never read as a format directive.
 * @module
 */
import { cString, libc } from "./libc.ts";

/** Severity levels (RFC 5424 §6.2.1, syslog.h). */
export const SyslogLevel = {
  EMERG: 0,
  ALERT: 1,
  CRIT: 2,
  ERR: 3,
  WARNING: 4,
  NOTICE: 5,
  INFO: 6,
  DEBUG: 7,
} as const;

/** A syslog severity. */
export type SyslogLevel = typeof SyslogLevel[keyof typeof SyslogLevel];

/** Facilities (syslog.h: code << 3). */
export const SyslogFacility = {
  USER: 1 << 3,
  DAEMON: 3 << 3,
  LOCAL0: 16 << 3,
  LOCAL1: 17 << 3,
  LOCAL2: 18 << 3,
  LOCAL3: 19 << 3,
  LOCAL4: 20 << 3,
  LOCAL5: 21 << 3,
  LOCAL6: 22 << 3,
  LOCAL7: 23 << 3,
} as const;

/** A syslog facility. */
export type SyslogFacility = typeof SyslogFacility[keyof typeof SyslogFacility];

/** openlog option: include the process id. */
export const LOG_PID = 0x01;
/** openlog option: write to the console if the log socket fails. */
export const LOG_CONS = 0x02;
/** openlog option: also write each message to stderr. */
export const LOG_PERROR = 0x20;
/** openlog option: connect at once (the socket is close-on-exec in glibc). */
export const LOG_NDELAY = 0x08;

const FORMAT = cString("%s");
// openlog(3) keeps the ident pointer: hold the buffer for as long as the log is open.
let identBuffer: Uint8Array<ArrayBuffer> | undefined;

/** Options for {@link openSyslog}. */
export interface SyslogOptions {
  /** Program name in each line; default "edge6". */
  readonly ident?: string;
  /** Facility; default DAEMON. */
  readonly facility?: SyslogFacility;
  /** openlog flags; default LOG_PID | LOG_NDELAY. */
  readonly options?: number;
}

/** Opens the system log (openlog(3)). Calling it again replaces the identity. */
export function openSyslog(options: SyslogOptions = {}): void {
  identBuffer = cString(options.ident ?? "edge6");
  libc().openlog(
    identBuffer,
    options.options ?? (LOG_PID | LOG_NDELAY),
    options.facility ?? SyslogFacility.DAEMON,
  );
}

/** Writes one message at `level` (syslog(3)); NUL characters are replaced by spaces. */
export function syslog(level: SyslogLevel, message: string): void {
  libc().syslog(level, FORMAT, cString(message.replaceAll("\0", " ")));
}

/** Closes the system log (closelog(3)). */
export function closeSyslog(): void {
  libc().closelog();
  identBuffer = undefined;
}
