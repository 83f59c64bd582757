import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';

/**
 * A labelled select of several values from a fixed list, each shown by
 * `labelOf`: the list filters' state, severity and risk controls.
 */
export function MultiSelectFilter<T extends string>(props: {
  /** The element id of the label; the select is named `name`. */
  id: string;
  name: string;
  label: string;
  options: readonly T[];
  value: T[];
  labelOf: (option: T) => string;
  onChange: (value: T[]) => void;
  minWidth?: number;
}) {
  const { id, name, label, options, value, labelOf, onChange } = props;
  return (
    <FormControl style={{ minWidth: props.minWidth ?? 160 }}>
      <InputLabel id={id}>{label}</InputLabel>
      <Select
        labelId={id}
        name={name}
        multiple
        value={value}
        onChange={e => onChange(e.target.value as T[])}
        renderValue={selected => (selected as T[]).map(labelOf).join(', ')}
      >
        {options.map(option => (
          <MenuItem key={option} value={option}>
            {labelOf(option)}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}
