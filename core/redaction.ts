/**
 * Removes secrets from text that leaves the connector (results, errors, logs,
 * reports). Each connection owns one Redactor seeded with its secret fields;
 * credential sources add the temporary secrets they obtain.
 *
 * Secrets are found by plain substring search: a regular expression built from
 * them fails on long ones (a 32 KiB secret makes it "too large"), and the error
 * it throws quotes the secret. Redaction fails closed: if it cannot run, none of
 * the text is passed on.
 */
const REDACTED = "[REDACTED]";
export const WITHHELD = "[withheld: this text could not be checked for secrets]";
const PEM_PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g;
// Shorter values would garble ordinary words; secrets are far longer in practice.
const MIN_SECRET_LENGTH = 4;
// Fragments of a PEM body long enough to be recognisable if a parser echoes them.
const MIN_FRAGMENT_LENGTH = 16;

export class Redactor {
  private readonly secrets = new Set<string>();

  add(value: string | undefined | null): void {
    if (typeof value !== "string") return;
    const trimmed = value.trim();
    if (trimmed.length < MIN_SECRET_LENGTH || this.secrets.has(trimmed)) return;
    this.secrets.add(trimmed);
    if (trimmed.includes("\n")) {
      for (const line of trimmed.split(/\r?\n/)) {
        const fragment = line.trim();
        if (fragment.length >= MIN_FRAGMENT_LENGTH && !fragment.startsWith("-----")) this.secrets.add(fragment);
      }
    }
  }

  text(value: string): string {
    try {
      return this.redact(String(value));
    } catch {
      return WITHHELD;
    }
  }

  /** Redacts every string inside a JSON-like value (used for reports and details); all of it is withheld if that fails. */
  value<T>(value: T): T {
    try {
      return this.redactValue(value);
    } catch {
      return WITHHELD as T;
    }
  }

  private redact(value: string): string {
    const text = value.replace(PEM_PRIVATE_KEY, "[REDACTED PRIVATE KEY]");
    const spans = this.occurrences(text);
    let out = "";
    let cursor = 0;
    for (const [start, end] of spans) {
      if (start >= cursor) out += text.slice(cursor, start) + REDACTED;
      cursor = Math.max(cursor, end);
    }
    return out + text.slice(cursor);
  }

  /** Where any secret occurs, as [start, end) spans sorted by start (overlapping ones are merged by `redact`). */
  private occurrences(text: string): Array<[number, number]> {
    const spans: Array<[number, number]> = [];
    for (const secret of this.secrets) {
      for (let at = text.indexOf(secret); at !== -1; at = text.indexOf(secret, at + 1)) spans.push([at, at + secret.length]);
    }
    return spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  }

  private redactValue<T>(value: T): T {
    if (typeof value === "string") return this.redact(value) as T;
    if (Array.isArray(value)) return value.map((item: unknown) => this.redactValue(item)) as T;
    if (value !== null && typeof value === "object" && !(value instanceof Uint8Array)) {
      // fromEntries keeps every key as data, "__proto__" included.
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.redactValue(item)])) as T;
    }
    return value;
  }
}
