import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { runCli, tempFiles } from "../support/cli.js";
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
];

describe("every usage and configuration error ends the CLI (liveness)", function () {
  this.timeout(LIVENESS_BOUND_MS + 5_000);
  let file: (name: string) => string;
  before(() => {
    file = tempFiles(FILES);
    mkdirSync(file("a-directory"));
    execFileSync("mkfifo", [file("a-fifo")]);
  });

  for (const [what, args, exitCode] of CASES) {
    it(`${what}: exits ${exitCode}, saying why`, async () => {
      const resolved = args.map((arg) => (/\.(json|ndjson)$|^a-(directory|fifo)$/.test(arg) ? file(arg) : arg));
      const run = await runCli(resolved, { killAfterMs: LIVENESS_BOUND_MS });
      assert.equal(run.killed, undefined, `still running after ${LIVENESS_BOUND_MS} ms; stderr so far:\n${run.stderr}`);
      assert.equal(run.code, exitCode, run.stderr);
      assert.notEqual(`${run.stderr}${run.stdout}`.trim(), "");
      assert.doesNotMatch(run.stderr, /^\s+at /m, "no stack trace");
    });
  }
});
