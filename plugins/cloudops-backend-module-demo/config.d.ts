import { HumanDuration } from '@backstage/types';

export interface Config {
  cloudops?: {
    /** The embedded demo fleet (`@cloudops-ai/backstage-plugin-cloudops-backend-module-demo`). */
    demo?: {
      /**
       * On by default; `false` turns it off. When a real source is configured
       * (`cloudops.aws`, `cloudops.prometheus`, `aws.accounts`) it stays off
       * unless this is `true`.
       */
      enabled?: boolean;
      /** How many times faster than the wall clock simulated time runs until it catches up (1–3600). Default 1. */
      timeScale?: number;
      /** How often each shard of the fleet is read (wall time, at least 250ms). Default 15 seconds. */
      pullInterval?: string | HumanDuration;
      history?: {
        /** Metric history pushed at start. Default 90 minutes. */
        window?: string | HumanDuration;
        /** History pushed for the series anomaly and forecast rules learn from. Default 5 hours. */
        detectorWarmup?: string | HumanDuration;
        /**
         * How many days back the history generated at start goes (0–30): deployments,
         * and the past faults with the signals around them. Default 14.
         */
        days?: number;
        pastFaults?: {
          /**
           * Whether the chaos rotation is also played over the history, so the
           * NOC, its charts and the similar-incident search have a past. Default true.
           */
          enabled?: boolean;
          /** One past fault in every slot this long (at least 2 hours). Default 24 hours. */
          every?: string | HumanDuration;
        };
      };
      scenarios?: {
        /** A fault nobody remediates ends on its own after this long. Default 15 minutes. */
        maxDuration?: string | HumanDuration;
      };
      savings?: {
        /** Whether the fleet's usage and inventory go to the savings detectors. Default true. */
        enabled?: boolean;
        /** How often the savings detectors read the fleet's 14 days of usage (at least 1 minute). Default 1 hour. */
        scanInterval?: string | HumanDuration;
      };
      chaos?: {
        /** Timer-driven scenarios. Default true. */
        enabled?: boolean;
        /** Wall time between timed scenarios. Default 20 minutes. */
        every?: string | HumanDuration;
        /** How long the first timed scenario has already been running when the backend starts. Default 8 minutes. */
        startupLead?: string | HumanDuration;
        /** The scenarios the timer plays, in turn. Default all. */
        kinds?: Array<
          | 'cpu-stress'
          | 'memory-leak'
          | 'crash-loop'
          | 'network-latency'
          | 'node-not-ready'
          | 'bad-deploy'
          | 'dependency-outage'
        >;
      };
    };
  };
}
