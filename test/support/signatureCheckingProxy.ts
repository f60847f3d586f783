import { startFaultProxy, type FaultProxy } from "./faultProxy.js";
import { verifySigV4 } from "./sigv4Verifier.js";

export interface SignatureCheckingProxy extends FaultProxy {
  /** Access key ids of the requests that verified. */
  readonly signers: Set<string>;
}

/**
 * A loopback proxy in front of an emulator that checks every request as AWS
 * would before passing it on: SigV4 against the secret the access key id
 * names, and the session token that belongs to it. Emulators accept any
 * signature; this proves which credentials a connection really signs with.
 */
export async function startSignatureCheckingProxy(
  target: string,
  credentialsFor: (accessKeyId: string) => { secretAccessKey: string; sessionToken?: string } | undefined,
): Promise<SignatureCheckingProxy> {
  const signers = new Set<string>();
  const proxy = await startFaultProxy({
    target,
    gate: (request) => {
      try {
        const accessKeyId = verifySigV4(
          { method: request.method, path: request.path, headers: request.headers, body: request.body },
          (id) => credentialsFor(id)?.secretAccessKey,
        );
        if (request.headers["x-amz-security-token"] !== credentialsFor(accessKeyId)?.sessionToken) throw new Error("wrong session token");
        signers.add(accessKeyId);
        return undefined;
      } catch (error) {
        return { status: 400, body: { __type: "UnrecognizedClientException", message: (error as Error).message } };
      }
    },
  });
  return Object.assign(proxy, { signers });
}
