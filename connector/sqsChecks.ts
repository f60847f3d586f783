import { GetQueueAttributesCommand, GetQueueUrlCommand, ListQueuesCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { randomUUID } from "node:crypto";
import { ConnectorError } from "../core/errors.js";
import type { QueueTarget } from "../operations/queueDirectory.js";
import type { Check } from "./testConnection.js";

export type Step = <T>(
  check: Omit<Check, "status" | "message">,
  run: () => Promise<T>,
  describe: (value: T) => string,
) => Promise<{ ok: true; value: T } | { ok: false; failure: ConnectorError }>;

/**
 * The SQS part of Test connection: the queue (by name, then its attributes), or
 * ListQueues when none is named. An answer counts only when it says what SQS
 * says, not merely because it came: GetQueueUrl names a QueueUrl, GetQueueAttributes
 * (All) lists attributes, ListQueues a list of URLs. SQS leaves the list out for
 * a region without queues, so such an answer is checked with a probe for a queue
 * that cannot exist: SQS says it does not exist (or that the caller may not ask),
 * where a server that answers `{}` to everything answers `{}` again.
 */
export async function sqsChecks(client: SQSClient, target: QueueTarget, step: Step, identity: Record<string, string>): Promise<void> {
  let queueUrl = target.queueUrl;
  if (queueUrl === undefined && target.queueName !== undefined) {
    const name = target.queueName;
    const found = await step(
      { step: "sqs", name: "GetQueueUrl", affects: ["finding the queue by queueName (give queueUrl instead)"] },
      async () => answered(await getQueueUrl(client, name, target.queueOwnerAccountId), "GetQueueUrl", "no QueueUrl"),
      (url) => `Queue ${name} found: ${url}`,
    );
    if (found.ok) queueUrl = found.value;
  }
  if (queueUrl !== undefined) {
    identity.queueUrl = queueUrl;
    await step(
      {
        step: "sqs",
        name: "GetQueueAttributes",
        affects: [
          "FIFO detection (taken from the .fifo suffix)",
          "size checks against the queue's own limit (1 MiB assumed)",
          "content-based deduplication detection (send hashes bodies itself)",
        ],
      },
      async () => {
        const out = await client.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["All"] }));
        const attributes = out.Attributes ?? {};
        return Object.keys(attributes).length > 0 ? attributes : invalidAnswer("GetQueueAttributes", "no attributes");
      },
      (attributes) =>
        `Queue reachable: ${attributes.FifoQueue === "true" ? "FIFO" : "standard"}` +
        (attributes.FifoQueue === "true"
          ? `, content-based deduplication ${attributes.ContentBasedDeduplication === "true" ? "on" : "off"}`
          : "") +
        `, max message ${attributes.MaximumMessageSize ?? "?"} bytes, about ${attributes.ApproximateNumberOfMessages ?? "?"} messages waiting`,
    );
    return;
  }
  if (target.queueName === undefined) {
    await step(
      { step: "sqs", name: "ListQueues", affects: ["browsing queues in the designer"] },
      async () => {
        const { QueueUrls } = await client.send(new ListQueuesCommand({ MaxResults: 1 }));
        if (QueueUrls !== undefined && !Array.isArray(QueueUrls)) return invalidAnswer("ListQueues", "a queue list that is a list");
        if (QueueUrls === undefined) await probeForMissingQueue(client);
        return QueueUrls ?? [];
      },
      (urls) => `SQS reachable (ListQueues${urls.length === 0 ? ": no queues in this region" : ""})`,
    );
  }
}

async function getQueueUrl(client: SQSClient, name: string, owner: string | undefined): Promise<string | undefined> {
  const out = await client.send(
    new GetQueueUrlCommand({ QueueName: name, ...(owner === undefined ? {} : { QueueOwnerAWSAccountId: owner }) }),
  );
  return typeof out.QueueUrl === "string" && out.QueueUrl !== "" ? out.QueueUrl : undefined;
}

/** SQS answers QueueDoesNotExist (or AccessDenied) for a name nobody has; anything else is not SQS. */
async function probeForMissingQueue(client: SQSClient): Promise<void> {
  try {
    const url = await getQueueUrl(client, `sqs-connector-probe-${randomUUID()}`, undefined);
    answered(url, "ListQueues", "no queue list, and GetQueueUrl for a queue that cannot exist answered with no QueueUrl");
  } catch (error) {
    const code = (error as { name?: string }).name;
    if (code === "QueueDoesNotExist" || code === "AWS.SimpleQueueService.NonExistentQueue" || code === "AccessDenied") return;
    throw error;
  }
}

/** The value an SQS answer must hold; without it the answer did not come from SQS (or an SQS-compatible server). */
function answered<T>(value: T | undefined, action: string, lacking: string): T {
  return value !== undefined ? value : invalidAnswer(action, lacking);
}

function invalidAnswer(action: string, lacking: string): never {
  throw new ConnectorError(
    "SQS_RESPONSE_INVALID",
    `${action} answered without what SQS always sends (${lacking}): check that the endpoint is Amazon SQS or an SQS-compatible server.`,
    { step: "sqs" },
  );
}
