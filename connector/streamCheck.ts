import { ConnectorError } from "../core/errors.js";
import { kinesisError } from "../core/kinesisErrors.js";
import type { KinesisLimits } from "../core/manifest.js";
import type { KinesisAccess } from "../operations/context.js";
import { streamNameOfArn, streamSelector, type StreamTarget } from "../operations/putRecords/streamDirectory.js";
import type { Step } from "./sqsChecks.js";

const WRITABLE = new Set(["ACTIVE", "UPDATING"]);

/**
 * Test connection's Kinesis step, run when a stream is named: DescribeStreamSummary
 * through the connection's Kinesis client. A denial is a warning (PutRecords
 * alone is a supported least-privilege setup); a missing or inactive stream fails.
 */
export async function streamChecks(
  kinesis: () => Promise<KinesisAccess>,
  limits: KinesisLimits,
  target: StreamTarget,
  step: Step,
  identity: Record<string, string>,
): Promise<void> {
  const selector = streamSelector(target);
  const name = selector.StreamName ?? streamNameOfArn(selector.StreamARN ?? "");
  const fallbackKiB = limits.recordMaxBytesFallback / 1024;
  const described = await step(
    {
      step: "kinesis",
      name: "DescribeStreamSummary",
      affects: [
        `reading the stream's maximum record size (${fallbackKiB} KiB assumed)`,
        "detecting AUTO record distribution (a partition key is then required for every record)",
      ],
    },
    async () => {
      const { client, sdk } = await kinesis();
      let summary;
      try {
        summary = (await client.send(new sdk.DescribeStreamSummaryCommand(selector))).StreamDescriptionSummary;
      } catch (error) {
        throw kinesisError(error, `DescribeStreamSummary for ${name}`);
      }
      const status = summary?.StreamStatus ?? "unknown";
      if (!WRITABLE.has(status)) {
        throw new ConnectorError("STREAM_NOT_FOUND", `Stream ${name} is ${status}: it accepts records once it is ACTIVE.`, {
          step: "kinesis",
        });
      }
      return summary;
    },
    (summary) =>
      `Stream ${name} reachable: ${summary?.StreamStatus ?? "?"}, ${summary?.OpenShardCount ?? "?"} open shards` +
      (summary?.StreamModeDetails?.StreamMode === undefined ? "" : `, ${summary.StreamModeDetails.StreamMode} mode`) +
      `, records up to ${summary?.MaxRecordSizeInKiB ?? fallbackKiB} KiB`,
  );
  if (described.ok && described.value?.StreamARN !== undefined) identity["streamArn"] = described.value.StreamARN;
}
