import { startFaultProxy } from "../test/support/faultProxy.js";
import { serveUntilParentLeaves } from "./serviceMain.js";

/*
 * A proxy in front of the emulator that adds a fixed round trip to every
 * request (argv: target endpoint, milliseconds), in a process of its own like
 * the emulator: a network as far away as a real SQS endpoint, on loopback.
 * Prints {"url"} once it listens.
 */
const [target, latency] = process.argv.slice(2);
const proxy = await startFaultProxy({ target: target!, latencyMs: Number(latency) });
serveUntilParentLeaves({ url: proxy.url }, () => proxy.close());
