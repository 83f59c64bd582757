import { createTranslationMessages } from '@backstage/frontend-plugin-api';
import {
  IncidentEvent,
  IncidentEventType,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { screen, within } from '@testing-library/react';
import {
  renderWithApis,
  testIncidentDetail,
} from '../../__testUtils__/renderWithApis';
import { cloudopsTranslationRef } from '../../translation';
import { IncidentTimeline } from './IncidentTimeline';

const entries = () =>
  within(screen.getByRole('list', { name: 'Timeline' })).getAllByRole(
    'listitem',
  );

describe('IncidentTimeline', () => {
  it('names each entry by its type in words', async () => {
    await renderWithApis(
      <IncidentTimeline events={testIncidentDetail.timeline} />,
      { api: {} },
    );
    expect(entries()[0]).toHaveTextContent(/ · Correlated · cloudops$/);
    expect(entries()[1]).toHaveTextContent(/ · Opened · cloudops$/);
  });

  it('names the types whose word says little, and shows a type it does not know as it is', async () => {
    const [opened] = testIncidentDetail.timeline;
    const event = (id: string, type: string): IncidentEvent => ({
      ...opened,
      id,
      type: type as IncidentEventType,
    });
    await renderWithApis(
      <IncidentTimeline
        events={[
          event('1', 'rca'),
          event('2', 'state'),
          event('3', 'escalation'),
        ]}
      />,
      { api: {} },
    );
    expect(entries().map(entry => entry.textContent)).toEqual([
      expect.stringMatching(/ · escalation · cloudops$/),
      expect.stringMatching(/ · State change · cloudops$/),
      expect.stringMatching(/ · Root-cause analysis · cloudops$/),
    ]);
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
    expect(entries()[0]).toHaveTextContent(/ · Zugeordnet · cloudops$/);
    expect(entries()[1]).toHaveTextContent(/ · Eröffnet · cloudops$/);
  });
});
