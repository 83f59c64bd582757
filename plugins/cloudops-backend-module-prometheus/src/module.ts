import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  cloudopsAuditExtensionPoint,
  cloudopsIncidentListenersExtensionPoint,
  cloudopsRcaSeriesExtensionPoint,
  cloudopsSignalSourcesExtensionPoint,
  cloudopsValidationExtensionPoint,
  cloudopsWasteDetectorsExtensionPoint,
  SignalSink,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { AlertmanagerClient } from './alertmanager/AlertmanagerClient';
import { SilenceOnAcknowledge } from './alertmanager/SilenceOnAcknowledge';
import {
  createWebhookRouter,
  WEBHOOK_PATH,
} from './alertmanager/webhookRouter';
import { readPrometheusOptions } from './config';
import { prometheusValidationCheck } from './validation/prometheusValidationCheck';
import { PrometheusClusters } from './prometheus/PrometheusClusters';
import { PrometheusRcaSeries } from './rca/PrometheusRcaSeries';
import { prometheusSeriesServiceRef } from './services';
import { PromqlSource } from './source/PromqlSource';
import { KubernetesNodesDetector } from './waste/KubernetesNodesDetector';
import { KubernetesWorkloadsDetector } from './waste/KubernetesWorkloadsDetector';

/** The push source the webhook receiver is, in detector health. */
export const WEBHOOK_SOURCE_ID = 'alertmanager-webhook';

/**
 * Prometheus, Alertmanager and Kubernetes signals for CloudOps AI: the
 * Alertmanager webhook receiver, the PromQL source (one shard per cluster)
 * and silences on acknowledgement. Each part starts only when configured.
 *
 * @public
 */
export const cloudopsModulePrometheus = createBackendModule({
  pluginId: 'cloudops',
  moduleId: 'prometheus',
  register(reg) {
    reg.registerInit({
      deps: {
        audit: cloudopsAuditExtensionPoint,
        auditor: coreServices.auditor,
        config: coreServices.rootConfig,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        sources: cloudopsSignalSourcesExtensionPoint,
        listeners: cloudopsIncidentListenersExtensionPoint,
        validation: cloudopsValidationExtensionPoint,
        waste: cloudopsWasteDetectorsExtensionPoint,
        rcaSeries: cloudopsRcaSeriesExtensionPoint,
        series: prometheusSeriesServiceRef,
      },
      async init({
        audit,
        auditor,
        config,
        httpRouter,
        logger,
        sources,
        listeners,
        waste,
        rcaSeries,
        series,
        validation,
      }) {
        validation.addCheck(prometheusValidationCheck({ config }));
        const options = readPrometheusOptions(config);

        const clusters = new PrometheusClusters(options);
        if (clusters.names().length > 0) {
          sources.addSource(
            new PromqlSource({ clusters, options: options.query, logger }),
          );
          rcaSeries.addProvider(new PrometheusRcaSeries({ series, logger }));
          if (options.waste.enabled) {
            waste.addDetector(
              new KubernetesWorkloadsDetector(clusters, options.waste),
            );
            waste.addDetector(
              new KubernetesNodesDetector(clusters, options.waste),
            );
          }
        }

        const { receivers, maxBodyBytes } = options.webhook;
        if (receivers.length > 0) {
          let sink: SignalSink | undefined;
          sources.addSource({
            type: 'push',
            id: WEBHOOK_SOURCE_ID,
            connect: connected => {
              sink = connected;
            },
          });
          httpRouter.use(
            createWebhookRouter({
              receivers,
              maxBodyBytes,
              sink: () => sink,
              auditor,
              audit,
              logger,
            }),
          );
          // Alertmanager has no Backstage token: the receiver checks its own.
          httpRouter.addAuthPolicy({
            path: WEBHOOK_PATH,
            allow: 'unauthenticated',
          });
        }

        if (options.silences.onAcknowledge) {
          const alertmanagers = new Map(
            options.clusters.flatMap(cluster =>
              cluster.alertmanager
                ? [
                    [
                      cluster.name,
                      new AlertmanagerClient(
                        cluster.name,
                        cluster.alertmanager,
                      ),
                    ] as const,
                  ]
                : [],
            ),
          );
          listeners.addListener(
            new SilenceOnAcknowledge({
              alertmanagers,
              durationMs: options.silences.durationMs,
              audit,
              logger,
            }),
          );
        }

        logger.info(
          `Prometheus: ${clusters.names().length} cluster(s) read, ${
            receivers.length
          } Alertmanager receiver(s), silences on acknowledge ${
            options.silences.onAcknowledge ? 'on' : 'off'
          }, Kubernetes waste detectors ${
            clusters.names().length > 0 && options.waste.enabled ? 'on' : 'off'
          }`,
        );
      },
    });
  },
});
