import assert from "node:assert/strict";
import { connect } from "../../connector/connection.js";
import { ConnectorError } from "../../core/errors.js";
import { collect, errorCodes, useEmbeddedSqs } from "../support/embeddedSqs.js";
import { startFaultProxy, type FaultProxy } from "../support/faultProxy.js";
import { createRootCa } from "../support/pki.js";
import type { LocalRolesAnywhere } from "../support/rolesAnywhere/localRolesAnywhere.js";
import { useLocalRolesAnywhere } from "../support/rolesAnywhere/useLocalRolesAnywhere.js";
import { rolesAnywhereConfig } from "../support/rolesAnywhere/testContext.js";
import { verifySigV4 } from "../support/sigv4Verifier.js";

/**
 * SQS as the service behaves about credentials: a proxy in front of the
 * emulator verifies every request's signature against the credentials Roles
 * Anywhere issued and refuses expired ones, as SQS does with ExpiredToken.
 * To keep the test short, time runs 59 s ahead here: a 61 s session is refused
 * once it has less than 59 s left, two seconds after it was issued.
 */
const SERVER_AHEAD_MS = 59_000;

function credentialCheckingSqs(target: string, ra: LocalRolesAnywhere): Promise<FaultProxy & { signers: Set<string>; refused: number }> {
  const signers = new Set<string>();
  let refused = 0;
  return startFaultProxy({
    target,
    gate: (request) => {
      let accessKeyId: string;
      try {
        accessKeyId = verifySigV4(
          { method: "POST", path: request.path, headers: request.headers, body: request.body },
          (id) => ra.sessions.find((s) => s.accessKeyId === id)?.secretAccessKey,
        );
      } catch (error) {
        refused += 1;
        return { status: 403, body: { __type: "com.amazonaws.sqs#InvalidClientTokenId", message: (error as Error).message } };
      }
      const session = ra.sessions.find((s) => s.accessKeyId === accessKeyId)!;
      if (
        Date.parse(session.expiration) - SERVER_AHEAD_MS <= Date.now() ||
        request.headers["x-amz-security-token"] !== session.sessionToken
      ) {
        refused += 1;
        return {
          status: 403,
          body: { __type: "com.amazonaws.sqs#ExpiredToken", message: "The security token included in the request is expired" },
        };
      }
      signers.add(accessKeyId);
      return undefined;
    },
  }).then((proxy) =>
    Object.assign(proxy, {
      signers,
      get refused() {
        return refused;
      },
    }),
  );
}

describe("Roles Anywhere credentials expiring during a long send", function () {
  this.timeout(60_000);
  const env = useEmbeddedSqs();
  let sqs: Awaited<ReturnType<typeof credentialCheckingSqs>>;
  const root = createRootCa({ keyAlgorithm: "rsa" });
  const leaf = root.issueLeaf({ keyAlgorithm: "rsa" });
  // 61 s of life: the connector treats credentials with under 60 s left as
  // expired, so each set is used for about a second before it is replaced.
  const ra = useLocalRolesAnywhere({ trustAnchors: [root.certificatePem], credentialLifetimeSeconds: 61 });

  before(async () => {
    sqs = await credentialCheckingSqs(env.sqs.endpoint, ra);
  });
  after(async () => {
    await sqs.close();
  });

  it("refreshes the credentials mid-run and finishes with no failed document", async () => {
    const queue = await env.queue("expiring");
    const connection = connect(rolesAnywhereConfig(leaf, ra.settings, { endpoint: sqs.url, region: "us-east-1" }));
    async function* slowReadings() {
      for (let i = 0; i < 400; i++) {
        yield { body: { reading: i } };
        if (i % 50 === 49) await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
    const results = await collect(connection.operation("send", { queueUrl: queue.url, lingerMs: 5 }).execute(slowReadings()));
    connection.close();
    assert.deepEqual(errorCodes(results).filter(Boolean), []);
    assert.equal(results.length, 400);
    assert.equal(await env.depth(queue.url), 400);
    assert.ok(sqs.signers.size >= 3, `requests were signed by ${sqs.signers.size} credential sets`);
    assert.equal(sqs.refused, 0, "no request went out with expired credentials");
  });

  it("the check above has teeth: credentials used past their expiry are refused as AUTH_FAILED", async () => {
    // The first session has been past its (shifted) expiry for seconds by now.
    const expired = ra.sessions[0]!;
    const queue = await env.queue("expired");
    const connection = connect({
      authType: "accessKeys",
      accessKeyId: expired.accessKeyId,
      secretAccessKey: expired.secretAccessKey,
      sessionToken: expired.sessionToken,
      endpoint: sqs.url,
      region: "us-east-1",
    });
    await assert.rejects(
      collect(connection.operation("send", { queueUrl: queue.url }).execute([{ body: "late" }])),
      (error: unknown) => error instanceof ConnectorError && error.code === "AUTH_FAILED",
    );
    connection.close();
  });
});
