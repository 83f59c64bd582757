/** The first truthy value of `check`, polled for up to ten seconds. */
export async function until<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition never held');
    await new Promise(r => setTimeout(r, 25));
  }
}
