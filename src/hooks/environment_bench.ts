import { buildHookEnvironment } from "./environment.ts";
import { testStatus } from "./test_status.ts";

const prefixes = Array.from({ length: 64 }, (_, i) => ({
  iaid: i,
  prefix: `2001:db8:${i.toString(16)}::`,
  prefixLength: 56,
  preferredLifetime: 3600,
  validLifetime: 7200,
  receivedAt: 0,
}));
const status = testStatus({
  prefixes,
  options: [
    { name: "DNS_SERVERS", code: 23, servers: ["2001:db8::53", "2001:db8::54"] },
    { name: "DOMAIN_LIST", code: 24, domains: ["example.com", "example.net"] },
  ],
});

Deno.bench("hook environment, 64 IA_PDs, with a previous status", () => {
  buildHookEnvironment("RENEW", status, status, [], { now: 1000 });
});
