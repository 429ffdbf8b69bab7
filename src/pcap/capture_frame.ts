/**
 * A captured frame as both capture formats give it (classic pcap and
 * pcapng), with the link type it was captured on.
 * @module
 */

/** One captured frame, from either capture format. */
export interface CaptureFrame {
  /** 1-based frame number across the whole file, as Wireshark counts. */
  readonly frame: number;
  /**
   * Capture time, seconds since the Unix epoch (fractional); absent for a
   * pcapng Simple Packet Block, which carries no timestamp.
   */
  readonly time?: number;
  /** The captured bytes (possibly cut to the snapshot length). */
  readonly data: Uint8Array;
  /** The frame's length on the wire. */
  readonly originalLength: number;
  /** The LINKTYPE_* value of the interface the frame was captured on. */
  readonly linkType: number;
  /** pcapng: the interface's id within its section (the packet block's interface field). */
  readonly interfaceId?: number;
  /** The capturing interface's name, when the file records it (pcapng `if_name`). */
  readonly interfaceName?: string;
}
