import nock from "nock";
import { verifySigV4 } from "./sigv4Verifier.js";
import { ACCOUNT, KEYS, REGION } from "./sqsNock.js";

export const KINESIS_ORIGIN = `https://kinesis.${REGION}.amazonaws.com`;
export const STREAM_ARN = `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/sensor-readings`;
/** Where the SDK sends calls that name a stream by ARN: the owning account's data and control endpoints. */
export const DATA_ORIGIN = `https://${ACCOUNT}.data-kinesis.${REGION}.amazonaws.com`;
export const CONTROL_ORIGIN = `https://${ACCOUNT}.control-kinesis.${REGION}.amazonaws.com`;

export type KinesisReply = [number, unknown];

export interface KinesisCall {
  action: string;
  origin: string;
  input: Record<string, unknown>;
  signedBy: string;
}

/**
 * A fake Kinesis Data Streams (AWS JSON 1.1) on every endpoint the SDK may
 * use, for what kinesalite cannot show (stream ARNs, records over 1 MiB,
 * partial failures, throttling). Each request is checked as the service would:
 * SigV4 signature, credential scope (region and service), protocol headers,
 * and for account endpoints that the ARN names that account. Calls are
 * recorded in order.
 */
export function fakeKinesis(
  handler: (action: string, input: Record<string, unknown>, call: number) => KinesisReply,
  secrets: Record<string, string> = { [KEYS.accessKeyId]: KEYS.secretAccessKey },
) {
  const calls: KinesisCall[] = [];
  const scopes = [KINESIS_ORIGIN, DATA_ORIGIN, CONTROL_ORIGIN].map((origin) =>
    nock(origin)
      .persist()
      .post("/")
      .reply(function (_uri, body) {
        const text = typeof body === "string" ? body : JSON.stringify(body);
        const action = String(this.req.headers["x-amz-target"]).replace("Kinesis_20131202.", "");
        const input = JSON.parse(text) as Record<string, unknown>;
        let signedBy: string;
        try {
          checkRequest(origin, this.req.headers, input);
          signedBy = verifySigV4({ method: "POST", path: this.req.path, headers: this.req.headers, body: text }, (id) => secrets[id]);
        } catch (error) {
          calls.push({ action, origin, input, signedBy: "" });
          return reply(kinesisFault(400, "InvalidSignatureException", (error as Error).message));
        }
        calls.push({ action, origin, input, signedBy });
        return reply(handler(action, input, calls.filter((c) => c.action === action).length));
      }),
  );
  return {
    calls,
    of: (action: string) => calls.filter((c) => c.action === action),
    done: () => scopes.forEach((scope) => scope.persist(false)),
  };
}

function checkRequest(origin: string, headers: Record<string, string | string[] | undefined>, input: Record<string, unknown>): void {
  if (headers["content-type"] !== "application/x-amz-json-1.1") throw new Error(`content-type ${String(headers["content-type"])}`);
  const scope = `/${REGION}/kinesis/aws4_request`;
  if (!String(headers["authorization"]).includes(scope)) throw new Error(`credential scope is not ${scope}`);
  const arn = input["StreamARN"];
  if (origin !== KINESIS_ORIGIN && (typeof arn !== "string" || arn.split(":")[4] !== ACCOUNT)) {
    throw new Error("an account endpoint serves only that account's stream ARNs");
  }
}

function reply([status, body]: KinesisReply): [number, string, Record<string, string>] {
  return [status, typeof body === "string" ? body : JSON.stringify(body), { "content-type": "application/x-amz-json-1.1" }];
}

/** A Kinesis error reply as the JSON 1.1 protocol sends it. */
export function kinesisFault(status: number, type: string, message: string): KinesisReply {
  return [status, { __type: type, message }];
}

/** A DescribeStreamSummary reply. */
export function streamSummary(fields: Record<string, unknown> = {}): KinesisReply {
  return [
    200,
    {
      StreamDescriptionSummary: {
        StreamName: "sensor-readings",
        StreamARN: STREAM_ARN,
        StreamStatus: "ACTIVE",
        RetentionPeriodHours: 24,
        StreamCreationTimestamp: 1764000000,
        EnhancedMonitoring: [],
        OpenShardCount: 2,
        ...fields,
      },
    },
  ];
}

export type RecordEntry = { Data: string; PartitionKey: string; ExplicitHashKey?: string };

export const recordsOf = (input: Record<string, unknown>) => input["Records"] as RecordEntry[];
export const textOf = (entry: RecordEntry) => Buffer.from(entry.Data, "base64").toString("utf8");

/** A PutRecords reply: records whose position `fail` returns an error code for fail with it, the rest succeed. */
export function putRecordsReply(
  input: Record<string, unknown>,
  fail: (entry: RecordEntry, position: number) => string | undefined = () => undefined,
): KinesisReply {
  let failed = 0;
  const records = recordsOf(input).map((entry, position) => {
    const code = fail(entry, position);
    if (code === undefined) return { ShardId: "shardId-000000000001", SequenceNumber: `4968${String(position).padStart(10, "0")}` };
    failed += 1;
    return {
      ErrorCode: code,
      ErrorMessage:
        code === "InternalFailure"
          ? "Internal service failure."
          : `Rate exceeded for shard shardId-000000000001 in stream sensor-readings under account ${ACCOUNT}.`,
    };
  });
  return [200, { FailedRecordCount: failed, Records: records }];
}
