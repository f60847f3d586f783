/* Generated from schemas/ by `npm run generate`; do not edit. */

/**
 * How the connection obtains AWS credentials (default: access key and secret).
 */
export type Authentication = "accessKeys" | "rolesAnywhere" | "defaultChain";
/**
 * IAM access key id (AKIA... or ASIA... for temporary keys); with an endpoint override (endpoint, kinesisEndpoint or s3Endpoint: emulators, compatible services) any id.
 */
export type AccessKeyID = string;
/**
 * The secret that belongs to the access key id.
 */
export type SecretAccessKey = string;
/**
 * Only for temporary (ASIA...) keys.
 */
export type SessionToken = string;
/**
 * Region of the queues and streams.
 */
export type AWSRegion =
  | "us-east-1"
  | "us-east-2"
  | "us-west-1"
  | "us-west-2"
  | "af-south-1"
  | "ap-east-1"
  | "ap-east-2"
  | "ap-south-1"
  | "ap-south-2"
  | "ap-southeast-1"
  | "ap-southeast-2"
  | "ap-southeast-3"
  | "ap-southeast-4"
  | "ap-southeast-5"
  | "ap-southeast-6"
  | "ap-southeast-7"
  | "ap-northeast-1"
  | "ap-northeast-2"
  | "ap-northeast-3"
  | "ca-central-1"
  | "ca-west-1"
  | "eu-central-1"
  | "eu-central-2"
  | "eu-west-1"
  | "eu-west-2"
  | "eu-west-3"
  | "eu-south-1"
  | "eu-south-2"
  | "eu-north-1"
  | "il-central-1"
  | "me-south-1"
  | "me-central-1"
  | "mx-central-1"
  | "sa-east-1"
  | "us-gov-east-1"
  | "us-gov-west-1"
  | "cn-north-1"
  | "cn-northwest-1";
/**
 * Any region code not in the list (e.g. a newly launched region). Overrides the dropdown when set.
 */
export type CustomRegion = string;
/**
 * arn:aws:rolesanywhere:<region>:<account>:trust-anchor/<id>
 */
export type TrustAnchorARN = string;
/**
 * arn:aws:rolesanywhere:<region>:<account>:profile/<id>; same region as the trust anchor.
 */
export type ProfileARN = string;
/**
 * The IAM role to assume; it must trust rolesanywhere.amazonaws.com and be listed in the profile.
 */
export type RoleARN = string;
/**
 * Leaf X.509 certificate as PEM, or a PKCS#12 (.p12/.pfx) bundle as base64 (then the private key may be left empty).
 */
export type Certificate = string;
/**
 * Intermediate CA certificates as PEM (leaf first order not required). Needed when the trust anchor is a root CA that did not issue the leaf directly.
 */
export type CertificateChain = string;
/**
 * PEM private key: PKCS#8, encrypted PKCS#8, PKCS#1 (RSA) or SEC1 (EC P-256/P-384).
 */
export type PrivateKey = string;
/**
 * Passphrase of an encrypted private key, or the PKCS#12 password.
 */
export type PrivateKeyPassphrase = string;
/**
 * Region of the trust anchor and profile (may differ from the queue region).
 */
export type RolesAnywhereRegion =
  | "us-east-1"
  | "us-east-2"
  | "us-west-1"
  | "us-west-2"
  | "af-south-1"
  | "ap-east-1"
  | "ap-east-2"
  | "ap-south-1"
  | "ap-south-2"
  | "ap-southeast-1"
  | "ap-southeast-2"
  | "ap-southeast-3"
  | "ap-southeast-4"
  | "ap-southeast-5"
  | "ap-southeast-6"
  | "ap-southeast-7"
  | "ap-northeast-1"
  | "ap-northeast-2"
  | "ap-northeast-3"
  | "ca-central-1"
  | "ca-west-1"
  | "eu-central-1"
  | "eu-central-2"
  | "eu-west-1"
  | "eu-west-2"
  | "eu-west-3"
  | "eu-south-1"
  | "eu-south-2"
  | "eu-north-1"
  | "il-central-1"
  | "me-south-1"
  | "me-central-1"
  | "mx-central-1"
  | "sa-east-1"
  | "us-gov-east-1"
  | "us-gov-west-1"
  | "cn-north-1"
  | "cn-northwest-1";
/**
 * Any region code not in the list (e.g. a newly launched region). Overrides the dropdown when set.
 */
export type RolesAnywhereCustomRegion = string;
/**
 * Sent as roleSessionName only when set; the profile must accept custom session names.
 */
export type RoleSessionName = string;
/**
 * Lifetime of the temporary credentials, from 900 to 3600 seconds.
 */
export type SessionDurationS = number;
/**
 * Override the SQS endpoint (VPC endpoint, FIPS, emulator). https:// only, except loopback.
 */
export type SQSEndpoint = string;
/**
 * Override the Kinesis Data Streams endpoint (VPC endpoint, FIPS, emulator); Kinesis never uses the SQS endpoint. https:// only, except loopback.
 */
export type KinesisEndpoint = string;
/**
 * Override the Amazon S3 endpoint for large payloads (VPC endpoint, S3-compatible storage, emulator), addressed path-style; S3 never uses the SQS endpoint. https:// only, except loopback.
 */
export type S3Endpoint = string;
/**
 * Override the Roles Anywhere endpoint (VPC endpoint, tests). https:// only, except loopback.
 */
export type RolesAnywhereEndpoint = string;
/**
 * Attempts the SDK makes per request on throttling, server errors and network errors.
 */
export type AttemptsPerRequest = number;
/**
 * A request that gets no answer for this long is abandoned and retried (long polls get their wait time on top).
 */
export type RequestTimeoutS = number;

/**
 * Credentials, region and endpoints shared by every operation that uses this connection.
 */
export interface AmazonSQSConnection {
  authType: Authentication;
  accessKeyId?: AccessKeyID;
  secretAccessKey?: SecretAccessKey;
  sessionToken?: SessionToken;
  region?: AWSRegion;
  customRegion?: CustomRegion;
  trustAnchorArn?: TrustAnchorARN;
  profileArn?: ProfileARN;
  roleArn?: RoleARN;
  certificate?: Certificate;
  certificateChain?: CertificateChain;
  privateKey?: PrivateKey;
  privateKeyPassphrase?: PrivateKeyPassphrase;
  rolesAnywhereRegion?: RolesAnywhereRegion;
  rolesAnywhereCustomRegion?: RolesAnywhereCustomRegion;
  sessionName?: RoleSessionName;
  durationSeconds?: SessionDurationS;
  endpoint?: SQSEndpoint;
  kinesisEndpoint?: KinesisEndpoint;
  s3Endpoint?: S3Endpoint;
  rolesAnywhereEndpoint?: RolesAnywhereEndpoint;
  maxAttempts?: AttemptsPerRequest;
  requestTimeoutSeconds?: RequestTimeoutS;
}
