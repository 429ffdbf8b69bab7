import assert from "node:assert/strict";
import { main } from "./main.ts";
import { writePcap } from "../pcap/writer.ts";
import { LinkType } from "../pcap/link_type.ts";
import { fromHex } from "../dhcp6/hex.ts";
import { captureIo, outputLines } from "./test_io.ts";

// REPLY 0x123456: IA_PD with 2001:db8:f00::/48 | DNS 2001:4860:4860::8888
const REPLY = "07123456" +
  "00190029 00000001 00000384 00000540" +
  "001a0019 00000708 00000e10 30 20010db80f0000000000000000000000" +
  "00170010 20014860486000000000000000008888";
const INFO_REQUEST = "0b000001 00080002 0000";

Deno.test("decode HEX prints one JSON object per message", async () => {
  const c = captureIo();
  assert.equal(await main(["decode", REPLY, INFO_REQUEST], c), 0);
  const [reply, info] = outputLines(c).map((l) => JSON.parse(l));
  assert.equal(reply.type, "REPLY");
  assert.equal(reply.transactionId, "123456");
  assert.equal(reply.options[0].name, "IA_PD");
  assert.equal(reply.options[0].options[0].prefix, "2001:db8:f00::/48");
  assert.equal(reply.options[0].options[0].validLifetime, 3600);
  assert.deepEqual(reply.options[1].servers, ["2001:4860:4860::8888"]);
  assert.equal(info.type, "INFORMATION-REQUEST");
  assert.equal(c.stderr, "");
});

Deno.test("a message that does not decode prints an error line, the others still print, exit 1", async () => {
  const c = captureIo();
  const code = await main(
    ["decode", INFO_REQUEST, "0712345600030008000000010000", "0x12", REPLY],
    c,
  );
  assert.equal(code, 1);
  const lines = outputLines(c).map((l) => JSON.parse(l));
  assert.equal(lines.length, 4);
  assert.equal(lines[0].type, "INFORMATION-REQUEST");
  assert.deepEqual(lines[1], {
    error:
      "IA_NA option at offset 4: length 8 runs past the end of the REPLY message (6 bytes left)",
    offset: 6,
  });
  assert.equal(lines[2].offset, 1);
  assert.match(lines[2].error, /bad hex: "x" at index 1/);
  assert.equal(lines[3].type, "REPLY");
});

Deno.test("a malformed option that the engine would drop alone is still reported precisely", async () => {
  // REPLY 0x123456 | DOMAIN_LIST "example" without its root label | DNS 2001:4860:4860::8888
  const c = captureIo();
  const bad = "07123456" + "00180008 076578616d706c65" +
    "00170010 20014860486000000000000000008888";
  assert.equal(await main(["decode", bad], c), 1);
  assert.deepEqual(outputLines(c).map((l) => JSON.parse(l)), [{
    error: "DOMAIN_LIST option at offset 4: domain name at offset 8 has no terminating root label",
    offset: 16,
  }]);
});

Deno.test("hex on stdin: one message per line, comments and blank lines skipped", async () => {
  const c = captureIo(`# a capture\n\n${INFO_REQUEST}\r\n  07 12 34 56  \n`);
  assert.equal(await main(["decode"], c), 0);
  assert.deepEqual(outputLines(c).map((l) => JSON.parse(l).type), ["INFORMATION-REQUEST", "REPLY"]);
});

Deno.test("--pcap decodes every DHCPv6 datagram with frame and addresses", async () => {
  const file = await Deno.makeTempFile({ suffix: ".pcap" });
  try {
    await Deno.writeFile(
      file,
      writePcap([
        {
          source: "fe80::1",
          destination: "ff02::1:2",
          sourcePort: 546,
          destinationPort: 547,
          payload: fromHex(INFO_REQUEST),
        },
        {
          source: "fe80::2",
          destination: "fe80::1",
          sourcePort: 53,
          destinationPort: 53,
          payload: fromHex("00"),
        },
        {
          source: "fe80::2",
          destination: "fe80::1",
          sourcePort: 547,
          destinationPort: 546,
          payload: fromHex(REPLY),
        },
        {
          source: "fe80::2",
          destination: "fe80::1",
          sourcePort: 547,
          destinationPort: 546,
          payload: fromHex("0700"),
        },
      ], LinkType.LINUX_SLL2),
    );
    const c = captureIo();
    assert.equal(await main(["decode", "--pcap", file], c), 1);
    const lines = outputLines(c).map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((l) => l.frame), [1, 3, 4]);
    assert.equal(lines[0].source, "fe80::1");
    assert.equal(lines[0].destination, "ff02::1:2");
    assert.equal(lines[1].type, "REPLY");
    assert.deepEqual(
      { error: lines[2].error, offset: lines[2].offset },
      { error: "message: a message needs at least 4 bytes, got 2", offset: 0 },
    );
  } finally {
    await Deno.remove(file);
  }
});

Deno.test("--pcap reports unreadable and malformed files on stderr with exit 1", async () => {
  const missing = captureIo();
  assert.equal(await main(["decode", "--pcap", "/nonexistent/edge6.pcap"], missing), 1);
  assert.match(missing.stderr, /cannot read \/nonexistent\/edge6\.pcap/);
  const file = await Deno.makeTempFile();
  try {
    // A pcapng section header whose byte-order magic is zero.
    await Deno.writeFile(file, fromHex("0a0d0d0a" + "00".repeat(24)));
    const c = captureIo();
    assert.equal(await main(["decode", "--pcap", file], c), 1);
    assert.match(
      c.stderr,
      /: section header block at offset 0: byte-order magic 00000000 is neither 1a2b3c4d nor 4d3c2b1a/,
    );
    assert.equal(c.stdout, "");
  } finally {
    await Deno.remove(file);
  }
});

Deno.test("usage errors exit 2; --help describes the command", async () => {
  const unknown = captureIo();
  assert.equal(await main(["decode", "--bogus"], unknown), 2);
  assert.match(unknown.stderr, /bogus/);
  const both = captureIo();
  assert.equal(await main(["decode", "--pcap", "x.pcap", REPLY], both), 2);
  assert.match(both.stderr, /not both/);
  const help = captureIo();
  assert.equal(await main(["decode", "--help"], help), 0);
  const text = help.stdout;
  for (
    const word of ["--pcap FILE", "standard input", "transactionId", '"offset"', "Exit status"]
  ) {
    assert.ok(text.includes(word), word);
  }
});
