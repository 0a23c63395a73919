/**
 * Scheduled work ordered by due instant, first scheduled first among equals: a binary min-heap,
 * so scheduling and taking the next task cost O(log n) and loading a state with n pending tasks
 * costs O(n log n), where a sorted array cost O(n²).
 */
export class TaskHeap {
  #at: number[] = [];
  #seq: number[] = [];
  #run: Array<() => void> = [];
  #counter = 0;

  get size(): number {
    return this.#at.length;
  }

  /** The due instant of the next task. */
  peekAt(): number | undefined {
    return this.#at[0];
  }

  push(at: number, run: () => void): void {
    this.#at.push(at);
    this.#seq.push(this.#counter++);
    this.#run.push(run);
    this.#up(this.#at.length - 1);
  }

  /** Takes the next task off the heap. */
  pop(): (() => void) | undefined {
    const size = this.#at.length;
    if (size === 0) return undefined;
    const run = this.#run[0];
    this.#swap(0, size - 1);
    this.#at.pop();
    this.#seq.pop();
    this.#run.pop();
    this.#down(0);
    return run;
  }

  #before(a: number, b: number): boolean {
    const atA = this.#at[a] as number;
    const atB = this.#at[b] as number;
    return atA < atB || (atA === atB && (this.#seq[a] as number) < (this.#seq[b] as number));
  }

  #swap(a: number, b: number): void {
    for (const list of [this.#at, this.#seq, this.#run] as unknown[][]) {
      const held = list[a];
      list[a] = list[b];
      list[b] = held;
    }
  }

  #up(index: number): void {
    let child = index;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (!this.#before(child, parent)) return;
      this.#swap(child, parent);
      child = parent;
    }
  }

  #down(index: number): void {
    const size = this.#at.length;
    let parent = index;
    for (;;) {
      const left = 2 * parent + 1;
      const right = left + 1;
      let first = parent;
      if (left < size && this.#before(left, first)) first = left;
      if (right < size && this.#before(right, first)) first = right;
      if (first === parent) return;
      this.#swap(parent, first);
      parent = first;
    }
  }
}
