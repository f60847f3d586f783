import { createPrivateKey, X509Certificate, type KeyObject } from "node:crypto";
import { createRequire } from "node:module";
import type Forge from "node-forge";
import { ConnectorError } from "../../core/errors.js";
import type { Certificates } from "./certificates.js";

export interface Pkcs12Contents {
  readonly certificates: Certificates;
  readonly privateKey: KeyObject | undefined;
}

// node-forge is loaded when a bundle is first read (Node caches it): every other
// connection, and every CLI start, would otherwise pay for loading it.
const loadForge = (): typeof Forge => createRequire(import.meta.url)("node-forge") as typeof Forge;

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
// PKCS#12 bag types (RFC 7292, appendix D).
const KEY_BAG = "1.2.840.113549.1.12.10.1.1";
const SHROUDED_KEY_BAG = "1.2.840.113549.1.12.10.1.2";
const CERT_BAG = "1.2.840.113549.1.12.10.1.3";

/**
 * Opens a PKCS#12 (.p12/.pfx) bundle given as base64 in the certificate field.
 * node:crypto cannot read PKCS#12, so node-forge verifies the MAC and decrypts;
 * everything it finds is handed back to node:crypto as DER. forge only models RSA
 * keys and certificates, and leaves the ASN.1 of any other kind (EC) on the bag.
 */
export function readPkcs12(base64: string, passphrase: string | undefined): Pkcs12Contents {
  const compact = base64.replace(/\s+/g, "");
  if (!BASE64.test(compact)) {
    throw unreadable("certificate is neither a PEM certificate (-----BEGIN CERTIFICATE-----) nor a base64 PKCS#12 bundle.");
  }
  const forge = loadForge();
  let pfx: Forge.pkcs12.Pkcs12Pfx;
  try {
    const asn1 = forge.asn1.fromDer(Buffer.from(compact, "base64").toString("binary"), false);
    // A bundle "without password" is, as OpenSSL writes it, protected with the empty password.
    pfx = forge.pkcs12.pkcs12FromAsn1(asn1, false, passphrase ?? "");
  } catch (error) {
    throw pkcs12Failure(error, passphrase);
  }
  const [first, ...rest] = bagsOf(pfx, CERT_BAG).map((bag) => {
    // forge leaves `cert`/`key` null (not undefined, as its typings say) for kinds it does not model.
    const asn1 = bag.cert ? forge.pki.certificateToAsn1(bag.cert) : bag.asn1;
    try {
      return new X509Certificate(derOf(asn1));
    } catch (error) {
      throw unreadable("The PKCS#12 bundle in certificate holds a certificate that is not a readable X.509 certificate.", error);
    }
  });
  if (first === undefined) throw unreadable("The PKCS#12 bundle in certificate holds no certificate.");
  const certificates: Certificates = [first, ...rest];
  const keyBag = [...bagsOf(pfx, SHROUDED_KEY_BAG), ...bagsOf(pfx, KEY_BAG)][0];
  if (keyBag === undefined) return { certificates, privateKey: undefined };
  const privateKeyInfo = keyBag.key ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(keyBag.key)) : keyBag.asn1;
  try {
    return { certificates, privateKey: createPrivateKey({ key: derOf(privateKeyInfo), format: "der", type: "pkcs8" }) };
  } catch (error) {
    throw new ConnectorError("PRIVATE_KEY_INVALID", "The PKCS#12 bundle in certificate holds a private key that is not readable.", {
      field: "certificate",
      step: "certificate",
      cause: error,
    });
  }
}

function bagsOf(pfx: Forge.pkcs12.Pkcs12Pfx, bagType: string): Forge.pkcs12.Bag[] {
  return pfx.getBags({ bagType })[bagType] ?? [];
}

function derOf(asn1: Forge.asn1.Asn1): Buffer {
  return Buffer.from(loadForge().asn1.toDer(asn1).getBytes(), "binary");
}

/** forge reports a wrong or missing password only in its error text ("Invalid password?", "wrong password?"). */
function pkcs12Failure(error: unknown, passphrase: string | undefined): ConnectorError {
  const text = error instanceof Error ? error.message : String(error);
  if (!/password|decrypt/i.test(text)) {
    return unreadable("certificate is base64 but not a readable PKCS#12 bundle (damaged, truncated, or another format).", error);
  }
  if (passphrase === undefined || passphrase === "") {
    return new ConnectorError(
      "PRIVATE_KEY_PASSPHRASE_REQUIRED",
      "certificate is a password-protected PKCS#12 bundle: enter its password in privateKeyPassphrase.",
      { field: "privateKeyPassphrase", step: "certificate", cause: error },
    );
  }
  return new ConnectorError(
    "PRIVATE_KEY_PASSPHRASE_WRONG",
    "privateKeyPassphrase does not open the PKCS#12 bundle in certificate: check the password.",
    { field: "privateKeyPassphrase", step: "certificate", cause: error },
  );
}

function unreadable(message: string, cause?: unknown): ConnectorError {
  return new ConnectorError("CERTIFICATE_INVALID", message, { field: "certificate", step: "certificate", cause });
}
