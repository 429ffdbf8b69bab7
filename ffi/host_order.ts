/**
 * Host byte order, for the kernel structures (netlink headers, scope ids,
 * control message headers) that are laid out in the machine's own order.
 * @module
 */

/** True on little-endian hosts (x86_64, aarch64 Linux). Pass as `DataView`'s `littleEndian`. */
export const HOST_LE: boolean = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
