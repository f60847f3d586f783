import type { PutRecordsRequestEntry } from "@aws-sdk/client-kinesis";
import { documentError, type DocumentError } from "../../core/errors.js";
import type { PutRecordsConfiguration } from "../../core/generated/putRecords.config.js";
import type { PutRecordsDocument } from "../../core/generated/putRecords.input.js";
import type { KinesisLimits } from "../../core/manifest.js";
import type { SchemaRegistry } from "../../core/schemaRegistry.js";
import { validateAgainst } from "../../core/validation.js";
import { tooDeepBody } from "../bodyDepth.js";
import { bodyForPointers, idAtPointer } from "../jsonPointer.js";
import type { Prepared } from "../pipeline/batchPipeline.js";
import type { StreamInfo } from "./streamDirectory.js";

export const PUT_RECORDS_INPUT_SCHEMA = "schemas/putRecords.input.json";
/** Every record of a run goes to one stream, so one batch key serves them all. */
const ONE_STREAM = "stream";

/**
 * Turns one document into a PutRecords entry, or into the error that explains
 * why Kinesis would refuse it: partition key, explicit hash key and size are
 * checked against the stream's own limits before anything is sent.
 */
export function createRecordPreparer(
  config: PutRecordsConfiguration,
  stream: StreamInfo,
  limits: KinesisLimits,
  registry: SchemaRegistry,
): (document: unknown, index: number) => Prepared<PutRecordsRequestEntry> {
  const usesPointers = config.partitionKeyPointer !== undefined || config.explicitHashKeyPointer !== undefined;
  const hashKeyMax = BigInt(limits.explicitHashKeyMax);
  const hashKeyPattern = explicitHashKeyPattern(registry);

  const { bodyMaxDepth } = registry.manifest.documentLimits;

  return (document, index) => {
    const tooDeep = tooDeepBody(document, bodyMaxDepth);
    if (tooDeep !== undefined) return { error: tooDeep };
    const validated = validateAgainst<PutRecordsDocument>(PUT_RECORDS_INPUT_SCHEMA, document, "DOCUMENT_INVALID", registry);
    if (!validated.ok) return { error: validated.error };
    const doc = validated.value;
    const parsedBody = usesPointers ? bodyForPointers(doc.body) : undefined;
    const partitionKey = partitionKeyOf(doc, parsedBody, config, stream, limits);
    if (typeof partitionKey === "object") return { error: partitionKey };
    const explicitHashKey = explicitHashKeyOf(doc, parsedBody, config, hashKeyPattern, hashKeyMax);
    if (typeof explicitHashKey === "object") return { error: explicitHashKey };

    const data = Buffer.from(typeof doc.body === "string" ? doc.body : JSON.stringify(doc.body), "utf8");
    // Kinesis counts the partition key towards a record's size and a request's.
    const bytes = data.byteLength + Buffer.byteLength(partitionKey ?? "");
    if (bytes > stream.maxRecordBytes) {
      return {
        error: documentError(
          "RECORD_TOO_LARGE",
          `The record is ${bytes} bytes (data ${data.byteLength} + partition key); stream ${stream.name} accepts at most ${stream.maxRecordBytes}${stream.described ? "" : " (its MaxRecordSizeInKiB could not be read)"}: shorten the body, or store the payload elsewhere (e.g. S3) and write a reference.`,
          { field: "body" },
        ),
      };
    }
    const entry: PutRecordsRequestEntry = { Data: data };
    if (partitionKey !== undefined) entry.PartitionKey = partitionKey;
    if (explicitHashKey !== undefined) entry.ExplicitHashKey = explicitHashKey;
    const orderKey = config.ordering === "partitionKey" ? partitionKey : undefined;
    return { item: { index, entry, bytes, batchKey: ONE_STREAM, orderKey } };
  };
}

function partitionKeyOf(
  doc: PutRecordsDocument,
  parsedBody: unknown,
  config: PutRecordsConfiguration,
  stream: StreamInfo,
  limits: KinesisLimits,
): string | undefined | DocumentError {
  if (doc.partitionKey !== undefined) return doc.partitionKey;
  const pointer = config.partitionKeyPointer;
  const fromBody = pointer === undefined ? undefined : idAtPointer(parsedBody, pointer);
  if (fromBody !== undefined) {
    const length = [...fromBody].length;
    if (length >= 1 && length <= limits.partitionKeyMaxLength) return fromBody;
    return documentError(
      "PARTITION_KEY_INVALID",
      `The body's value at ${pointer} cannot be a partition key (${length} characters; 1 to ${limits.partitionKeyMaxLength} are allowed): fix the record or choose another partitionKeyPointer.`,
      { field: "partitionKeyPointer" },
    );
  }
  if (config.partitionKey !== undefined) return config.partitionKey;
  if (stream.partitionKeyOptional) return undefined;
  const where = pointer === undefined ? "" : ` (the body has no value at ${pointer})`;
  return documentError(
    "PARTITION_KEY_REQUIRED",
    `Stream ${stream.name} needs a partition key for every record${where}: set partitionKey in the document, partitionKeyPointer, or a default partitionKey in the configuration.`,
    { field: "partitionKey" },
  );
}

function explicitHashKeyOf(
  doc: PutRecordsDocument,
  parsedBody: unknown,
  config: PutRecordsConfiguration,
  pattern: RegExp,
  max: bigint,
): string | undefined | DocumentError {
  const pointer = config.explicitHashKeyPointer;
  const key = doc.explicitHashKey ?? (pointer === undefined ? undefined : idAtPointer(parsedBody, pointer));
  if (key === undefined || (pattern.test(key) && BigInt(key) <= max)) return key;
  const source = doc.explicitHashKey !== undefined ? "explicitHashKey" : `The body's value at ${pointer}`;
  return documentError(
    "EXPLICIT_HASH_KEY_INVALID",
    `${source} is not a decimal number from 0 to 2^128 - 1: fix the record${doc.explicitHashKey !== undefined ? "" : " or choose another explicitHashKeyPointer"}.`,
    { field: doc.explicitHashKey !== undefined ? "explicitHashKey" : "explicitHashKeyPointer" },
  );
}

/** A hash key's form as the input schema states it; a value read at explicitHashKeyPointer is held to the same rule. */
function explicitHashKeyPattern(registry: SchemaRegistry): RegExp {
  const schema = registry.schemas.get(PUT_RECORDS_INPUT_SCHEMA) as { properties: { explicitHashKey: { pattern: string } } };
  return new RegExp(schema.properties.explicitHashKey.pattern);
}
