import type { QueueListingOptions } from "../../core/generated/browse.options.js";
import type { StreamList } from "../../core/generated/browse.output.js";
import { kinesisError } from "../../core/kinesisErrors.js";
import type { KinesisAccess } from "../context.js";

type ValidatedListingOptions = QueueListingOptions & Required<Pick<QueueListingOptions, "maxResults">>;

/**
 * One page of streams for a designer's pick list. ListStreams has no name
 * filter, so a prefix is applied here, reading on until the page is full or
 * the streams run out. Paging uses ExclusiveStartStreamName (the last name
 * seen), which every Kinesis and its emulators understand; nextToken is that
 * name.
 */
export async function listStreams(kinesis: KinesisAccess, options: ValidatedListingOptions): Promise<StreamList> {
  const streams: StreamList["streams"] = [];
  let after = options.nextToken;
  for (;;) {
    let page;
    try {
      page = await kinesis.client.send(
        new kinesis.sdk.ListStreamsCommand({
          Limit: options.maxResults,
          ...(after === undefined ? {} : { ExclusiveStartStreamName: after }),
        }),
      );
    } catch (error) {
      throw kinesisError(error, "ListStreams");
    }
    const names = page.StreamNames ?? [];
    const summaries = new Map((page.StreamSummaries ?? []).map((summary) => [summary.StreamName, summary]));
    for (const name of names) {
      after = name;
      if (options.prefix !== undefined && !name.startsWith(options.prefix)) continue;
      const summary = summaries.get(name);
      streams.push({
        name,
        ...(summary?.StreamARN === undefined ? {} : { arn: summary.StreamARN }),
        ...(summary?.StreamStatus === undefined ? {} : { status: summary.StreamStatus }),
        ...(summary?.StreamModeDetails?.StreamMode === undefined ? {} : { mode: summary.StreamModeDetails.StreamMode }),
      });
      if (streams.length === options.maxResults) {
        return page.HasMoreStreams === true || name !== names.at(-1) ? { streams, nextToken: name } : { streams };
      }
    }
    if (page.HasMoreStreams !== true || names.length === 0) return { streams };
  }
}
