import { createRootCa } from "./pki.js";
import { useLocalRolesAnywhere } from "./rolesAnywhere/useLocalRolesAnywhere.js";
import { startSignatureCheckingProxy, type SignatureCheckingProxy } from "./signatureCheckingProxy.js";

/** One way a connection gets its credentials, and the access key id its requests must be signed with. */
export interface AuthCase {
  name: string;
  /** The connection's auth fields (endpoints and region added by the test). */
  settings(): Record<string, unknown>;
  /** Environment variables the auth type reads (the default chain: the process environment). */
  env: Record<string, string>;
  signer(): string;
}

export interface SignedEndpoint {
  /** The signature-checking proxy in front of the emulator: the connections' endpoint for it. */
  readonly endpoint: string;
  readonly proxy: SignatureCheckingProxy;
  /** Access keys, the default chain (environment variables) and IAM Roles Anywhere (local endpoint). */
  readonly cases: readonly AuthCase[];
}

const KEYS = { accessKeyId: "AKIAKINESISAUTHTEST1", secretAccessKey: "kinesis-auth-test-secret-000000000000001" };
const ENV_KEYS = { accessKeyId: "AKIAKINESISENVCHAIN1", secretAccessKey: "kinesis-env-chain-secret-000000000000001" };

/**
 * An emulator (`target`, read once it has started) behind a proxy that verifies
 * signatures as AWS does, with the three auth types to run against it:
 * emulators accept anything, so only the proxy proves which credentials a
 * connection signs with.
 */
export function useSignedEndpoint(target: () => string): SignedEndpoint {
  const root = createRootCa({ keyAlgorithm: "p256" });
  const leaf = root.issueLeaf({ keyAlgorithm: "p256", commonName: "kinesis-gateway" });
  const ra = useLocalRolesAnywhere({ trustAnchors: [root.certificatePem] });
  let proxy: SignatureCheckingProxy | undefined;
  before(async () => {
    proxy = await startSignatureCheckingProxy(target(), (id) => {
      if (id === KEYS.accessKeyId) return { secretAccessKey: KEYS.secretAccessKey };
      if (id === ENV_KEYS.accessKeyId) return { secretAccessKey: ENV_KEYS.secretAccessKey };
      const session = ra.sessions.find((s) => s.accessKeyId === id);
      return session === undefined ? undefined : { secretAccessKey: session.secretAccessKey, sessionToken: session.sessionToken };
    });
  });
  after(async () => {
    await proxy?.close();
  });
  const started = (): SignatureCheckingProxy => {
    if (proxy === undefined) throw new Error("the signature-checking proxy is not started yet");
    return proxy;
  };
  return {
    get endpoint() {
      return started().url;
    },
    get proxy() {
      return started();
    },
    cases: [
      { name: "access keys", settings: () => ({ authType: "accessKeys", ...KEYS }), env: {}, signer: () => KEYS.accessKeyId },
      {
        name: "the default chain (environment variables)",
        settings: () => ({ authType: "defaultChain" }),
        // Only the environment: no profile files of the machine.
        env: {
          AWS_ACCESS_KEY_ID: ENV_KEYS.accessKeyId,
          AWS_SECRET_ACCESS_KEY: ENV_KEYS.secretAccessKey,
          AWS_CONFIG_FILE: "/nonexistent",
          AWS_SHARED_CREDENTIALS_FILE: "/nonexistent",
        },
        signer: () => ENV_KEYS.accessKeyId,
      },
      {
        name: "IAM Roles Anywhere",
        settings: () => ({ authType: "rolesAnywhere", ...ra.settings, certificate: leaf.certificatePem, privateKey: leaf.privateKeyPem() }),
        env: {},
        signer: () => ra.sessions.at(-1)!.accessKeyId,
      },
    ],
  };
}

/** Runs `body` with these environment variables set, restoring the previous values after. */
export async function withEnvironment<T>(variables: Record<string, string>, body: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(variables).map((name) => [name, process.env[name]]));
  Object.assign(process.env, variables);
  try {
    return await body();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
