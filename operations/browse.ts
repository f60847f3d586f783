import { GetQueueAttributesCommand, ListQueuesCommand } from "@aws-sdk/client-sqs";
import type { QueueListingOptions } from "../core/generated/browse.options.js";
import type { QueueList } from "../core/generated/browse.output.js";
import { isAccessDenied, sqsError } from "../core/sqsErrors.js";
import type { OperationContext } from "./context.js";

type ValidatedListingOptions = QueueListingOptions & Required<Pick<QueueListingOptions, "maxResults">>;

// Attribute reads run a few at a time: a page may hold up to 1000 queues.
const ATTRIBUTE_READS_IN_PARALLEL = 8;

/**
 * One page of queues for a designer's pick list. FIFO comes from the name;
 * content-based deduplication needs GetQueueAttributes per FIFO queue and is
 * null where that is denied.
 */
export async function listQueues(context: OperationContext, options: ValidatedListingOptions): Promise<QueueList> {
  let page;
  try {
    page = await context.client.send(
      new ListQueuesCommand({
        MaxResults: options.maxResults,
        ...(options.prefix === undefined ? {} : { QueueNamePrefix: options.prefix }),
        ...(options.nextToken === undefined ? {} : { NextToken: options.nextToken }),
      }),
    );
  } catch (error) {
    throw sqsError(error, "ListQueues");
  }
  const urls = page.QueueUrls ?? [];
  const queues: QueueList["queues"] = new Array<QueueList["queues"][number]>(urls.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < urls.length; i = next++) {
      const url = urls[i]!;
      const name = url.slice(url.lastIndexOf("/") + 1);
      const fifo = name.endsWith(".fifo");
      queues[i] = { name, url, fifo, contentBasedDeduplication: fifo ? await contentBasedDeduplication(context, url) : false };
    }
  };
  await Promise.all(Array.from({ length: Math.min(ATTRIBUTE_READS_IN_PARALLEL, urls.length) }, worker));
  return page.NextToken === undefined ? { queues } : { queues, nextToken: page.NextToken };
}

async function contentBasedDeduplication(context: OperationContext, url: string): Promise<boolean | null> {
  try {
    const out = await context.client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["ContentBasedDeduplication"] }));
    return out.Attributes?.ContentBasedDeduplication === "true";
  } catch (error) {
    // Credentials that stopped working fail the listing; anything else (denied,
    // queue deleted meanwhile, a passing fault) just leaves the flag unknown.
    const failure = sqsError(error, "GetQueueAttributes");
    if (failure.kind === "auth" && !isAccessDenied(failure)) throw failure;
    return null;
  }
}
