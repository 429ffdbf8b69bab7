/**
 * The bare Deno baseline for short commands: start, print a line, exit.
 * @module
 */
console.log("hello");
