import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import { useEffect, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import { cloudopsTranslationRef } from '../../translation';
import { MultiSelectFilter } from '../shared';
import { OPPORTUNITY_STATES } from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  DEFAULT_OPPORTUNITY_STATES,
  OpportunityFilterState,
  RISK_LEVELS,
} from './opportunityFilters';

type TextFilter = 'account' | 'team' | 'detector';
type FilterChange = Partial<Omit<OpportunityFilterState, 'page' | 'pageSize'>>;

/** A text filter applied once typing pauses. */
function TextFilterField(props: {
  name: TextFilter;
  label: string;
  value: string;
  onChange: (change: FilterChange) => void;
}) {
  const { name, label, value, onChange } = props;
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  useDebounce(
    () => {
      if (text !== value) onChange({ [name]: text });
    },
    300,
    [text],
  );
  return (
    <TextField
      id={`cloudops-savings-${name}`}
      name={name}
      label={label}
      value={text}
      onChange={e => setText(e.target.value)}
    />
  );
}

/**
 * Account, team, detector, risk and state filters of the opportunity list;
 * the open states unless changed (none picked: every state).
 */
export function OpportunityFilters(props: {
  value: OpportunityFilterState;
  onChange: (change: FilterChange) => void;
}) {
  const { value, onChange } = props;
  const { t } = useTranslationRef(cloudopsTranslationRef);
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="flex-end"
      role="search"
      aria-label={t('savings.filters.label')}
      style={{ gap: 16 }}
      mb={2}
    >
      <TextFilterField
        name="account"
        label={t('savings.filters.account')}
        value={value.account}
        onChange={onChange}
      />
      <TextFilterField
        name="team"
        label={t('savings.filters.team')}
        value={value.team}
        onChange={onChange}
      />
      <TextFilterField
        name="detector"
        label={t('savings.filters.detector')}
        value={value.detector}
        onChange={onChange}
      />
      <MultiSelectFilter
        id="cloudops-savings-risk"
        name="risk"
        label={t('savings.filters.risk')}
        options={RISK_LEVELS}
        value={value.risk}
        labelOf={level => t(`savings.risk.${level}`)}
        onChange={risk => onChange({ risk })}
      />
      <MultiSelectFilter
        id="cloudops-savings-state"
        name="state"
        label={t('savings.filters.state')}
        options={OPPORTUNITY_STATES}
        value={value.state}
        labelOf={state => t(`savings.state.${state}`)}
        onChange={state => onChange({ state })}
        minWidth={200}
      />
      <Button
        onClick={() =>
          onChange({
            account: '',
            team: '',
            detector: '',
            risk: [],
            state: DEFAULT_OPPORTUNITY_STATES,
          })
        }
      >
        {t('savings.filters.clear')}
      </Button>
    </Box>
  );
}
