import { startEmbeddedKinesis } from "../host/embeddedKinesis.js";
import { serveUntilParentLeaves } from "./serviceMain.js";

/*
 * The embedded Kinesis in a process of its own, so the emulator's CPU never
 * counts as a contender's. Prints {"endpoint", "region"} once it listens.
 */
const kinesis = await startEmbeddedKinesis();
serveUntilParentLeaves({ endpoint: kinesis.endpoint, region: kinesis.region }, () => kinesis.stop());
