import { connect } from "../../connector/index.js";
import { EMBEDDED_CREDENTIALS } from "../../host/embeddedSqs.js";
import type { RunSpec } from "../protocol.js";
import { iotRecord } from "../records.js";
import type { Contender } from "./contender.js";
import { tallyResults } from "./tally.js";

/** The connector's send, fed from a generator as a host streams documents. */
export const connectorSend: Contender = async (spec) => sendThroughConnector(spec, () => recordDocuments(spec));

/** The same, fed from an object-mode Readable: the memory scenario's input. */
export const connectorSendFromStream: Contender = async (spec) => {
  const { Readable } = await import("node:stream");
  return sendThroughConnector(spec, () => Readable.from(recordDocuments(spec)));
};

async function sendThroughConnector(spec: RunSpec, documents: () => Iterable<unknown> | AsyncIterable<unknown>) {
  const connection = connect({ authType: "accessKeys", ...EMBEDDED_CREDENTIALS, region: spec.region, endpoint: spec.endpoint });
  const operation = connection.operation("send", {
    queueUrl: spec.queueUrl,
    ...spec.connectorConfig,
    ...(spec.fifo ? { messageGroupIdPointer: "/deviceId", messageDeduplicationIdPointer: "/recordKey" } : {}),
  });
  return {
    run: () => tallyResults(operation.execute(documents())),
    close: async () => connection.close(),
  };
}

function* recordDocuments(spec: RunSpec): Generator<{ body: unknown }> {
  for (let index = 0; index < spec.count; index++) yield { body: iotRecord(index, spec.groups) };
}
