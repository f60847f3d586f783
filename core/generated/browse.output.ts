/* Generated from schemas/ by `npm run generate`; do not edit. */

export interface QueueList {
  queues: {
    name: string;
    url: string;
    fifo: boolean;
    /**
     * null when the queue's attributes could not be read.
     */
    contentBasedDeduplication?: boolean | null;
  }[];
  nextToken?: string;
}
