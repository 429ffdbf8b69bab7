/**
 * The bare Deno baseline of the lab benchmark: a process that does nothing
 * but wait on a timer, as an idle agent waits for its next one.
 * @module
 */
setInterval(() => {}, 3_600_000);
