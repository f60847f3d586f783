import assert from "node:assert/strict";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import nock from "nock";
import { connect } from "sqs-connector";
import { clearSessionCredentialCache, ConnectorError, fromRolesAnywhere, type RolesAnywhereSettings } from "sqs-connector/roles-anywhere";
import { ROLES_ANYWHERE_FIELDS } from "../../../auth/rolesAnywhere/rolesAnywhereSettings.js";
import { schemaRegistry } from "../../../core/schemaRegistry.js";
import { createRootCa } from "../../support/pki.js";
import { useLocalRolesAnywhere } from "../../support/rolesAnywhere/useLocalRolesAnywhere.js";
import { verifySigV4 } from "../../support/sigv4Verifier.js";
import { isolateNetwork } from "../../support/sqsNock.js";

const STS_ORIGIN = "https://sts.eu-central-1.amazonaws.com";
const ACCOUNT = "123456789012";

interface StsCall {
  signedBy: string;
  securityToken: string | undefined;
  scope: string;
}

/**
 * STS as nock plays it: verifies each request's SigV4 signature against the
 * secrets of the sessions the local Roles Anywhere issued, records who signed,
 * and answers GetCallerIdentity (AWS query protocol, XML) for the signer.
 */
function fakeSts(secretFor: (accessKeyId: string) => string | undefined): StsCall[] {
  const calls: StsCall[] = [];
  nock(STS_ORIGIN)
    .persist()
    .post("/")
    .reply(function (_uri, body) {
      const text = typeof body === "string" ? body : new URLSearchParams(body as Record<string, string>).toString();
      const headers = this.req.headers;
      let signedBy: string;
      try {
        signedBy = verifySigV4({ method: "POST", path: this.req.path, headers, body: text }, secretFor);
      } catch (error) {
        return [403, errorXml("SignatureDoesNotMatch", (error as Error).message), { "content-type": "text/xml" }];
      }
      const token = headers["x-amz-security-token"];
      calls.push({
        signedBy,
        securityToken: Array.isArray(token) ? token.join(",") : token,
        scope: /Credential=[^/]+\/\d{8}\/([^,]+)\/aws4_request/.exec(String(headers["authorization"]))?.[1] ?? "",
      });
      if (!new URLSearchParams(text).has("Action", "GetCallerIdentity")) return [400, errorXml("InvalidAction", text)];
      return [200, identityXml(signedBy), { "content-type": "text/xml" }];
    });
  return calls;
}

