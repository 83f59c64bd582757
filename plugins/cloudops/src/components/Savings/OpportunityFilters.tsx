import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import TextField from '@material-ui/core/TextField';
import { useEffect, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import { cloudopsTranslationRef } from '../../translation';
import {
  OpportunityFilterState,
  RiskLevel,
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

/** Account, team, detector and risk filters of the opportunity list. */
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
      <FormControl style={{ minWidth: 160 }}>
        <InputLabel id="cloudops-savings-risk">
          {t('savings.filters.risk')}
        </InputLabel>
        <Select
          labelId="cloudops-savings-risk"
          name="risk"
          multiple
          value={value.risk}
          onChange={e => onChange({ risk: e.target.value as RiskLevel[] })}
          renderValue={selected =>
            (selected as RiskLevel[])
              .map(level => t(`savings.risk.${level}`))
              .join(', ')
          }
        >
          {RISK_LEVELS.map(level => (
            <MenuItem key={level} value={level}>
              {t(`savings.risk.${level}`)}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      <Button
        onClick={() =>
          onChange({ account: '', team: '', detector: '', risk: [] })
        }
      >
        {t('savings.filters.clear')}
      </Button>
    </Box>
  );
}
