/** One `-----BEGIN <label>----- ... -----END <label>-----` block of a PEM text. */
export interface PemBlock {
  readonly label: string;
  /** The block exactly as written, armour and headers included (node:crypto parses this form). */
  readonly text: string;
  /** The base64 body decoded; RFC 1421 headers such as Proc-Type are left out. */
  readonly der: Buffer;
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

export function looksLikePem(text: string): boolean {
  return text.includes("-----BEGIN ");
}

/** Every PEM block in `text`, in order; anything between blocks (comments, bag attributes) is ignored. */
export function pemBlocks(text: string): PemBlock[] {
  return [...text.matchAll(PEM_BLOCK)].map((match) => {
    const label = match[1] ?? "";
    const body = (match[2] ?? "")
      .split(/\r?\n/)
      .filter((line) => !line.includes(":"))
      .join("");
    return { label, text: match[0], der: Buffer.from(body, "base64") };
  });
}
