import type { SQSClient } from "@aws-sdk/client-sqs";
import type { CredentialSource } from "../auth/credentialSource.js";
import type { KinesisAccess, S3Access } from "../operations/context.js";
import type { StreamTarget } from "../operations/putRecords/streamDirectory.js";
import type { QueueDirectory, QueueTarget } from "../operations/queueDirectory.js";
import { ConnectorError, type FailureStep } from "../core/errors.js";
import type { TestConnectionReport } from "../core/generated/test-report.js";
import type { KinesisLimits } from "../core/manifest.js";
import { sqsError } from "../core/sqsErrors.js";
import { bucketChecks, type BucketTarget } from "./bucketCheck.js";
import { sqsChecks } from "./sqsChecks.js";
import { streamChecks } from "./streamCheck.js";

export type Check = TestConnectionReport["checks"][number];

export interface ConnectionTestParts {
  client: SQSClient;
  credentials: CredentialSource;
  identity: Record<string, string>;
  queues: QueueDirectory;
  /** The connection's Kinesis client, loaded only when a stream is to be checked. */
  kinesis: () => Promise<KinesisAccess>;
  /** The record size assumed where a stream reports none (manifest.json kinesisLimits). */
  kinesisLimits: KinesisLimits;
  /** The connection's S3 client, loaded only when a bucket is to be checked. */
  s3: () => Promise<S3Access>;
}

/** What a test checks beyond the credentials: a queue, a stream, a bucket (for large payloads), or several. */
export type ConnectionTestTarget = QueueTarget & StreamTarget & BucketTarget;

/**
 * Test connection: local certificate checks, then credentials, then a real SQS
 * call. A denied permission is a warning naming what it limits, because
 * least-privilege credentials (send only) are a supported setup; only a failure
 * that stops every operation fails the test. Never throws for such failures.
 */
export async function runConnectionTest(parts: ConnectionTestParts, target: ConnectionTestTarget = {}): Promise<TestConnectionReport> {
  const started = performance.now();
  const checks: Check[] = [];
  const identity: Record<string, string> = { ...parts.identity };
  const step = async <T>(check: Omit<Check, "status" | "message">, run: () => Promise<T>, describe: (value: T) => string) => {
    const t0 = performance.now();
    try {
      const value = await run();
      checks.push({ ...check, status: "passed", message: describe(value), elapsedMs: since(t0) });
      return { ok: true as const, value };
    } catch (error) {
      const failure = error instanceof ConnectorError ? error : sqsError(error, check.name ?? check.step);
      checks.push({ ...check, ...failedOrWarning(failure), elapsedMs: since(t0) });
      return { ok: false as const, failure };
    }
  };

  const refusal = queueUrlRefusal(parts.queues, target);
  if (refusal !== undefined) {
    checks.push({ step: "config", name: "Queue URL", ...failedOrWarning(refusal), elapsedMs: 0 });
    return report(checks, identity, started);
  }
  if (parts.credentials.authType === "rolesAnywhere") {
    const certificate = await step(
      { step: "certificate", name: "Certificate and private key" },
      () => parts.credentials.preflight(),
      describeFacts,
    );
    if (!certificate.ok) return report(checks, identity, started);
    Object.assign(identity, certificate.value);
  }
  const credentials = await step(
    { step: "credentials", name: parts.credentials.authType === "rolesAnywhere" ? "Roles Anywhere CreateSession" : "Credentials" },
    async () => withKeys(await parts.credentials.provider()),
    (found) =>
      `Credentials for access key ${found.accessKeyId.slice(0, 4)}…${found.accessKeyId.slice(-4)}` +
      (found.expiration === undefined ? "" : `, valid until ${found.expiration.toISOString()}`),
  );
  if (!credentials.ok) return report(checks, identity, started);
  const streamNamed = target.streamName !== undefined || target.streamArn !== undefined;
  const bucketNamed = target.bucket !== undefined;
  // Without a queue, SQS is checked unless the test is about a stream or a bucket only.
  if ((!streamNamed && !bucketNamed) || target.queueUrl !== undefined || target.queueName !== undefined)
    await sqsChecks(parts.client, target, step, identity);
  if (streamNamed) await streamChecks(parts.kinesis, parts.kinesisLimits, target, step, identity);
  if (bucketNamed) await bucketChecks(parts.s3, target, step, identity);
  return report(checks, identity, started);
}

/** Credentials count only with keys in them (a source that answered with an empty set found none). */
function withKeys<T extends { accessKeyId?: unknown; secretAccessKey?: unknown }>(found: T): T & { accessKeyId: string } {
  const present = (value: unknown) => typeof value === "string" && value !== "";
  if (!present(found.accessKeyId) || !present(found.secretAccessKey)) {
    throw new ConnectorError("CREDENTIALS_MISSING", "The credential source answered without an access key id and secret key.", {
      step: "credentials",
    });
  }
  return found as T & { accessKeyId: string };
}

/** A target queue URL is checked like every other, before anything is signed. */
function queueUrlRefusal(queues: QueueDirectory, target: QueueTarget): ConnectorError | undefined {
  if (target.queueUrl === undefined) return undefined;
  try {
    queues.check(target.queueUrl);
    return undefined;
  } catch (error) {
    if (error instanceof ConnectorError) return error;
    throw error;
  }
}

/** A denied permission (SQS, Kinesis, S3) proves the credentials work (AWS authenticates before it authorises): a warning. */
function failedOrWarning(failure: ConnectorError): Pick<Check, "status" | "message" | "code"> & Partial<Pick<Check, "step">> {
  const status = failure.code === "ACCESS_DENIED" || failure.code === "PAYLOAD_ACCESS_DENIED" ? "warning" : "failed";
  const step: FailureStep = failure.step ?? "sqs";
  return { status, message: failure.message, code: failure.code, ...(status === "failed" ? { step } : {}) };
}

function report(checks: Check[], identity: Record<string, string>, started: number): TestConnectionReport {
  const failed = checks.find((c) => c.status === "failed");
  const warnings = checks.filter((c) => c.status === "warning");
  const elapsedMs = since(started);
  if (failed !== undefined) {
    return {
      ok: false,
      failedStep: failed.step,
      ...(failed.code === undefined ? {} : { code: failed.code }),
      message: failed.message,
      elapsedMs,
      identity,
      checks,
    };
  }
  const message =
    warnings.length === 0
      ? "Connection works."
      : `Connection works, with limits: ${warnings.map((w) => `${w.name ?? w.step} is denied (affects ${(w.affects ?? []).join("; ")})`).join(". ")}.`;
  return { ok: true, message, elapsedMs, identity, checks };
}

function describeFacts(facts: Record<string, string>): string {
  return Object.entries(facts)
    .map(([key, value]) => `${key}: ${value}`)
    .join(", ");
}

function since(start: number): number {
  return Math.round(performance.now() - start);
}
