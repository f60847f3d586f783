import { createPrivateKey, type KeyObject } from "node:crypto";
import { ConnectorError } from "../../core/errors.js";
import { looksLikePem, pemBlocks } from "./pem.js";

/**
 * Reads a PEM private key: PKCS#8, encrypted PKCS#8, PKCS#1 (`RSA PRIVATE KEY`,
 * also with legacy OpenSSL encryption) or SEC1 (`EC PRIVATE KEY`). Whether a key
 * is encrypted is read from the PEM itself, so the error codes do not depend on
 * OpenSSL's wording, which changes between versions.
 */
export function privateKeyFromPem(text: string, passphrase: string | undefined): KeyObject {
  const blocks = pemBlocks(text);
  const block = blocks.find((candidate) => candidate.label.endsWith("PRIVATE KEY"));
  if (block === undefined)
    throw new ConnectorError(
      "PRIVATE_KEY_INVALID",
      missingKeyMessage(
        text,
        blocks.map((b) => b.label),
      ),
      keyField(),
    );
  const encrypted = block.label === "ENCRYPTED PRIVATE KEY" || /Proc-Type:\s*4,ENCRYPTED/.test(block.text);
  if (encrypted && (passphrase === undefined || passphrase === "")) {
    throw new ConnectorError("PRIVATE_KEY_PASSPHRASE_REQUIRED", "privateKey is encrypted: enter its passphrase in privateKeyPassphrase.", {
      field: "privateKeyPassphrase",
      step: "certificate",
    });
  }
  try {
    return createPrivateKey(encrypted ? { key: block.text, format: "pem", passphrase } : { key: block.text, format: "pem" });
  } catch (error) {
    if (encrypted) {
      throw new ConnectorError(
        "PRIVATE_KEY_PASSPHRASE_WRONG",
        "privateKeyPassphrase does not decrypt privateKey: check the passphrase (and that the key is the one it belongs to).",
        { field: "privateKeyPassphrase", step: "certificate", cause: error },
      );
    }
    throw new ConnectorError(
      "PRIVATE_KEY_INVALID",
      `privateKey (${block.label}) is not a readable key: the PEM is damaged or truncated. Paste the whole key again.`,
      { ...keyField(), cause: error },
    );
  }
}

function missingKeyMessage(text: string, labels: string[]): string {
  if (!looksLikePem(text)) {
    return "privateKey is not a PEM key: paste it including the -----BEGIN ... PRIVATE KEY----- and -----END ... PRIVATE KEY----- lines.";
  }
  if (labels.includes("CERTIFICATE")) {
    return "privateKey holds a certificate, not a private key: put the certificate in certificate and its private key here.";
  }
  return `privateKey has no private key block (found ${labels.join(", ") || "none"}); expected PRIVATE KEY, ENCRYPTED PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY.`;
}

function keyField(): { field: string; step: "certificate" } {
  return { field: "privateKey", step: "certificate" };
}
