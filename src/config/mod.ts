/**
 * edge6 configuration: TOML or dhcp6c.conf in, one validated {@link Config} out.
 *
 * - `loadConfigFile(path)` reads either format (told apart by content) and
 *   resolves to `{ ok: true, config, warnings, format }` or
 *   `{ ok: false, errors, warnings }`; print messages with `formatMessage`.
 * - `diffConfig(old, new)` says per interface what a reload changes.
 * - `toClientConfig(iface, duid)` gives the engine its ClientConfig.
 * - `delegateSubnet(prefix, length, delegate)` computes a downstream subnet.
 * - `emitToml(config, notes, source)` prints a Config as TOML.
 * - `applyProfile(config, file, selection)` resolves `edge6 run -P NAME IFACE…`.
 * @module
 */
export type * from "./types.ts";
export { DEFAULT_GLOBAL, DEFAULT_INTERFACE_FLAGS } from "./defaults.ts";
export { type ConfigMessage, formatMessage } from "./message.ts";
export { loadConfigFile, type LoadResult } from "./load.ts";
export { loadConfigText } from "./load_text.ts";
export { type ConfigFormat, detectFormat } from "./detect_format.ts";
export { type ConfigDiff, diffConfig, type IaChanges, type InterfaceDiff } from "./diff.ts";
export { toClientConfig } from "./client_config.ts";
export { type DelegateSubnet, delegateSubnet } from "./delegate_subnet.ts";
export { emitToml } from "./toml_emit.ts";
export { applyProfile, type ProfileResult, type RunSelection } from "./profile.ts";
export { parseTomlConfig } from "./toml_load.ts";
export { type IncludeReader, MAX_INCLUDE_DEPTH } from "./dhcp6c_parser.ts";
export type { ValidationResult } from "./validate.ts";
export type { ClientConfig } from "../dhcp6/client/types.ts";
