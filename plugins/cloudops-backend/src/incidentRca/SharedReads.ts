/**
 * Reads shared by the RCAs that run together (one batch of due requests).
 * The incidents of one alert storm look at the same services over the same
 * window; that read of their metric series is the largest part of an RCA,
 * and is made once for all of them. Lives as long as its batch, so a later
 * RCA of the batch may miss what arrived since the read (at most about one
 * step of its metric window). A read that fails is not kept: the next RCA
 * reads again.
 */
export class SharedReads {
  private readonly reads = new Map<string, Promise<unknown>>();

  /** The result of `load`, or of the first load made with an equal key. */
  read<T>(key: unknown[], load: () => Promise<T>): Promise<T> {
    const id = JSON.stringify(key);
    let read = this.reads.get(id) as Promise<T> | undefined;
    if (!read) {
      const loading = load();
      this.reads.set(id, loading);
      loading.catch(() => {
        if (this.reads.get(id) === loading) this.reads.delete(id);
      });
      read = loading;
    }
    return read;
  }
}
