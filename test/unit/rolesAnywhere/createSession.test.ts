import assert from "node:assert/strict";
import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import nock from "nock";
import { clearSessionCredentialCache, rolesAnywhereCredentialSource } from "../../../auth/rolesAnywhere/index.js";
import { ConnectorError } from "../../../connector/errors.js";
import type { ConnectionConfig } from "../../../connector/types.js";
import { createRootCa, type TestCertificate } from "../../support/pki.js";
import { isRejection, verifySignedRequest, type VerifiedRequest } from "../../support/rolesAnywhere/requestVerifier.js";
import { credentialContext } from "../../support/rolesAnywhere/testContext.js";

const ORIGIN = "https://rolesanywhere.eu-central-1.amazonaws.com";
const ARNS = {
  trustAnchorArn: "arn:aws:rolesanywhere:eu-central-1:123456789012:trust-anchor/0d5c4e11-aaaa-4bbb-8ccc-123456789abc",
  profileArn: "arn:aws:rolesanywhere:eu-central-1:123456789012:profile/7f2e4d22-aaaa-4bbb-8ccc-123456789abc",
  roleArn: "arn:aws:iam::123456789012:role/orders/sqs-writer",
};

const root = createRootCa({ keyAlgorithm: "p384" });
const intermediate = root.issueIntermediate({ keyAlgorithm: "rsa" });

function config(leaf: TestCertificate, overrides: Partial<ConnectionConfig> = {}): ConnectionConfig {
  return {
    authType: "rolesAnywhere",
    ...ARNS,
    rolesAnywhereRegion: "eu-central-1",
    certificate: leaf.certificatePem,
    privateKey: leaf.privateKeyPem(),
    ...overrides,
  };
}

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
  return nock(ORIGIN)
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

