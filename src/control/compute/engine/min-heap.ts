/**
 * A binary min-heap of small integer ids ordered by (key, rank): the fair-share queue of one tier.
 * Keys are water levels (floating point); ranks break ties deterministically.
 */
export class LevelHeap {
  private readonly items: number[] = [];

  constructor(
    private readonly keys: Float64Array,
    private readonly ranks: Int32Array,
  ) {}

  get size(): number {
    return this.items.length;
  }

  push(id: number): void {
    const items = this.items;
    items.push(id);
    let index = items.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.less(id, items[parent]!)) break;
      items[index] = items[parent]!;
      index = parent;
    }
    items[index] = id;
  }

  pop(): number | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    let index = 0;
    const length = items.length;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= length) break;
      const right = left + 1;
      const child = right < length && this.less(items[right]!, items[left]!) ? right : left;
      if (!this.less(items[child]!, last)) break;
      items[index] = items[child]!;
      index = child;
    }
    items[index] = last;
    return top;
  }

  /** The key at the top, without removing it. */
  peekKey(): number | undefined {
    const top = this.items[0];
    return top === undefined ? undefined : this.keys[top];
  }

  private less(a: number, b: number): boolean {
    const keyA = this.keys[a]!;
    const keyB = this.keys[b]!;
    return keyA < keyB || (keyA === keyB && this.ranks[a]! < this.ranks[b]!);
  }
}
