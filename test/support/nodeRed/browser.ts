import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type BrowserContext } from "playwright-core";

/** Debian's Chromium (.ci/run installs it), or CHROMIUM_PATH; playwright never downloads a browser here. */
export const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";
/** The one command that installs it on Debian and Ubuntu. */
export const INSTALL_CHROMIUM = "sudo apt-get install -y chromium";

/**
 * Skips the calling suite, loudly, when Chromium is missing: `npm test` passes on
 * a machine with only Node and npm. Where the browser test must run (CI sets
 * REQUIRE_BROWSER_TEST=1), a missing browser fails instead.
 */
export function skipUnlessChromium(suite: Mocha.Context): void {
  if (existsSync(CHROMIUM)) return;
  const message = `the Node-RED editor test needs Chromium at ${CHROMIUM}; install it with: ${INSTALL_CHROMIUM}`;
  if (process.env["REQUIRE_BROWSER_TEST"] === "1") throw new Error(`REQUIRE_BROWSER_TEST=1, but ${message}`);
  process.stderr.write(`\n*** SKIPPED: ${message} (or set CHROMIUM_PATH) ***\n`);
  suite.skip();
}

/*
 * Without the background-networking flags Chromium keeps reaching for Google
 * services, which this closed network refuses; a fresh profile per run keeps
 * runs independent.
 */
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface HeadlessChromium {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<HeadlessChromium> {
  const profile = mkdtempSync(path.join(tmpdir(), "chromium-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    // Tall enough for the whole connection dialog in one screenshot.
    viewport: { width: 1280, height: 1500 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
