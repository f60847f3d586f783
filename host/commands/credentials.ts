import type { AwsCredentialIdentity } from "@smithy/types";
import { openSession, readConnectionFile } from "../session.js";
import { CONNECTION_OPTION, EXIT, HELP_OPTION, optional, VERBOSE_OPTION, type Command } from "./command.js";

/*
 * Set while this command resolves a defaultChain connection. If the chain runs
 * a credential_process that is this command with a defaultChain connection
 * again, the child sees it and stops instead of spawning itself forever.
 */
const RESOLVING_DEFAULT_CHAIN = "SQS_CONNECTOR_RESOLVING_DEFAULT_CHAIN";

export const credentialsCommand: Command = {
  name: "credentials",
  summary: "print the connection's credentials for credential_process (AWS CLI and SDKs)",
  usage: "--connection FILE [--allow-long-term-keys]",
  options: {
    ...HELP_OPTION,
    ...CONNECTION_OPTION,
    "allow-long-term-keys": {
      type: "boolean",
      description: "print an accessKeys connection's keys too (they do not expire; refused without this flag)",
    },
    ...VERBOSE_OPTION,
  },
  notes: [
    "Prints one JSON line in the AWS credential_process format:",
    "  {Version: 1, AccessKeyId, SecretAccessKey, SessionToken, Expiration}",
    "rolesAnywhere: the temporary credentials CreateSession returned; defaultChain: what the AWS default",
    "chain resolves; accessKeys: refused unless --allow-long-term-keys (then printed without Expiration).",
    "Use it from ~/.aws/config, and every AWS SDK and the AWS CLI sign with the connection's credentials:",
    "  [profile plant]",
    '  credential_process = sqs-connector credentials --connection "/etc/plant/connection.json"',
    "Secrets appear only on stdout, never on stderr or in log lines: keep stdout out of logs.",
  ].join("\n"),
  exitCodes:
    "0 credentials printed, 1 they could not be obtained (CreateSession failed, the chain found none), 2 usage, a bad connection file, or long-term keys without --allow-long-term-keys",
  async run({ values, logger }) {
    const config = await readConnectionFile(optional(values["connection"]));
    // The SQS endpoint plays no part in credentials: no emulator for "embedded".
    if (config["endpoint"] === "embedded") delete config["endpoint"];
    const session = await openSession(config, { logger });
    try {
      const refusal = refusalFor(session.connection.authType, values["allow-long-term-keys"] === true);
      if (refusal !== undefined) {
        process.stderr.write(`sqs-connector credentials: ${refusal}\n`);
        return EXIT.usage;
      }
      if (session.connection.authType === "defaultChain") process.env[RESOLVING_DEFAULT_CHAIN] = "1";
      process.stdout.write(JSON.stringify(credentialProcessOutput(await session.connection.resolveCredentials())) + "\n");
      return EXIT.ok;
    } finally {
      await session.close();
    }
  },
};

/** Why the credentials must not be printed, if they must not. */
function refusalFor(authType: string, allowLongTermKeys: boolean): string | undefined {
  if (authType === "accessKeys" && !allowLongTermKeys) {
    return "this connection holds access keys, long-term credentials that do not expire. Printing them copies them out of the connection: pass --allow-long-term-keys if that is intended, or use IAM Roles Anywhere for temporary credentials.";
  }
  if (authType === "defaultChain" && process.env[RESOLVING_DEFAULT_CHAIN] !== undefined) {
    return "the AWS default chain ran this command again for a defaultChain connection (a credential_process that points back at itself): give that profile's credential_process a rolesAnywhere connection.";
  }
  return undefined;
}

/** The credential_process format (Version 1); Expiration only for credentials that expire. */
function credentialProcessOutput(credentials: AwsCredentialIdentity): Record<string, string | number> {
  return {
    Version: 1,
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: credentials.secretAccessKey,
    ...(credentials.sessionToken === undefined ? {} : { SessionToken: credentials.sessionToken }),
    ...(credentials.expiration === undefined ? {} : { Expiration: credentials.expiration.toISOString().replace(/\.\d{3}Z$/, "Z") }),
  };
}
