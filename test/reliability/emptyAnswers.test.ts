import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import { connect } from "../../connector/connection.js";
import { runCli, tempFiles } from "../support/cli.js";
import { createRootCa } from "../support/pki.js";
import { KEYS } from "../support/sqsNock.js";

/*
 * A server on 127.0.0.1 that answers 200 `{}` to every call, as SQS and as
 * Roles Anywhere. Test connection must not call that "Connection works.": it
 * checks what the answers say, not only that they came.
 */
describe('a server answering "{}" to every call', function () {
  this.timeout(30_000);
  let server: Server;
  let endpoint = "";
  before(async () => {
    server = createServer((request, response) => {
      request.resume();
      request.on("end", () => response.writeHead(200, { "content-type": "application/x-amz-json-1.0" }).end("{}"));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    endpoint = `http://127.0.0.1:${typeof address === "object" && address !== null ? address.port : 0}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const accessKeys = () => ({ authType: "accessKeys", ...KEYS, endpoint, maxAttempts: 1 });
  for (const target of [{}, { queueName: "orders" }, { queueUrl: "http://127.0.0.1/123456789012/orders" }]) {
    it(`as SQS, asked ${JSON.stringify(target)}: the SQS step fails with SQS_RESPONSE_INVALID`, async () => {
      const connection = connect(accessKeys());
      const report = await connection.test(target);
      connection.close();
      assert.equal(report.ok, false, report.message);
      assert.equal(report.code, "SQS_RESPONSE_INVALID");
      assert.match(report.message, /answered without what SQS always sends/);
    });
  }

  it("as Roles Anywhere: CreateSession's empty answer fails the credentials step", async () => {
    const root = createRootCa({ keyAlgorithm: "rsa" });
    const leaf = root.issueLeaf({ keyAlgorithm: "rsa" });
    const connection = connect({
      authType: "rolesAnywhere",
      trustAnchorArn: "arn:aws:rolesanywhere:eu-central-1:123456789012:trust-anchor/ta-1",
      profileArn: "arn:aws:rolesanywhere:eu-central-1:123456789012:profile/p-1",
      roleArn: "arn:aws:iam::123456789012:role/workload",
      certificate: leaf.certificatePem,
      privateKey: leaf.privateKeyPem("pkcs8"),
      rolesAnywhereEndpoint: endpoint,
      endpoint,
      maxAttempts: 1,
    });
    const report = await connection.test();
    connection.close();
    assert.equal(report.ok, false, report.message);
    assert.equal(report.failedStep, "credentials");
  });

  it("through the CLI: test-connection exits 1 and does not say the connection works", async () => {
    const file = tempFiles({ "connection.json": accessKeys() });
    const run = await runCli(["test-connection", "--connection", file("connection.json")]);
    assert.equal(run.code, 1, run.stderr);
    const report = JSON.parse(run.stdout) as { ok: boolean; message: string };
    assert.equal(report.ok, false);
    assert.doesNotMatch(report.message, /Connection works/);
  });
});
