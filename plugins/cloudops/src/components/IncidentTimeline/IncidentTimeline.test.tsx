import { createTranslationMessages } from '@backstage/frontend-plugin-api';
import { screen, within } from '@testing-library/react';
import {
  renderWithApis,
  testIncidentDetail,
} from '../../__testUtils__/renderWithApis';
import { cloudopsTranslationRef } from '../../translation';
import { IncidentTimeline } from './IncidentTimeline';

describe('IncidentTimeline', () => {
  it('names each entry by its type', async () => {
    await renderWithApis(
      <IncidentTimeline events={testIncidentDetail.timeline} />,
      { api: {} },
    );
    const entries = within(
      screen.getByRole('list', { name: 'Timeline' }),
    ).getAllByRole('listitem');
    expect(entries[0]).toHaveTextContent(/ · correlated · cloudops$/);
    expect(entries[1]).toHaveTextContent(/ · opened · cloudops$/);
  });

  it('shows the types from the translation ref', async () => {
    await renderWithApis(
      <IncidentTimeline events={testIncidentDetail.timeline} />,
      {
        api: {},
        translations: createTranslationMessages({
          ref: cloudopsTranslationRef,
          messages: {
            'incident.timeline.types.opened': 'Eröffnet',
            'incident.timeline.types.correlated': 'Zugeordnet',
          },
        }),
      },
    );
    const entries = within(
      screen.getByRole('list', { name: 'Timeline' }),
    ).getAllByRole('listitem');
    expect(entries[0]).toHaveTextContent(/ · Zugeordnet · cloudops$/);
    expect(entries[1]).toHaveTextContent(/ · Eröffnet · cloudops$/);
  });
});
