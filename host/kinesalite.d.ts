// kinesalite ships no types; this is the part of its API the embedded Kinesis uses.
declare module "kinesalite" {
  import type { Server } from "node:http";

  interface KinesaliteOptions {
    /** Delays of stream state changes (CREATING -> ACTIVE, ...); default 500 ms each. */
    createStreamMs?: number;
    deleteStreamMs?: number;
    updateStreamMs?: number;
    shardLimit?: number;
    /** A LevelDB directory (needs the native leveldown); in memory without it. */
    path?: string;
  }

  function kinesalite(options?: KinesaliteOptions): Server;
  export = kinesalite;
}
