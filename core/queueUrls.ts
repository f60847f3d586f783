import { ConnectorError } from "./errors.js";
import { sqsHostRegion, sqsHosts } from "./partitions.js";

/** Where a connection's requests go: its endpoint override, or AWS's SQS endpoint of its region. */
export interface QueueUrlPolicy {
  readonly region: string;
  readonly endpoint: URL | undefined;
}

/**
 * The one check every queue URL passes where it enters the connector (operation
 * configs and CLI flags, delete documents, test-connection targets) before
 * anything is signed. The SQS client never sends a request to a queue URL's host
 * (useQueueUrlAsEndpoint is off), so a queue URL only names a queue; this keeps
 * it from naming one the connection cannot mean. With an endpoint override any
 * http(s) URL is accepted (emulators hand out URLs with hosts of their own), as
 * requests go to the endpoint alone. Without one, the URL must be https on an
 * AWS SQS host of the connection's region (legacy forms included).
 */
export function checkQueueUrl(value: string, policy: QueueUrlPolicy, field = "queueUrl"): string {
  const refuse = (why: string) => new ConnectorError("QUEUE_URL_REFUSED", `${field} ${value} is refused: ${why}`, { field });
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw refuse("it is not a URL; give the queue's URL, e.g. https://sqs.eu-central-1.amazonaws.com/123456789012/orders.");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw refuse("a queue URL starts with https://.");
  if (url.username !== "" || url.password !== "") throw refuse("a queue URL must not contain a user name or password.");
  if (policy.endpoint !== undefined) return value;

  const example = `https://${[...sqsHosts(policy.region)][0]}/123456789012/${url.pathname.split("/").pop() || "name"}`;
  const otherRegion = sqsHostRegion(url.hostname);
  if (otherRegion !== undefined && otherRegion !== policy.region) {
    throw refuse(
      `it names a queue in ${otherRegion}, but the connection's region is ${policy.region}: choose ${otherRegion} as the connection's region (or use a connection for it).`,
    );
  }
  if (otherRegion === undefined) {
    throw refuse(
      `without an endpoint override, requests are signed only for Amazon SQS in ${policy.region}, and ${url.hostname} is not an SQS host of that region. Give the queue's AWS URL (${example}), or set the connection's endpoint to reach an SQS-compatible server.`,
    );
  }
  if (url.protocol !== "https:") throw refuse(`Amazon SQS queue URLs use https://: ${example}.`);
  if (url.port !== "") throw refuse(`Amazon SQS queue URLs name no port: ${example}.`);
  return value;
}
