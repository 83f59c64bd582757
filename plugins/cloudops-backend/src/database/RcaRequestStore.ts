/** A pending RCA run that this replica now holds a lease on. */
export interface ClaimedRcaRequest {
  incidentId: string;
  version: number;
  attempts: number;
}

/**
 * The queue of RCA runs: one row per incident, debounced, claimed with a
 * lease so that with several replicas each run happens once.
 */
export interface RcaRequestStore {
  /**
   * Asks for a run of the incident's RCA at `now + debounceMs`; a request
   * already pending is pushed back the same way, but never beyond
   * `maxDelayMs` after its first request.
   */
  request(
    incidentId: string,
    options: { now: Date; debounceMs: number; maxDelayMs: number },
  ): Promise<void>;
  /** Claims up to `limit` due requests no one holds, for `leaseMs`. */
  claimDue(options: {
    now: Date;
    owner: string;
    leaseMs: number;
    limit: number;
  }): Promise<ClaimedRcaRequest[]>;
  /**
   * Ends a claimed run: the request is removed if nothing asked again
   * meanwhile (same version), otherwise released to run again.
   */
  finish(request: ClaimedRcaRequest, owner: string): Promise<void>;
  /** Gives a failed run back, due again after `retryMs`. */
  release(
    request: ClaimedRcaRequest,
    owner: string,
    retryAt: Date,
  ): Promise<void>;
  /** The earliest due time of any request, if there is one. */
  nextDue(): Promise<Date | undefined>;
}
