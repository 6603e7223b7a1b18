import { cutScopeKey, cutScopeMatches, type CutScope, type SovereigntyProfile } from '../domain/index.js';

/**
 * Cuts in force (drills, crises). In-process today; a Redis implementation with pub/sub slots in
 * behind the same interface when several gateway instances must see a cut within a second (docs/design.md §7).
 */
export interface CutRegistry {
  /** Increases on every change: decision caches key on it. */
  readonly version: number;
  list(): CutScope[];
  isCut(provider: string, profile: SovereigntyProfile): boolean;
  /** Resolves false when the scope was already cut. Takes effect for new plans once it resolves. */
  cut(scope: CutScope): Promise<boolean>;
  /** Resolves false when the scope was not cut. */
  restore(scope: CutScope): Promise<boolean>;
  onChange(listener: () => void): () => void;
  close(): Promise<void>;
}

export class InMemoryCutRegistry implements CutRegistry {
  private readonly cuts = new Map<string, CutScope>();
  private readonly listeners = new Set<() => void>();
  private changeCount = 0;

  constructor(initial: readonly CutScope[] = []) {
    for (const scope of initial) this.cuts.set(cutScopeKey(scope), scope);
  }

  get version(): number {
    return this.changeCount;
  }

  list(): CutScope[] {
    return [...this.cuts.values()];
  }

  isCut(provider: string, profile: SovereigntyProfile): boolean {
    if (this.cuts.size === 0) return false;
    for (const scope of this.cuts.values()) if (cutScopeMatches(scope, provider, profile)) return true;
    return false;
  }

  // Synchronous inside: the change is visible before the promise is even awaited.
  async cut(scope: CutScope): Promise<boolean> {
    const key = cutScopeKey(scope);
    if (this.cuts.has(key)) return false;
    this.cuts.set(key, scope);
    this.changed();
    return true;
  }

  async restore(scope: CutScope): Promise<boolean> {
    if (!this.cuts.delete(cutScopeKey(scope))) return false;
    this.changed();
    return true;
  }

  async close(): Promise<void> {}

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.changeCount += 1;
    for (const listener of this.listeners) listener();
  }
}
