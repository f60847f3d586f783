/**
 * Maps items with at most `limit` calls running, yielding results in the
 * items' order. A rejection is thrown when its turn comes; the calls still
 * running then are left to finish unobserved, never as unhandled rejections.
 */
export async function* mapInOrder<T, R>(
  items: readonly T[],
  limit: number,
  map: (item: T, position: number) => Promise<R>,
): AsyncGenerator<R> {
  const running: Array<Promise<R>> = [];
  let next = 0;
  const start = () => {
    const call = map(items[next]!, next);
    call.catch(() => undefined);
    running.push(call);
    next += 1;
  };
  while (next < items.length && running.length < limit) start();
  while (running.length > 0) {
    const result = await running.shift()!;
    if (next < items.length) start();
    yield result;
  }
}
