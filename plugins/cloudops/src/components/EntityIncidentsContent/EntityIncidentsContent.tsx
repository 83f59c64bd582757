import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  Content,
  EmptyState,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  Incident,
  IncidentSeverity,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import RefreshIcon from '@material-ui/icons/Refresh';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { cloudopsApiRef } from '../../api';

const severityColor: Record<IncidentSeverity, 'secondary' | 'default'> = {
  critical: 'secondary',
  high: 'secondary',
  warning: 'default',
  info: 'default',
};

const columns: TableColumn<Incident>[] = [
  { title: 'Title', field: 'title', highlight: true },
  {
    title: 'Severity',
    field: 'severity',
    render: incident => (
      <Chip
        size="small"
        label={incident.severity}
        color={severityColor[incident.severity]}
      />
    ),
  },
  { title: 'State', field: 'state' },
  {
    title: 'Opened',
    field: 'createdAt',
    render: incident => new Date(incident.createdAt).toLocaleString(),
  },
  { title: 'Raised by', field: 'createdBy' },
];

/**
 * The Incidents tab of an entity page: that entity's incidents, newest first.
 *
 * @public
 */
export function EntityIncidentsContent() {
  const { entity } = useEntity();
  const api = useApi(cloudopsApiRef);
  const entityRef = stringifyEntityRef(entity);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.listIncidents({ entityRef, limit: 100 }),
    [api, entityRef],
  );

  if (loading && !value) {
    return <Progress />;
  }
  if (error) {
    return (
      <Content>
        <ResponseErrorPanel error={error} title="Could not load incidents" />
        <Button variant="outlined" onClick={() => retry()}>
          Retry
        </Button>
      </Content>
    );
  }
  if (!value || value.items.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No incidents"
        description={`Nothing has been raised for ${entityRef}.`}
      />
    );
  }
  return (
    <Table<Incident>
      title={`Incidents (${value.totalCount})`}
      options={{ paging: value.items.length > 20, pageSize: 20, search: true }}
      columns={columns}
      data={value.items}
      actions={[
        {
          icon: () => <RefreshIcon />,
          tooltip: 'Reload',
          isFreeAction: true,
          onClick: () => retry(),
        },
      ]}
    />
  );
}
