/**
 * The agent's source of randomness: the operating system's CSPRNG through
 * `crypto.getRandomValues`. Transaction ids must be hard to guess (RFC 9915
 * §16.1: predictable ones invite off-path spoofing of Advertise and Reply),
 * and so must `ifid random` interface identifiers (RFC 7721 §3: addresses
 * that cannot be predicted); the built-in generator of JavaScript makes no such promise.
 * @module
 */
import type { RandomSource } from "../dhcp6/client/types.ts";

const words = new Uint32Array(2);

/**
 * A uniform number in [0, 1) carrying 53 random bits (all a float's
 * significand holds), drawn from `crypto.getRandomValues`.
 */
export const cryptoRandom: RandomSource = () => {
  crypto.getRandomValues(words);
  // 27 high bits from one word and 26 from the other: an integer below 2^53.
  return ((words[0]! >>> 5) * 2 ** 26 + (words[1]! >>> 6)) / 2 ** 53;
};
