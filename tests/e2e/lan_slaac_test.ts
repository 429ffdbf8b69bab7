/**
 * The LAN side against a real host kernel: after the router binds against
 * Kea, a host namespace doing SLAAC (accept_ra = 1, forwarding off) forms an
 * address in the delegated /64 and a default route via the router's
 * link-local address (RFC 4861, RFC 4862, RFC 7084 L-2); `rdisc6` (ndisc6)
 * solicits and gets an answer carrying the PIO, the route for the delegated
 * prefix (RFC 4191), RDNSS and DNSSL (RFC 8106); WIDE dhcp6c in info-req
 * mode gets the DNS servers and domains from the stateless server (RFC 9915
 * §18.3.6), which counts and ignores malformed Information-requests; and at
 * stop the host's default route through the router goes away (router
 * lifetime 0, RFC 4861 §6.2.5).
 */
import assert from "node:assert/strict";
import { e2eTest, eventually, withLab } from "./harness.ts";
import { exec, haveProgram } from "../../src/agent/lab/exec.ts";
import { formatIPv6 } from "../../src/dhcp6/ipv6.ts";
import { delegatedSubnet } from "../../src/agent/prefix_delegation.ts";
import {
  defaultRoutes,
  haveRdisc6,
  hostAddressIn,
  LAN_TOML,
  linkLocalOf,
  rdisc6,
  statusJson,
} from "./lan_helpers.ts";

e2eTest(
  "LAN: a host forms a SLAAC address and a default route, hears RDNSS, asks DHCPv6",
  async () => {
    if (!haveRdisc6()) throw new Error("rdisc6 (Debian's ndisc6) is not installed: run install.sh");
    await withLab("lanslaac", async (lab) => {
      const kea = await lab.startKea({
        validLifetime: 7200,
        preferredLifetime: 6000,
        renewTimer: 3600,
        rebindTimer: 5400,
      });
      const host = await lab.addLanHost(0);
      const agent = lab.startAgent(await lab.writeConfig({ extra: LAN_TOML }));
      try {
        const pd = await eventually(
          "Kea's delegated prefix",
          30,
          async () => (await kea.leases()).find((l) => l.type === "IA_PD"),
        );
        const subnet = formatIPv6(
          delegatedSubnet(pd.address, 56, { interfaceName: "lan0", slaId: 1 }).subnet,
        );
        const address = await hostAddressIn(host, subnet, 20);
        assert.equal(address.prefixLength, 64);
        assert.ok(
          address.preferredLifetime <= 2700,
          `preferred ${address.preferredLifetime} (≤ ND_PREFERRED_LIMIT)`,
        );
        assert.ok(
          address.validLifetime <= 5400,
          `valid ${address.validLifetime} (≤ ND_VALID_LIMIT)`,
        );
        const router = await linkLocalOf(lab.routerNs, "lan0");
        const route = await eventually(
          "the host's default route via the router",
          10,
          async () => (await defaultRoutes(host)).find((r) => r.gateway === router),
        );
        assert.equal(route.dev, "host0");

        // An RS from the host gets an answer: rdisc6 prints what the RA carries.
        const heard = await rdisc6(host);
        assert.match(heard, /Router lifetime\s*:\s*1800 \(0x00000708\) seconds/);
        assert.match(heard, new RegExp(`Prefix\\s*:\\s*${subnet}/64`));
        assert.match(heard, /Valid time\s*:\s*5400 \(0x00001518\) seconds/);
        assert.match(heard, /Pref\. time\s*:\s*2700 \(0x00000a8c\) seconds/);
        assert.match(heard, new RegExp(`Route\\s*:\\s*${pd.address}/56`));
        assert.match(heard, /Recursive DNS server\s*:\s*2001:db8:1::53/);
        assert.match(
          heard,
          /DNS server lifetime\s*:\s*60 \(0x0000003c\) seconds/,
          "3 × max_interval",
        );
        assert.match(heard, /DNS search list\s*:\s*lab\.example/);
        assert.match(heard, /Stateful other conf\.\s*:\s*Yes/);
        assert.match(heard, new RegExp(`from ${router}`));

        // A real stateless client: WIDE dhcp6c in info-req mode.
        if (haveProgram("dhcp6c") || haveProgram("/usr/sbin/dhcp6c")) {
          const program = haveProgram("dhcp6c") ? "dhcp6c" : "/usr/sbin/dhcp6c";
          const info = await exec("timeout", ["20", program, "-i", "host0"], host);
          assert.equal(info.code, 0, `dhcp6c -i: ${info.stderr}`);
          assert.match(info.stdout, /2001:db8:1::53/);
          assert.match(info.stdout, /lab\.example/);
        } else {
          throw new Error("WIDE dhcp6c is not installed: run install.sh");
        }
        // Malformed Information-requests: counted and ignored.
        const python = [
          "import socket",
          "s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)",
          "i = socket.if_nametoindex('host0')",
          "for p in [b'\\x0b\\x00', b'\\x0b\\x01\\x02\\x03\\x00\\x01\\x00\\xff\\x00', b'\\x0b\\x01\\x02\\x03\\x00\\x03\\x00\\x0c' + bytes(12)]:",
          "    s.sendto(p, ('ff02::1:2', 547, 0, i))",
        ].join("\n");
        const sent = await exec("python3", ["-c", python], host);
        assert.equal(sent.code, 0, sent.stderr);
        const lan = await eventually("the server's counters", 10, async () => {
          const entry = ((await statusJson(lab)).lan as Record<string, unknown>[])[0]!;
          const server = entry.dhcpv6_server as { dropped: Record<string, number> };
          return (server.dropped.malformed ?? 0) >= 2 ? entry : undefined;
        });
        const server = lan.dhcpv6_server as {
          running: boolean;
          information_requests: number;
          dropped: Record<string, number>;
        };
        assert.equal(server.running, true);
        assert.ok(server.information_requests >= 1);
        assert.equal(server.dropped["ia-in-information-request"], 1);
        const ra = lan.router_advertisements as {
          advertising: boolean;
          router_lifetime: number;
          subnets: { subnet: string; valid: number }[];
          counters: { rs_received: number; ra_solicited: number };
        };
        assert.equal(ra.advertising, true);
        assert.equal(ra.router_lifetime, 1800);
        assert.deepEqual(ra.subnets.map((s) => s.subnet), [`${subnet}/64`]);
        assert.ok(ra.counters.rs_received >= 1 && ra.counters.ra_solicited >= 1);
        const text = await lab.edge6("status", "-c", `${lab.dir}/edge6.toml`, "lan0");
        assert.match(
          text.stdout,
          new RegExp(`lan lan0:\\n  RAs from ${router}  router lifetime 1800s`),
        );
        assert.match(text.stdout, /Information-requests answered/);

        // Stop: router lifetime 0, and the host drops its default route through the router.
        agent.kill("SIGTERM");
        assert.equal(await agent.exited(), 0);
        await eventually(
          "the host's default route via the router to go",
          10,
          async () =>
            (await defaultRoutes(host)).some((r) => r.gateway === router) ? undefined : true,
        );
      } catch (error) {
        console.error(`--- agent log ---\n${agent.log().split("\n").slice(-80).join("\n")}`);
        throw error;
      }
    });
  },
);
