/**
 * One timer for the earliest pending deadline (performance.now() time): the
 * pipeline's linger. A timer already due no later is kept, since documents
 * arriving one by one would otherwise replace it for each one; if it fires
 * early, the callback just sets the next deadline. A deadline already reached
 * fires at the end of the current event-loop turn (setImmediate), after every
 * document that is already there has been taken in.
 */
export class DeadlineTimer {
  private timer: NodeJS.Timeout | NodeJS.Immediate | undefined;
  private deadline = Infinity;

  constructor(private readonly onDue: () => void) {}

  at(deadline: number): void {
    if (this.timer !== undefined && this.deadline <= deadline) return;
    this.stop();
    this.deadline = deadline;
    const fire = (): void => {
      this.timer = undefined;
      this.onDue();
    };
    const delay = deadline - performance.now();
    this.timer = delay <= 0 ? setImmediate(fire) : setTimeout(fire, Math.ceil(delay));
  }

  stop(): void {
    if (this.timer === undefined) return;
    // Both kinds are cleared by their own function; each ignores the other's handle.
    clearTimeout(this.timer as NodeJS.Timeout);
    clearImmediate(this.timer as NodeJS.Immediate);
    this.timer = undefined;
  }
}
