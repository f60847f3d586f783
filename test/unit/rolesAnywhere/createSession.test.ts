import assert from "node:assert/strict";
import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import nock from "nock";
import { clearSessionCredentialCache, rolesAnywhereCredentialSource } from "../../../auth/rolesAnywhere/rolesAnywhereCredentialSource.js";
import { createRootCa } from "../../support/pki.js";
import { isRejection, verifySignedRequest, type VerifiedRequest } from "../../support/rolesAnywhere/requestVerifier.js";
import { AWS_ARNS, AWS_ORIGIN, awsConfig, connectorFailure, credentialContext } from "../../support/rolesAnywhere/testContext.js";

const root = createRootCa({ keyAlgorithm: "p384" });
const intermediate = root.issueIntermediate({ keyAlgorithm: "rsa" });

function credentialsBody(expiration = new Date(Date.now() + 3_600_000)) {
  return {
    credentialSet: [
      {
        credentials: {
          accessKeyId: "ASIAEXAMPLEEXAMPLE12",
          secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
          sessionToken: "FwoGZXIvYXdzEXAMPLETOKEN",
          expiration: expiration.toISOString().replace(/\.\d{3}Z$/, "Z"),
        },
      },
    ],
  };
}

/**
 * Interceptor that verifies each request's signature and chain before answering.
 * nock hands reply functions a parsed JSON body; the connector sends compact
 * JSON.stringify output, so re-serialising gives back the bytes that were sent.
 * (The local endpoint tests check the raw bytes.)
 */
function verifyingCreateSession(seen: VerifiedRequest[] = []): nock.Scope {
  return nock(AWS_ORIGIN)
    .post("/sessions")
    .query(true)
    .reply(function (this: nock.ReplyFnContext, path: string, body: nock.Body) {
      const result = verifySignedRequest(
        { method: "POST", path, headers: this.req.headers, body: typeof body === "string" ? body : JSON.stringify(body) },
        { trustAnchors: [root.certificate], region: "eu-central-1", nowMs: Date.now() },
      );
      if (isRejection(result)) return [result.status, { message: result.message }, { "x-amzn-errortype": result.type }];
      seen.push(result);
      return [201, credentialsBody()];
    });
}

