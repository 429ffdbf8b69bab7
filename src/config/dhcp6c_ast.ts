/**
 * The syntax tree of a dhcp6c.conf file, as dhcp6c's cfparse.y defines its
 * statements. Durations are seconds with 0xffffffff for `infinity`.
 * @module
 */

/** Where a construct starts: file, 1-based line and column. */
export interface Where {
  /** The file: the one being loaded, or the one an `include` names. */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly col: number;
}

/** One element of a `send`, `request` or `allow` list. */
export type Dhcp6cOption =
  | { readonly kind: "rapid-commit"; readonly at: Where }
  | { readonly kind: "authentication"; readonly name: string; readonly at: Where }
  | { readonly kind: "ia-na" | "ia-pd"; readonly iaid: number; readonly at: Where }
  /** An informational option named as dhcp6c names it (`domain-name-servers`…). */
  | { readonly kind: "info"; readonly name: string; readonly code: number; readonly at: Where }
  /** `raw-option CODE HEX`; hex is normalised (lowercase, no colons). */
  | { readonly kind: "raw"; readonly code: number; readonly hex: string; readonly at: Where };

/** `address A pltime [vltime]`. */
export interface AddressDecl {
  /** The declaration's keyword. */
  readonly kind: "address";
  /** The address as written. */
  readonly address: string;
  /** Preferred lifetime in seconds. */
  readonly pltime: number;
  /** Valid lifetime in seconds, when given. */
  readonly vltime?: number;
  /** Where it starts in the source. */
  readonly at: Where;
}

/** `prefix P/L pltime [vltime]`. */
export interface PrefixDecl {
  /** The declaration's keyword. */
  readonly kind: "prefix";
  /** The address as written (host bits not yet cleared). */
  readonly address: string;
  /** The prefix length in bits. */
  readonly length: number;
  /** Preferred lifetime in seconds. */
  readonly pltime: number;
  /** Valid lifetime in seconds, when given. */
  readonly vltime?: number;
  /** Where it starts in the source. */
  readonly at: Where;
}

/** A declaration inside `interface`, `host` or `pool` (cfparse.y's `declaration`). */
export type Dhcp6cDecl =
  | { readonly kind: "send" | "request"; readonly options: Dhcp6cOption[]; readonly at: Where }
  | { readonly kind: "allow"; readonly option: Dhcp6cOption; readonly at: Where }
  | { readonly kind: "information-only"; readonly at: Where }
  | { readonly kind: "duid"; readonly value: string; readonly at: Where }
  | AddressDecl
  | PrefixDecl
  | { readonly kind: "preference"; readonly value: number; readonly at: Where }
  | { readonly kind: "script"; readonly path: string; readonly at: Where }
  | { readonly kind: "delayedkey"; readonly name: string; readonly at: Where }
  | { readonly kind: "range"; readonly from: string; readonly to: string; readonly at: Where }
  | {
    readonly kind: "address-pool";
    readonly name: string;
    readonly pltime: number;
    readonly vltime?: number;
    readonly at: Where;
  };

/** A parameter of `prefix-interface`. */
export type Dhcp6cIfParam =
  | { readonly kind: "sla-id" | "sla-len"; readonly value: number; readonly at: Where }
  | { readonly kind: "ifid"; readonly value: bigint | "random" | "eui-64"; readonly at: Where };

/** `prefix-interface IF { … };` */
export interface PrefixInterface {
  /** The statement's keyword. */
  readonly kind: "prefix-interface";
  /** The downstream interface's name. */
  readonly name: string;
  /** The `sla-id`, `sla-len` and `ifid` parameters, in order. */
  readonly params: Dhcp6cIfParam[];
  /** Where it starts in the source. */
  readonly at: Where;
}

/** A parameter of `authentication NAME { … }`. */
export type Dhcp6cAuthParam =
  | { readonly kind: "protocol"; readonly value: "delayed" | "reconfig"; readonly at: Where }
  | { readonly kind: "algorithm"; readonly value: "hmac-md5"; readonly at: Where }
  | { readonly kind: "rdm"; readonly value: "monocounter"; readonly at: Where }
  | { readonly kind: "key"; readonly value: string; readonly at: Where };

/** A parameter of `keyinfo NAME { … }`. */
export type Dhcp6cKeyParam =
  | { readonly kind: "realm" | "secret" | "expire"; readonly value: string; readonly at: Where }
  | { readonly kind: "keyid"; readonly value: number; readonly at: Where };

/**
 * A top-level statement (cfparse.y's `statement`), includes already expanded.
 * `profile` is Debian's: an interface statement under a name of its own.
 */
export type Dhcp6cStatement =
  | {
    readonly kind: "interface" | "profile" | "host" | "pool";
    readonly name: string;
    readonly decls: Dhcp6cDecl[];
    readonly at: Where;
  }
  /** A global `option …` value: a server setting. */
  | { readonly kind: "option"; readonly name: string; readonly at: Where }
  | {
    readonly kind: "id-assoc-na";
    readonly iaid: number;
    readonly addresses: AddressDecl[];
    readonly at: Where;
  }
  | {
    readonly kind: "id-assoc-pd";
    readonly iaid: number;
    readonly items: (PrefixDecl | PrefixInterface)[];
    readonly at: Where;
  }
  | {
    readonly kind: "authentication";
    readonly name: string;
    readonly params: Dhcp6cAuthParam[];
    readonly at: Where;
  }
  | {
    readonly kind: "keyinfo";
    readonly name: string;
    readonly params: Dhcp6cKeyParam[];
    readonly at: Where;
  };
