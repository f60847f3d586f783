/**
 * The bytes of pulled documents whose results have not been taken yet,
 * against a bound: with records of up to 10 MiB, a window counted in
 * documents alone would not keep memory flat. The bound is read at each check
 * (it may follow an adaptive concurrency limit). Without a bound it counts
 * nothing and is never full.
 */
export class ByteWindow {
  private pending = 0;
  private readonly bytesOf = new Map<number, number>();

  constructor(private readonly limit: (() => number) | undefined) {}

  add(index: number, bytes: number): void {
    if (this.limit === undefined) return;
    this.pending += bytes;
    this.bytesOf.set(index, bytes);
  }

  get full(): boolean {
    return this.limit !== undefined && this.pending >= this.limit();
  }

  /** Forgets a taken result's bytes; true when that made room. */
  release(index: number): boolean {
    const bytes = this.bytesOf.get(index);
    if (bytes === undefined) return false;
    this.bytesOf.delete(index);
    const wasFull = this.full;
    this.pending -= bytes;
    return wasFull && !this.full;
  }
}
