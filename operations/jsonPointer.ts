/** Reads the value at an RFC 6901 JSON pointer, or undefined when the path does not exist. */
export function readJsonPointer(document: unknown, pointer: string): unknown {
  if (pointer === "") return document;
  let current: unknown = document;
  for (const raw of pointer.slice(1).split("/")) {
    const token = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(current)) {
      if (!/^(0|[1-9][0-9]*)$/.test(token)) return undefined;
      current = current[Number(token)];
    } else if (current !== null && typeof current === "object" && Object.hasOwn(current, token)) {
      current = (current as Record<string, unknown>)[token];
    } else {
      return undefined;
    }
  }
  return current;
}

/** A pointer's value as an id: strings as is, numbers and booleans as text; anything else is absent. */
export function idAtPointer(document: unknown, pointer: string): string | undefined {
  const value = readJsonPointer(document, pointer);
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

/** What body pointers read: a JSON body as it is; a string body parsed when it holds a JSON object or array. */
export function bodyForPointers(body: unknown): unknown {
  if (typeof body !== "string") return body;
  const first = body.trimStart()[0];
  if (first !== "{" && first !== "[") return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
