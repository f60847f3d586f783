import { startEmbeddedSqs } from "../host/embeddedSqs.js";
import { serveUntilParentLeaves } from "./serviceMain.js";

/*
 * The embedded SQS in a process of its own, so the emulator's CPU never counts
 * as a contender's. Prints {"endpoint", "region"} once it listens.
 */
const sqs = await startEmbeddedSqs();
serveUntilParentLeaves({ endpoint: sqs.endpoint, region: sqs.region }, () => sqs.stop());
