import assert from "node:assert/strict";
import {
  type AddressReport,
  isLinkLocal,
  type LinkInput,
  type LinkReadiness,
  nextLinkReadiness,
} from "./link_readiness.ts";

const tentative: AddressReport = { address: "fe80::1", tentative: true, dadFailed: false };
const ready: AddressReport = { address: "fe80::1", tentative: false, dadFailed: false };
const down: LinkReadiness = { carrier: false, linkLocals: [], up: false };

/** The engine's verdicts along a sequence of inputs. */
function run(state: LinkReadiness, inputs: LinkInput[]): (boolean | undefined)[] {
  return inputs.map((input) => {
    const decision = nextLinkReadiness(state, input);
    state = decision.state;
    return decision.tell;
  });
}

Deno.test("isLinkLocal covers fe80::/10 only", () => {
  assert.equal(isLinkLocal("fe80::1"), true);
  assert.equal(isLinkLocal("febf:1::2"), true);
  assert.equal(isLinkLocal("FE80::a"), true);
  assert.equal(isLinkLocal("fec0::1"), false, "site-local, just past /10");
  assert.equal(isLinkLocal("fe7f::1"), false);
  assert.equal(isLinkLocal("2001:db8::fe80"), false);
  assert.equal(isLinkLocal("::1"), false);
  assert.equal(isLinkLocal("fe80"), false, "not an address");
});

Deno.test("link readiness: up only once carrier and a finished link-local are both there", () => {
  assert.deepEqual(
    run(down, [
      { type: "carrier", carrier: true },
      { type: "address", report: tentative },
      { type: "address", report: { ...ready, address: "2001:db8::5" } },
      { type: "address", report: ready },
      { type: "address", report: ready },
    ]),
    [undefined, undefined, undefined, true, undefined],
  );
  // The other order: the address is ready before the carrier comes.
  assert.deepEqual(
    run(down, [{ type: "address", report: ready }, { type: "carrier", carrier: true }]),
    [undefined, true],
  );
});

Deno.test("link readiness: carrier loss, address removal, DAD failure or re-DAD take it down", () => {
  const up: LinkReadiness = { carrier: true, linkLocals: ["fe80::1"], up: true };
  assert.deepEqual(run(up, [{ type: "carrier", carrier: false }]), [false]);
  assert.deepEqual(run(up, [{ type: "address", report: { ...ready, removed: true } }]), [false]);
  assert.deepEqual(
    run(up, [{ type: "address", report: { ...ready, dadFailed: true } }]),
    [false],
  );
  assert.deepEqual(run(up, [{ type: "address", report: tentative }]), [false]);
  assert.deepEqual(run(up, [{ type: "addresses", reports: [] }]), [false]);
  // A second link-local keeps it up while the first goes.
  assert.deepEqual(
    run(up, [
      { type: "address", report: { ...ready, address: "fe80::2" } },
      { type: "address", report: { ...ready, removed: true } },
      { type: "carrier", carrier: true },
    ]),
    [undefined, undefined, undefined],
  );
});

Deno.test("link readiness: a fresh engine assumes a usable link and is told down only if not", () => {
  const start: LinkReadiness = { carrier: true, linkLocals: undefined, up: true };
  assert.deepEqual(run(start, [{ type: "addresses", reports: [ready] }]), [undefined]);
  assert.deepEqual(run(start, [{ type: "addresses", reports: [tentative] }]), [false]);
  const unknown = nextLinkReadiness(start, { type: "carrier", carrier: true });
  assert.equal(unknown.tell, undefined, "addresses unread: carrier alone decides");
  assert.equal(unknown.state.linkLocals, undefined);
  const noCarrier = nextLinkReadiness({ ...start, carrier: false }, {
    type: "addresses",
    reports: [ready, { ...ready, address: "2001:db8::1" }],
  });
  assert.deepEqual(noCarrier, {
    state: { carrier: false, linkLocals: ["fe80::1"], up: false },
    tell: false,
  });
});
