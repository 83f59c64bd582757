import { createTranslationMessages } from '@backstage/frontend-plugin-api';
import { screen } from '@testing-library/react';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import { cloudopsTranslationRef } from '../../translation';
import { useFormatDuration } from './useFormatDuration';

function Durations(props: { seconds: number[] }) {
  const formatDuration = useFormatDuration();
  return (
    <ul>
      {props.seconds.map(seconds => (
        <li key={seconds}>{formatDuration(seconds)}</li>
      ))}
    </ul>
  );
}

const shown = () =>
  screen.getAllByRole('listitem').map(item => item.textContent);

describe('useFormatDuration', () => {
  it('formats durations in at most two units', async () => {
    await renderWithApis(
      <Durations
        seconds={[
          0,
          59.4,
          60,
          3599,
          3600,
          3600 + 20 * 60,
          86400,
          86400 * 2 + 3600 * 4,
        ]}
      />,
      { api: {} },
    );
    expect(shown()).toEqual([
      '0s',
      '59s',
      '1m',
      '59m',
      '1h',
      '1h 20m',
      '1d',
      '2d 4h',
    ]);
  });

  it('takes the unit words from the translation ref', async () => {
    await renderWithApis(<Durations seconds={[4, 90 * 60, 86400 * 2]} />, {
      api: {},
      translations: createTranslationMessages({
        ref: cloudopsTranslationRef,
        messages: {
          'common.duration.days': '{{number}} Tg.',
          'common.duration.hours': '{{number}} Std.',
          'common.duration.minutes': '{{number}} Min.',
          'common.duration.pair': '{{larger}} und {{smaller}}',
        },
      }),
    });
    expect(shown()).toEqual(['4s', '1 Std. und 30 Min.', '2 Tg.']);
  });
});
