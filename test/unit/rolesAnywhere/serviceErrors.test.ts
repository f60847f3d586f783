import assert from "node:assert/strict";
import nock from "nock";
import { clearSessionCredentialCache, rolesAnywhereCredentialSource } from "../../../auth/rolesAnywhere/rolesAnywhereCredentialSource.js";
import { createRootCa } from "../../support/pki.js";
import { AWS_ORIGIN, awsConfig, connectorFailure, credentialContext } from "../../support/rolesAnywhere/testContext.js";

const root = createRootCa({ keyAlgorithm: "p256" });

describe("Roles Anywhere service errors: each maps to a stable code with the service's reason", () => {
  beforeEach(() => clearSessionCredentialCache());
  afterEach(() => nock.cleanAll());

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
      nock(AWS_ORIGIN)
        .post("/sessions")
        .query(true)
        .reply(status, body as nock.Body, headers);
      const source = rolesAnywhereCredentialSource(awsConfig(leaf, { maxAttempts: 1 }), credentialContext());
      const error = await connectorFailure(source.provider());
      assert.equal(error.code, code);
      assert.equal(error.field, field);
      assert.equal(error.step, "credentials");
      assert.match(error.message, mentions);
    });
  }
});
