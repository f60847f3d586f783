import type { CredentialContext } from "../../../auth/credentialSource.js";
import type { Clock, Logger } from "../../../connector/host.js";
import { Redactor } from "../../../connector/redaction.js";
import type { ConnectionConfig } from "../../../connector/types.js";
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
  return { clock, logger, redactor: new Redactor(), logged };
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
