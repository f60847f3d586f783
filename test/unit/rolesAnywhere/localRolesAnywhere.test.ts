import assert from "node:assert/strict";
import { postOnce, type HttpReply } from "../../../auth/rolesAnywhere/httpTransport.js";
import { sessionRequest } from "../../../auth/rolesAnywhere/createSession.js";
import { rolesAnywhereSettingsOf } from "../../../auth/rolesAnywhere/rolesAnywhereSettings.js";
import { sessionSettings } from "../../../auth/rolesAnywhere/settings.js";
import { loadSigningIdentity } from "../../../auth/rolesAnywhere/signingIdentity.js";
import { amzDateOf, signSessionRequest, type SignedSessionRequest } from "../../../auth/rolesAnywhere/x509Signer.js";
import type { ConnectionConfig } from "../../../core/types.js";
import { createRootCa, type TestCertificate } from "../../support/pki.js";
import { startLocalRolesAnywhere, type LocalRolesAnywhere } from "../../support/rolesAnywhere/localRolesAnywhere.js";
import { rolesAnywhereConfig } from "../../support/rolesAnywhere/testContext.js";

interface Tamper {
  url?: (url: URL) => void;
  headers?: (headers: Record<string, string>) => void;
  body?: string;
}

describe("local Roles Anywhere endpoint (test support)", () => {
  const root = createRootCa({ keyAlgorithm: "p384" });
  const intermediate = root.issueIntermediate({ keyAlgorithm: "rsa" });
  const leaf = root.issueLeaf({ keyAlgorithm: "p256" });
  let endpoint: LocalRolesAnywhere;

  before(async () => {
    endpoint = await startLocalRolesAnywhere({
      trustAnchors: [root.certificatePem],
      acceptSessionNames: false,
      credentialLifetimeSeconds: 1200,
    });
  });
  after(() => endpoint.close());

  function signed(signer: TestCertificate, overrides: Partial<ConnectionConfig> = {}, date = new Date()): SignedSessionRequest {
    const config = rolesAnywhereConfig(signer, endpoint.settings, overrides);
    return signSessionRequest(
      sessionRequest(sessionSettings(rolesAnywhereSettingsOf(config))),
      loadSigningIdentity(config),
      endpoint.settings.rolesAnywhereRegion,
      date,
    );
  }

  async function send(request: SignedSessionRequest, tamper: Tamper = {}): Promise<HttpReply & { json: Record<string, unknown> }> {
    const url = new URL(request.url.href);
    const headers = { ...request.headers };
    tamper.url?.(url);
    tamper.headers?.(headers);
    const reply = await postOnce(url, headers, tamper.body ?? request.body, 5000);
    return { ...reply, json: JSON.parse(reply.body) as Record<string, unknown> };
  }

  it("accepts a well-signed request and issues credentials with the configured lifetime", async () => {
    const before = endpoint.createSessionCalls;
    const reply = await send(signed(leaf));
    assert.equal(reply.status, 201);
    const credentials = (reply.json["credentialSet"] as Array<{ credentials: { accessKeyId: string; expiration: string } }>)[0]
      ?.credentials;
    assert.match(credentials?.accessKeyId ?? "", /^ASIA[0-9A-F]{16}$/);
    const lifetimeS = (Date.parse(credentials?.expiration ?? "") - Date.now()) / 1000;
    assert.ok(lifetimeS > 1100 && lifetimeS <= 1200, `lifetime ${lifetimeS}`);
    assert.equal(endpoint.createSessionCalls, before + 1);
  });

  it("accepts a leaf behind an intermediate sent in X-Amz-X509-Chain", async () => {
    const chained = intermediate.issueLeaf({ keyAlgorithm: "rsa" });
    const reply = await send(signed(chained, { certificateChain: intermediate.certificatePem }));
    assert.equal(reply.status, 201);
  });

  const stranger = createRootCa().issueLeaf();
  const twin = root.issueLeaf({ serial: BigInt(`0x${leaf.certificate.serialNumber}`) });
  // Whole seconds, so one second later is a different X-Amz-Date.
  let signingTime = new Date();
  beforeEach(() => {
    signingTime = new Date(Math.floor(Date.now() / 1000) * 1000);
  });
  const expired = root.issueLeaf({ notBefore: new Date(Date.now() - 7_200_000), notAfter: new Date(Date.now() - 3_600_000) });
  const rejections: Array<{
    what: string;
    request: () => SignedSessionRequest;
    tamper?: Tamper;
    status: number;
    type: string;
    message: RegExp;
  }> = [
    {
      what: "a changed body",
      request: () => signed(leaf),
      tamper: { body: '{"durationSeconds":3599}' },
      status: 403,
      type: "AccessDeniedException",
      message: /^Invalid signature$/,
    },
    {
      what: "a changed query",
      request: () => signed(leaf),
      tamper: { url: (url) => url.searchParams.set("roleArn", "arn:aws:iam::123456789012:role/admin") },
      status: 403,
      type: "AccessDeniedException",
      message: /^Invalid signature$/,
    },
    {
      what: "a changed X-Amz-Date",
      request: () => signed(leaf, {}, signingTime),
      tamper: { headers: (h) => (h["x-amz-date"] = amzDateOf(new Date(signingTime.getTime() + 1000))) },
      status: 403,
      type: "AccessDeniedException",
      message: /^Invalid signature$/,
    },
    {
      what: "another certificate with the same serial in X-Amz-X509",
      request: () => signed(leaf),
      tamper: { headers: (h) => (h["x-amz-x509"] = twin.certificate.raw.toString("base64")) },
      status: 403,
      type: "AccessDeniedException",
      message: /^Invalid signature$/,
    },
    {
      what: "a certificate from an untrusted CA",
      request: () => signed(stranger),
      status: 403,
      type: "AccessDeniedException",
      message: /^Untrusted Signing Certificate$/,
    },
    {
      what: "a leaf whose intermediate is missing",
      request: () => signed(intermediate.issueLeaf()),
      status: 403,
      type: "AccessDeniedException",
      message: /^Untrusted Signing Certificate$/,
    },
    {
      what: "an expired certificate",
      request: () => signed(expired),
      status: 403,
      type: "AccessDeniedException",
      message: /^Untrusted Signing Certificate$/,
    },
    {
      what: "an X-Amz-Date 10 minutes old",
      request: () => signed(leaf, {}, new Date(Date.now() - 600_000)),
      status: 403,
      type: "AccessDeniedException",
      message: /^Signature expired/,
    },
    {
      what: "an unknown profile",
      request: () => signed(leaf, { profileArn: endpoint.settings.profileArn.replace(/profile\/.*/, "profile/unknown") }),
      status: 404,
      type: "ResourceNotFoundException",
      message: /^Unable to find profile$/,
    },
    {
      what: "a session name the profile does not accept",
      request: () => signed(leaf, { sessionName: "orders" }),
      status: 403,
      type: "AccessDeniedException",
      message: /^Not authorized to set roleSessionName$/,
    },
  ];
  for (const { what, request, tamper, status, type, message } of rejections) {
    it(`rejects ${what}: ${status} ${type}`, async () => {
      const reply = await send(request(), tamper);
      assert.equal(reply.status, status);
      assert.equal(reply.headers["x-amzn-errortype"], type);
      assert.match(String(reply.json["message"]), message);
    });
  }

  it("answers scripted failures before checking the request", async () => {
    endpoint.failNext({ status: 429, type: "ThrottlingException", message: "Rate exceeded" });
    const reply = await send(signed(leaf));
    assert.equal(reply.status, 429);
    assert.equal(reply.headers["x-amzn-errortype"], "ThrottlingException");
    assert.equal((await send(signed(leaf))).status, 201);
  });
});
