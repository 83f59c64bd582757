import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  INCIDENT_SEVERITIES,
  INCIDENT_STATES,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
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
import { MultiSelectFilter } from '../shared';
import {
  DEFAULT_LIST_STATE,
  ListState,
  TimeRange,
  TIME_RANGES,
} from './filters';

type FilterChange = Partial<Omit<ListState, 'page' | 'pageSize'>>;

/** State, severity, time range and text filters of the incident list. */
export function IncidentFilters(props: {
  value: ListState;
  onChange: (change: FilterChange) => void;
}) {
  const { value, onChange } = props;
  const { t } = useTranslationRef(cloudopsTranslationRef);
  const [text, setText] = useState(value.text);
  useEffect(() => setText(value.text), [value.text]);
  useDebounce(
    () => {
      if (text !== value.text) onChange({ text });
    },
    300,
    [text],
  );

  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="flex-end"
      role="search"
      aria-label={t('incidents.filters.label')}
      style={{ gap: 16 }}
      mb={2}
    >
      <MultiSelectFilter
        id="cloudops-filter-state"
        name="state"
        label={t('incidents.filters.state')}
        options={INCIDENT_STATES}
        value={value.state}
        labelOf={state => t(`common.state.${state}`)}
        onChange={state => onChange({ state })}
        minWidth={200}
      />
      <MultiSelectFilter
        id="cloudops-filter-severity"
        name="severity"
        label={t('incidents.filters.severity')}
        options={INCIDENT_SEVERITIES}
        value={value.severity}
        labelOf={severity => t(`common.severity.${severity}`)}
        onChange={severity => onChange({ severity })}
      />
      <FormControl style={{ minWidth: 160 }}>
        <InputLabel id="cloudops-filter-range">
          {t('incidents.filters.range')}
        </InputLabel>
        <Select
          labelId="cloudops-filter-range"
          name="range"
          value={value.range}
          onChange={e => onChange({ range: e.target.value as TimeRange })}
        >
          {TIME_RANGES.map(range => (
            <MenuItem key={range} value={range}>
              {t(`incidents.filters.ranges.${range}`)}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      <TextField
        id="cloudops-filter-text"
        label={t('incidents.filters.text')}
        value={text}
        onChange={e => setText(e.target.value)}
        style={{ minWidth: 260 }}
        inputProps={{ maxLength: 200 }}
      />
      <Button
        onClick={() =>
          onChange({
            state: DEFAULT_LIST_STATE.state,
            severity: [],
            range: DEFAULT_LIST_STATE.range,
            text: '',
          })
        }
      >
        {t('incidents.filters.clear')}
      </Button>
    </Box>
  );
}
