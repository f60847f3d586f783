/* Generated from schemas/ by `npm run generate`; do not edit. */

export interface TestConnectionReport {
  ok: boolean;
  failedStep?: "config" | "certificate" | "credentials" | "sqs" | "kinesis" | "network" | "s3";
  code?: string;
  message: string;
  elapsedMs: number;
  /**
   * Non-secret facts about what was reached.
   */
  identity?: {
    [k: string]: string | undefined;
  };
  checks: {
    step: "config" | "certificate" | "credentials" | "sqs" | "kinesis" | "network" | "s3";
    /**
     * What was checked, e.g. GetQueueAttributes.
     */
    name?: string;
    status: "passed" | "warning" | "failed" | "skipped";
    message: string;
    code?: string;
    /**
     * Features a warning limits.
     */
    affects?: string[];
    elapsedMs?: number;
  }[];
}
