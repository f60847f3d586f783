import { readFileSync, writeFileSync } from "node:fs";

const START = "<!-- bench:latest:start -->";
const END = "<!-- bench:latest:end -->";

/**
 * Replaces the generated part of BENCHMARKS.md (between the bench:latest
 * markers) with `section`; the hand-written method and history stay as they are.
 */
export function replaceLatestSection(file: string, section: string): void {
  const text = readFileSync(file, "utf8");
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start === -1 || end < start) throw new Error(`${file} has no ${START} ... ${END} section to replace`);
  writeFileSync(file, `${text.slice(0, start + START.length)}\n${section.trim()}\n${text.slice(end)}`);
}
