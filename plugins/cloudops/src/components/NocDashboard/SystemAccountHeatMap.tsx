import { Link } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { IncidentStatsGroupCount } from '@cloudops-ai/backstage-plugin-cloudops-common';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import { cloudopsTranslationRef } from '../../translation';
import {
  DataTable,
  VisuallyHidden,
  severityPalette,
  shortRef,
} from '../shared';
import { heatMatrix } from './heatMap';

/**
 * Open incidents per system (rows) and account (columns), each cell coloured
 * by its worst severity (named in the cell's text for screen readers too,
 * not by colour only) and linked to those incidents when `linkTo` can
 * address them (not "no system" or "no account").
 */
export function SystemAccountHeatMap(props: {
  groups: IncidentStatsGroupCount[];
  linkTo: (system: string | null, account: string | null) => string | undefined;
}) {
  const { t } = useTranslationRef(cloudopsTranslationRef);
  const matrix = useMemo(() => heatMatrix(props.groups), [props.groups]);
  if (matrix.systems.length === 0) {
    return <Typography>{t('noc.heatMap.empty')}</Typography>;
  }
  const systemName = (system: string | null) =>
    system ? shortRef(system) : t('noc.heatMap.noSystem');
  const accountName = (account: string | null) =>
    account ?? t('noc.heatMap.noAccount');
  return (
    <DataTable aria-label={t('noc.heatMap.title')}>
      <TableHead>
        <TableRow>
          <TableCell component="th" scope="col">
            {`${t('noc.heatMap.system')} \\ ${t('noc.heatMap.account')}`}
          </TableCell>
          {matrix.accounts.map(account => (
            <TableCell key={String(account)} align="center" scope="col">
              {accountName(account)}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {matrix.systems.map(system => (
          <TableRow key={String(system)}>
            <TableCell component="th" scope="row" role="rowheader">
              {systemName(system)}
            </TableCell>
            {matrix.accounts.map(account => {
              const cell = matrix.cell(system, account);
              if (!cell) {
                return <TableCell key={String(account)} />;
              }
              const worst = cell.worst ?? 'info';
              const colors = severityPalette[worst];
              const severity = t(`common.severity.${worst}`);
              const to = props.linkTo(system, account);
              return (
                <TableCell
                  key={String(account)}
                  align="center"
                  style={{
                    backgroundColor: colors.background,
                    color: colors.text,
                    fontWeight: 700,
                  }}
                >
                  {to ? (
                    <Link
                      to={to}
                      style={{ color: colors.text }}
                      aria-label={t('noc.heatMap.cell', {
                        system: systemName(system),
                        account: accountName(account),
                        number: String(cell.open),
                        severity,
                      })}
                    >
                      {cell.open}
                    </Link>
                  ) : (
                    // Row and column headers name the cell.
                    <>
                      <span title={t('noc.heatMap.unlinked')}>{cell.open}</span>
                      <VisuallyHidden>
                        {t('noc.heatMap.worst', { severity })}
                      </VisuallyHidden>
                    </>
                  )}
                </TableCell>
              );
            })}
          </TableRow>
        ))}
      </TableBody>
    </DataTable>
  );
}
