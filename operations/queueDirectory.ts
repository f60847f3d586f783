import { GetQueueAttributesCommand, GetQueueUrlCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { ConnectorError } from "../core/errors.js";
import type { Logger } from "../core/host.js";
import type { SqsLimits } from "../core/manifest.js";
import { checkQueueUrl, type QueueUrlPolicy } from "../core/queueUrls.js";
import { isAccessDenied, sqsError } from "../core/sqsErrors.js";

/** How an operation names its queue (the shared queue fields of every operation config). */
export interface QueueTarget {
  queueUrl?: string | undefined;
  queueName?: string | undefined;
  queueOwnerAccountId?: string | undefined;
}

export interface QueueInfo {
  url: string;
  name: string;
  fifo: boolean;
  /** undefined when the attributes could not be read (least-privilege credentials). */
  contentBasedDeduplication: boolean | undefined;
  maxMessageBytes: number;
  /** False when GetQueueAttributes was denied and the values above are fallbacks. */
  attributesKnown: boolean;
}

/**
 * Resolves queue names to URLs and reads the attributes send needs, once per
 * queue per connection. Least-privilege credentials (SendMessage only) get
 * fallbacks instead of failures: FIFO from the `.fifo` suffix, the service's
 * maximum size, content-based deduplication unknown.
 */
export class QueueDirectory {
  private readonly urls = new Map<string, Promise<string>>();
  private readonly infos = new Map<string, Promise<QueueInfo>>();

  constructor(
    private readonly client: SQSClient,
    private readonly limits: SqsLimits,
    private readonly logger: Logger,
    private readonly policy: QueueUrlPolicy,
  ) {}

  /** A queue URL that entered from outside (a config, a document), checked before anything is signed for it. */
  check(queueUrl: string, field = "queueUrl"): string {
    return checkQueueUrl(queueUrl, this.policy, field);
  }

  /** The queue URL for a target; GetQueueUrl only when a name is given. */
  async url(target: QueueTarget): Promise<string> {
    if (target.queueUrl !== undefined) return this.check(target.queueUrl);
    if (target.queueName === undefined) throw new ConnectorError("CONFIG_INVALID", "Set queueUrl or queueName.", { field: "queueUrl" });
    const key = `${target.queueOwnerAccountId ?? ""}/${target.queueName}`;
    return remember(this.urls, key, () => this.lookUpUrl(target.queueName!, target.queueOwnerAccountId));
  }

  /** URL plus the attributes that shape sending. */
  async info(target: QueueTarget): Promise<QueueInfo> {
    const url = await this.url(target);
    return remember(this.infos, url, () => this.readInfo(url));
  }

  private async lookUpUrl(queueName: string, owner: string | undefined): Promise<string> {
    try {
      const out = await this.client.send(
        new GetQueueUrlCommand({ QueueName: queueName, ...(owner === undefined ? {} : { QueueOwnerAWSAccountId: owner }) }),
      );
      if (typeof out.QueueUrl !== "string" || out.QueueUrl === "") {
        throw new ConnectorError(
          "SQS_RESPONSE_INVALID",
          `GetQueueUrl for ${queueName} answered without a QueueUrl: check that the endpoint is SQS.`,
          {
            step: "sqs",
          },
        );
      }
      return out.QueueUrl;
    } catch (error) {
      const failure = sqsError(error, `GetQueueUrl for ${queueName}`);
      if (isAccessDenied(failure)) {
        throw new ConnectorError(
          "QUEUE_URL_REQUIRED",
          `These credentials may not call sqs:GetQueueUrl, so the queue cannot be found by name: set queueUrl (https://sqs.<region>.amazonaws.com/<account>/${queueName}) instead of queueName.`,
          { field: "queueUrl", cause: error, step: "sqs" },
        );
      }
      throw failure;
    }
  }

  private async readInfo(url: string): Promise<QueueInfo> {
    const name = url.slice(url.lastIndexOf("/") + 1);
    try {
      const out = await this.client.send(
        new GetQueueAttributesCommand({
          QueueUrl: url,
          AttributeNames: ["FifoQueue", "ContentBasedDeduplication", "MaximumMessageSize"],
        }),
      );
      const attributes = out.Attributes ?? {};
      const maxSize = Number(attributes.MaximumMessageSize);
      return {
        url,
        name,
        fifo: attributes.FifoQueue === "true",
        contentBasedDeduplication: attributes.ContentBasedDeduplication === "true",
        maxMessageBytes: Number.isFinite(maxSize) && maxSize > 0 ? maxSize : this.limits.messageMaxBytesFallback,
        attributesKnown: true,
      };
    } catch (error) {
      const failure = sqsError(error, `GetQueueAttributes for ${name}`);
      if (!isAccessDenied(failure)) throw failure;
      this.logger.warn(
        `sqs:GetQueueAttributes is denied for ${name}: FIFO is taken from the .fifo suffix, the size limit is assumed to be ${this.limits.messageMaxBytesFallback} bytes, and content-based deduplication is unknown.`,
      );
      return {
        url,
        name,
        fifo: name.endsWith(".fifo"),
        contentBasedDeduplication: undefined,
        maxMessageBytes: this.limits.messageMaxBytesFallback,
        attributesKnown: false,
      };
    }
  }
}

/** Caches a lookup's promise; a failed lookup is forgotten so the next call tries again. */
function remember<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let promise = cache.get(key);
  if (promise === undefined) {
    promise = load();
    cache.set(key, promise);
    promise.catch(() => cache.delete(key));
  }
  return promise;
}
