import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdirSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import { execPath } from "node:process";
import { createServer, type AddressInfo } from "node:net";
import { CLI, runCli, tempFiles } from "../support/cli.js";
import { KEYS } from "../support/sqsNock.js";

/*
 * Every usage and configuration error, run through the CLI as a user would:
 * each must end with its exit code. Many start the embedded SQS first (the
 * emulator, sockets and timers must all be released on the error path). The
 * bound is for liveness, not speed: a command still running after it is killed
 * and fails the test.
 */
const LIVENESS_BOUND_MS = 15_000;

const embedded = { authType: "accessKeys", ...KEYS, endpoint: "embedded" };
const aws = { authType: "accessKeys", ...KEYS, region: "eu-central-1" };
const process = (fields: Record<string, unknown>) => ({
  connection: embedded,
  steps: [{ operation: "send", config: { queueName: "q" }, input: [{ body: "x" }] }],
  ...fields,
});

const FILES: Record<string, unknown> = {
  "embedded.json": embedded,
  "aws.json": aws,
  "empty-region.json": { ...embedded, region: "" },
  "bad-auth.json": { ...embedded, authType: "password" },
  "unknown-field.json": { ...embedded, colour: "blue" },
  "insecure.json": { ...aws, endpoint: "http://sqs.example.com" },
  "zero-certificate.json": { authType: "rolesAnywhere", certificate: "@/dev/zero" },
  "fifo-certificate.json": { authType: "rolesAnywhere", certificate: "@a-fifo" },
  "nul-token.json": { ...embedded, sessionToken: "token\u0000with-nul" },
  "surrogate-token.json": { ...embedded, sessionToken: "token\ud800lone" },
  "broken.json": '{"authType": "accessKeys",',
  "list.json": "[1, 2]",
  "send-bad.json": { queueName: 5 },
  "queues-object.json": process({ queues: { name: "q" } }),
  "queues-null.json": process({ queues: [null] }),
  "queues-number-attribute.json": process({ queues: [{ name: "q", attributes: { VisibilityTimeout: 30 } }] }),
  "no-steps.json": { connection: embedded },
  "unknown-operation.json": process({ steps: [{ operation: "purge" }] }),
  "bad-step-config.json": process({ steps: [{ operation: "send", config: { queueName: "q", concurrency: "many" } }] }),
  "refused-queue-url.json": { connection: aws, steps: [{ operation: "send", config: { queueUrl: "http://127.0.0.1:9/123456789012/q" } }] },
  "kinesis.json": { authType: "accessKeys", ...KEYS, kinesisEndpoint: "embedded" },
  "listen-bad.json": { queueName: "q", maxInFlight: 0 },
  "listen-refused-dead-letter.json": { queueName: "q", deadLetterQueueUrl: "https://127.0.0.1:9/123456789012/dlq" },
  "visibility-bad.json": { queueName: "q", visibilityTimeout: 43_201 },
  "put-bad.json": { streamName: "s", concurrency: "many" },
};

