import { connect } from "../../connector/index.js";
import { EMBEDDED_CREDENTIALS } from "../../host/embeddedSqs.js";
import type { RunSpec } from "../protocol.js";
import { iotRecord } from "../records.js";
import type { Contender } from "./contender.js";
import { tallyResults } from "./tally.js";

/** The connector's putRecords with its defaults: the device id as partition key, each device's order kept. */
export const connectorPutRecords: Contender = async (spec) => putRecordsThroughConnector(spec, "partitionKey");

/** The same without ordering: requests fill up to 500 records whatever their keys. */
export const connectorPutRecordsUnordered: Contender = async (spec) => putRecordsThroughConnector(spec, "none");

async function putRecordsThroughConnector(spec: RunSpec, ordering: "partitionKey" | "none") {
  const connection = connect({ authType: "accessKeys", ...EMBEDDED_CREDENTIALS, region: spec.region, kinesisEndpoint: spec.endpoint });
  const operation = connection.operation("putRecords", {
    streamName: spec.streamName,
    partitionKeyPointer: "/deviceId",
    concurrency: spec.concurrency,
    ordering,
  });
  function* documents(): Generator<{ body: unknown }> {
    for (let index = 0; index < spec.count; index++) yield { body: iotRecord(index, spec.groups) };
  }
  return {
    run: () => tallyResults(operation.execute(documents())),
    close: async () => connection.close(),
  };
}
