import { Link } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Incident } from '@cloudops-ai/backstage-plugin-cloudops-common';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import { cloudopsTranslationRef } from '../../translation';
import {
  DataTable,
  formatTime,
  lastPage,
  SeverityChip,
  StateChip,
  usePaginationLabels,
} from '../shared';
import { PAGE_SIZES } from './filters';

/** One page of incidents; paging happens on the server. */
export function IncidentsTable(props: {
  items: Incident[];
  totalCount: number;
  page: number;
  pageSize: number;
  onPage: (page: number, pageSize: number) => void;
  linkTo: (incident: Incident) => string;
  showEntity?: boolean;
}) {
  const { t } = useTranslationRef(cloudopsTranslationRef);
  const paginationLabels = usePaginationLabels();
  const { items, totalCount, page, pageSize, onPage, linkTo, showEntity } =
    props;
  return (
    <>
      <DataTable aria-label={t('incidents.title')}>
        <TableHead>
          <TableRow>
            <TableCell>{t('incidents.columns.title')}</TableCell>
            <TableCell>{t('incidents.columns.severity')}</TableCell>
            <TableCell>{t('incidents.columns.state')}</TableCell>
            {showEntity && (
              <TableCell>{t('incidents.columns.entity')}</TableCell>
            )}
            <TableCell>{t('incidents.columns.opened')}</TableCell>
            <TableCell align="right">
              {t('incidents.columns.signals')}
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map(incident => (
            <TableRow key={incident.id} hover>
              <TableCell>
                <Link to={linkTo(incident)}>{incident.title}</Link>
              </TableCell>
              <TableCell>
                <SeverityChip severity={incident.severity} />
              </TableCell>
              <TableCell>
                <StateChip state={incident.state} />
              </TableCell>
              {showEntity && (
                <TableCell>
                  {incident.entityRef ? (
                    <EntityRefLink entityRef={incident.entityRef} />
                  ) : (
                    t('common.unlinked')
                  )}
                </TableCell>
              )}
              <TableCell>{formatTime(incident.createdAt)}</TableCell>
              <TableCell align="right">{incident.signalCount}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </DataTable>
      <TablePagination
        {...paginationLabels}
        component="div"
        count={totalCount}
        page={Math.min(page, lastPage(totalCount, pageSize))}
        rowsPerPage={pageSize}
        rowsPerPageOptions={PAGE_SIZES}
        onPageChange={(_, next) => onPage(next, pageSize)}
        onRowsPerPageChange={e => onPage(0, Number(e.target.value))}
      />
    </>
  );
}
