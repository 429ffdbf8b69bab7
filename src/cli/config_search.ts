/**
 * Where `edge6 run` looks for its configuration when `-c` is not given:
 * edge6's own file first, then where dhcp6c keeps its file on FreeBSD
 * (OPNsense, pfSense: /usr/local/etc) and on Debian (the wide-dhcpv6-client
 * package), so that a dhcp6c command line without `-c` finds the same file
 * dhcp6c would have read.
 * @module
 */

/** The files tried, in order; the first that exists is used. */
export const CONFIG_SEARCH: readonly string[] = [
  "/etc/edge6/edge6.toml",
  "/usr/local/etc/dhcp6c.conf",
  "/etc/wide-dhcpv6/dhcp6c.conf",
];

/** The outcome of {@link findConfig}. */
export type ConfigSearch =
  | {
    readonly found: true;
    /** The file to read. */
    readonly path: string;
    /** One line for the debug log: which file, and which were missing before it. */
    readonly note: string;
  }
  | {
    readonly found: false;
    /** The one-line error for the operator. */
    readonly message: string;
  };

/** Whether a path exists (any kind of file: a directory is then reported by the loader). */
export type Exists = (path: string) => Promise<boolean>;

/** The real file system's answer; a file that cannot even be looked at counts as there. */
export const pathExists: Exists = async (path) => {
  try {
    await Deno.stat(path);
    return true;
  } catch (error) {
    return !(error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory);
  }
};

/** Finds the configuration among `candidates`, as described in the module doc. */
export async function findConfig(
  exists: Exists = pathExists,
  candidates: readonly string[] = CONFIG_SEARCH,
): Promise<ConfigSearch> {
  const missing: string[] = [];
  for (const path of candidates) {
    if (await exists(path)) {
      const before = missing.length === 0 ? "" : `; ${missing.join(", ")} not found`;
      return { found: true, path, note: `configuration ${path} (no -c${before})` };
    }
    missing.push(path);
  }
  return {
    found: false,
    message: `no configuration: none of ${
      candidates.join(", ")
    } exists; give one, TOML or dhcp6c.conf, with -c FILE`,
  };
}
