import { createHmac, randomBytes, type KeyObject, type X509Certificate } from "node:crypto";
import forge from "node-forge";
import { explicit, fromDer, integer, nullValue, octets, oid, sequence, toDer, type Asn1 } from "./der.js";

/*
 * Writes PKCS#12 bundles (RFC 7292) for any key type. node-forge's own writer
 * only takes RSA keys, so the structure is built here and forge supplies the
 * two PKCS#12 primitives: PBES2 key encryption and the password-to-MAC-key KDF.
 */
const OIDS = {
  data: "1.2.840.113549.1.7.1",
  keyBag: "1.2.840.113549.1.12.10.1.1",
  shroudedKeyBag: "1.2.840.113549.1.12.10.1.2",
  certBag: "1.2.840.113549.1.12.10.1.3",
  x509Certificate: "1.2.840.113549.1.9.22.1",
  sha256: "2.16.840.1.101.3.4.2.1",
};
const ITERATIONS = 2048;

export interface Pkcs12Input {
  privateKey: KeyObject;
  /** Leaf first, then any intermediates. */
  certificates: readonly X509Certificate[];
  /**
   * With a password (the empty one too, as OpenSSL writes "no password"), the key is
   * encrypted and the bundle carries a MAC; without one, neither.
   */
  password?: string | undefined;
}

export function pkcs12Bundle(input: Pkcs12Input): Buffer {
  const privateKeyInfo = fromDer(input.privateKey.export({ type: "pkcs8", format: "der" }));
  const keyBag =
    input.password === undefined
      ? safeBag(OIDS.keyBag, privateKeyInfo)
      : safeBag(
          OIDS.shroudedKeyBag,
          forge.pki.encryptPrivateKeyInfo(privateKeyInfo, input.password, {
            algorithm: "aes256",
            count: ITERATIONS,
            prfAlgorithm: "sha256",
          }),
        );
  const certBags = input.certificates.map((certificate) =>
    safeBag(OIDS.certBag, sequence(oid(OIDS.x509Certificate), explicit(0, octets(certificate.raw)))),
  );
  const authenticatedSafe = toDer(sequence(dataContentInfo(toDer(sequence(keyBag, ...certBags)))));
  const pfx = [integer(3n), dataContentInfo(authenticatedSafe)];
  if (input.password !== undefined) pfx.push(macData(authenticatedSafe, input.password));
  return toDer(sequence(...pfx));
}

function safeBag(bagId: string, value: Asn1): Asn1 {
  return sequence(oid(bagId), explicit(0, value));
}

function dataContentInfo(content: Buffer): Asn1 {
  return sequence(oid(OIDS.data), explicit(0, octets(content)));
}

/** HMAC-SHA256 over the authenticated safe, keyed by the PKCS#12 KDF (purpose 3: MAC). */
function macData(authenticatedSafe: Buffer, password: string): Asn1 {
  const salt = randomBytes(16);
  const macKey = forge.pkcs12.generateKey(
    password,
    forge.util.createBuffer(salt.toString("binary")),
    3,
    ITERATIONS,
    32,
    forge.md.sha256.create(),
  );
  const digest = createHmac("sha256", Buffer.from(macKey.getBytes(), "binary")).update(authenticatedSafe).digest();
  return sequence(sequence(sequence(oid(OIDS.sha256), nullValue()), octets(digest)), octets(salt), integer(BigInt(ITERATIONS)));
}
