import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { PathSegment } from './paths';
import { RULE_FILE_SCHEMA } from './schema';

/**
 * Something wrong at a path of a rules document. `at: 'key'` points at the
 * mapping key the path ends with (an unknown property) rather than its value.
 */
export interface RuleProblem {
  path: PathSegment[];
  message: string;
  at?: 'key';
}

const validators = new Map<object, ValidateFunction>();

function validate(data: unknown, schema: object) {
  let validator = validators.get(schema);
  if (!validator) {
    validator = new Ajv({
      allErrors: true,
      strict: true,
      discriminator: true,
      verbose: true,
    }).compile(schema);
    validators.set(schema, validator);
  }
  validator(data);
  return validator.errors ?? [];
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
};

/** Describes a value found in a document, for "(got …)". */
function describe(value: unknown): string {
  if (value === null || value === undefined) {
    return 'nothing';
  }
  if (Array.isArray(value)) {
    return 'a list';
  }
  if (typeof value === 'object') {
    return 'a mapping';
  }
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** A number or boolean where text is expected: YAML needs quotes for that. */
function quoteHint(error: ErrorObject): string {
  const schema = error.parentSchema;
  const wantsText =
    schema?.type === 'string' ||
    (schema?.anyOf ?? []).some((s: { type?: string }) => s.type === 'string');
  return wantsText && ['number', 'boolean'].includes(typeof error.data)
    ? '; quote it to make it text'
    : '';
}

/** Turns a JSON pointer into path segments, numbers where the data is a list. */
function toPath(pointer: string, data: unknown): PathSegment[] {
  const path: PathSegment[] = [];
  let value: any = data;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const segment = Array.isArray(value) ? Number(key) : key;
    path.push(segment);
    value = value?.[segment];
  }
  return path;
}

/**
 * Of the errors under an `anyOf`, keeps those of the one alternative whose
 * type fits the value; when none or several fit, keeps only the `anyOf` error,
 * which says what was expected.
 */
function pickAlternatives(errors: ErrorObject[]): ErrorObject[] {
  const dropped = new Set<ErrorObject>();
  for (const anyOf of errors.filter(e => e.keyword === 'anyOf')) {
    const prefix = `${anyOf.schemaPath}/`;
    const within = (path: string) =>
      path === anyOf.instancePath || path.startsWith(`${anyOf.instancePath}/`);
    const branches = new Map<string, ErrorObject[]>();
    for (const error of errors) {
      if (error.schemaPath.startsWith(prefix) && within(error.instancePath)) {
        const branch = error.schemaPath.slice(prefix.length).split('/')[0];
        branches.set(branch, [...(branches.get(branch) ?? []), error]);
      }
    }
    const fitting = [...branches.values()].filter(
      branch =>
        !branch.some(
          e => e.keyword === 'type' && e.instancePath === anyOf.instancePath,
        ),
    );
    for (const branch of branches.values()) {
      if (fitting.length !== 1 || branch !== fitting[0]) {
        branch.forEach(e => dropped.add(e));
      }
    }
    if (fitting.length === 1) {
      dropped.add(anyOf);
    }
  }
  return errors.filter(e => !dropped.has(e));
}

function toProblem(error: ErrorObject, data: unknown): RuleProblem {
  const path = toPath(error.instancePath, data);
  const got = `(got ${describe(error.data)})`;
  const expected: string | undefined = error.parentSchema?.description;
  switch (error.keyword) {
    case 'type':
      return {
        path,
        message: `must be ${
          expected ?? TYPE_NAMES[error.params.type]
        } ${got}${quoteHint(error)}`,
      };
    case 'anyOf':
      return { path, message: `must be ${expected} ${got}${quoteHint(error)}` };
    case 'enum':
      return {
        path,
        message: `must be one of ${error.params.allowedValues.join(
          ', ',
        )} ${got}`,
      };
    case 'required':
      return {
        path,
        message: `missing required property "${error.params.missingProperty}"`,
      };
    case 'additionalProperties': {
      const known = Object.keys(error.parentSchema?.properties ?? {});
      return {
        path: [...path, error.params.additionalProperty],
        at: 'key',
        message:
          known.length === 1
            ? `unknown property; expected only ${known[0]}`
            : `unknown property; expected one of ${known.join(', ')}`,
      };
    }
    case 'discriminator': {
      const types = (error.parentSchema?.oneOf ?? []).map(
        (variant: any) => variant.properties.type.const,
      );
      const tag: string = error.params.tag;
      if (error.params.tagValue !== undefined) {
        return {
          path: [...path, tag],
          message: `must be one of ${types.join(', ')} (got ${describe(
            error.params.tagValue,
          )})`,
        };
      }
      return {
        path,
        message: `missing required property "${tag}" (one of ${types.join(
          ', ',
        )})`,
      };
    }
    case 'pattern':
      return {
        path,
        message: `must match ${error.params.pattern} ${got}`,
      };
    case 'minimum':
    case 'maximum':
      return {
        path,
        message: `must be ${error.params.comparison} ${error.params.limit} ${got}`,
      };
    case 'minItems':
    case 'minLength':
      return { path, message: 'must not be empty' };
    case 'minProperties':
    case 'maxProperties': {
      const known = Object.keys(error.parentSchema?.properties ?? {});
      const bound = error.keyword === 'minProperties' ? 'at least' : 'at most';
      return {
        path,
        message: `must have ${bound} ${error.params.limit} of ${known.join(
          ', ',
        )}`,
      };
    }
    default:
      return { path, message: error.message ?? 'is not valid' };
  }
}

/**
 * Checks a document against a JSON schema (by default the rules file
 * schema), one problem per mistake.
 */
export function schemaProblems(
  data: unknown,
  schema: object = RULE_FILE_SCHEMA,
): RuleProblem[] {
  return pickAlternatives(validate(data, schema)).map(error =>
    toProblem(error, data),
  );
}
