/**
 * Hook scripts and status output: the dhcp6c-compatible hook environment
 * (pure), the hook runner, and the `edge6 status` document and text.
 * @module
 */
export {
  buildHookEnvironment,
  type HookEnvironmentExtras,
  MAX_ENV_STRING,
  secondsLeft,
} from "./environment.ts";
export type { LanAssignment } from "./lan_assignment.ts";
export { encodeOptionData, type OptionDataEncoder, optionValues } from "./option_values.ts";
export {
  DEFAULT_HOOK_PATH,
  DEFAULT_HOOK_TIMEOUT_MS,
  type HookCounters,
  type HookJob,
  type HookResult,
  HookRunner,
  type HookRunnerOptions,
  unsafeScript,
} from "./runner.ts";
export { loadSetCloseOnExec, type SetCloseOnExec } from "./close_on_exec.ts";
export { inheritableDescriptors } from "./fd_audit.ts";
export {
  buildStatusDocument,
  parseStatusDocument,
  type StatusDocument,
  type StatusInput,
  type StatusInterface,
} from "./status_json.ts";
export { formatDuration, formatStatusText } from "./status_text.ts";
