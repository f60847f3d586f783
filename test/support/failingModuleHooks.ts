/**
 * Module resolution hooks (node:module register) that make one module fail to
 * load, as a broken install would: the module whose URL ends with
 * FAIL_MODULE (e.g. "operations/send/sendOperation.js"). Loaded through
 * failingModule.ts.
 */
type Resolved = { url: string };
type NextResolve = (specifier: string, context: unknown) => Promise<Resolved>;

export async function resolve(specifier: string, context: unknown, next: NextResolve): Promise<Resolved> {
  const resolved = await next(specifier, context);
  const failing = process.env["FAIL_MODULE"];
  if (failing !== undefined && failing !== "" && resolved.url.endsWith(`/${failing}`)) {
    throw new Error(`Cannot load ${failing} (a test made it fail)`);
  }
  return resolved;
}
