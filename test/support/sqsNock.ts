import { createHash } from "node:crypto";
import nock from "nock";
import { verifySigV4 } from "./sigv4Verifier.js";

export const REGION = "eu-central-1";
export const ORIGIN = `https://sqs.${REGION}.amazonaws.com`;
export const ACCOUNT = "123456789012";
export const KEYS = { accessKeyId: "AKIAUNITTEST00000001", secretAccessKey: "unit-test-secret-key-0000000000000000001" };

export type SqsReply = [number, unknown] | [number, unknown, Record<string, string>];

export interface SqsCall {
  action: string;
  input: Record<string, unknown>;
  signedBy: string;
}

/**
 * A fake SQS endpoint (AWS JSON 1.0 protocol) for behaviour the emulator cannot
 * show. Every request's SigV4 signature is verified against the known secrets,
 * and calls are recorded in order. A handler may answer later (a long poll).
 */
export function fakeSqs(
  handler: (
    action: string,
    input: Record<string, unknown>,
    call: number,
    headers: Record<string, string | string[] | undefined>,
  ) => SqsReply | Promise<SqsReply>,
  secrets: Record<string, string> = { [KEYS.accessKeyId]: KEYS.secretAccessKey },
) {
  const calls: SqsCall[] = [];
  const scope = nock(ORIGIN)
    .persist()
    .post("/")
    .reply(async function (_uri, body) {
      const text = typeof body === "string" ? body : JSON.stringify(body);
      const action = String(this.req.headers["x-amz-target"]).replace("AmazonSQS.", "");
      const input = JSON.parse(text) as Record<string, unknown>;
      let signedBy: string;
      try {
        signedBy = verifySigV4({ method: "POST", path: this.req.path, headers: this.req.headers, body: text }, (id) => secrets[id]);
      } catch (error) {
        // What SQS answers a request it cannot verify; the test sees it as AUTH_FAILED.
        calls.push({ action, input, signedBy: "" });
        const [status, reply, headers] = sqsFault(403, "SignatureDoesNotMatch", (error as Error).message);
        return [status, JSON.stringify(reply), { "content-type": "application/x-amz-json-1.0", ...headers }];
      }
      calls.push({ action, input, signedBy });
      const [status, reply, headers] = await handler(action, input, calls.filter((c) => c.action === action).length, this.req.headers);
      return [
        status,
        typeof reply === "string" ? reply : JSON.stringify(reply),
        { "content-type": "application/x-amz-json-1.0", ...headers },
      ];
    });
  return {
    calls,
    of: (action: string) => calls.filter((c) => c.action === action),
    done: () => scope.persist(false),
  };
}

/** An SQS error reply as the JSON protocol sends it. */
export function sqsFault(status: number, type: string, message: string, queryCode?: string): SqsReply {
  const headers: Record<string, string> =
    queryCode === undefined ? {} : { "x-amzn-query-error": `${queryCode};${status < 500 ? "Sender" : "Receiver"}` };
  return [status, { __type: `com.amazonaws.sqs#${type}`, message }, headers];
}

export const md5 = (text: string) => createHash("md5").update(text).digest("hex");

/** A SendMessageBatch reply: the listed entry ids succeed (with correct MD5s), the failures are returned as given. */
export function sendBatchReply(
  input: Record<string, unknown>,
  failed: Array<{ Id: string; SenderFault: boolean; Code: string; Message?: string }> = [],
): SqsReply {
  const entries = input["Entries"] as Array<{ Id: string; MessageBody: string }>;
  const failedIds = new Set(failed.map((f) => f.Id));
  return [
    200,
    {
      Successful: entries
        .filter((e) => !failedIds.has(e.Id))
        .map((e) => ({ Id: e.Id, MessageId: `m-${e.Id}`, MD5OfMessageBody: md5(e.MessageBody) })),
      Failed: failed,
    },
  ];
}

export function queueUrl(name: string): string {
  return `${ORIGIN}/${ACCOUNT}/${name}`;
}

export function connectionFor(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { authType: "accessKeys", ...KEYS, region: REGION, maxAttempts: 3, ...overrides };
}

export function isolateNetwork(): void {
  before(() => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
  });
  afterEach(() => nock.cleanAll());
  after(() => nock.enableNetConnect());
}
