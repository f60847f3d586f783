import { partition } from "@aws-sdk/core/client";

/**
 * AWS host names of a region, from the partition data the AWS SDK ships (the
 * same data its endpoint rules read): DNS suffixes of aws, aws-cn, aws-us-gov,
 * the ISO partitions and aws-eusc, and which of them offer FIPS and dual-stack
 * endpoints. A region the data does not list falls into the partition whose
 * region pattern it matches, else aws, as the SDK does.
 */

/** `<service>.<region>.<dnsSuffix>`: the regional endpoint of services named this way (Roles Anywhere). */
export function regionalHost(service: string, region: string): string {
  return `${service}.${region}.${partition(region).dnsSuffix}`;
}

// SQS's own names in a partition: current endpoints (plain, FIPS, dual-stack), and the
// legacy `<region>.queue.<suffix>` (plus `queue.amazonaws.com` for us-east-1) that older
// SDKs and the console handed out as queue URLs. See the SQS endpoints page of the AWS
// General Reference; test/unit/queueUrls.test.ts checks these against the SDK's SQS rules.
const LEGACY_GLOBAL_QUEUE_REGION = "us-east-1";

/** Every host name under which SQS serves the queues of `region`. */
export function sqsHosts(region: string): ReadonlySet<string> {
  const { dnsSuffix, dualStackDnsSuffix, supportsFIPS, supportsDualStack } = partition(region);
  const suffixes = supportsDualStack ? [dnsSuffix, dualStackDnsSuffix] : [dnsSuffix];
  const prefixes = supportsFIPS ? ["sqs", "sqs-fips"] : ["sqs"];
  const hosts = new Set(suffixes.flatMap((suffix) => prefixes.map((prefix) => `${prefix}.${region}.${suffix}`)));
  hosts.add(`${region}.queue.${dnsSuffix}`);
  if (region === LEGACY_GLOBAL_QUEUE_REGION) hosts.add(`queue.${dnsSuffix}`);
  return hosts;
}

/** The region an SQS host name belongs to, when it is one (to say which region a refused queue URL is in). */
export function sqsHostRegion(hostname: string): string | undefined {
  const [first, second] = hostname.split(".");
  const candidate = first === "sqs" || first === "sqs-fips" ? second : second === "queue" ? first : undefined;
  if (candidate !== undefined && sqsHosts(candidate).has(hostname)) return candidate;
  return sqsHosts(LEGACY_GLOBAL_QUEUE_REGION).has(hostname) ? LEGACY_GLOBAL_QUEUE_REGION : undefined;
}
