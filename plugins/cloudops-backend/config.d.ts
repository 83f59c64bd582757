import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration for the CloudOps AI backend. */
  cloudops?: {
    /** Detection rules. */
    rules?: {
      /**
       * YAML rule files, each with a top-level `rules:` list. Relative paths
       * resolve against the backend's working directory.
       *
       * @visibility backend
       */
      files?: string[];
      /**
       * Rules written directly in configuration, in the same format as the
       * entries of a file's `rules:` list.
       *
       * @visibility backend
       */
      inline?: Array<{ [key: string]: unknown }>;
      /**
       * Whether rule files are re-read when they change. Defaults to true.
       *
       * @visibility backend
       */
      watch?: boolean;
      /**
       * How often absent-data rules are checked, e.g. `30s` (the default).
       *
       * @visibility backend
       */
      tickInterval?: string | HumanDuration;
      /**
       * Whether alerts that no rule matches still open incidents, with the
       * severity from their `severity` label. Defaults to true.
       *
       * @visibility backend
       */
      alertsWithoutRule?: boolean;
    };
    /** The built-in anomaly detection. */
    anomaly?: {
      /**
       * How an entity's metric names become the features of its multivariate
       * (isolation forest) score.
       */
      entityFeatures?: {
        /**
         * Old metric name → current name, so a renamed metric keeps its
         * feature, e.g. `{cpu_utilization: cpu_percent}`.
         *
         * @visibility backend
         */
        aliases?: { [oldName: string]: string };
        /**
         * Derived features `numerator / denominator`, e.g. an error rate; a
         * zero or missing denominator leaves the feature missing.
         *
         * @visibility backend
         */
        ratios?: Array<{
          name: string;
          numerator: string;
          denominator: string;
        }>;
      };
    };
    /** How alerts become incidents. */
    correlation?: {
      /**
       * Alerts on services linked in the dependency graph within this window
       * join one incident. Defaults to `10m`.
       *
       * @visibility backend
       */
      window?: string | HumanDuration;
      /**
       * A dedup key that fires again within this window after its incident
       * resolved reopens that incident. Defaults to `30m`.
       *
       * @visibility backend
       */
      reopenWindow?: string | HumanDuration;
      /**
       * How many hops apart in the dependency graph two services may be and
       * still correlate. Defaults to 2.
       *
       * @visibility backend
       */
      maxHops?: number;
    };
    /** Stored signals. */
    signals?: {
      /**
       * How long received signals are kept, e.g. `15d` (the default). The
       * signals an incident was formed from are kept with the incident; a
       * signal delivered again after its retention is stored again.
       *
       * @visibility backend
       */
      retention?: string | HumanDuration;
      /**
       * How long the metric series' 15-second rollups (what the root-cause
       * analysis reads) are kept, e.g. `90d` (the default).
       *
       * @visibility backend
       */
      rollupRetention?: string | HumanDuration;
    };
    /** Scheduled detectors (pull sources, waste detectors). */
    detectors?: {
      /**
       * How long the history of detector runs is kept, e.g. `7d` (the
       * default). Each detector's latest run per shard is always kept.
       *
       * @visibility backend
       */
      runRetention?: string | HumanDuration;
    };
    /**
     * Read-only pilot mode: nothing mutates your estate. Detectors, incidents,
     * root-cause analysis, notifications, tickets and reports all run, but
     * remediations are refused (their dry runs still run) and no pull
     * request is opened (opportunities cannot be moved to `pr_opened`).
     * Defaults to false.
     *
     * @visibility frontend
     */
    readOnly?: boolean;
    /** Savings: waste detectors, opportunities, the ledger and reports. */
    savings?: {
      /**
       * The currency of totals, summaries and reports (ISO 4217). Defaults
       * to USD.
       *
       * @visibility backend
       */
      currency?: string;
      /**
       * Accounts billed in another currency than US dollars: their prices
       * (and so their savings) are converted at `usdRate` units per dollar.
       *
       * @visibility backend
       */
      accounts?: Array<{ id: string; currency: string; usdRate: number }>;
      /**
       * How often a detector scans each shard unless it sets its own
       * schedule, e.g. `6h` (the default).
       *
       * @visibility backend
       */
      scanInterval?: string | HumanDuration;
      /** How merged changes are validated from post-change usage and cost. */
      validation?: {
        /**
         * How often detectors measure changed opportunities. Defaults to
         * `1d`.
         *
         * @visibility backend
         */
        interval?: string | HumanDuration;
        /**
         * Days the change must be seen in place, with no regression, before
         * it is validated. Defaults to 3.
         *
         * @visibility backend
         */
        validateAfterDays?: number;
        /**
         * Days of measured savings after validation before the savings are
         * realized. Defaults to 30.
         *
         * @visibility backend
         */
        realizeAfterDays?: number;
        /**
         * Days after the merge by which the change must be found in place,
         * else it is rejected. Defaults to 14.
         *
         * @visibility backend
         */
        applyDeadlineDays?: number;
        /**
         * Peak utilisation of the new capacity (0..1) above which a change
         * is a regression and rejected. Defaults to 0.95.
         *
         * @visibility backend
         */
        maxPeakUtilization?: number;
      };
      /** Risk scores. */
      risk?: {
        /**
         * How far back incidents on an entity count for its SLO impact.
         * Defaults to `30d`.
         *
         * @visibility backend
         */
        incidentLookback?: string | HumanDuration;
      };
      /**
       * Detector thresholds; each group's defaults come from AWS Trusted
       * Advisor, AWS Compute Optimizer, the Vertical Pod Autoscaler and
       * Cluster Autoscaler (see the backend README).
       *
       * @visibility backend
       */
      thresholds?: {
        ec2Idle?: {
          cpuPercent?: number;
          networkMb?: number;
          minLowDays?: number;
          lookbackDays?: number;
          burstCpuPercent?: number;
          burstNetworkMb?: number;
        };
        rightsizing?: {
          cpuPercentile?: number;
          cpuHeadroom?: number;
          memoryHeadroom?: number;
          lookbackDays?: number;
          minDays?: number;
          allowArchitectureChange?: boolean;
          minSavingsShare?: number;
        };
        ebsOrphan?: { unattachedDays?: number };
        loadBalancerIdle?: { requestsPerDay?: number; days?: number };
        rdsIdle?: { days?: number };
        kubernetesRequests?: {
          percentile?: number;
          margin?: number;
          minCpuMillicores?: number;
          minMemoryMiB?: number;
          lookbackDays?: number;
          minChangeShare?: number;
        };
        kubernetesIdleNode?: {
          cpuPercent?: number;
          memoryPercent?: number;
          requestPercent?: number;
          days?: number;
        };
        kubernetesHpa?: { targetCpuPercent?: number; minReplicas?: number };
        karpenter?: { packing?: number };
      };
      /** The weekly CFO/CTO report. */
      report?: {
        /**
         * Whether it is generated. Defaults to true.
         *
         * @visibility backend
         */
        enabled?: boolean;
        /**
         * When the report task runs, as a cron expression in the backend
         * host's local time zone (the Backstage scheduler has no time zone
         * setting). A run stores the report of the last full week, Monday
         * 00:00 UTC to Monday 00:00 UTC, unless it is stored, and announces
         * again the reports of the last two weeks not yet delivered.
         * Defaults to `0 6 * * *` (daily at 06:00: the report of a week is
         * stored on Monday, or on Tuesday on hosts east of UTC where Monday
         * 06:00 is still Sunday in UTC).
         *
         * @visibility backend
         */
        cron?: string;
        /**
         * Its title. Defaults to "Weekly cloud savings report".
         *
         * @visibility backend
         */
        title?: string;
        /**
         * Who it is mailed to (by the AWS module's SES mailer, from the
         * `cloudops.savings.report` event). Without recipients a report is
         * stored but not announced.
         *
         * @visibility backend
         */
        recipients?: string[];
      };
    };
    /** The entity index and dependency graph built from the catalog. */
    catalog?: {
      /**
       * How often they are rebuilt regardless of changes, e.g. `10m` (the
       * default).
       *
       * @visibility backend
       */
      refreshInterval?: string | HumanDuration;
      /**
       * How often the catalog is checked for added, removed or changed
       * entities (their etags), which rebuilds them at once, e.g. `10s` (the
       * default).
       *
       * @visibility backend
       */
      changeCheckInterval?: string | HumanDuration;
      /**
       * How long signals that arrive just after a start wait for the
       * catalog's first read, so they are linked to their entities, e.g.
       * `15s` (the default). Past it they are stored without their entities
       * until the catalog has been read.
       *
       * @visibility backend
       */
      firstReadWait?: string | HumanDuration;
    };
    /** Root-cause analysis of incidents. */
    rca?: {
      /**
       * Whether incidents get an RCA when they open and when they grow.
       * Defaults to true.
       *
       * @visibility backend
       */
      enabled?: boolean;
      /**
       * Whether the RCA reads metric series and analyses incidents on a
       * worker thread with its own database connection, so that neither
       * holds up requests and ingestion. Defaults to true; SQLite in memory,
       * and connections whose settings are a function, always use the main
       * thread.
       *
       * @visibility backend
       */
      workerThread?: boolean;
      /**
       * A run waits this long after the last growth of its incident, e.g.
       * `10s` (the default), and at most `maxDelay` after the first.
       *
       * @visibility backend
       */
      debounce?: string | HumanDuration;
      /**
       * The longest a run waits after its first request. Defaults to `2m`.
       *
       * @visibility backend
       */
      maxDelay?: string | HumanDuration;
      /**
       * Metric history before the incident that the RCA compares against.
       * Defaults to `1h`.
       *
       * @visibility backend
       */
      lookback?: string | HumanDuration;
      /**
       * Changes (deployments, config) this long before the incident count as
       * evidence. Defaults to `1h`.
       *
       * @visibility backend
       */
      changeWindow?: string | HumanDuration;
      /**
       * Services within this many dependency-graph hops of the incident's
       * services are candidates. Defaults to 2.
       *
       * @visibility backend
       */
      hops?: number;
      /**
       * YAML runbook files (a top-level `runbooks:` list) that remediation
       * suggestions come from. Relative paths resolve against the backend's
       * working directory.
       *
       * @visibility backend
       */
      runbooks?: string[];
    };
    /** How the AI provider a module supplies (e.g. Amazon Bedrock) is used. */
    ai?: {
      /**
       * Every narrative call, retries included, ends within this, e.g. `20s`
       * (the default); after it the deterministic result stands.
       *
       * @visibility backend
       */
      timeout?: string | HumanDuration;
      /**
       * Attempts when the provider is throttled. Defaults to 3.
       *
       * @visibility backend
       */
      maxAttempts?: number;
      /**
       * Upper bound of a narrative's length in tokens. Defaults to 800.
       *
       * @visibility backend
       */
      maxOutputTokens?: number;
    };
    /** The action dispatcher: notifications, tickets, remediation. */
    actions?: {
      /**
       * Outside production (the entity's `cloudops.ai/environment`),
       * remediations whose executor says they raise cost, or cannot say,
       * are refused. Defaults to true.
       *
       * @visibility backend
       */
      costSafe?: boolean;
      /**
       * Incident changes that happened longer ago than this when they reach
       * the engine (a source's backfill after an outage, history pushed at
       * start) are kept on the timeline but neither notified, ticketed nor
       * remediated. Defaults to 1 hour.
       *
       * @visibility backend
       */
      maxEventAge?: string | HumanDuration;
      /**
       * Deliveries for every incident a route matches (all given fields must
       * match), besides its rule's actions. A notification without a target
       * goes to the owning team's channel annotation (`slack.com/channel`
       * for Slack), else the channel's default.
       *
       * @visibility backend
       */
      routes?: Array<{
        severity?: Array<'critical' | 'high' | 'warning' | 'info'>;
        environment?: string[];
        /** Owner group refs or names. */
        owner?: string[];
        notify?: Array<{ channel: string; target?: string }>;
        ticket?: Array<{ system: string; project?: string }>;
      }>;
      /** How the outbox delivers. */
      delivery?: {
        /** Attempts before a delivery is dead-lettered. Defaults to 8. @visibility backend */
        maxAttempts?: number;
        /** The first retry's wait (doubling, with jitter). Defaults to `2s`. @visibility backend */
        initialBackoff?: string | HumanDuration;
        /** The longest wait between attempts. Defaults to `10m`. @visibility backend */
        maxBackoff?: string | HumanDuration;
        /** How long one attempt may take. Defaults to `15s`. @visibility backend */
        timeout?: string | HumanDuration;
        /** How often the outbox is looked at besides being woken by changes. Defaults to `2s`. @visibility backend */
        pollInterval?: string | HumanDuration;
        /** Deliveries one replica makes at once. Defaults to 16. @visibility backend */
        batchSize?: number;
      };
      /** Remediation policy. */
      remediation?: {
        /**
         * Approvals by severity and environment: the first entry that
         * matches decides (0, 1 or 2 approvers, never the requester).
         * Defaults to 2 for critical in production, 1 for the rest of
         * production, 0 elsewhere.
         *
         * @visibility backend
         */
        approvals?: Array<{
          severity?: Array<'critical' | 'high' | 'warning' | 'info'>;
          environment?: string[];
          owner?: string[];
          approvers: number;
        }>;
        /** The most targets one run may touch (blast radius). Defaults to 5. @visibility backend */
        maxTargets?: number;
        /** How long a dry run or execution may take. Defaults to `30m`. @visibility backend */
        timeout?: string | HumanDuration;
        /**
         * How long a request waits for its approvals, from when it starts
         * waiting. Decisions after that are refused (409) and the request
         * expires (a minutely sweep ends it; a savings opportunity goes back
         * to `detected`). Defaults to `24h`.
         *
         * @visibility backend
         */
        approvalTimeout?: string | HumanDuration;
      };
      /**
       * Generic webhooks by name (the target of `notify: {channel: webhook}`):
       * JSON POSTs signed with HMAC-SHA256 of `<timestamp>.<body>`.
       */
      webhooks?: {
        [name: string]: {
          /** @visibility backend */
          url: string;
          /** @visibility secret */
          secret: string;
        };
      };
      /** Jira Cloud tickets (REST API v3). */
      jira?: {
        /** e.g. https://acme.atlassian.net @visibility backend */
        baseUrl: string;
        /** @visibility backend */
        email: string;
        /** @visibility secret */
        apiToken: string;
        /** The project key when the rule names none. @visibility backend */
        project?: string;
        /** Defaults to Task. @visibility backend */
        issueType?: string;
        /** Workflow transitions (by name) to take on incident events, e.g. `resolved: Done`. @visibility backend */
        transitions?: { [event: string]: string };
      };
      /** ServiceNow incidents (Table API). */
      servicenow?: {
        /** e.g. https://acme.service-now.com @visibility backend */
        instanceUrl: string;
        /** @visibility backend */
        username: string;
        /** @visibility secret */
        password: string;
        /** @visibility backend */
        assignmentGroup?: string;
      };
      /** PagerDuty Events API v2. */
      pagerduty?: {
        /** @visibility secret */
        routingKey?: string;
        /** Routing keys by target name. @visibility secret */
        routingKeys?: { [name: string]: string };
        /** Defaults to https://events.pagerduty.com. @visibility backend */
        url?: string;
      };
    };
  };
}
