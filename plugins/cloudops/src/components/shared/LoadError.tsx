import { ResponseErrorPanel } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { cloudopsTranslationRef } from '../../translation';

/** A failed load: what failed, why, and a button to try again. */
export function LoadError(props: {
  error: Error;
  what: string;
  onRetry: () => void;
}) {
  const { t } = useTranslationRef(cloudopsTranslationRef);
  return (
    <Box>
      <ResponseErrorPanel
        error={props.error}
        title={t('common.loadFailed', { what: props.what })}
      />
      <Button variant="outlined" onClick={props.onRetry}>
        {t('common.retry')}
      </Button>
    </Box>
  );
}
