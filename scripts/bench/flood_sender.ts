/**
 * Sends a flood of hostile datagrams to a DHCPv6 client's port (546), for
 * the lab benchmark's memory figure: run inside the server namespace,
 *
 *   deno run -A scripts/bench/flood_sender.ts --to ADDRESS --count N
 *
 * It cycles through 64 prepared datagrams of every kind a client must drop
 * (RFC 9915 §16): random bytes, truncated headers and overrunning options,
 * Advertises and Replies for transactions that are not the client's, relay
 * messages and client messages. Sends as fast as the socket takes them and
 * prints how many it sent and how long it took. Only ever sends to the
 * address given, which the benchmark takes from its own namespaces.
 * @module
 */
import { parseArgs } from "node:util";
import { concatBytes } from "../../src/dhcp6/bytes.ts";

/** A DHCPv6 option: code, length, value (RFC 9915 §21.1). */
function option(code: number, value: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + value.length);
  new DataView(out.buffer).setUint16(0, code);
  new DataView(out.buffer).setUint16(2, value.length);
  out.set(value, 4);
  return out;
}

function random(length: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(length));
}

/** A client-server message of `type` with a random transaction id and `options`. */
function message(type: number, options: readonly Uint8Array[]): Uint8Array {
  return concatBytes([new Uint8Array([type]), random(3), ...options]);
}

/** The 64 datagrams the flood cycles through, of every kind a client drops. */
export function hostileDatagrams(): Uint8Array[] {
  const foreignDuid = concatBytes([new Uint8Array([0, 3, 0, 1]), random(6)]);
  const serverDuid = concatBytes([new Uint8Array([0, 2, 0, 0, 0, 9]), random(5)]);
  const out: Uint8Array[] = [];
  for (let i = 0; out.length < 64; i++) {
    switch (i % 8) {
      case 0: // random bytes: mostly undecodable
        out.push(random(1 + Math.floor(Math.random() * 300)));
        break;
      case 1: // a header cut short
        out.push(new Uint8Array([7, 1]));
        break;
      case 2: // an option longer than the datagram
        out.push(concatBytes([message(7, []), new Uint8Array([0, 2, 0xff, 0xff, 1, 2])]));
        break;
      case 3: // a Reply for another transaction
        out.push(message(7, [option(2, serverDuid), option(1, foreignDuid)]));
        break;
      case 4: // an Advertise for another transaction
        out.push(message(2, [option(2, serverDuid), option(1, foreignDuid), option(7, random(1))]));
        break;
      case 5: // a relay message: clients discard them
        out.push(concatBytes([new Uint8Array([12, 0]), random(32), option(9, message(1, []))]));
        break;
      case 6: // a client's Solicit
        out.push(message(1, [option(1, foreignDuid), option(8, new Uint8Array(2))]));
        break;
      default: // a Reply without a Server Identifier
        out.push(message(7, [option(1, foreignDuid), option(13, new Uint8Array([0, 0]))]));
    }
  }
  return out;
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: { to: { type: "string" }, count: { type: "string", default: "60000" } },
  });
  if (values.to === undefined) throw new TypeError("--to ADDRESS is needed");
  const count = Number(values.count);
  const datagrams = hostileDatagrams();
  const socket = Deno.listenDatagram({ transport: "udp", hostname: "::", port: 0 });
  const to: Deno.NetAddr = { transport: "udp", hostname: values.to, port: 546 };
  const started = performance.now();
  let sent = 0;
  for (; sent < count; sent++) {
    try {
      await socket.send(datagrams[sent % datagrams.length]!, to);
    } catch {
      // ENOBUFS and the like: the flood is as fast as the kernel allows
    }
  }
  socket.close();
  console.log(JSON.stringify({ sent, ms: Math.round(performance.now() - started) }));
}
