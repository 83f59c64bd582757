import { IncidentSeverity } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { screen } from '@testing-library/react';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import { SeverityChip } from './SeverityChip';

describe('SeverityChip', () => {
  it('colours a severity it knows', async () => {
    await renderWithApis(<SeverityChip severity="critical" />, { api: {} });
    expect(screen.getByText('Critical').parentElement).toHaveStyle({
      backgroundColor: '#b71c1c',
    });
  });

  it('shows a severity it does not know as it is, uncoloured', async () => {
    await renderWithApis(
      <SeverityChip severity={'fatal' as IncidentSeverity} />,
      { api: {} },
    );
    expect(screen.getByText('fatal').parentElement).not.toHaveAttribute(
      'style',
    );
  });
});
