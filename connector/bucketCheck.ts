import { randomUUID } from "node:crypto";
import { ConnectorError } from "../core/errors.js";
import { s3Error } from "../core/s3Errors.js";
import { schemaRegistry } from "../core/schemaRegistry.js";
import type { S3Access } from "../operations/context.js";
import type { Step } from "./sqsChecks.js";

/** A bucket to check, optionally with the key prefix payloads go under ("payloads/orders/"). */
export interface BucketTarget {
  bucket?: string | undefined;
}

/**
 * Why a bucket name or key prefix is refused, by the schemas' own rules for
 * largePayload (common.json s3BucketName, s3KeyPrefix); undefined when it passes.
 */
function refusal(definition: "s3BucketName" | "s3KeyPrefix", value: string): string | undefined {
  const registry = schemaRegistry();
  if (registry.validator(`schemas/common.json#/$defs/${definition}`)(value)) return undefined;
  const definitions = (registry.schemaByKey("common.json")?.["$defs"] ?? {}) as Record<
    string,
    { "x-errors"?: { pattern?: { hint?: string } } }
  >;
  return definitions[definition]?.["x-errors"]?.pattern?.hint ?? "see largePayload in schemas/common.json";
}

/**
 * Test connection's S3 steps, run when a bucket is named: HeadBucket (does it
 * exist, in this region?), then a probe object put, read and removed under the
 * key prefix, which is what large payloads do. Least-privilege credentials
 * often may not call HeadBucket (s3:ListBucket) and need not: a denial of any
 * step is a warning naming what it limits; a missing bucket fails.
 */
export async function bucketChecks(
  s3: () => Promise<S3Access>,
  target: BucketTarget,
  step: Step,
  identity: Record<string, string>,
): Promise<void> {
  const named = target.bucket ?? "";
  const slash = named.indexOf("/");
  const bucket = slash === -1 ? named : named.slice(0, slash);
  const prefix = slash === -1 ? "" : named.slice(slash + 1);
  // The rules a largePayload configuration is held to: a check of a place no configuration could name proves nothing.
  const refused = refusal("s3BucketName", bucket) ?? (prefix === "" ? undefined : refusal("s3KeyPrefix", prefix));
  if (refused !== undefined) {
    await step(
      { step: "config", name: "Bucket" },
      async () => {
        throw new ConnectorError("CONFIG_INVALID", `"${named}" is not an S3 bucket name, optionally followed by /keyPrefix: ${refused}.`, {
          field: "bucket",
        });
      },
      () => "",
    );
    return;
  }
  identity["bucket"] = bucket;
  const head = await step(
    {
      step: "s3",
      name: "HeadBucket",
      affects: ["confirming that the bucket exists in this region (s3:ListBucket; large payloads do not need it)"],
    },
    async () => {
      const { client, sdk } = await s3();
      try {
        await client.send(new sdk.HeadBucketCommand({ Bucket: bucket }));
      } catch (error) {
        throw s3Error(error, `HeadBucket for ${bucket}`, "check");
      }
    },
    () => `Bucket ${bucket} reachable`,
  );
  if (!head.ok && head.failure.code !== "PAYLOAD_ACCESS_DENIED") return;
  const key = `${prefix}sqs-connector-probe-${randomUUID()}`;
  const where = `s3://${bucket}/${key}`;
  const probe = async (action: string, send: (access: S3Access) => Promise<unknown>): Promise<void> => {
    try {
      await send(await s3());
    } catch (error) {
      throw s3Error(error, `${action} ${where}`, "check");
    }
  };
  const stored = await step(
    { step: "s3", name: "PutObject (probe)", affects: ["send: storing large bodies under this prefix (s3:PutObject)"] },
    () => probe("PutObject", ({ client, sdk }) => client.send(new sdk.PutObjectCommand({ Bucket: bucket, Key: key, Body: "probe" }))),
    () => `Stored ${where}`,
  );
  if (!stored.ok) return;
  await step(
    { step: "s3", name: "GetObject (probe)", affects: ["receive and listen: reading payloads under this prefix (s3:GetObject)"] },
    () =>
      probe("GetObject", async ({ client, sdk }) => {
        const out = await client.send(new sdk.GetObjectCommand({ Bucket: bucket, Key: key }));
        await out.Body?.transformToString();
      }),
    () => `Read ${where}`,
  );
  await step(
    {
      step: "s3",
      name: "DeleteObject (probe)",
      affects: ["delete: removing payloads after their messages (s3:DeleteObject); the probe object stays"],
    },
    () => probe("DeleteObject", ({ client, sdk }) => client.send(new sdk.DeleteObjectCommand({ Bucket: bucket, Key: key }))),
    () => `Removed ${where}`,
  );
}
