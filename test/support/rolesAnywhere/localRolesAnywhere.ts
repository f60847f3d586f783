import { randomBytes, randomUUID, X509Certificate } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Clock } from "../../../core/host.js";
import type { ConnectionConfig } from "../../../core/types.js";
import { isRejection, verifySignedRequest, type Rejection, type VerifiedRequest } from "./requestVerifier.js";

/*
 * A local IAM Roles Anywhere for tests and the demo: a real HTTP server on
 * 127.0.0.1 that checks every CreateSession cryptographically (signature,
 * chain to the test CA, validity, clock skew), answers with the service's
 * error shapes and issues fake temporary credentials. Not shipped.
 */

export interface LocalRolesAnywhereOptions {
  /** The trust anchor's CA certificate(s), PEM or parsed. */
  trustAnchors: ReadonlyArray<string | X509Certificate>;
  /** Must be a region the connection schema accepts; default eu-central-1. */
  region?: string;
  /** Default true; false answers "Not authorized to set roleSessionName" when one is sent. */
  acceptSessionNames?: boolean;
  /** Lifetime of issued credentials; default the durationSeconds requested. */
  credentialLifetimeSeconds?: number;
  /** The server's notion of now, for validity, skew and expirations (and its Date header); default the system clock. */
  clock?: Clock;
  /** Send a Date header (default true). */
  dateHeader?: boolean;
}

export interface IssuedSession {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: string;
  certificateSerial: string;
  roleSessionName: string | undefined;
  durationSeconds: number;
}

/** The ARNs this endpoint knows; pass them, and the endpoint, in the connection config. */
export type LocalRolesAnywhereSettings = Required<
  Pick<ConnectionConfig, "trustAnchorArn" | "profileArn" | "roleArn" | "rolesAnywhereEndpoint" | "rolesAnywhereRegion">
>;

export interface LocalRolesAnywhere {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  readonly settings: LocalRolesAnywhereSettings;
  /** Every POST /sessions received, accepted or not. */
  readonly createSessionCalls: number;
  /** The credentials issued, oldest first. */
  readonly sessions: readonly IssuedSession[];
  /** Answers the next `times` CreateSession calls with `rejection` before checking them (throttling, outages). */
  failNext(rejection: { status: number; type: string; message: string }, times?: number): void;
  close(): Promise<void>;
}

const ACCOUNT = "123456789012";
const ROLE_NAME = "connector-test-role";