function identityXml(accessKeyId: string): string {
  return `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:sts::${ACCOUNT}:assumed-role/connector-test-role/${accessKeyId}</Arn><UserId>AROAEXAMPLE:${accessKeyId}</UserId><Account>${ACCOUNT}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;
}

function errorXml(code: string, message: string): string {
  return `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>r-2</RequestId></ErrorResponse>`;
}

describe("fromRolesAnywhere (sqs-connector/roles-anywhere)", () => {
  isolateNetwork();
  const root = createRootCa({ keyAlgorithm: "p256" });
  const leaf = root.issueLeaf({ keyAlgorithm: "rsa" });
  const endpoint = useLocalRolesAnywhere({ trustAnchors: [root.certificatePem] });
  const settings = (overrides: Partial<RolesAnywhereSettings> = {}): RolesAnywhereSettings => ({
    ...endpoint.settings,
    certificate: leaf.certificatePem,
    privateKey: leaf.privateKeyPem(),
    ...overrides,
  });
  const secretOfSession = (accessKeyId: string) => endpoint.sessions.find((s) => s.accessKeyId === accessKeyId)?.secretAccessKey;

  beforeEach(() => clearSessionCredentialCache());
  afterEach(() => nock.cleanAll());

  it("takes the fields the connection shows for rolesAnywhere, and the request settings CreateSession honours", () => {
    const properties = (schemaRegistry().schemas.get("schemas/connection.json") as { properties: Record<string, Record<string, unknown>> })
      .properties;
    const rolesAnywhereOnly = Object.keys(properties).filter(
      (name) =>
        JSON.stringify((properties[name]!["x-visibleWhen"] as { authType?: string[] } | undefined)?.authType) === '["rolesAnywhere"]',
    );
    assert.deepEqual([...ROLES_ANYWHERE_FIELDS].sort(), [...rolesAnywhereOnly, "maxAttempts", "requestTimeoutSeconds"].sort());
  });

  it("signs an STS request with the session's temporary credentials", async () => {
    const calls = fakeSts(secretOfSession);
    const sts = new STSClient({ region: "eu-central-1", credentials: fromRolesAnywhere(settings()), maxAttempts: 1 });
    try {
      const identity = await sts.send(new GetCallerIdentityCommand({}));
      const session = endpoint.sessions.at(-1)!;
      assert.equal(identity.Account, ACCOUNT);
      assert.deepEqual(calls, [{ signedBy: session.accessKeyId, securityToken: session.sessionToken, scope: "eu-central-1/sts" }]);
      assert.match(session.accessKeyId, /^ASIA/);
    } finally {
      sts.destroy();
    }
  });

  it("shares the process-wide session with a connection of the same settings", async () => {
    const connection = connect({ authType: "rolesAnywhere", ...settings() });
    try {
      const callsBefore = endpoint.createSessionCalls;
      const fromConnection = await connection.resolveCredentials();
      const fromProvider = await fromRolesAnywhere(settings())();
      assert.equal(endpoint.createSessionCalls, callsBefore + 1);
      assert.equal(fromProvider.accessKeyId, fromConnection.accessKeyId);
      assert.equal(fromProvider.sessionToken, fromConnection.sessionToken);
      assert.equal(fromProvider.expiration?.toISOString(), new Date(endpoint.sessions.at(-1)!.expiration).toISOString());
    } finally {
      connection.close();
    }
  });

  it("applies the connection schema's defaults (a 3600 s session unless durationSeconds is set)", async () => {
    await fromRolesAnywhere(settings())();
    await fromRolesAnywhere(settings({ durationSeconds: 900 }))();
    assert.deepEqual(
      endpoint.sessions.slice(-2).map((s) => s.durationSeconds),
      [3600, 900],
    );
  });

  describe("refuses settings a connection would refuse, with the same codes, when it is created", () => {
    const refused: Array<{ what: string; settings: () => unknown; code: string; field: string | undefined; mentions: RegExp }> = [
      {
        what: "a session of 5 minutes",
        settings: () => settings({ durationSeconds: 300 }),
        code: "CONFIG_INVALID",
        field: "durationSeconds",
        mentions: /durationSeconds must be >= 900/,
      },
      {
        what: "a missing role",
        settings: () => ({ ...settings(), roleArn: undefined }),
        code: "CONFIG_INVALID",
        field: "roleArn",
        mentions: /roleArn is required/,
      },
      {
        what: "a field that is not a Roles Anywhere setting",
        settings: () => ({ ...settings(), region: "eu-west-1" }),
        code: "CONFIG_INVALID",
        field: "region",
        mentions: /region is not a Roles Anywhere setting; the settings are trustAnchorArn, /,
      },
      {
        what: "a Roles Anywhere region other than the ARNs'",
        settings: () => settings({ rolesAnywhereEndpoint: undefined, rolesAnywhereRegion: "us-west-2" }),
        code: "CONFIG_INVALID",
        field: "rolesAnywhereRegion",
        mentions: /choose eu-central-1 as the Roles Anywhere region/,
      },
      {
        what: "plain http to a host that is not loopback",
        settings: () => settings({ rolesAnywhereEndpoint: "http://rolesanywhere.example.com" }),
        code: "ENDPOINT_INSECURE",
        field: "rolesAnywhereEndpoint",
        mentions: /use https:\/\//,
      },
      { what: "no settings at all", settings: () => null, code: "CONFIG_INVALID", field: undefined, mentions: /must be an object/ },
    ];
    for (const { what, settings: given, code, field, mentions } of refused) {
      it(`${what}: ${code}`, () => {
        assert.throws(
          () => fromRolesAnywhere(given() as RolesAnywhereSettings),
          (error: unknown) =>
            error instanceof ConnectorError && error.code === code && error.field === field && mentions.test(error.message),
        );
      });
    }
  });

  it("reports the connection's certificate and service errors, with no secret in them", async () => {
    const other = root.issueLeaf({ keyAlgorithm: "p256" });
    const mismatch = await failure(() => fromRolesAnywhere(settings({ privateKey: other.privateKeyPem() }))());
    assert.equal(mismatch.code, "KEY_CERTIFICATE_MISMATCH");
    const unknownRole = await failure(() =>
      fromRolesAnywhere(settings({ roleArn: `arn:aws:iam::${ACCOUNT}:role/unknown`, maxAttempts: 1 }))(),
    );
    assert.equal(unknownRole.code, "ROLES_ANYWHERE_NOT_FOUND");
    for (const error of [mismatch, unknownRole]) {
      assert.doesNotMatch(JSON.stringify({ message: error.message, cause: String(error.cause) }), /PRIVATE KEY|MII[A-Za-z0-9+/]{20}/);
    }
  });
});

/** The ConnectorError a call throws or rejects with. */
async function failure(call: () => Promise<unknown>): Promise<ConnectorError> {
  try {
    await call();
  } catch (error) {
    assert.ok(error instanceof ConnectorError, String(error));
    return error;
  }
  assert.fail("expected a ConnectorError");
}

describe("a CreateSession backoff ends when the connection closes or the provider's signal aborts", () => {
  const root = createRootCa({ keyAlgorithm: "p256" });
  const leaf = root.issueLeaf({ keyAlgorithm: "rsa" });
  // An endpoint of its own: the outage below leaves unused faults queued on it.
  const endpoint = useLocalRolesAnywhere({ trustAnchors: [root.certificatePem] });
  const MAX_ATTEMPTS = 10;
  const settings = (): RolesAnywhereSettings => ({
    ...endpoint.settings,
    certificate: leaf.certificatePem,
    privateKey: leaf.privateKeyPem(),
    maxAttempts: MAX_ATTEMPTS,
  });
  const outage = () => endpoint.failNext({ status: 503, type: "ServiceUnavailableException", message: "try later" }, MAX_ATTEMPTS);
  /** Resolves once CreateSession has been called `count` times in all. */
  const calls = async (count: number) => {
    while (endpoint.createSessionCalls < count) await new Promise((resolve) => setTimeout(resolve, 5));
  };

  const cases: Array<{ what: string; start: () => { credentials: () => Promise<unknown>; end: () => void } }> = [
    {
      what: "connection.close()",
      start: () => {
        const connection = connect({ authType: "rolesAnywhere", ...settings() });
        return { credentials: () => connection.resolveCredentials(), end: () => connection.close() };
      },
    },
    {
      what: "the provider's abort signal",
      start: () => {
        const controller = new AbortController();
        const provider = fromRolesAnywhere(settings(), { signal: controller.signal });
        return { credentials: () => provider(), end: () => controller.abort() };
      },
    },
  ];
  for (const { what, start } of cases) {
    it(`${what}: the call fails with the outage's error instead of waiting out ${MAX_ATTEMPTS} attempts`, async () => {
      outage();
      const before = endpoint.createSessionCalls;
      const { credentials, end } = start();
      const pending = failure(credentials);
      await calls(before + 1);
      end();
      const error = await pending;
      assert.equal(error.code, "SERVICE_UNAVAILABLE", error.message);
      assert.ok(endpoint.createSessionCalls - before < MAX_ATTEMPTS, `${endpoint.createSessionCalls - before} CreateSession calls`);
    });
  }
});
