/**
 * edge6's logger: levels with syslog severities, stderr (journald-aware) and
 * syslog targets, and single-line escaping of untrusted text.
 * @module
 */
export { type Level, levelForVerbosity, LEVELS, parseLevel, passes, SEVERITY } from "./level.ts";
export { escapeForLog } from "./escape.ts";
export { Logger } from "./logger.ts";
export { type LogSink, MemorySink } from "./sink.ts";
export { formatStderrLine, isJournalStream, stderrSink } from "./stderr_sink.ts";
export { fileSink, type FileSinkOptions } from "./file_sink.ts";
export {
  FACILITY_CODES,
  type FacilityName,
  loadSyslogApi,
  type SyslogApi,
  syslogSink,
} from "./syslog_sink.ts";
export { createLogger, effectiveLevel, type LoggerOptions } from "./create_logger.ts";
