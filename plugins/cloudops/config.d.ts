export interface Config {
  /** Configuration for CloudOps AI. */
  cloudops?: {
    /**
     * Read-only pilot mode (see the backend's `cloudops.readOnly`, which
     * enforces it). The frontend only reflects it: run buttons are disabled
     * and a notice says why. Defaults to false.
     *
     * @visibility frontend
     */
    readOnly?: boolean;
  };
}
