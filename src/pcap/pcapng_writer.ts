/**
 * Writes pcapng files (draft-ietf-opsawg-pcapng) in either byte order, with
 * several sections and interfaces, Enhanced, Simple and obsolete Packet
 * Blocks and arbitrary other blocks: the shapes the reader must handle, for
 * tests (Wireshark reads these files too, which checks the writer).
 * @module
 */

/** One interface of a section (§4.2). */
export interface PcapngInterfaceSpec {
  /** LINKTYPE_* of its frames. */
  readonly linkType: number;
  /** Snapshot length; default 0 (no limit). */
  readonly snapLength?: number;
  /** `if_name`. */
  readonly name?: string;
  /** `if_tsresol` as the raw byte (6: microseconds, 9: nanoseconds, 0x80|n: 2^-n). */
  readonly tsresol?: number;
  /** `if_tsoffset`, seconds. */
  readonly tsoffset?: number;
}

/** A block after the interface descriptions of a section. */
export type PcapngBlockSpec =
  /** Enhanced Packet Block (§4.3): `ticks` in the interface's units. */
  | {
    readonly kind: "epb";
    readonly iface: number;
    readonly ticks: bigint;
    readonly data: Uint8Array;
  }
  /** Simple Packet Block (§4.4): interface 0, no timestamp. */
  | { readonly kind: "spb"; readonly data: Uint8Array; readonly originalLength?: number }
  /** Obsolete Packet Block (Appendix A). */
  | {
    readonly kind: "opb";
    readonly iface: number;
    readonly ticks: bigint;
    readonly data: Uint8Array;
  }
  /** Any other block, written as given. */
  | { readonly kind: "other"; readonly type: number; readonly body: Uint8Array };

/** A section: its byte order, interfaces and blocks. */
export interface PcapngSectionSpec {
  /** Write the section big-endian (default little-endian). */
  readonly bigEndian?: boolean;
  /** Interface description blocks, in order (their index is the interface id). */
  readonly interfaces: readonly PcapngInterfaceSpec[];
  /** The blocks after the interface descriptions. */
  readonly blocks: readonly PcapngBlockSpec[];
}

/** Builds a pcapng file from its sections. */
export function writePcapng(sections: readonly PcapngSectionSpec[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const s of sections) {
    const le = !s.bigEndian;
    parts.push(block(0x0a0d0d0a, le, (w) => {
      w.u32(0x1a2b3c4d);
      w.u16(1);
      w.u16(0);
      w.i64(-1n); // section length not given
    }));
    for (const i of s.interfaces) {
      parts.push(block(1, le, (w) => {
        w.u16(i.linkType);
        w.u16(0);
        w.u32(i.snapLength ?? 0);
        if (i.name !== undefined) w.option(2, new TextEncoder().encode(i.name));
        if (i.tsresol !== undefined) w.option(9, Uint8Array.of(i.tsresol));
        if (i.tsoffset !== undefined) {
          const v = new Uint8Array(8);
          new DataView(v.buffer).setBigInt64(0, BigInt(i.tsoffset), le);
          w.option(14, v);
        }
        if (i.name !== undefined || i.tsresol !== undefined || i.tsoffset !== undefined) {
          w.u32(0); // opt_endofopt
        }
      }));
    }
    for (const b of s.blocks) parts.push(packetBlock(b, le));
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function packetBlock(b: PcapngBlockSpec, le: boolean): Uint8Array {
  switch (b.kind) {
    case "epb":
    case "opb":
      return block(b.kind === "epb" ? 6 : 2, le, (w) => {
        if (b.kind === "epb") w.u32(b.iface);
        else {
          w.u16(b.iface);
          w.u16(0); // drops
        }
        w.u32(Number(b.ticks >> 32n));
        w.u32(Number(b.ticks & 0xffffffffn));
        w.u32(b.data.length);
        w.u32(b.data.length);
        w.bytes(b.data);
      });
    case "spb":
      return block(3, le, (w) => {
        w.u32(b.originalLength ?? b.data.length);
        w.bytes(b.data);
      });
    case "other":
      return block(b.type, le, (w) => w.bytes(b.body));
  }
}

/** Appends fields to a block body, padding byte runs to 32 bits. */
interface BodyWriter {
  u16(v: number): void;
  u32(v: number): void;
  i64(v: bigint): void;
  bytes(b: Uint8Array): void;
  option(code: number, value: Uint8Array): void;
}

/** type, total length, body (padded), total length. */
function block(type: number, le: boolean, fill: (w: BodyWriter) => void): Uint8Array {
  const body: number[] = [];
  const push = (size: number, set: (v: DataView) => void) => {
    const b = new Uint8Array(size);
    set(new DataView(b.buffer));
    body.push(...b);
  };
  const pad = () => {
    while (body.length % 4 !== 0) body.push(0);
  };
  const w: BodyWriter = {
    u16: (v) => push(2, (d) => d.setUint16(0, v, le)),
    u32: (v) => push(4, (d) => d.setUint32(0, v >>> 0, le)),
    i64: (v) => push(8, (d) => d.setBigInt64(0, v, le)),
    bytes: (b) => {
      body.push(...b);
      pad();
    },
    option: (code, value) => {
      w.u16(code);
      w.u16(value.length);
      w.bytes(value);
    },
  };
  fill(w);
  pad();
  const total = 12 + body.length;
  const out = new Uint8Array(total);
  const v = new DataView(out.buffer);
  v.setUint32(0, type, le);
  v.setUint32(4, total, le);
  out.set(body, 8);
  v.setUint32(total - 4, total, le);
  return out;
}
