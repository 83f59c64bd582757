import { HumanDuration } from '@backstage/types';

export interface Config {
  cloudops?: {
    /** Prometheus, Alertmanager and Kubernetes signals for CloudOps AI. */
    prometheus?: {
      /**
       * The clusters: each with the Prometheus that scrapes it and,
       * optionally, its Alertmanager (for silences).
       */
      clusters?: Array<{
        /**
         * The cluster's name (`prod`, `stg`, `dev`): the shard in detector
         * health and the `account` of its signals.
         */
        name: string;
        /**
         * Added as the `environment` label of the cluster's signals when
         * they have none: `production`, `staging` or `development`.
         */
        environment?: string;
        /**
         * The AWS region of the cluster's nodes, for the price table of the
         * waste detectors when the nodes' `topology.kubernetes.io/region`
         * label is not in `kube_node_labels`.
         */
        region?: string;
        /** The cluster's Prometheus (or a Prometheus-compatible API). */
        prometheus?: {
          /** Base URL, e.g. `https://prometheus.prod.example.com`. */
          url: string;
          /** Credentials for Prometheus: a bearer token or basic auth. */
          auth?: {
            /** @visibility secret */
            bearerToken?: string;
            basic?: {
              username: string;
              /** @visibility secret */
              password: string;
            };
          };
          /**
           * Extra request headers, e.g. `X-Scope-OrgID` for Mimir or Cortex.
           *
           * @visibility secret
           */
          headers?: { [name: string]: string };
          /** How long one query may take, e.g. `30s` (the default). */
          timeout?: string | HumanDuration;
        };
        /** The cluster's Alertmanager API, for silences. */
        alertmanager?: {
          /** Base URL, e.g. `https://alertmanager.prod.example.com`. */
          url: string;
          auth?: {
            /** @visibility secret */
            bearerToken?: string;
            basic?: {
              username: string;
              /** @visibility secret */
              password: string;
            };
          };
        };
      }>;
      /** How the PromQL source reads. */
      query?: {
        /** How often each cluster is read, e.g. `1m` (the default); at most `lookback`. */
        frequency?: string | HumanDuration;
        /** The resolution of range queries, e.g. `1m` (the default). */
        step?: string | HumanDuration;
        /**
         * How far back a query reads the first time and after a gap, e.g.
         * `10m` (the default); the steps of a longer gap are reported as not
         * read.
         */
        lookback?: string | HumanDuration;
        /** The largest response accepted, in bytes (default 16 MiB). */
        maxResponseBytes?: number;
        /** The most series one query may return (default 10,000). */
        maxSeries?: number;
      };
      /** The Alertmanager webhook receiver at `/api/cloudops/alertmanager/webhook`. */
      webhook?: {
        /**
         * The Alertmanager receivers that may deliver, by the receiver name
         * Alertmanager sends. Each authenticates with its own bearer token or
         * basic auth (Alertmanager's `http_config`).
         */
        receivers: Array<{
          /** The receiver's name in alertmanager.yml. */
          name: string;
          /**
           * The cluster its alerts come from, one of `clusters` when those are
           * configured; when absent, the alerts' `cluster` label.
           */
          cluster?: string;
          auth: {
            /** @visibility secret */
            bearerToken?: string;
            basic?: {
              username: string;
              /** @visibility secret */
              password: string;
            };
          };
        }>;
        /** The largest body accepted, in bytes (default 5 MiB). */
        maxBodyBytes?: number;
      };
      /**
       * Silences in Alertmanager when an incident is acknowledged in the
       * portal, expired again when it is resolved or reopened.
       */
      silences?: {
        /** Whether acknowledging silences the incident's alerts (default false). */
        onAcknowledge?: boolean;
        /** How long a silence lasts, e.g. `4h` (the default). */
        duration?: string | HumanDuration;
      };
      /**
       * The Kubernetes waste detectors (`kubernetes-workloads`: requests
       * against usage and HPAs; `kubernetes-nodes`: idle nodes and Karpenter
       * consolidation), one shard per cluster with a Prometheus. Their
       * thresholds and look-backs are `cloudops.savings.thresholds`.
       */
      waste?: {
        /** Whether they run (default true when clusters are configured). */
        enabled?: boolean;
        /** Resolution of the usage read over the look-back (default 5m). */
        step?: string | HumanDuration;
        /** How often each cluster is scanned (default `cloudops.savings.scanInterval`). */
        frequency?: string | HumanDuration;
      };
    };
  };
}