describe("Roles Anywhere CreateSession", () => {
  beforeEach(() => clearSessionCredentialCache());
  afterEach(() => nock.cleanAll());

  describe("signs requests the service accepts", () => {
    const cases = [
      { what: "RSA leaf issued by the root", leaf: () => root.issueLeaf({ keyAlgorithm: "rsa" }), chain: false },
      { what: "EC P-256 leaf issued by the root", leaf: () => root.issueLeaf({ keyAlgorithm: "p256" }), chain: false },
      { what: "RSA leaf behind an intermediate", leaf: () => intermediate.issueLeaf({ keyAlgorithm: "rsa" }), chain: true },
      { what: "EC P-384 leaf behind an intermediate", leaf: () => intermediate.issueLeaf({ keyAlgorithm: "p384" }), chain: true },
    ];
    for (const { what, leaf: makeLeaf, chain } of cases) {
      it(`${what}${chain ? ", sending the intermediate" : ""}`, async () => {
        const leaf = makeLeaf();
        const seen: VerifiedRequest[] = [];
        const scope = verifyingCreateSession(seen);
        const source = rolesAnywhereCredentialSource(
          awsConfig(leaf, chain ? { certificateChain: intermediate.certificatePem } : {}),
          credentialContext(),
        );
        const credentials = await source.provider();
        assert.ok(scope.isDone());
        assert.equal(credentials.accessKeyId, "ASIAEXAMPLEEXAMPLE12");
        assert.ok(credentials.expiration instanceof Date);
        assert.equal(seen.length, 1, "the verifier accepted the request");
        assert.deepEqual(seen[0]?.query, AWS_ARNS);
        assert.deepEqual(seen[0]?.body, { durationSeconds: 3600 });
        assert.equal(seen[0]?.chain.length, chain ? 1 : 0);
      });
    }

    it("sends the session name and duration that were set", async () => {
      const seen: VerifiedRequest[] = [];
      verifyingCreateSession(seen);
      const leaf = root.issueLeaf();
      await rolesAnywhereCredentialSource(
        awsConfig(leaf, { sessionName: "orders-batch", durationSeconds: 900 }),
        credentialContext(),
      ).provider();
      assert.deepEqual(seen[0]?.body, { durationSeconds: 900, roleSessionName: "orders-batch" });
    });

    it("is rejected by the verifier when the intermediate is left out", async () => {
      verifyingCreateSession();
      const leaf = intermediate.issueLeaf();
      const source = rolesAnywhereCredentialSource(awsConfig(leaf, { maxAttempts: 1 }), credentialContext());
      assert.equal((await connectorFailure(source.provider())).code, "ROLES_ANYWHERE_UNTRUSTED_CERTIFICATE");
    });
  });

  describe("retries what may pass on its own", () => {
    const leaf = root.issueLeaf();

    it("a server error, then succeeds", async () => {
      const scope = nock(AWS_ORIGIN)
        .post("/sessions")
        .query(true)
        .reply(503, "busy")
        .post("/sessions")
        .query(true)
        .reply(201, credentialsBody());
      const credentials = await rolesAnywhereCredentialSource(awsConfig(leaf, { maxAttempts: 2 }), credentialContext()).provider();
      assert.ok(scope.isDone());
      assert.equal(credentials.accessKeyId, "ASIAEXAMPLEEXAMPLE12");
    });

    it("throttling on every attempt: THROTTLED, retryable, after maxAttempts calls", async () => {
      const scope = nock(AWS_ORIGIN)
        .post("/sessions")
        .query(true)
        .times(3)
        .reply(429, { message: "Rate exceeded" }, { "x-amzn-errortype": "ThrottlingException" });
      const error = await connectorFailure(
        rolesAnywhereCredentialSource(awsConfig(leaf, { maxAttempts: 3 }), credentialContext()).provider(),
      );
      assert.ok(scope.isDone());
      assert.equal(error.code, "THROTTLED");
      assert.equal(error.retryable, true);
      assert.match(error.message, /gave up after 3 attempts/);
    });

    it("a reset connection: NETWORK_ERROR at step network", async () => {
      nock(AWS_ORIGIN)
        .post("/sessions")
        .query(true)
        .times(2)
        .replyWithError(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }));
      const error = await connectorFailure(
        rolesAnywhereCredentialSource(awsConfig(leaf, { maxAttempts: 2 }), credentialContext()).provider(),
      );
      assert.equal(error.code, "NETWORK_ERROR");
      assert.equal(error.step, "network");
      assert.equal(error.retryable, true);
      assert.match(
        error.message,
        /Could not reach IAM Roles Anywhere at https:\/\/rolesanywhere\.eu-central-1\.amazonaws\.com: socket hang up/,
      );
    });

    it("but not a refusal", async () => {
      const scope = nock(AWS_ORIGIN)
        .post("/sessions")
        .query(true)
        .reply(403, { message: "Invalid signature" }, { "x-amzn-errortype": "AccessDeniedException" });
      const error = await connectorFailure(
        rolesAnywhereCredentialSource(awsConfig(leaf, { maxAttempts: 3 }), credentialContext()).provider(),
      );
      assert.ok(scope.isDone());
      assert.equal(error.code, "ROLES_ANYWHERE_SIGNATURE_REJECTED");
      assert.doesNotMatch(error.message, /attempts/);
    });
  });

  describe("an endpoint that never answers", () => {
    let silent: Server;
    let port: number;
    const sockets: Socket[] = [];
    before(async () => {
      silent = createServer((socket) => sockets.push(socket));
      await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
      port = (silent.address() as AddressInfo).port;
    });
    after(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    });

    it("is abandoned after requestTimeoutSeconds: NETWORK_ERROR", async () => {
      const source = rolesAnywhereCredentialSource(
        awsConfig(root.issueLeaf(), { rolesAnywhereEndpoint: `http://127.0.0.1:${port}`, requestTimeoutSeconds: 0.2, maxAttempts: 1 }),
        credentialContext(),
      );
      const error = await connectorFailure(source.provider());
      assert.equal(error.code, "NETWORK_ERROR");
      assert.match(error.message, /no answer within 200 ms/);
    });
  });
});
