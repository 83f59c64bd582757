/**
 * Reads shared by the RCAs that run together (one batch of due requests).
 * The incidents of one alert storm look at the same services over the same
 * window; that read of their metric series is the largest part of an RCA,
 * and is made once for all of them. Lives as long as its batch, so a later
 * RCA of the batch may miss what arrived since the read (at most about one
 * step of its metric window). A read that fails is not kept: the next RCA
 * reads again. What a read holds elsewhere (series on a worker thread) is
 * released when the batch closes it.
 */
export class SharedReads {
  private readonly reads = new Map<string, Promise<unknown>>();
  private readonly releases: Array<() => void> = [];
  private closed = false;

  /**
   * The result of `load`, or of the first load made with an equal key;
   * `release` is called with it when the reads are closed.
   */
  read<T>(
    key: unknown[],
    load: () => Promise<T>,
    release?: (value: T) => void,
  ): Promise<T> {
    const id = JSON.stringify(key);
    let read = this.reads.get(id) as Promise<T> | undefined;
    if (!read) {
      const loading = load();
      this.reads.set(id, loading);
      loading.then(
        value => {
          if (!release) return;
          if (this.closed) release(value);
          else this.releases.push(() => release(value));
        },
        () => {
          if (this.reads.get(id) === loading) this.reads.delete(id);
        },
      );
      read = loading;
    }
    return read;
  }

  /** Releases every read; one still loading is released when it completes. */
  close(): void {
    this.closed = true;
    for (const release of this.releases.splice(0)) release();
  }
}
