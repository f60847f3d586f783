import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { connect } from "../../connector/connection.js";
import type { Logger } from "../../core/host.js";
import { runCli, tempFiles } from "../support/cli.js";
import { collect, useEmbeddedSqs } from "../support/embeddedSqs.js";
import { createRootCa } from "../support/pki.js";
import { useLocalRolesAnywhere } from "../support/rolesAnywhere/useLocalRolesAnywhere.js";
import { fakeSqs, isolateNetwork, queueUrl, REGION, sqsFault } from "../support/sqsNock.js";

const SECRET_KEY = "SeCrEtKeY/DoNotLeak+0123456789abcdefghij";
const SESSION_TOKEN = "SeSsIoNtOkEn-DoNotLeak-IQoJb3JpZ2luX2VjEOz";
const PASSPHRASE = "PaSsPhRaSe-DoNotLeak-42";
// Long enough to have broken a redactor built as one regular expression (over 32 KiB).
const LONG_SECRET = randomBytes(30_000).toString("base64");

/** Every text an error can show: message, stack and the whole cause chain. */
function everyText(error: unknown): string {
  const parts: string[] = [];
  for (let current: unknown = error; current !== undefined && current !== null; current = (current as { cause?: unknown }).cause) {
    parts.push(current instanceof Error ? `${current.message}\n${current.stack ?? ""}` : JSON.stringify(current));
    parts.push(JSON.stringify(current));
  }
  return parts.join("\n");
}

