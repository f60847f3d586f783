/**
 * The life of a bench helper process: print what the parent needs as one JSON
 * line once listening, and stop (running `stop`) when the parent closes stdin
 * or sends SIGTERM.
 */
export function serveUntilParentLeaves(info: unknown, stop: () => Promise<void>): void {
  process.stdout.write(`${JSON.stringify(info)}\n`);
  let stopping = false;
  const end = (): void => {
    if (stopping) return;
    stopping = true;
    void stop().finally(() => process.exit(0));
  };
  process.stdin.on("end", end).resume();
  process.on("SIGTERM", end);
}
