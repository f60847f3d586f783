/* Generated from schemas/ by `npm run generate`; do not edit. */

/**
 * One page of queues (resource queues) or streams (resource streams).
 */
export type BrowseResult = QueueList | StreamList;

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
export interface StreamList {
  streams: {
    name: string;
    /**
     * Where the service reports it.
     */
    arn?: string;
    /**
     * CREATING, ACTIVE, UPDATING or DELETING, where the service reports it.
     */
    status?: string;
    /**
     * PROVISIONED or ON_DEMAND, where the service reports it.
     */
    mode?: string;
  }[];
  /**
   * Pass as nextToken for the next page (the last stream name of this one).
   */
  nextToken?: string;
}
