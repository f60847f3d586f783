import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { packageRoot } from "./manifest.js";

type Schema = Record<string, unknown>;

/**
 * The schema files of schemas/ (its top level), keyed as the manifest names
 * them (`schemas/send.config.json`), each read and parsed on first use: a
 * command reads the few it needs (validation messages, secret fields), a host
 * drawing forms iterates them all.
 */
export class SchemaFiles implements ReadonlyMap<string, Schema> {
  private readonly parsed = new Map<string, Schema>();
  private names: string[] | undefined;

  constructor(private readonly root = packageRoot()) {}

  get size(): number {
    return this.files().length;
  }

  has(file: string): boolean {
    return this.files().includes(file);
  }

  get(file: string): Schema | undefined {
    let schema = this.parsed.get(file);
    if (schema === undefined && this.has(file)) {
      schema = JSON.parse(readFileSync(path.join(this.root, file), "utf8")) as Schema;
      this.parsed.set(file, schema);
    }
    return schema;
  }

  *entries(): MapIterator<[string, Schema]> {
    for (const file of this.files()) yield [file, this.get(file)!];
  }

  *keys(): MapIterator<string> {
    yield* this.files();
  }

  *values(): MapIterator<Schema> {
    for (const file of this.files()) yield this.get(file)!;
  }

  [Symbol.iterator](): MapIterator<[string, Schema]> {
    return this.entries();
  }

  forEach(callback: (value: Schema, key: string, map: ReadonlyMap<string, Schema>) => void): void {
    for (const [file, schema] of this.entries()) callback(schema, file, this);
  }

  private files(): string[] {
    this.names ??= readdirSync(path.join(this.root, "schemas"))
      .filter((file) => file.endsWith(".json"))
      .sort()
      .map((file) => `schemas/${file}`);
    return this.names;
  }
}
