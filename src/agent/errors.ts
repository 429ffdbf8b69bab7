/**
 * Error text for log lines, and the send errors the agent expects while a
 * link is still coming up.
 * @module
 */

/** The message of an error, or its text. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A send refused because the interface has no usable link-local address yet:
 * none at all (no route to ff02::1:2, ENETUNREACH) or a tentative one
 * (EADDRNOTAVAIL, RFC 4862 §5.4).
 */
export function isAddressNotReady(error: unknown): boolean {
  return error instanceof Error && "code" in error &&
    (error.code === "EADDRNOTAVAIL" || error.code === "ENETUNREACH");
}

/**
 * Runs one kernel operation for `upstream`'s leases; a failure is logged
 * with its cause and reported as false, so that the operations after it
 * still run.
 */
export async function attempt(
  logger: { log(level: "error", message: string): void },
  upstream: string,
  what: string,
  operation: () => Promise<void>,
): Promise<boolean> {
  try {
    await operation();
    return true;
  } catch (error) {
    logger.log("error", `${upstream}: ${what} failed: ${errorText(error)}`);
    return false;
  }
}
