/** The edge6 version, printed by `edge6 --version`. */
export const VERSION = "0.1.0";
