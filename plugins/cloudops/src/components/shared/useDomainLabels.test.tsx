import { screen } from '@testing-library/react';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import { useDomainLabels } from './useDomainLabels';

/** The texts `of` makes with the hook's label functions, as a list. */
function Shown(props: {
  of: (labels: ReturnType<typeof useDomainLabels>) => string[];
}) {
  const labels = useDomainLabels();
  return (
    <ul>
      {props.of(labels).map((text, i) => (
        <li key={i}>{text}</li>
      ))}
    </ul>
  );
}

const shown = () =>
  screen.getAllByRole('listitem').map(item => item.textContent);

describe('useDomainLabels', () => {
  it('names known values in readable words', async () => {
    await renderWithApis(
      <Shown
        of={labels => [
          labels.eventType('rca'),
          labels.eventType('state'),
          labels.severity('critical'),
          labels.incidentState('acknowledged'),
          labels.signalStatus('firing'),
          labels.remediationState('awaiting-approval'),
          labels.blocker('read-only'),
          labels.opportunityState('pr_opened'),
          labels.risk('high'),
          labels.fault('cpu'),
          labels.detectorOutcome('succeeded'),
          labels.setupStatus('warn'),
        ]}
      />,
      { api: {} },
    );
    expect(shown()).toEqual([
      'Root-cause analysis',
      'State change',
      'Critical',
      'Acknowledged',
      'Firing',
      'Awaiting approval',
      'read-only mode',
      'Pull request opened',
      'High risk',
      'CPU',
      'OK',
      'Warning',
    ]);
  });

  it('shows a value it does not know (from a newer backend) as it is', async () => {
    await renderWithApis(
      <Shown
        of={labels => Object.values(labels).map(label => label('quarantined'))}
      />,
      { api: {} },
    );
    expect(new Set(shown())).toEqual(new Set(['quarantined']));
  });
});
