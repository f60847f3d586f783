import type { KeyObject, X509Certificate } from "node:crypto";
import { ConnectorError } from "../../core/errors.js";
import type { ConnectionConfig } from "../../core/types.js";
import { certificatesFromPem, nameOnOneLine, serialDecimal, validityOf } from "./certificates.js";
import { keyTypeOf, type SigningAlgorithm } from "./keyTypes.js";
import { looksLikePem } from "./pem.js";
import { readPkcs12 } from "./pkcs12.js";
import { privateKeyFromPem } from "./privateKey.js";
import type { RolesAnywhereSettings } from "./rolesAnywhereSettings.js";

/** The certificate, intermediates and key that sign CreateSession, already checked to belong together. */
export interface SigningIdentity {
  readonly certificate: X509Certificate;
  /** Intermediate CA certificates, sent in X-Amz-X509-Chain; never includes the leaf. */
  readonly chain: readonly X509Certificate[];
  readonly privateKey: KeyObject;
  readonly algorithm: SigningAlgorithm;
  /** "RSA 2048", "EC P-384". */
  readonly keyLabel: string;
}

/**
 * Loads and cross-checks the certificate fields: everything that can be known
 * without the network and without a clock. Throws a ConnectorError (step
 * "certificate") naming the field to fix.
 */
export function loadSigningIdentity(config: ConnectionConfig | RolesAnywhereSettings): SigningIdentity {
  const certificateText = config.certificate ?? "";
  if (certificateText.trim() === "") {
    throw new ConnectorError("CONFIG_INVALID", "certificate is required for IAM Roles Anywhere.", {
      field: "certificate",
      step: "certificate",
    });
  }
  const passphrase = config.privateKeyPassphrase;
  const bundle = looksLikePem(certificateText)
    ? { certificates: certificatesFromPem(certificateText, "certificate"), privateKey: undefined }
    : readPkcs12(certificateText, passphrase);
  const keyFromField = config.privateKey !== undefined && config.privateKey.trim() !== "";
  const privateKey = keyFromField ? privateKeyFromPem(config.privateKey ?? "", passphrase) : bundle.privateKey;
  if (privateKey === undefined) {
    throw new ConnectorError("CONFIG_INVALID", "privateKey is required, unless certificate is a PKCS#12 bundle that contains the key.", {
      field: "privateKey",
      step: "certificate",
    });
  }
  const keyField = keyFromField ? "privateKey" : "certificate";
  const keyType = keyTypeOf(privateKey);
  if (keyType.algorithm === undefined) throw unsupported(keyField, "the private key", keyType.label);
  // A bundle or a pasted full chain may list the leaf anywhere: the leaf is the one the key belongs to.
  const certificate = bundle.certificates.find((candidate) => candidate.checkPrivateKey(privateKey)) ?? bundle.certificates[0];
  const certificateType = keyTypeOf(certificate.publicKey);
  if (certificateType.algorithm === undefined) throw unsupported("certificate", "the certificate's public key", certificateType.label);
  if (!certificate.checkPrivateKey(privateKey)) {
    throw new ConnectorError(
      "KEY_CERTIFICATE_MISMATCH",
      `${keyField === "privateKey" ? "privateKey" : "The key in the PKCS#12 bundle"} does not belong to the certificate (subject ${nameOnOneLine(certificate.subject)}, serial ${serialDecimal(certificate)}): use the key the certificate was issued for.`,
      { field: keyField, step: "certificate" },
    );
  }
  const chainText = config.certificateChain ?? "";
  const extra = chainText.trim() === "" ? [] : certificatesFromPem(chainText, "certificateChain");
  return {
    certificate,
    chain: distinct([...bundle.certificates, ...extra]).filter((c) => c.fingerprint256 !== certificate.fingerprint256),
    privateKey,
    algorithm: keyType.algorithm,
    keyLabel: keyType.label,
  };
}

/** Throws CERTIFICATE_EXPIRED or CERTIFICATE_NOT_YET_VALID when `nowMs` is outside the leaf's validity. */
export function checkValidity(identity: SigningIdentity, nowMs: number): void {
  const { notBefore, notAfter } = validityOf(identity.certificate);
  const subject = nameOnOneLine(identity.certificate.subject);
  if (nowMs > notAfter.getTime()) {
    throw new ConnectorError(
      "CERTIFICATE_EXPIRED",
      `certificate (subject ${subject}) expired on ${notAfter.toISOString()}: renew it and paste the new certificate and key.`,
      { field: "certificate", step: "certificate", details: { notAfter: notAfter.toISOString() } },
    );
  }
  if (nowMs < notBefore.getTime()) {
    throw new ConnectorError(
      "CERTIFICATE_NOT_YET_VALID",
      `certificate (subject ${subject}) is valid only from ${notBefore.toISOString()}: wait until then, or check this host's clock.`,
      { field: "certificate", step: "certificate", details: { notBefore: notBefore.toISOString() } },
    );
  }
}

/** Non-secret facts for a connection test report. */
export function identityFacts(identity: SigningIdentity): Record<string, string> {
  const { notBefore, notAfter } = validityOf(identity.certificate);
  return {
    subject: nameOnOneLine(identity.certificate.subject),
    issuer: nameOnOneLine(identity.certificate.issuer),
    serial: serialDecimal(identity.certificate),
    notBefore: notBefore.toISOString(),
    notAfter: notAfter.toISOString(),
    keyType: identity.keyLabel,
    chainLength: String(identity.chain.length),
  };
}

function unsupported(field: string, what: string, label: string): ConnectorError {
  return new ConnectorError(
    "KEY_TYPE_UNSUPPORTED",
    `${field}: ${what} is ${label}, but IAM Roles Anywhere accepts only RSA and EC P-256/P-384 keys: create such a key and a certificate for it.`,
    { field, step: "certificate" },
  );
}

function distinct(certificates: X509Certificate[]): X509Certificate[] {
  const seen = new Set<string>();
  return certificates.filter((certificate) => !seen.has(certificate.fingerprint256) && seen.add(certificate.fingerprint256));
}
