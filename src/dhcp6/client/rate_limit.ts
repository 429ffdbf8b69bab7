/**
 * The transmission rate limit of RFC 9915 §14.1: a token bucket (RFC 3290
 * Appendix A), by default 20 messages in 20 seconds, per interface.
 * @module
 */

/** A token bucket over engine time (ms). */
export class TokenBucket {
  /** The most tokens the bucket holds: the burst allowed at once. */
  readonly capacity: number;
  /** Milliseconds to earn one token. */
  readonly perMs: number;
  #tokens: number;
  #updatedAt: number | undefined;

  /** A bucket that starts full with `capacity` tokens and earns one every `perMs` ms. */
  constructor(capacity: number, perMs: number) {
    this.capacity = capacity;
    this.perMs = perMs;
    this.#tokens = capacity;
  }

  #refill(now: number): void {
    if (this.#updatedAt !== undefined && now > this.#updatedAt) {
      this.#tokens = Math.min(this.capacity, this.#tokens + (now - this.#updatedAt) / this.perMs);
    }
    this.#updatedAt = now;
  }

  /** Takes a token at `now` if one is available. */
  take(now: number): boolean {
    this.#refill(now);
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  /** The earliest engine time a token will be available. */
  nextAt(now: number): number {
    this.#refill(now);
    return this.#tokens >= 1 ? now : now + Math.ceil((1 - this.#tokens) * this.perMs);
  }
}
