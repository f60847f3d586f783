import { createHash, createPublicKey, generateKeyPairSync, randomBytes, sign, X509Certificate, type KeyObject } from "node:crypto";
import {
  bits,
  boolean,
  explicit,
  fromDer,
  implicitBytes,
  integer,
  nullValue,
  octets,
  oid,
  sequence,
  set,
  time,
  toDer,
  utf8,
  type Asn1,
} from "./rolesAnywhere/der.js";
import { pkcs12Bundle } from "./rolesAnywhere/pkcs12Bundle.js";

/*
 * A throw-away PKI for tests, generated at run time: root CAs, intermediates and
 * leaf certificates with RSA-2048, EC P-256 and P-384 keys (and P-521, Ed25519 and
 * DSA keys that Roles Anywhere refuses), in every private key format the connector
 * reads. Certificates are written with node-forge's DER encoder and signed with
 * node:crypto, because no single library here makes EC certificates.
 */

export type KeyAlgorithm = "rsa" | "p256" | "p384" | "p521" | "ed25519" | "dsa";

/** pkcs1/sec1 "-encrypted" are OpenSSL's legacy PEM encryption (Proc-Type: 4,ENCRYPTED). */
export type KeyFormat = "pkcs8" | "pkcs8-encrypted" | "pkcs1" | "pkcs1-encrypted" | "sec1" | "sec1-encrypted";

export interface CertificateOptions {
  commonName?: string;
  keyAlgorithm?: KeyAlgorithm;
  /** Default: an hour ago. */
  notBefore?: Date;
  /** Default: a day after notBefore. */
  notAfter?: Date;
  /** Default: random, 63 bits. */
  serial?: bigint;
}

const HOUR_MS = 3_600_000;
const OIDS = {
  commonName: "2.5.4.3",
  organization: "2.5.4.10",
  basicConstraints: "2.5.29.19",
  keyUsage: "2.5.29.15",
  subjectKeyIdentifier: "2.5.29.14",
  authorityKeyIdentifier: "2.5.29.35",
  sha256WithRsa: "1.2.840.113549.1.1.11",
  ecdsaWithSha256: "1.2.840.10045.4.3.2",
};

export function generateKey(algorithm: KeyAlgorithm): KeyObject {
  switch (algorithm) {
    case "rsa":
      return generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    case "p256":
      return generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
    case "p384":
      return generateKeyPairSync("ec", { namedCurve: "P-384" }).privateKey;
    case "p521":
      return generateKeyPairSync("ec", { namedCurve: "P-521" }).privateKey;
    case "ed25519":
      return generateKeyPairSync("ed25519").privateKey;
    case "dsa":
      return generateKeyPairSync("dsa", { modulusLength: 2048, divisorLength: 256 }).privateKey;
  }
}

/** A certificate with its private key. */
export class TestCertificate {
  readonly certificatePem: string;

  constructor(
    readonly certificate: X509Certificate,
    readonly privateKey: KeyObject,
  ) {
    this.certificatePem = certificate.toString();
  }

  /** The private key as PEM in `format`; the encrypted formats need a passphrase. */
  privateKeyPem(format: KeyFormat = "pkcs8", passphrase?: string): string {
    const [type, encrypted] = format.split("-") as ["pkcs8" | "pkcs1" | "sec1", string | undefined];
    const encryption = encrypted === undefined ? {} : { cipher: "aes-256-cbc", passphrase: passphrase ?? "" };
    return this.privateKey.export({ type, format: "pem", ...encryption }).toString();
  }

  /** This certificate, its key and `chain` as a base64 PKCS#12 bundle; no password means an unprotected bundle. */
  pkcs12Base64(options: { password?: string; chain?: readonly TestCertificate[] } = {}): string {
    const certificates = [this.certificate, ...(options.chain ?? []).map((c) => c.certificate)];
    return pkcs12Bundle({ privateKey: this.privateKey, certificates, password: options.password }).toString("base64");
  }
}

/** A CA that issues intermediates and leaves; its own certificate is `certificate`. */
export class TestCertificateAuthority extends TestCertificate {
  issueIntermediate(options: CertificateOptions = {}): TestCertificateAuthority {
    const key = generateKey(options.keyAlgorithm ?? "p256");
    return new TestCertificateAuthority(this.issue(key, true, { commonName: "Test Intermediate CA", ...options }), key);
  }

  issueLeaf(options: CertificateOptions = {}): TestCertificate {
    const key = generateKey(options.keyAlgorithm ?? "p256");
    return new TestCertificate(this.issue(key, false, { commonName: "Test Workload", ...options }), key);
  }

