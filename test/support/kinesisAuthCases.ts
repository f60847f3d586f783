import { useEmbeddedKinesis, type KinesisEnv } from "./embeddedKinesis.js";
import { useSignedEndpoint, type AuthCase, type SignedEndpoint } from "./signedEndpoint.js";

export { withEnvironment } from "./signedEndpoint.js";
export type KinesisAuthCase = AuthCase;

export interface SignedKinesis extends SignedEndpoint {
  readonly kinesis: KinesisEnv;
}

/** The embedded Kinesis behind the signature-checking proxy (kinesalite accepts anything), with the three auth types. */
export function useSignedKinesis(): SignedKinesis {
  const kinesis = useEmbeddedKinesis();
  const signed = useSignedEndpoint(() => kinesis.kinesis.endpoint);
  return {
    kinesis,
    get endpoint() {
      return signed.endpoint;
    },
    get proxy() {
      return signed.proxy;
    },
    cases: signed.cases,
  };
}
