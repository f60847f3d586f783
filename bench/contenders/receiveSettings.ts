/** Long-poll wait every receive contender uses; messages are already queued, so a poll rarely waits. */
export const RECEIVE_WAIT_SECONDS = 5;
/** Messages per ReceiveMessage and per DeleteMessageBatch: the SQS maximum. */
export const RECEIVE_BATCH = 10;
