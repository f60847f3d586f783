/* Generated from schemas/ by `npm run generate`; do not edit. */

/**
 * Exactly one per input document (receive: one per message).
 */
export type OperationResult =
  | {
      index: number;
      status: "success";
      document: unknown;
    }
  | {
      index: number;
      status: "error";
      error: {
        code: string;
        message: string;
        retryable: boolean;
        field?: string;
        details?: {};
      };
    };
