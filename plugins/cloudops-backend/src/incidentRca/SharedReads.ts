/**
 * Reads shared by the RCAs that run together (one batch of due requests).
 * The incidents of one alert storm look at the same services over the same
 * window; that read of their metric series is the largest part of an RCA,
 * and is made once for all of them. Lives as long as its batch, so nothing
 * read is older than the batch.
 */
export class SharedReads {
  private readonly reads = new Map<string, Promise<unknown>>();

  /** The result of `load`, or of the first load made with an equal key. */
  read<T>(key: unknown[], load: () => Promise<T>): Promise<T> {
    const id = JSON.stringify(key);
    let read = this.reads.get(id) as Promise<T> | undefined;
    if (!read) {
      read = load();
      this.reads.set(id, read);
    }
    return read;
  }
}