async function failureOf(promise: Promise<unknown>): Promise<ConnectorError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ConnectorError, String(error));
    return error;
  }
  assert.fail("expected a ConnectorError");
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
          config(leaf, chain ? { certificateChain: intermediate.certificatePem } : {}),
          credentialContext(),
        );
        const credentials = await source.provider();
        assert.ok(scope.isDone());
        assert.equal(credentials.accessKeyId, "ASIAEXAMPLEEXAMPLE12");
        assert.ok(credentials.expiration instanceof Date);
        assert.equal(seen.length, 1, "the verifier accepted the request");
        assert.deepEqual(seen[0]?.query, ARNS);
        assert.deepEqual(seen[0]?.body, { durationSeconds: 3600 });
        assert.equal(seen[0]?.chain.length, chain ? 1 : 0);
      });
    }

    it("sends the session name and duration that were set", async () => {
      const seen: VerifiedRequest[] = [];
      verifyingCreateSession(seen);
      const leaf = root.issueLeaf();
      await rolesAnywhereCredentialSource(
        config(leaf, { sessionName: "orders-batch", durationSeconds: 900 }),
        credentialContext(),
      ).provider();
      assert.deepEqual(seen[0]?.body, { durationSeconds: 900, roleSessionName: "orders-batch" });
    });

    it("is rejected by the verifier when the intermediate is left out", async () => {
      verifyingCreateSession();
      const leaf = intermediate.issueLeaf();
      const source = rolesAnywhereCredentialSource(config(leaf, { maxAttempts: 1 }), credentialContext());
      assert.equal((await failureOf(source.provider())).code, "ROLES_ANYWHERE_UNTRUSTED_CERTIFICATE");
    });
  });

  describe("maps each service error to a stable code with the service's reason", () => {
    const leaf = root.issueLeaf();
    const cases: Array<{
      what: string;
      status: number;
      headers?: Record<string, string>;
      body: unknown;
      code: string;
      field?: string;
      mentions: RegExp;
    }> = [
      {
        what: "AccessDenied: Invalid signature",
        status: 403,
        headers: { "x-amzn-errortype": "AccessDeniedException:http://internal.amazon.com/coral/com.amazonaws.rolesanywhere/" },
        body: { message: "Invalid signature" },
        code: "ROLES_ANYWHERE_SIGNATURE_REJECTED",
        mentions: /HTTP 403 AccessDeniedException: "Invalid signature".*clock/,
      },
      {
        what: "AccessDenied: Untrusted Signing Certificate",
        status: 403,
        headers: { "x-amzn-errortype": "AccessDeniedException" },
        body: { message: "Untrusted Signing Certificate" },
        code: "ROLES_ANYWHERE_UNTRUSTED_CERTIFICATE",
        field: "certificateChain",
        mentions: /"Untrusted Signing Certificate".*certificateChain/,
      },
      {
        what: "AccessDenied: Not authorized to set roleSessionName",
        status: 403,
        body: { __type: "AccessDeniedException", message: "Not authorized to set roleSessionName" },
        code: "ROLES_ANYWHERE_SESSION_NAME_NOT_ALLOWED",
        field: "sessionName",
        mentions: /Clear sessionName, or allow custom role session names on profile arn:aws:rolesanywhere/,
      },
      {
        what: "AccessDenied for any other reason",
        status: 403,
        body: { __type: "com.amazonaws.rolesanywhere#AccessDeniedException", message: "Unable to assume role" },
        code: "ROLES_ANYWHERE_ACCESS_DENIED",
        field: "roleArn",
        mentions: /"Unable to assume role".*trusts rolesanywhere\.amazonaws\.com/,
      },
      {
        what: "ResourceNotFound for the profile",
        status: 404,
        headers: { "x-amzn-errortype": "ResourceNotFoundException" },
        body: { message: "Unable to find profile" },
        code: "ROLES_ANYWHERE_NOT_FOUND",
        field: "profileArn",
        mentions: /"Unable to find profile".*in eu-central-1/,
      },
      {
        what: "ResourceNotFound named in the body's code",
        status: 404,
        body: { code: "ResourceNotFoundException", message: "Unable to find trust anchor" },
        code: "ROLES_ANYWHERE_NOT_FOUND",
        field: "trustAnchorArn",
        mentions: /trust anchor/,
      },
      {
        what: "ValidationException",
        status: 400,
        headers: { "x-amzn-errortype": "ValidationException" },
        body: { message: "1 validation error detected: Value at 'durationSeconds' failed to satisfy constraint" },
        code: "ROLES_ANYWHERE_INVALID_REQUEST",
        field: "durationSeconds",
        mentions: /durationSeconds' failed to satisfy constraint/,
      },
      {
        what: "an error type Roles Anywhere does not document",
        status: 409,
        headers: { "x-amzn-errortype": "ConflictException" },
        body: { message: "Something odd" },
        code: "ROLES_ANYWHERE_FAILED",
        mentions: /HTTP 409 ConflictException: "Something odd"/,
      },
      {
        what: "201 with an empty credentialSet",
        status: 201,
        body: { credentialSet: [] },
        code: "ROLES_ANYWHERE_FAILED",
        mentions: /no credentials \(empty credentialSet\)/,
      },
      {
        what: "201 with a body that is not JSON",
        status: 201,
        body: "<html>proxy login</html>",
        code: "ROLES_ANYWHERE_FAILED",
        mentions: /body is not JSON/,
      },
      {
        what: "throttling",
        status: 429,
        body: { __type: "ThrottlingException", message: "Rate exceeded" },
        code: "THROTTLED",
        mentions: /HTTP 429 ThrottlingException: "Rate exceeded"/,
      },
      {
        what: "a server error",
        status: 503,
        body: "Service Unavailable",
        code: "SERVICE_UNAVAILABLE",
        mentions: /HTTP 503: "Service Unavailable"/,
      },
    ];
    for (const { what, status, headers, body, code, field, mentions } of cases) {
      it(`${what} -> ${code}`, async () => {
        nock(ORIGIN)
          .post("/sessions")
          .query(true)
          .reply(status, body as nock.Body, headers);
        const source = rolesAnywhereCredentialSource(config(leaf, { maxAttempts: 1 }), credentialContext());
        const error = await failureOf(source.provider());
        assert.equal(error.code, code);
        assert.equal(error.field, field);
        assert.equal(error.step, "credentials");
        assert.match(error.message, mentions);
      });
    }
  });

  describe("retries what may pass on its own", () => {
    const leaf = root.issueLeaf();

    it("a server error, then succeeds", async () => {
      const scope = nock(ORIGIN)
        .post("/sessions")
        .query(true)
        .reply(503, "busy")
        .post("/sessions")
        .query(true)
        .reply(201, credentialsBody());
      const credentials = await rolesAnywhereCredentialSource(config(leaf, { maxAttempts: 2 }), credentialContext()).provider();
      assert.ok(scope.isDone());
      assert.equal(credentials.accessKeyId, "ASIAEXAMPLEEXAMPLE12");
    });

    it("throttling on every attempt: THROTTLED, retryable, after maxAttempts calls", async () => {
      const scope = nock(ORIGIN)
        .post("/sessions")
        .query(true)
        .times(3)
        .reply(429, { message: "Rate exceeded" }, { "x-amzn-errortype": "ThrottlingException" });
      const error = await failureOf(rolesAnywhereCredentialSource(config(leaf, { maxAttempts: 3 }), credentialContext()).provider());
      assert.ok(scope.isDone());
      assert.equal(error.code, "THROTTLED");
      assert.equal(error.retryable, true);
      assert.match(error.message, /gave up after 3 attempts/);
    });

    it("a reset connection: NETWORK_ERROR at step network", async () => {
      nock(ORIGIN)
        .post("/sessions")
        .query(true)
        .times(2)
        .replyWithError(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }));
      const error = await failureOf(rolesAnywhereCredentialSource(config(leaf, { maxAttempts: 2 }), credentialContext()).provider());
      assert.equal(error.code, "NETWORK_ERROR");
      assert.equal(error.step, "network");
      assert.equal(error.retryable, true);
      assert.match(
        error.message,
        /Could not reach IAM Roles Anywhere at https:\/\/rolesanywhere\.eu-central-1\.amazonaws\.com: socket hang up/,
      );
    });

    it("but not a refusal", async () => {
      const scope = nock(ORIGIN)
        .post("/sessions")
        .query(true)
        .reply(403, { message: "Invalid signature" }, { "x-amzn-errortype": "AccessDeniedException" });
      const error = await failureOf(rolesAnywhereCredentialSource(config(leaf, { maxAttempts: 3 }), credentialContext()).provider());
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
        config(root.issueLeaf(), { rolesAnywhereEndpoint: `http://127.0.0.1:${port}`, requestTimeoutSeconds: 0.2, maxAttempts: 1 }),
        credentialContext(),
      );
      const error = await failureOf(source.provider());
      assert.equal(error.code, "NETWORK_ERROR");
      assert.match(error.message, /no answer within 200 ms/);
    });
  });
});
