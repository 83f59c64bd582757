import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useMemo } from 'react';
import { cloudopsTranslationRef } from '../../translation';
import { DurationWords, formatDuration } from './format';

/**
 * Formats a duration in seconds in the words of the translation ref:
 * `4m`, `1h 30m` or `2d` in English.
 */
export function useFormatDuration(): (seconds: number) => string {
  const { t } = useTranslationRef(cloudopsTranslationRef);
  return useMemo(() => {
    const words: DurationWords = {
      unit: (unit, count) =>
        t(`common.duration.${unit}`, { number: String(count) }),
      pair: (larger, smaller) => t('common.duration.pair', { larger, smaller }),
    };
    return seconds => formatDuration(seconds, words);
  }, [t]);
}
