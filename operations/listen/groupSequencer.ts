import type { Delivery } from "./delivery.js";

interface Group {
  /** The message handed over (or being settled). */
  head: Delivery;
  /** The messages behind it, in receive order. */
  waiting: Delivery[];
}

/**
 * FIFO order across hand-overs: a message group has at most one message handed
 * over (or being settled) at a time; the group's next message waits until that
 * one is acknowledged. When one is not acknowledged (failure, poison left on the
 * queue, release, lapse), the group's waiting messages are released with it: SQS
 * then returns them after it, in order. On standard queues every message is
 * ready at once.
 */
export class GroupSequencer {
  private readonly groups = new Map<string, Group>();

  constructor(private readonly fifo: boolean) {}

  /** Takes newly received messages (in receive order); returns those to hand over now. */
  admit(deliveries: Delivery[]): Delivery[] {
    if (!this.fifo) return deliveries;
    const ready: Delivery[] = [];
    for (const delivery of deliveries) {
      const group = this.groups.get(delivery.groupId ?? "");
      if (group === undefined) {
        this.groups.set(delivery.groupId ?? "", { head: delivery, waiting: [] });
        ready.push(delivery);
      } else {
        group.waiting.push(delivery);
      }
    }
    return ready;
  }

  /** The group's head was acknowledged (or moved away): its next message, now the head, if any. */
  advance(delivery: Delivery): Delivery | undefined {
    const group = this.groupHeadedBy(delivery);
    if (group === undefined) return undefined;
    const next = group.waiting.shift();
    if (next === undefined) this.groups.delete(delivery.groupId ?? "");
    else group.head = next;
    return next;
  }

  /**
   * The message was not acknowledged: the messages behind it in its group, to
   * release. Its group is forgotten when it was the head (the messages return
   * from SQS in order); a waiting message takes only those after it.
   */
  holdBack(delivery: Delivery): Delivery[] {
    if (!this.fifo) return [];
    const name = delivery.groupId ?? "";
    const group = this.groups.get(name);
    if (group === undefined) return [];
    if (group.head === delivery) {
      this.groups.delete(name);
      return group.waiting;
    }
    const at = group.waiting.indexOf(delivery);
    return at === -1 ? [] : group.waiting.splice(at).slice(1);
  }

  /** Every waiting message, to release (a stop); heads stay until they are settled. */
  drain(): Delivery[] {
    const waiting = [...this.groups.values()].flatMap((group) => group.waiting);
    for (const group of this.groups.values()) group.waiting = [];
    return waiting;
  }

  private groupHeadedBy(delivery: Delivery): Group | undefined {
    if (!this.fifo) return undefined;
    const group = this.groups.get(delivery.groupId ?? "");
    return group?.head === delivery ? group : undefined;
  }
}