/** [what, arguments (file names are resolved), exit code] */
const CASES: Array<[string, string[], number]> = [
  ["no command", [], 2],
  ["an unknown command", ["purge"], 2],
  ["an unknown option", ["send", "--connection", "embedded.json", "--batch-size", "10"], 2],
  ["an option without its value", ["send", "--connection"], 2],
  ["an extra argument", ["browse", "--connection", "embedded.json", "queues"], 2],
  ["no --connection", ["send", "--queue-name", "q"], 2],
  ["a missing connection file", ["send", "--connection", "missing.json"], 2],
  ["a connection file that is not JSON", ["test-connection", "--connection", "broken.json"], 2],
  ["a connection file that is not an object", ["test-connection", "--connection", "list.json"], 2],
  ['region "" with the embedded SQS (send)', ["send", "--connection", "empty-region.json", "--queue-name", "q"], 2],
  ['region "" with the embedded SQS (test-connection)', ["test-connection", "--connection", "empty-region.json"], 2],
  ['region "" with the embedded SQS (receive)', ["receive", "--connection", "empty-region.json", "--queue-name", "q"], 2],
  ["an unknown authType with the embedded SQS", ["browse", "--connection", "bad-auth.json"], 2],
  ["an unknown connection field with the embedded SQS", ["delete", "--connection", "unknown-field.json"], 2],
  ["an http endpoint that is not loopback", ["test-connection", "--connection", "insecure.json"], 2],
  ['"@/dev/zero" as the certificate', ["test-connection", "--connection", "zero-certificate.json"], 2],
  ['"@fifo" as the certificate', ["test-connection", "--connection", "fifo-certificate.json"], 2],
  ["a missing --config file", ["send", "--connection", "embedded.json", "--config", "missing.json"], 2],
  ["a --config directory", ["send", "--connection", "embedded.json", "--config", "a-directory"], 2],
  ["a --config that is not an object", ["receive", "--connection", "embedded.json", "--config", "list.json"], 2],
  ["an invalid send configuration with the embedded SQS", ["send", "--connection", "embedded.json", "--config", "send-bad.json"], 2],
  ["a missing --input file", ["send", "--connection", "embedded.json", "--queue-name", "q", "--input", "missing.ndjson"], 2],
  ["--input naming a directory", ["send", "--connection", "embedded.json", "--queue-name", "q", "--input", "a-directory"], 2],
  ["a non-numeric --max-messages", ["receive", "--connection", "embedded.json", "--queue-name", "q", "--max-messages", "ten"], 2],
  ["a non-numeric --max-results with the embedded SQS", ["browse", "--connection", "embedded.json", "--max-results", "ten"], 2],
  ["--queue-url that is not a URL", ["send", "--connection", "embedded.json", "--queue-url", "orders"], 2],
  [
    "--queue-url naming a host that is not SQS",
    ["send", "--connection", "aws.json", "--queue-url", "http://127.0.0.1:9/123456789012/q"],
    2,
  ],
  ["a session token with a NUL (send)", ["send", "--connection", "nul-token.json", "--queue-name", "q"], 2],
  ["a session token with a NUL (test-connection)", ["test-connection", "--connection", "nul-token.json"], 1],
  ["a session token with a lone surrogate (test-connection)", ["test-connection", "--connection", "surrogate-token.json"], 1],
  ["a session token with a lone surrogate (browse)", ["browse", "--connection", "surrogate-token.json"], 2],
  ["run without a process file", ["run"], 2],
  ["a missing process file", ["run", "missing.json"], 2],
  ["a process file without steps", ["run", "no-steps.json"], 2],
  ['"queues" that is not a list', ["run", "queues-object.json"], 2],
  ['"queues" holding null', ["run", "queues-null.json"], 2],
  ['"queues" with a number as an attribute value', ["run", "queues-number-attribute.json"], 2],
  ["a step with an unknown operation", ["run", "unknown-operation.json"], 2],
  ["a step with an invalid configuration", ["run", "bad-step-config.json"], 2],
  ["a step whose queue URL is refused", ["run", "refused-queue-url.json"], 2],
  ["run --input naming a directory", ["run", "unknown-operation.json", "--input", "a-directory"], 2],
  ["demo --records that is not a number", ["demo", "--records", "many"], 2],
  // The commands added since: listen, changeVisibility, putRecords, credentials, emulator.
  ["listen without a command", ["listen", "--connection", "embedded.json", "--queue-name", "q"], 2],
  [
    "an invalid listen configuration with the embedded SQS",
    ["listen", "--connection", "embedded.json", "--config", "listen-bad.json", "--", "true"],
    2,
  ],
  [
    "an invalid listen configuration with a --worker",
    ["listen", "--connection", "embedded.json", "--config", "listen-bad.json", "--worker", "--", "cat"],
    2,
  ],
  [
    "a refused deadLetterQueueUrl with a --worker",
    ["listen", "--connection", "aws.json", "--config", "listen-refused-dead-letter.json", "--worker", "--", "cat"],
    2,
  ],
  ["listen --max-messages 0", ["listen", "--connection", "embedded.json", "--queue-name", "q", "--max-messages", "0", "--", "true"], 2],
  [
    "listen --idle-exit that is not a number",
    ["listen", "--connection", "embedded.json", "--queue-name", "q", "--idle-exit", "soon", "--", "true"],
    2,
  ],
  [
    "a listen --worker that cannot be started",
    ["listen", "--connection", "embedded.json", "--queue-name", "q", "--worker", "--", "no-such-command-x"],
    2,
  ],
  [
    "changeVisibility --visibility-timeout that is not a number",
    ["changeVisibility", "--connection", "embedded.json", "--visibility-timeout", "x"],
    2,
  ],
  [
    "an invalid changeVisibility configuration with the embedded SQS",
    ["changeVisibility", "--connection", "embedded.json", "--config", "visibility-bad.json"],
    2,
  ],
  [
    "changeVisibility --queue-url naming a host that is not SQS",
    ["changeVisibility", "--connection", "aws.json", "--queue-url", "http://127.0.0.1:9/123456789012/q"],
    2,
  ],
  ["putRecords without a stream with the embedded Kinesis", ["putRecords", "--connection", "kinesis.json"], 2],
  [
    "an invalid putRecords configuration with the embedded Kinesis",
    ["putRecords", "--connection", "kinesis.json", "--config", "put-bad.json"],
    2,
  ],
  ["putRecords --stream-arn that is not an ARN", ["putRecords", "--connection", "kinesis.json", "--stream-arn", "arn:bad"], 2],
  ["credentials without --connection", ["credentials"], 2],
  ["credentials of access keys without --allow-long-term-keys", ["credentials", "--connection", "aws.json"], 2],
  ['credentials with "@/dev/zero" as the certificate', ["credentials", "--connection", "zero-certificate.json"], 2],
  ["emulator --port that is not a number", ["emulator", "--port", "ninety"], 2],
  ["emulator --port out of range", ["emulator", "--port", "70000"], 2],
  ["emulator --port that is taken", ["emulator", "--port", "busy-port"], 2],
  ['emulator --region ""', ["emulator", "--region", ""], 2],
  ["emulator with an unknown option", ["emulator", "--queues", "q"], 2],
  ["emulator --queue with a name SQS refuses", ["emulator", "--queue", "orders fifo"], 2],
  ["emulator --bucket with a name S3 refuses", ["emulator", "--bucket", "Payloads"], 2],
];

