/**
 * Counts the changes made to a sandbox's shared part (records, the clock's schedule, fault rules'
 * counts, webhook deliveries). With a shared store, a partner request that counted none has
 * nothing to write, which is most of them, so the sandbox's document is not even encoded.
 */
export class Revision {
  n = 0;

  bump(): void {
    this.n++;
  }
}