export async function startLocalRolesAnywhere(options: LocalRolesAnywhereOptions): Promise<LocalRolesAnywhere> {
  const region = options.region ?? "eu-central-1";
  const clock = options.clock ?? { now: () => Date.now() };
  const trustAnchors = options.trustAnchors.map((anchor) => (typeof anchor === "string" ? new X509Certificate(anchor) : anchor));
  const known = {
    trustAnchorArn: `arn:aws:rolesanywhere:${region}:${ACCOUNT}:trust-anchor/${randomUUID()}`,
    profileArn: `arn:aws:rolesanywhere:${region}:${ACCOUNT}:profile/${randomUUID()}`,
    roleArn: `arn:aws:iam::${ACCOUNT}:role/${ROLE_NAME}`,
  };
  const sessions: IssuedSession[] = [];
  const faults: Array<{ status: number; type: string; message: string }> = [];
  let calls = 0;

  const answer = (request: IncomingMessage, body: string): { status: number; type?: string; payload: unknown } => {
    if (request.method !== "POST" || !(request.url ?? "").startsWith("/sessions")) {
      return { status: 404, type: "UnknownOperationException", payload: { message: "Only POST /sessions is served here" } };
    }
    calls += 1;
    const fault = faults.shift();
    if (fault !== undefined) return { status: fault.status, type: fault.type, payload: { message: fault.message } };
    const verified = verifySignedRequest(
      { method: request.method, path: request.url ?? "", headers: request.headers, body },
      { trustAnchors, region, nowMs: clock.now() },
    );
    const outcome = isRejection(verified) ? verified : createSession(verified);
    return isRejection(outcome)
      ? { status: outcome.status, type: outcome.type, payload: { message: outcome.message } }
      : { status: 201, payload: outcome };
  };

  const createSession = (request: VerifiedRequest): Rejection | Record<string, unknown> => {
    const missing = (["profileArn", "roleArn", "trustAnchorArn"] as const).find((name) => request.query[name] === undefined);
    if (missing !== undefined) return { status: 400, type: "ValidationException", message: `${missing} is required` };
    if (request.query["trustAnchorArn"] !== known.trustAnchorArn) return notFound("trust anchor");
    if (request.query["profileArn"] !== known.profileArn) return notFound("profile");
    if (request.query["roleArn"] !== known.roleArn) return notFound("role");
    const body = (request.body ?? {}) as { durationSeconds?: unknown; roleSessionName?: unknown };
    const durationSeconds = body.durationSeconds ?? 3600;
    if (typeof durationSeconds !== "number" || !Number.isInteger(durationSeconds) || durationSeconds < 900 || durationSeconds > 43200) {
      return { status: 400, type: "ValidationException", message: "durationSeconds must be between 900 and 43200" };
    }
    const roleSessionName = typeof body.roleSessionName === "string" ? body.roleSessionName : undefined;
    if (roleSessionName !== undefined && options.acceptSessionNames === false) {
      return { status: 403, type: "AccessDeniedException", message: "Not authorized to set roleSessionName" };
    }
    const lifetimeMs = (options.credentialLifetimeSeconds ?? durationSeconds) * 1000;
    const serial = BigInt(`0x${request.certificate.serialNumber}`).toString(10);
    const session: IssuedSession = {
      accessKeyId: `ASIA${randomBytes(8).toString("hex").toUpperCase()}`,
      secretAccessKey: randomBytes(30).toString("base64"),
      sessionToken: randomBytes(120).toString("base64"),
      expiration: new Date(clock.now() + lifetimeMs).toISOString().replace(/\.\d{3}Z$/, "Z"),
      certificateSerial: serial,
      roleSessionName,
      durationSeconds,
    };
    sessions.push(session);
    const { accessKeyId, secretAccessKey, sessionToken, expiration } = session;
    return {
      credentialSet: [
        {
          assumedRoleUser: {
            arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${ROLE_NAME}/${roleSessionName ?? serial}`,
            assumedRoleId: `AROA${randomBytes(8).toString("hex").toUpperCase()}:${roleSessionName ?? serial}`,
          },
          credentials: { accessKeyId, secretAccessKey, sessionToken, expiration },
          packedPolicySize: 0,
          roleArn: known.roleArn,
          sourceIdentity: request.certificate.subject.split("\n").join(","),
        },
      ],
      subjectArn: `arn:aws:rolesanywhere:${region}:${ACCOUNT}:subject/${randomUUID()}`,
    };
  };

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const { status, type, payload } = answer(request, Buffer.concat(chunks).toString("utf8"));
      const headers: Record<string, string> = { "content-type": "application/json", "x-amzn-requestid": randomUUID() };
      if (type !== undefined) headers["x-amzn-errortype"] = type;
      // The service's Date is what clients correct their clocks from.
      if (options.dateHeader === false) response.sendDate = false;
      else headers["date"] = new Date(clock.now()).toUTCString();
      response.writeHead(status, headers).end(JSON.stringify(payload));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    settings: { ...known, rolesAnywhereEndpoint: url, rolesAnywhereRegion: region as LocalRolesAnywhereSettings["rolesAnywhereRegion"] },
    get createSessionCalls() {
      return calls;
    },
    sessions,
    failNext(rejection, times = 1) {
      for (let i = 0; i < times; i += 1) faults.push(rejection);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function notFound(what: string): Rejection {
  return { status: 404, type: "ResourceNotFoundException", message: `Unable to find ${what}` };
}
