import assert from "node:assert/strict";
import { parseCommandArgs, parseStrictArgs } from "./parse_command_args.ts";
import { captureIo } from "./test_io.ts";

const OPTIONS = {
  c: { type: "string" },
  d: { type: "boolean", multiple: true },
  pcap: { type: "string" },
  verbose: { type: "boolean" },
} as const;

/** The TypeError message parseStrictArgs gives for `args`. */
function reason(
  args: string[],
  spec: Parameters<typeof parseStrictArgs>[1] = { options: OPTIONS },
) {
  try {
    parseStrictArgs(args, spec);
  } catch (e) {
    assert.ok(e instanceof TypeError);
    return e.message;
  }
  assert.fail(`${JSON.stringify(args)} was accepted`);
}

Deno.test("parseStrictArgs: options and positionals as parseArgs gives them", () => {
  const { values, positionals } = parseStrictArgs(
    ["-c", "/etc/x", "-dd", "--pcap=f.pcap", "wan0", "--", "-x"],
    { options: OPTIONS, maxPositionals: Infinity },
  );
  assert.deepEqual({ ...values }, { c: "/etc/x", d: [true, true], pcap: "f.pcap" });
  assert.deepEqual(positionals, ["wan0", "-x"]);
});

Deno.test("parseStrictArgs: each usage error is one line naming the argument", () => {
  assert.equal(reason(["--bogus"]), "unknown option '--bogus'");
  assert.equal(reason(["--bogus=1"]), "unknown option '--bogus'");
  assert.equal(reason(["-dx"]), "unknown option '-x'");
  assert.equal(reason(["-c"]), "option -c needs a value");
  assert.equal(reason(["--pcap"]), "option --pcap needs a value");
  assert.equal(reason(["--verbose=3"]), "option --verbose takes no value");
  assert.equal(
    reason(["--pcap", "--verbose"]),
    "option --pcap needs a value (one starting with '-' is written --pcap=-VALUE)",
  );
  assert.equal(
    reason(["-c", "-d"]),
    "option -c needs a value (one starting with '-' is written --c=-VALUE)",
  );
});

Deno.test("parseStrictArgs: the count of positional arguments is checked", () => {
  const one = {
    options: {},
    minPositionals: 1,
    maxPositionals: 1,
    positionals: "exactly one FILE",
  };
  assert.deepEqual(parseStrictArgs(["a"], one).positionals, ["a"]);
  assert.equal(reason([], one), "expected exactly one FILE, got 0");
  assert.equal(reason(["a", "b"], one), "expected exactly one FILE, got 2");
  assert.equal(
    reason(["eth0"], { options: {} }), // by default no positional argument is accepted
    "unexpected argument 'eth0': expected no arguments",
  );
});

Deno.test("parseCommandArgs: a usage error goes to stderr as `edge6 NAME: reason`", () => {
  const io = captureIo();
  assert.equal(parseCommandArgs("decode", ["--bogus"], { options: OPTIONS }, io), undefined);
  assert.equal(io.stderr, "edge6 decode: unknown option '--bogus'\n");
  assert.equal(io.stdout, "");
  const ok = captureIo();
  assert.equal(parseCommandArgs("decode", ["-c", "x"], { options: OPTIONS }, ok)?.values.c, "x");
  assert.equal(ok.stderr, "");
});

Deno.test("parseStrictArgs: the syntax of node:util's parseArgs, strict", () => {
  const parse = (args: string[]) => {
    const { values, positionals } = parseStrictArgs(args, {
      options: OPTIONS,
      maxPositionals: Infinity,
    });
    return { values: { ...values }, positionals };
  };
  assert.deepEqual(parse(["-cFILE", "-"]), { values: { c: "FILE" }, positionals: ["-"] });
  assert.deepEqual(parse(["-dc", "x"]), { values: { c: "x", d: [true] }, positionals: [] });
  assert.deepEqual(parse(["--c=-x", "--pcap", "a", "--pcap=b"]), {
    values: { c: "-x", pcap: "b" },
    positionals: [],
  });
  assert.deepEqual(parse(["--verbose", "a", "--", "--verbose"]), {
    values: { verbose: true },
    positionals: ["a", "--verbose"],
  });
  assert.deepEqual(parse(["--pcap="]), { values: { pcap: "" }, positionals: [] });
  assert.equal(reason(["--constructor"]), "unknown option '--constructor'");
  assert.equal(
    reason(["-"], { options: OPTIONS }),
    "unexpected argument '-': expected no arguments",
  );
});
