import assert from "node:assert/strict";
import type { CredentialContext } from "../../../auth/credentialSource.js";
import { ConnectorError } from "../../../core/errors.js";
import type { Clock, Logger } from "../../../core/host.js";
import { Redactor } from "../../../core/redaction.js";
import type { ConnectionConfig } from "../../../core/types.js";
import type { TestCertificate } from "../pki.js";
import type { LocalRolesAnywhereSettings } from "./localRolesAnywhere.js";

/** A clock that moves only when told to. */
export class ManualClock implements Clock {
  constructor(private ms: number = Date.now()) {}

  now(): number {
    return this.ms;
  }

  advance(ms: number): void {
    this.ms += ms;
  }

  set(ms: number): void {
    this.ms = ms;
  }
}

export interface RecordingContext extends CredentialContext {
  /** Every log line, message and fields, in order. */
  readonly logged: Array<{ level: string; message: string; fields?: Record<string, unknown> }>;
}

export function credentialContext(clock: Clock = { now: () => Date.now() }): RecordingContext {
  const logged: RecordingContext["logged"] = [];
  const record =
    (level: string) =>
    (message: string, fields?: Record<string, unknown>): void => {
      logged.push(fields === undefined ? { level, message } : { level, message, fields });
    };
  const logger: Logger = { debug: record("debug"), info: record("info"), warn: record("warn"), error: record("error") };
  return { clock, logger, redactor: new Redactor(), signal: new AbortController().signal, logged };
}

/** A Roles Anywhere connection for `leaf` against a local endpoint; `overrides` win. */
export function rolesAnywhereConfig(
  leaf: TestCertificate,
  endpoint: LocalRolesAnywhereSettings,
  overrides: Partial<ConnectionConfig> = {},
): ConnectionConfig {
  return {
    authType: "rolesAnywhere",
    ...endpoint,
    certificate: leaf.certificatePem,
    privateKey: leaf.privateKeyPem(),
    ...overrides,
  };
}

/** The public endpoint of eu-central-1, for nock, and ARNs there. */
export const AWS_ORIGIN = "https://rolesanywhere.eu-central-1.amazonaws.com";
export const AWS_ARNS = {
  trustAnchorArn: "arn:aws:rolesanywhere:eu-central-1:123456789012:trust-anchor/0d5c4e11-aaaa-4bbb-8ccc-123456789abc",
  profileArn: "arn:aws:rolesanywhere:eu-central-1:123456789012:profile/7f2e4d22-aaaa-4bbb-8ccc-123456789abc",
  roleArn: "arn:aws:iam::123456789012:role/orders/sqs-writer",
};

/** A Roles Anywhere connection for `leaf` against AWS_ORIGIN; `overrides` win. */
export function awsConfig(leaf: TestCertificate, overrides: Partial<ConnectionConfig> = {}): ConnectionConfig {
  return {
    authType: "rolesAnywhere",
    ...AWS_ARNS,
    rolesAnywhereRegion: "eu-central-1",
    certificate: leaf.certificatePem,
    privateKey: leaf.privateKeyPem(),
    ...overrides,
  };
}

/** The ConnectorError `promise` rejects with; fails the test if it resolves or rejects with anything else. */
export async function connectorFailure(promise: Promise<unknown>): Promise<ConnectorError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ConnectorError, String(error));
    return error;
  }
  assert.fail("expected a ConnectorError");
}
