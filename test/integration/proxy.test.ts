import assert from "node:assert/strict";
import { EMBEDDED_CREDENTIALS } from "../../host/embeddedSqs.js";
import { ndjson, parseNdjson, runCli, tempFiles } from "../support/cli.js";
import { startConnectProxy, type ConnectProxy } from "../support/connectProxy.js";
import { createRootCa } from "../support/pki.js";
import { startSecondSqsServer, type SecondSqsServer } from "../support/secondSqsServer.js";
import { useLocalRolesAnywhere } from "../support/rolesAnywhere/useLocalRolesAnywhere.js";

const REGION = "eu-central-1";
const SQS_HOST = `sqs.${REGION}.amazonaws.com`;
const ROLES_ANYWHERE_HOST = `rolesanywhere.${REGION}.amazonaws.com`;

/**
 * A corporate network: AWS is reachable only through HTTPS_PROXY. The CLI runs
 * as a user runs it, against AWS's own host names (no endpoint override); the
 * proxy on 127.0.0.1 records each CONNECT and hands the tunnel to a local SQS
 * server or the local Roles Anywhere, with a certificate the process is told
 * to trust (NODE_EXTRA_CA_CERTS).
 */
describe("HTTPS_PROXY for every AWS call (CLI through a local CONNECT proxy)", function () {
  this.timeout(60_000);
  const ca = createRootCa({ keyAlgorithm: "rsa" });
  const serverCertificate = ca.issueLeaf({ keyAlgorithm: "rsa", commonName: `*.${REGION}.amazonaws.com` });
  const workload = ca.issueLeaf({ keyAlgorithm: "p256" });
  const rolesAnywhere = useLocalRolesAnywhere({ trustAnchors: [ca.certificatePem] });
  let sqs: SecondSqsServer;
  let proxy: ConnectProxy;
  let file: (name: string) => string;
  let queueUrl: string;

  before(async () => {
    // local-aws-sqs finds a queue by its URL's path, so AWS's host name can front it (fauxqs wants its own host).
    sqs = await startSecondSqsServer();
    queueUrl = `https://${SQS_HOST}${new URL(await sqs.createQueue("proxied")).pathname}`;
    proxy = await startConnectProxy({
      certificatePem: serverCertificate.certificatePem,
      privateKeyPem: serverCertificate.privateKeyPem(),
      upstreamFor: (host) => Number(new URL(host === ROLES_ANYWHERE_HOST ? rolesAnywhere.url : sqs.endpoint).port),
    });
    const { rolesAnywhereEndpoint: _local, ...arns } = rolesAnywhere.settings;
    file = tempFiles({
      "ca.pem": ca.certificatePem,
      "keys.json": { authType: "accessKeys", ...EMBEDDED_CREDENTIALS, region: REGION },
      "roles.json": {
        authType: "rolesAnywhere",
        ...arns,
        certificate: workload.certificatePem,
        privateKey: workload.privateKeyPem(),
        region: REGION,
      },
    });
  });
  after(async () => {
    await proxy?.close();
    await sqs?.stop();
  });
  beforeEach(() => proxy.tunnels.splice(0));

  const throughProxy = (variable: string) => ({ [variable]: proxy.url, NODE_EXTRA_CA_CERTS: file("ca.pem"), NO_PROXY: "" });

  it("sends to SQS through HTTPS_PROXY", async () => {
    const run = await runCli(["send", "--connection", file("keys.json"), "--queue-url", queueUrl], {
      stdin: ndjson([{ body: "via the proxy" }]),
      env: throughProxy("HTTPS_PROXY"),
    });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(parseNdjson(run.stdout)[0]!["status"], "success");
    assert.ok(proxy.tunnels.length > 0 && proxy.tunnels.every((t) => t === `${SQS_HOST}:443`), proxy.tunnels.join());
  });

  it("takes HTTP_PROXY when it is the only proxy variable", async () => {
    const run = await runCli(["test-connection", "--connection", file("keys.json")], { env: throughProxy("HTTP_PROXY") });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.deepEqual(proxy.tunnels, [`${SQS_HOST}:443`]);
  });

  it("creates the Roles Anywhere session through the proxy too, then reaches SQS with it", async () => {
    const run = await runCli(["test-connection", "--connection", file("roles.json")], { env: throughProxy("HTTPS_PROXY") });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.deepEqual(proxy.tunnels, [`${ROLES_ANYWHERE_HOST}:443`, `${SQS_HOST}:443`]);
    assert.equal(rolesAnywhere.sessions.length, 1);
  });
});