function recordingLogger(lines: string[]): Logger {
  const log = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  return { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") };
}

describe("secrets never leak", function () {
  this.timeout(30_000);
  const root = createRootCa({ keyAlgorithm: "rsa" });
  const leaf = root.issueLeaf({ keyAlgorithm: "rsa" });
  const other = root.issueLeaf({ keyAlgorithm: "p256" });
  const encryptedKey = leaf.privateKeyPem("pkcs8-encrypted", PASSPHRASE);
  const plainOtherKey = other.privateKeyPem("sec1");
  /** The secrets and recognisable pieces of the PEM keys (a leaked fragment counts). */
  const secrets = [
    SECRET_KEY,
    SESSION_TOKEN,
    PASSPHRASE,
    ...Array.from({ length: 10 }, (_, i) => LONG_SECRET.slice(i * 4000, i * 4000 + 32)),
    ...[encryptedKey, plainOtherKey].flatMap((pem) => pem.split("\n").filter((line) => line.length >= 40)),
  ];
  const assertClean = (text: string, where: string) => {
    for (const secret of secrets) assert.ok(!text.includes(secret), `${where} contains a secret: …${secret.slice(0, 12)}…`);
  };

  describe("in process: results, errors, logs and reports", () => {
    isolateNetwork();
    const ra = useLocalRolesAnywhere({ trustAnchors: [root.certificatePem] });

    const mine = { AKIAUNITTEST00000001: SECRET_KEY };
    const accessKeys = {
      authType: "accessKeys",
      accessKeyId: "AKIAUNITTEST00000001",
      secretAccessKey: SECRET_KEY,
      sessionToken: SESSION_TOKEN,
      region: REGION,
      maxAttempts: 1,
    };
    const failures: Array<{ what: string; reply: () => void; config: () => Record<string, unknown> }> = [
      {
        what: "SQS rejects the signature",
        reply: () =>
          fakeSqs(
            () => sqsFault(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided."),
            mine,
          ),
        config: () => accessKeys,
      },
      {
        what: "the session token expired",
        reply: () => fakeSqs(() => sqsFault(403, "ExpiredToken", "The security token included in the request is expired"), mine),
        config: () => accessKeys,
      },
      { what: "a config error next to the secrets", reply: () => undefined, config: () => ({ ...accessKeys, region: "nowhere-1" }) },
      {
        what: "a wrong passphrase",
        reply: () => undefined,
        config: () => ({
          authType: "rolesAnywhere",
          ...ra.settings,
          region: REGION,
          certificate: leaf.certificatePem,
          privateKey: encryptedKey,
          privateKeyPassphrase: `${PASSPHRASE}-wrong`,
        }),
      },
      {
        what: "a key that does not match",
        reply: () => undefined,
        config: () => ({
          authType: "rolesAnywhere",
          ...ra.settings,
          region: REGION,
          certificate: leaf.certificatePem,
          privateKey: plainOtherKey,
        }),
      },
      {
        what: "Roles Anywhere rejecting the request",
        reply: () => ra.failNext({ status: 403, type: "AccessDeniedException", message: "Invalid signature" }, 2),
        config: () => ({
          authType: "rolesAnywhere",
          ...ra.settings,
          region: REGION,
          certificate: leaf.certificatePem,
          privateKey: encryptedKey,
          privateKeyPassphrase: PASSPHRASE,
          maxAttempts: 1,
        }),
      },
    ];
    for (const failure of failures) {
      it(`when ${failure.what}`, async () => {
        failure.reply();
        const logs: string[] = [];
        let seen = "";
        try {
          const connection = connect(failure.config(), { logger: recordingLogger(logs) });
          seen += JSON.stringify(await connection.test({ queueUrl: queueUrl("q") }));
          try {
            for (const result of await collect(connection.operation("send", { queueUrl: queueUrl("q") }).execute([{ body: "x" }])))
              seen += JSON.stringify(result);
          } catch (error) {
            seen += everyText(error);
          }
          connection.close();
        } catch (error) {
          seen += everyText(error);
        }
        assert.ok(seen.length > 0);
        assertClean(seen, "a result, error or report");
        assertClean(logs.join("\n"), "a log line");
      });
    }

    it("when Roles Anywhere succeeds: the temporary secret key and token stay out of reports and logs", async () => {
      const logs: string[] = [];
      fakeSqs(() => [200, { Attributes: { FifoQueue: "false" } }]);
      const connection = connect(
        {
          authType: "rolesAnywhere",
          ...ra.settings,
          region: REGION,
          certificate: leaf.certificatePem,
          privateKey: encryptedKey,
          privateKeyPassphrase: PASSPHRASE,
        },
        { logger: recordingLogger(logs) },
      );
      const report = JSON.stringify(await connection.test({ queueUrl: queueUrl("q") }));
      connection.close();
      const issued = ra.sessions.at(-1);
      assert.ok(issued !== undefined, `no session was issued: ${report}`);
      for (const text of [report, logs.join("\n")]) {
        assert.ok(!text.includes(issued.secretAccessKey) && !text.includes(issued.sessionToken));
        assertClean(text, "a report or log");
      }
    });
  });

  describe("through the CLI: stdout, stderr and exit paths", () => {
    const env = useEmbeddedSqs();
    let file: (name: string) => string;
    before(() => {
      file = tempFiles({
        "bad-region.json": {
          authType: "accessKeys",
          accessKeyId: "AKIAUNITTEST00000001",
          secretAccessKey: SECRET_KEY,
          sessionToken: SESSION_TOKEN,
          region: "nowhere-1",
        },
        "bad-passphrase.json": {
          authType: "rolesAnywhere",
          trustAnchorArn: "arn:aws:rolesanywhere:eu-central-1:123456789012:trust-anchor/a1",
          profileArn: "arn:aws:rolesanywhere:eu-central-1:123456789012:profile/p1",
          roleArn: "arn:aws:iam::123456789012:role/r",
          certificate: leaf.certificatePem,
          privateKey: encryptedKey,
          privateKeyPassphrase: "wrong-passphrase-entirely",
        },
        "mismatch.json": {
          authType: "rolesAnywhere",
          trustAnchorArn: "arn:aws:rolesanywhere:eu-central-1:123456789012:trust-anchor/a1",
          profileArn: "arn:aws:rolesanywhere:eu-central-1:123456789012:profile/p1",
          roleArn: "arn:aws:iam::123456789012:role/r",
          region: "eu-central-1",
          certificate: leaf.certificatePem,
          privateKey: plainOtherKey,
        },
        "broken.json": `{"authType": "accessKeys", "secretAccessKey": "${SECRET_KEY}" "sessionToken": "${SESSION_TOKEN}"}`,
        "unreachable.json": {
          authType: "accessKeys",
          accessKeyId: "AKIAUNITTEST00000001",
          secretAccessKey: SECRET_KEY,
          sessionToken: SESSION_TOKEN,
          endpoint: "http://127.0.0.1:9",
          maxAttempts: 1,
        },
        "long-secrets.json": {
          authType: "accessKeys",
          accessKeyId: "AKIAUNITTEST00000001",
          secretAccessKey: LONG_SECRET,
          sessionToken: LONG_SECRET.split("").reverse().join(""),
          endpoint: "http://127.0.0.1:9",
          maxAttempts: 1,
        },
      });
    });
    const runs: Array<[string, () => string[]]> = [
      ["test-connection with an invalid region", () => ["test-connection", "-v", "--connection", file("bad-region.json")]],
      ["send with a connection file that is not JSON", () => ["send", "-v", "--connection", file("broken.json")]],
      ["test-connection with a wrong passphrase", () => ["test-connection", "-v", "--connection", file("bad-passphrase.json")]],
      ["send with a key that does not match", () => ["send", "-v", "--connection", file("mismatch.json"), "--queue-url", queueUrl("q")]],
      [
        "send to an unreachable endpoint",
        () => ["send", "-v", "--connection", file("unreachable.json"), "--queue-url", `${env.sqs.endpoint}/000000000000/q`],
      ],
      [
        "test-connection with a 40,000-character secret key and token",
        () => ["test-connection", "-v", "--connection", file("long-secrets.json")],
      ],
      [
        "send with a 40,000-character secret key and token",
        () => ["send", "-v", "--connection", file("long-secrets.json"), "--queue-url", `${env.sqs.endpoint}/000000000000/q`],
      ],
    ];
    for (const [what, args] of runs) {
      it(what, async () => {
        const run = await runCli(args(), { stdin: '{"body":"x"}\n' });
        assert.notEqual(run.code, 0);
        assertClean(run.stdout, "stdout");
        assertClean(run.stderr, "stderr");
        assert.doesNotMatch(run.stderr, /^\s+at /m, "no stack trace");
      });
    }
  });
});
