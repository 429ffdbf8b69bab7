/**
 * Crash-safe file replacement for the agent's state (DUID, leases, status).
 * @module
 */

/**
 * Writes `bytes` to `path` so that readers see either the old or the new
 * content: write a temporary file beside it, fsync, rename over, fsync the
 * directory (POSIX rename is atomic within a file system).
 *
 * When any step fails (a full disk: ENOSPC; a read-only file system; an I/O
 * error), the temporary file is removed before the error is thrown: `path`
 * keeps its old content and no truncated file is left behind to fill the
 * directory further.
 */
export async function writeFileAtomic(
  path: string,
  bytes: Uint8Array,
  mode = 0o600,
): Promise<void> {
  const slash = path.lastIndexOf("/");
  const dir = slash > 0 ? path.slice(0, slash) : slash === 0 ? "/" : ".";
  await Deno.mkdir(dir, { recursive: true });
  const temp = `${path}.tmp-${Deno.pid}`;
  try {
    const file = await Deno.open(temp, { write: true, create: true, truncate: true, mode });
    try {
      let written = 0;
      while (written < bytes.length) written += await file.write(bytes.subarray(written));
      await file.sync();
    } finally {
      file.close();
    }
    await Deno.rename(temp, path);
  } catch (error) {
    await Deno.remove(temp).catch(() => {
      // Never created, or already gone: nothing to clean up.
    });
    throw error;
  }
  try {
    const dirHandle = await Deno.open(dir, { read: true });
    try {
      await dirHandle.sync();
    } finally {
      dirHandle.close();
    }
  } catch {
    // Some file systems refuse fsync on a directory; the rename is still atomic.
  }
}
