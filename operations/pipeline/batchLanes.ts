import type { PipelineItem } from "./batchPipeline.js";

interface Lane<E> {
  batchKey: string;
  orderKey: string | undefined;
  items: Array<{ item: PipelineItem<E>; arrivedAt: number }>;
}

/** Which lanes the next batch would draw from (lane id, item count), for which batch key, whether it is full, and when its oldest item arrived. */
export interface BatchPlan {
  takes: Array<[string, number]>;
  batchKey: string;
  full: boolean;
  oldestArrivedAt: number;
}

export interface LaneLimits {
  maxEntries: number;
  maxBytes: number;
  /** Most items of one order key in a single batch (default: a full batch). */
  maxPerOrderKey?: number | undefined;
}

/** Items of one lane share a batch key and an order key. */
export function laneIdOf<E>(item: PipelineItem<E>): string {
  return item.orderKey === undefined ? item.batchKey : `${item.batchKey}\u0000${item.orderKey}`;
}

/**
 * The items waiting for a batch, in lanes by batch key and order key, and the
 * order keys of batches in flight: a batch draws from one batch key and never
 * from an order key that is in flight, so FIFO groups keep their order.
 */
export class BatchLanes<E> {
  private readonly lanes = new Map<string, Lane<E>>();
  private readonly lockedOrderKeys = new Set<string>();
  private waiting = 0;

  constructor(private readonly limits: LaneLimits) {}

  /** Items waiting for a batch. */
  get size(): number {
    return this.waiting;
  }

  /** Queues an item; false when its order key is in flight, so no batch plan changed. */
  add(item: PipelineItem<E>): boolean {
    const laneId = laneIdOf(item);
    let lane = this.lanes.get(laneId);
    if (lane === undefined) {
      lane = { batchKey: item.batchKey, orderKey: item.orderKey, items: [] };
      this.lanes.set(laneId, lane);
    }
    lane.items.push({ item, arrivedAt: performance.now() });
    this.waiting += 1;
    return lane.orderKey === undefined || !this.lockedOrderKeys.has(lane.orderKey);
  }

  /** What the next batch would take, without taking anything yet. */
  plan(): BatchPlan | undefined {
    const { maxEntries, maxBytes } = this.limits;
    const perOrderKey = this.limits.maxPerOrderKey ?? maxEntries;
    const takes: Array<[string, number]> = [];
    let batchKey: string | undefined;
    let entries = 0;
    let bytes = 0;
    let full = false;
    let oldestArrivedAt = Infinity;
    for (const [laneId, lane] of this.lanes) {
      if (lane.orderKey !== undefined && this.lockedOrderKeys.has(lane.orderKey)) continue;
      if (batchKey !== undefined && lane.batchKey !== batchKey) continue;
      batchKey = lane.batchKey;
      oldestArrivedAt = Math.min(oldestArrivedAt, lane.items[0]!.arrivedAt);
      let count = 0;
      for (const { item } of lane.items) {
        if (lane.orderKey !== undefined && count === perOrderKey) break;
        if (entries === maxEntries || bytes + item.bytes > maxBytes) {
          full = true;
          break;
        }
        entries += 1;
        bytes += item.bytes;
        count += 1;
      }
      if (count > 0) takes.push([laneId, count]);
      if (full || entries === maxEntries) {
        full = true;
        break;
      }
    }
    return takes.length === 0 || batchKey === undefined ? undefined : { takes, batchKey, full, oldestArrivedAt };
  }

  /** Takes a planned batch out of its lanes; its order keys are in flight until `release`. */
  take(plan: BatchPlan): PipelineItem<E>[] {
    const batch: PipelineItem<E>[] = [];
    for (const [laneId, count] of plan.takes) {
      const lane = this.lanes.get(laneId)!;
      for (const { item } of lane.items.splice(0, count)) batch.push(item);
      if (lane.orderKey !== undefined) this.lockedOrderKeys.add(lane.orderKey);
      if (lane.items.length === 0) this.lanes.delete(laneId);
    }
    this.waiting -= batch.length;
    return batch;
  }

  /** A batch is done: its order keys may be sent again. */
  release(batch: readonly PipelineItem<E>[]): void {
    for (const item of batch) if (item.orderKey !== undefined) this.lockedOrderKeys.delete(item.orderKey);
  }

  /** Every waiting item, taken out (the run stops). */
  drain(): PipelineItem<E>[] {
    const items = [...this.lanes.values()].flatMap((lane) => lane.items.map(({ item }) => item));
    this.lanes.clear();
    this.waiting = 0;
    return items;
  }
}
