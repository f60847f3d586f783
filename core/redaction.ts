/**
 * Removes secrets from text that leaves the connector (results, errors, logs,
 * reports). Each connection owns one Redactor seeded with its secret fields;
 * credential sources add the temporary secrets they obtain.
 */
const REDACTED = "[REDACTED]";
const PEM_PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g;
// Shorter values would garble ordinary words; secrets are far longer in practice.
const MIN_SECRET_LENGTH = 4;
// Fragments of a PEM body long enough to be recognisable if a parser echoes them.
const MIN_FRAGMENT_LENGTH = 16;

export class Redactor {
  private readonly secrets = new Set<string>();
  private pattern: RegExp | undefined;

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
    this.pattern = undefined;
  }

  text(value: string): string {
    let out = value.replace(PEM_PRIVATE_KEY, "[REDACTED PRIVATE KEY]");
    if (this.secrets.size === 0) return out;
    this.pattern ??= new RegExp(
      [...this.secrets]
        .sort((a, b) => b.length - a.length)
        .map(escapeRegExp)
        .join("|"),
      "g",
    );
    out = out.replace(this.pattern, REDACTED);
    return out;
  }

  /** Redacts every string inside a JSON-like value (used for reports and details). */
  value<T>(value: T): T {
    if (typeof value === "string") return this.text(value) as T;
    if (Array.isArray(value)) return value.map((item: unknown) => this.value(item)) as T;
    if (value !== null && typeof value === "object" && !(value instanceof Uint8Array)) {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) out[key] = this.value(item);
      return out as T;
    }
    return value;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
