import type { LargePayloadsS3 as ReadConfig } from "../../core/generated/receive.config.js";
import type { SqsLimits } from "../../core/manifest.js";
import type { LargePayloadsS3 as SendConfig } from "../../core/generated/send.config.js";
import { SIZE_ATTRIBUTE, type S3Location } from "./pointerFormat.js";

/** What send needs to store bodies (largePayload of the send configuration, defaults applied by the schema). */
export interface OffloadSettings {
  bucket: string;
  keyPrefix: string;
  /** undefined: the queue's maximum message size. */
  thresholdBytes: number | undefined;
  always: boolean;
  sizeAttribute: string;
  expectedBucketOwner: string | undefined;
  maxPayloadBytes: number;
  /** Message attributes of its own an offloaded message may carry: the size attribute takes one of SQS's. */
  attributesLeft: number;
}

/** A bucket, and the key prefix its keys must start with ("" for any key). */
export interface AllowedPlace {
  bucket: string;
  prefix: string;
}

/** What receive, listen and delete need: where pointers may lead, and what to do with objects. */
export interface ReadSettings {
  allowed: AllowedPlace[];
  expectedBucketOwner: string | undefined;
  retainPayloads: boolean;
  maxPayloadBytes: number;
}

type Validated<T, K extends keyof T> = T & Required<Pick<T, K>>;

export function offloadSettings(
  config: Validated<SendConfig, "always" | "attributeName" | "maxPayloadBytes">,
  limits: Pick<SqsLimits, "messageAttributesMax">,
): OffloadSettings {
  return {
    bucket: config.bucket,
    keyPrefix: config.keyPrefix ?? "",
    thresholdBytes: config.thresholdBytes,
    always: config.always,
    sizeAttribute: SIZE_ATTRIBUTE[config.attributeName],
    expectedBucketOwner: config.expectedBucketOwner,
    maxPayloadBytes: config.maxPayloadBytes,
    // SQSExtendedClientConstants.MAX_ALLOWED_ATTRIBUTES is SQS's limit minus this one.
    attributesLeft: limits.messageAttributesMax - 1,
  };
}

export function readSettings(config: Validated<ReadConfig, "retainPayloads" | "maxPayloadBytes">): ReadSettings {
  const allowed: AllowedPlace[] = [];
  if (config.bucket !== undefined) allowed.push({ bucket: config.bucket, prefix: config.keyPrefix ?? "" });
  for (const entry of config.allowedBuckets ?? []) {
    const slash = entry.indexOf("/");
    allowed.push(slash === -1 ? { bucket: entry, prefix: "" } : { bucket: entry.slice(0, slash), prefix: entry.slice(slash + 1) });
  }
  return {
    allowed,
    expectedBucketOwner: config.expectedBucketOwner,
    retainPayloads: config.retainPayloads,
    maxPayloadBytes: config.maxPayloadBytes,
  };
}

/**
 * Whether a pointer may be followed: its bucket is allowed and its key starts
 * with that bucket's prefix. Whoever can write to a queue could otherwise make
 * its consumers read, or delete, any object their credentials reach.
 */
export function isAllowed(settings: ReadSettings, location: S3Location): boolean {
  return settings.allowed.some((place) => place.bucket === location.bucket && location.key.startsWith(place.prefix));
}

/** The allowed places, for messages: "bucket" or "bucket/prefix". */
export function describeAllowed(settings: ReadSettings): string {
  return settings.allowed.map((place) => (place.prefix === "" ? place.bucket : `${place.bucket}/${place.prefix}`)).join(", ");
}
