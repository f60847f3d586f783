import { X509Certificate } from "node:crypto";
import { ConnectorError } from "../../core/errors.js";
import { pemBlocks } from "./pem.js";

export type CertificateField = "certificate" | "certificateChain";

/** At least one certificate: a certificate field that parsed always yields its leaf. */
export type Certificates = [X509Certificate, ...X509Certificate[]];

/** Every certificate in a PEM text, in order; throws naming the field when there is none or one is unreadable. */
export function certificatesFromPem(text: string, field: CertificateField): Certificates {
  const code = field === "certificate" ? "CERTIFICATE_INVALID" : "CERTIFICATE_CHAIN_INVALID";
  const blocks = pemBlocks(text);
  const certificateBlocks = blocks.filter((block) => block.label === "CERTIFICATE");
  const [first, ...rest] = certificateBlocks.map((block, index) => {
    try {
      return new X509Certificate(block.der);
    } catch (error) {
      const which = certificateBlocks.length === 1 ? "The certificate" : `Certificate ${index + 1} of ${certificateBlocks.length}`;
      throw new ConnectorError(code, `${which} in ${field} is not a readable X.509 certificate (damaged or truncated PEM).`, {
        field,
        step: "certificate",
        cause: error,
      });
    }
  });
  if (first === undefined) {
    const holdsKey = blocks.some((block) => block.label.endsWith("PRIVATE KEY"));
    throw new ConnectorError(
      code,
      holdsKey
        ? `${field} holds a private key, not a certificate: put the key in privateKey and the PEM certificate (-----BEGIN CERTIFICATE-----) in ${field}.`
        : `${field} has no PEM certificate: paste it including the -----BEGIN CERTIFICATE----- and -----END CERTIFICATE----- lines.`,
      { field, step: "certificate" },
    );
  }
  return [first, ...rest];
}

/** The serial number in decimal, as Roles Anywhere expects it in the credential (node gives hex). */
export function serialDecimal(certificate: X509Certificate): string {
  return BigInt(`0x${certificate.serialNumber}`).toString(10);
}

/** A distinguished name on one line ("CN=..., O=..."); node separates the parts with newlines. */
export function nameOnOneLine(name: string): string {
  return name.split("\n").filter(Boolean).join(", ");
}

export function validityOf(certificate: X509Certificate): { notBefore: Date; notAfter: Date } {
  return { notBefore: new Date(certificate.validFrom), notAfter: new Date(certificate.validTo) };
}
