import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { startEmbeddedKinesis, type EmbeddedKinesis } from "../../host/embeddedKinesis.js";
import { EMBEDDED_CREDENTIALS, startEmbeddedSqs, type EmbeddedSqs } from "../../host/embeddedSqs.js";
import { ndjson, parseNdjson, runCli, tempFiles } from "../support/cli.js";
import { startConnectProxy, type ConnectProxy } from "../support/connectProxy.js";
import { createRootCa } from "../support/pki.js";
import { startSecondSqsServer, type SecondSqsServer } from "../support/secondSqsServer.js";
import { useLocalRolesAnywhere } from "../support/rolesAnywhere/useLocalRolesAnywhere.js";

const REGION = "eu-central-1";
const SQS_HOST = `sqs.${REGION}.amazonaws.com`;
const ROLES_ANYWHERE_HOST = `rolesanywhere.${REGION}.amazonaws.com`;
const KINESIS_HOST = `kinesis.${REGION}.amazonaws.com`;
const STS_HOST = `sts.${REGION}.amazonaws.com`;
const BUCKET = "proxied-payloads";
// S3 addresses a bucket virtual-hosted, as a host of its own.
const S3_HOST = `${BUCKET}.s3.${REGION}.amazonaws.com`;

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
  const s3Certificate = ca.issueLeaf({ keyAlgorithm: "rsa", commonName: `*.s3.${REGION}.amazonaws.com` });
  const workload = ca.issueLeaf({ keyAlgorithm: "p256" });
  const rolesAnywhere = useLocalRolesAnywhere({ trustAnchors: [ca.certificatePem] });
  let sqs: SecondSqsServer;
  let kinesis: EmbeddedKinesis;
  let s3: EmbeddedSqs;
  let proxy: ConnectProxy;
  // STS as the default chain's web identity provider asks it (AssumeRoleWithWebIdentity, the query protocol's XML answer).
  const stsActions: string[] = [];
  const sts = createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
    request.on("end", () => {
      stsActions.push(new URLSearchParams(body).get("Action") ?? "");
      response
        .writeHead(200, { "content-type": "text/xml" })
        .end(
          `<AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleWithWebIdentityResult>` +
            `<Credentials><AccessKeyId>ASIAPROXIEDCHAIN0001</AccessKeyId><SecretAccessKey>proxied-chain-secret</SecretAccessKey>` +
            `<SessionToken>proxied-chain-token</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>` +
            `<AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/workload/s</Arn><AssumedRoleId>AROA:s</AssumedRoleId></AssumedRoleUser>` +
            `</AssumeRoleWithWebIdentityResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></AssumeRoleWithWebIdentityResponse>`,
        );
    });
  });
  let file: (name: string) => string;
  let queueUrl: string;

  before(async () => {
    // local-aws-sqs finds a queue by its URL's path, so AWS's host name can front it (fauxqs wants its own host).
    sqs = await startSecondSqsServer();
    queueUrl = `https://${SQS_HOST}${new URL(await sqs.createQueue("proxied")).pathname}`;
    kinesis = await startEmbeddedKinesis({ region: REGION });
    await kinesis.createStream({ name: "proxied" });
    // The embedded emulator's S3 side (fauxqs takes the bucket from a virtual-hosted Host header).
    s3 = await startEmbeddedSqs({ region: REGION });
    await s3.createBucket(BUCKET);
    await new Promise<void>((resolve) => sts.listen(0, "127.0.0.1", resolve));
    const upstreams: Record<string, string> = {
      [STS_HOST]: `http://127.0.0.1:${(sts.address() as AddressInfo).port}`,
      [ROLES_ANYWHERE_HOST]: rolesAnywhere.url,
      [KINESIS_HOST]: kinesis.endpoint,
      [S3_HOST]: s3.endpoint,
    };
    proxy = await startConnectProxy({
      certificatePem: serverCertificate.certificatePem,
      privateKeyPem: serverCertificate.privateKeyPem(),
      certificateFor: (host) =>
        host === S3_HOST ? { certificatePem: s3Certificate.certificatePem, privateKeyPem: s3Certificate.privateKeyPem() } : undefined,
      upstreamFor: (host) => Number(new URL(upstreams[host] ?? sqs.endpoint).port),
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
      "put.json": { partitionKeyPointer: "/deviceId" },
      "chain.json": { authType: "defaultChain", region: REGION },
      "web-identity-token": "a-token-from-the-cluster",
      "large.json": { largePayload: { bucket: BUCKET, keyPrefix: "in/", always: true } },
    });
  });
  after(async () => {
    await proxy?.close();
    await sqs?.stop();
    await kinesis?.stop();
    await s3?.stop();
    sts.close();
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

  it("puts records to Kinesis through HTTPS_PROXY", async () => {
    const run = await runCli(["putRecords", "--connection", file("keys.json"), "--config", file("put.json"), "--stream-name", "proxied"], {
      stdin: ndjson([{ body: { deviceId: "d-1", t: 1 } }, { body: { deviceId: "d-2", t: 2 } }]),
      env: throughProxy("HTTPS_PROXY"),
    });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.deepEqual(
      parseNdjson(run.stdout).map((result) => result["status"]),
      ["success", "success"],
    );
    assert.ok(proxy.tunnels.length > 0 && proxy.tunnels.every((t) => t === `${KINESIS_HOST}:443`), proxy.tunnels.join());
  });

  it("stores a large payload in S3 through HTTPS_PROXY, and sends its pointer to SQS the same way", async () => {
    const run = await runCli(["send", "--connection", file("keys.json"), "--config", file("large.json"), "--queue-url", queueUrl], {
      stdin: ndjson([{ body: "a payload kept in S3" }]),
      env: throughProxy("HTTPS_PROXY"),
    });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const [result] = parseNdjson(run.stdout);
    assert.equal((result!["document"] as { largePayload: { bucket: string } }).largePayload.bucket, BUCKET, run.stdout);
    assert.deepEqual([...new Set(proxy.tunnels)].sort(), [`${S3_HOST}:443`, `${SQS_HOST}:443`].sort());
  });

  it("asks STS through the proxy for the default chain's web identity credentials (credentials command)", async () => {
    const run = await runCli(["credentials", "--connection", file("chain.json")], {
      env: {
        ...throughProxy("HTTPS_PROXY"),
        // Only the web identity of a cluster: no keys, profiles or metadata service to find first.
        AWS_WEB_IDENTITY_TOKEN_FILE: file("web-identity-token"),
        AWS_ROLE_ARN: "arn:aws:iam::123456789012:role/workload",
        AWS_REGION: REGION,
        AWS_ACCESS_KEY_ID: "",
        AWS_SECRET_ACCESS_KEY: "",
        AWS_SESSION_TOKEN: "",
        AWS_PROFILE: "",
        AWS_CONFIG_FILE: file("missing-config"),
        AWS_SHARED_CREDENTIALS_FILE: file("missing-credentials"),
        AWS_EC2_METADATA_DISABLED: "true",
      },
    });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal((JSON.parse(run.stdout) as { AccessKeyId: string }).AccessKeyId, "ASIAPROXIEDCHAIN0001");
    assert.deepEqual(stsActions, ["AssumeRoleWithWebIdentity"]);
    assert.deepEqual(proxy.tunnels, [`${STS_HOST}:443`]);
  });

  it("creates the Roles Anywhere session through the proxy too, then reaches SQS with it", async () => {
    const run = await runCli(["test-connection", "--connection", file("roles.json")], { env: throughProxy("HTTPS_PROXY") });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.deepEqual(proxy.tunnels, [`${ROLES_ANYWHERE_HOST}:443`, `${SQS_HOST}:443`]);
    assert.equal(rolesAnywhere.sessions.length, 1);
  });
});
