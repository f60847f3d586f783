import { ConnectorError } from "../../core/errors.js";
import type { Logger } from "../../core/host.js";
import { kinesisError } from "../../core/kinesisErrors.js";
import type { KinesisLimits } from "../../core/manifest.js";
import type { KinesisAccess } from "../context.js";

/** How an operation or a test names its stream. */
export interface StreamTarget {
  streamName?: string | undefined;
  streamArn?: string | undefined;
}

export interface StreamInfo {
  /** For messages: the stream's name (taken from the ARN when only that is given). */
  name: string;
  /** How requests name the stream: the ARN routes to the owning account's endpoint; both are sent when both are given. */
  selector: { StreamName?: string; StreamARN?: string };
  /** Data plus partition key of one record. */
  maxRecordBytes: number;
  /** AUTO record distribution: Kinesis ignores partition keys, so none is required. */
  partitionKeyOptional: boolean;
  /** False when DescribeStreamSummary was denied and the values above are fallbacks. */
  described: boolean;
}

/**
 * Reads what putRecords needs to know about a stream (DescribeStreamSummary),
 * once per stream per connection. Least-privilege credentials (PutRecords
 * only) get fallbacks instead of a failure: the 1 MiB default record size and
 * partition keys required.
 */
export class StreamDirectory {
  private readonly infos = new Map<string, Promise<StreamInfo>>();

  constructor(
    private readonly kinesis: () => Promise<KinesisAccess>,
    private readonly limits: KinesisLimits,
    private readonly logger: Logger,
  ) {}

  info(target: StreamTarget): Promise<StreamInfo> {
    const selector = streamSelector(target);
    const key = `${selector.StreamARN ?? ""}|${selector.StreamName ?? ""}`;
    let info = this.infos.get(key);
    if (info === undefined) {
      info = this.describe(selector);
      this.infos.set(key, info);
      // A failed read is forgotten so the next run tries again.
      info.catch(() => this.infos.delete(key));
    }
    return info;
  }

  private async describe(selector: StreamInfo["selector"]): Promise<StreamInfo> {
    const name = selector.StreamName ?? streamNameOfArn(selector.StreamARN ?? "");
    const { client, sdk } = await this.kinesis();
    try {
      const out = await client.send(new sdk.DescribeStreamSummaryCommand(selector));
      const summary = out.StreamDescriptionSummary;
      const kib = summary?.MaxRecordSizeInKiB;
      return {
        name,
        selector,
        maxRecordBytes: typeof kib === "number" && kib > 0 ? kib * 1024 : this.limits.recordMaxBytesFallback,
        partitionKeyOptional: summary?.RecordDistributionStrategy === "AUTO",
        described: true,
      };
    } catch (error) {
      const failure = kinesisError(error, `DescribeStreamSummary for ${name}`);
      if (failure.code !== "ACCESS_DENIED") throw failure;
      this.logger.warn(
        `kinesis:DescribeStreamSummary is denied for ${name}: records are checked against the default maximum of ${this.limits.recordMaxBytesFallback} bytes, and every record needs a partition key.`,
      );
      return { name, selector, maxRecordBytes: this.limits.recordMaxBytesFallback, partitionKeyOptional: false, described: false };
    }
  }
}

/**
 * The request field that names a stream; the schemas require at least one of
 * the two. The ARN wins over the name, as the schema says: sending both would
 * leave a mismatch for the service to judge.
 */
export function streamSelector(target: StreamTarget): StreamInfo["selector"] {
  if (target.streamArn !== undefined) return { StreamARN: target.streamArn };
  if (target.streamName !== undefined) return { StreamName: target.streamName };
  throw new ConnectorError("CONFIG_INVALID", "Set streamName or streamArn.", { field: "streamName" });
}

export function streamNameOfArn(arn: string): string {
  return arn.slice(arn.indexOf(":stream/") + ":stream/".length);
}

/** A stream ARN's region must be the connection's: the SDK signs for and routes to the connection's region. */
export function checkStreamRegion(target: StreamTarget, region: string): void {
  const arnRegion = target.streamArn?.split(":")[3];
  if (arnRegion === undefined || arnRegion === region) return;
  throw new ConnectorError(
    "CONFIG_INVALID",
    `streamArn names region ${arnRegion}, but the connection is for ${region}: choose ${arnRegion} as the connection's region, or use a stream of ${region}.`,
    { field: "streamArn" },
  );
}