/*
 * A run that fails as a whole (credentials refused) while its input pipe is
 * still open, as behind `tail -f` or a gateway that writes now and then: the
 * command ends with its error, not when the writer goes away.
 */
describe("a run that fails as a whole ends the CLI while its input pipe is still open (liveness)", function () {
  this.timeout(LIVENESS_BOUND_MS + 5_000);
  // An SQS endpoint refusing every signature, as AWS does for a wrong secret key.
  const refusing = createHttpServer((_request, response) => {
    response.writeHead(400, { "content-type": "application/x-amz-json-1.0", "x-amzn-query-error": "InvalidSignatureException;Sender" });
    response.end(
      JSON.stringify({
        __type: "com.amazon.coral.service#InvalidSignatureException",
        message: "The request signature we calculated does not match.",
      }),
    );
  });
  let file: (name: string) => string;
  before(async () => {
    await new Promise<void>((resolve) => refusing.listen(0, "127.0.0.1", resolve));
    const endpoint = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}`;
    const queueUrl = `${endpoint}/123456789012/q`;
    file = tempFiles({
      "refused.json": { authType: "accessKeys", ...KEYS, endpoint, maxAttempts: 1 },
      "queue.json": { queueUrl },
      "process.json": { connection: "refused.json", steps: [{ operation: "send", config: { queueUrl } }] },
    });
  });
  after(() => refusing.close());

  const operation = (command: string) => [command, "--connection", "refused.json", "--config", "queue.json"];
  const CASES: Array<[string, string[], unknown]> = [
    ["send", operation("send"), { body: "x" }],
    ["delete", operation("delete"), { receiptHandle: "r" }],
    ["changeVisibility", operation("changeVisibility"), { receiptHandle: "r" }],
    ["send --input /dev/stdin", [...operation("send"), "--input", "/dev/stdin"], { body: "x" }],
    ["run --input /dev/stdin", ["run", "process.json", "--input", "/dev/stdin"], { body: "x" }],
  ];
  for (const [what, args, document] of CASES) {
    it(`${what}: exits 1 with AUTH_FAILED after the first document, its stdin still open`, async () => {
      const resolved = args.map((arg) => (arg.endsWith(".json") ? file(arg) : arg));
      const child = spawn(execPath, [CLI, ...resolved], { stdio: ["pipe", "pipe", "pipe"] });
      let stderr = "";
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
      child.stdout.resume();
      // One document, and the pipe kept open.
      child.stdin.write(`${JSON.stringify(document)}\n`);
      const bound = setTimeout(() => child.kill("SIGKILL"), LIVENESS_BOUND_MS);
      const [code, signal] = (await once(child, "exit")) as [number | null, NodeJS.Signals | null];
      clearTimeout(bound);
      child.stdin.destroy();
      assert.equal(signal, null, `still running after ${LIVENESS_BOUND_MS} ms; stderr so far:\n${stderr}`);
      assert.equal(code, 1, stderr);
      assert.match(stderr, /AUTH_FAILED/);
    });
  }
});

describe("every usage and configuration error ends the CLI (liveness)", function () {
  this.timeout(LIVENESS_BOUND_MS + 5_000);
  let file: (name: string) => string;
  // A port something else listens on, for the emulator.
  const busy = createServer();
  before(async () => {
    file = tempFiles(FILES);
    mkdirSync(file("a-directory"));
    execFileSync("mkfifo", [file("a-fifo")]);
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
  });
  after(() => busy.close());

  for (const [what, args, exitCode] of CASES) {
    it(`${what}: exits ${exitCode}, saying why`, async () => {
      const resolved = args.map((arg) =>
        arg === "busy-port"
          ? String((busy.address() as AddressInfo).port)
          : /\.(json|ndjson)$|^a-(directory|fifo)$/.test(arg)
            ? file(arg)
            : arg,
      );
      const run = await runCli(resolved, { killAfterMs: LIVENESS_BOUND_MS });
      assert.equal(run.killed, undefined, `still running after ${LIVENESS_BOUND_MS} ms; stderr so far:\n${run.stderr}`);
      assert.equal(run.code, exitCode, run.stderr);
      assert.notEqual(`${run.stderr}${run.stdout}`.trim(), "");
      assert.doesNotMatch(run.stderr, /^\s+at /m, "no stack trace");
    });
  }
});
