/**
 * A forward cursor over a keyset-paged read: holds one page at a time, so streams of millions of
 * rows (records, ranges, anchors) can be merged without loading any of them whole.
 */
export class PagedCursor<T> {
  private page: T[] = [];
  private index = 0;
  private exhausted = false;

  constructor(
    private readonly fetch: (after: T | null, limit: number) => Promise<T[]>,
    private readonly pageSize: number,
  ) {}

  async peek(): Promise<T | undefined> {
    if (this.index < this.page.length) return this.page[this.index];
    if (this.exhausted) return undefined;
    const last = this.page.length > 0 ? this.page[this.page.length - 1]! : null;
    this.page = await this.fetch(last, this.pageSize);
    this.index = 0;
    if (this.page.length < this.pageSize) this.exhausted = true;
    return this.page[0];
  }

  /** Moves past the item peek() returned. */
  advance(): void {
    this.index += 1;
  }
}