  private issue(subjectKey: KeyObject, isCa: boolean, options: CertificateOptions): X509Certificate {
    return writeCertificate({ subjectKey, isCa, options, issuer: { certificate: this.certificate, key: this.privateKey } });
  }
}

export function createRootCa(options: CertificateOptions = {}): TestCertificateAuthority {
  const key = generateKey(options.keyAlgorithm ?? "p256");
  const certificate = writeCertificate({ subjectKey: key, isCa: true, options: { commonName: "Test Root CA", ...options } });
  return new TestCertificateAuthority(certificate, key);
}

interface CertificateRequest {
  subjectKey: KeyObject;
  isCa: boolean;
  options: CertificateOptions;
  /** Absent for a self-signed root. */
  issuer?: { certificate: X509Certificate; key: KeyObject };
}

/** RFC 5280 TBSCertificate, signed with SHA-256 by the issuer's RSA or EC key. */
function writeCertificate(request: CertificateRequest): X509Certificate {
  const { subjectKey, isCa, options } = request;
  const notBefore = options.notBefore ?? new Date(Date.now() - HOUR_MS);
  const notAfter = options.notAfter ?? new Date(notBefore.getTime() + 24 * HOUR_MS);
  const spki = subjectPublicKeyInfo(subjectKey);
  const subject = distinguishedName(options.commonName ?? "Test");
  const signingKey = request.issuer?.key ?? subjectKey;
  const signatureAlgorithm = signatureAlgorithmFor(signingKey);
  const issuerName = request.issuer === undefined ? subject : fromDer(subjectNameDer(request.issuer.certificate));
  const issuerKeyId = keyIdentifier(request.issuer === undefined ? spki : subjectPublicKeyInfo(request.issuer.certificate.publicKey));
  const tbs = sequence(
    explicit(0, integer(2n)),
    integer(options.serial ?? randomBytes(8).readBigUInt64BE() >> 1n),
    signatureAlgorithm,
    issuerName,
    sequence(time(notBefore), time(notAfter)),
    subject,
    fromDer(spki),
    explicit(
      3,
      sequence(
        extension(OIDS.basicConstraints, true, isCa ? sequence(boolean(true)) : sequence()),
        // CA: keyCertSign and cRLSign (bits 5, 6); leaf: digitalSignature (bit 0).
        extension(OIDS.keyUsage, true, isCa ? bits(Buffer.from([0x06]), 1) : bits(Buffer.from([0x80]), 7)),
        extension(OIDS.subjectKeyIdentifier, false, octets(keyIdentifier(spki))),
        extension(OIDS.authorityKeyIdentifier, false, sequence(implicitBytes(0, issuerKeyId))),
      ),
    ),
  );
  const tbsDer = toDer(tbs);
  const signature = sign("sha256", tbsDer, signingKey);
  return new X509Certificate(toDer(sequence(fromDer(tbsDer), signatureAlgorithm, bits(signature))));
}

function signatureAlgorithmFor(key: KeyObject): Asn1 {
  if (key.asymmetricKeyType === "rsa") return sequence(oid(OIDS.sha256WithRsa), nullValue());
  if (key.asymmetricKeyType === "ec") return sequence(oid(OIDS.ecdsaWithSha256));
  throw new Error(`test CAs sign with RSA or EC keys, not ${key.asymmetricKeyType}`);
}

function distinguishedName(commonName: string): Asn1 {
  return sequence(set(sequence(oid(OIDS.organization), utf8("Connector Tests"))), set(sequence(oid(OIDS.commonName), utf8(commonName))));
}

/** The issuer's subject exactly as encoded in its certificate, so name matching is byte for byte. */
function subjectNameDer(certificate: X509Certificate): Buffer {
  const tbsFields = fromDer(certificate.raw).value as Asn1[];
  const fields = (tbsFields[0]?.value ?? []) as Asn1[];
  const subject = fields[5];
  if (subject === undefined) throw new Error("issuer certificate has no subject");
  return toDer(subject);
}

function subjectPublicKeyInfo(key: KeyObject): Buffer {
  return (key.type === "public" ? key : createPublicKey(key)).export({ type: "spki", format: "der" });
}

// RFC 5280 method 1 would hash only the key bits; any stable hash of the key does for tests.
function keyIdentifier(spki: Buffer): Buffer {
  return createHash("sha1").update(spki).digest();
}

function extension(id: string, critical: boolean, value: Asn1): Asn1 {
  return critical ? sequence(oid(id), boolean(true), octets(toDer(value))) : sequence(oid(id), octets(toDer(value)));
}
