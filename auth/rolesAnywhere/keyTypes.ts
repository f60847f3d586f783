import type { KeyObject } from "node:crypto";

/** Roles Anywhere's two signing algorithms; SHA-256 is used with both, whatever the curve. */
export type SigningAlgorithm = "AWS4-X509-RSA-SHA256" | "AWS4-X509-ECDSA-SHA256";

export interface KeyType {
  /** For people: "RSA 2048", "EC P-256", "Ed25519". */
  readonly label: string;
  /** Undefined when Roles Anywhere cannot use the key. */
  readonly algorithm: SigningAlgorithm | undefined;
}

// OpenSSL's curve names; only P-256 and P-384 are accepted by the service.
const CURVES: Record<string, { label: string; supported: boolean }> = {
  prime256v1: { label: "P-256", supported: true },
  secp384r1: { label: "P-384", supported: true },
  secp521r1: { label: "P-521", supported: false },
  secp256k1: { label: "secp256k1", supported: false },
};

const OTHER_LABELS: Record<string, string> = { ed25519: "Ed25519", ed448: "Ed448", dsa: "DSA", "rsa-pss": "RSA-PSS" };

/** Works for private keys and for a certificate's public key alike. */
export function keyTypeOf(key: KeyObject): KeyType {
  const type = key.asymmetricKeyType ?? "unknown";
  if (type === "rsa") {
    return { label: `RSA ${key.asymmetricKeyDetails?.modulusLength ?? ""}`.trim(), algorithm: "AWS4-X509-RSA-SHA256" };
  }
  if (type === "ec") {
    const curveName = key.asymmetricKeyDetails?.namedCurve ?? "unknown curve";
    const curve = CURVES[curveName];
    return {
      label: `EC ${curve?.label ?? curveName}`,
      algorithm: curve?.supported === true ? "AWS4-X509-ECDSA-SHA256" : undefined,
    };
  }
  return { label: OTHER_LABELS[type] ?? type.toUpperCase(), algorithm: undefined };
}
