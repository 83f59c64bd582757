import { InputError } from '@backstage/errors';

/** A shared document's ARN; its name is what follows `document/`. */
const DOCUMENT_ARN = /^arn:aws[a-z-]*:ssm:[a-z0-9-]+:\d{12}:document\/(.*)$/;

/** What SSM takes as a document's name. */
const DOCUMENT_NAME = /^[a-zA-Z0-9_.-]{3,128}$/;

/**
 * Refuses, with an InputError, a remediation's `ref` unless it names an SSM
 * document (by name, or by ARN for a document shared from another account)
 * whose name starts with one of `prefixes`: the documents CloudOps may run
 * (`cloudops.aws.ssm.documentPrefixes`), not any document the remediation
 * role could start (such as `AWS-RunShellScript`).
 */
export function checkDocumentAllowed(
  ref: string,
  prefixes: readonly string[],
): void {
  const name = DOCUMENT_ARN.exec(ref)?.[1] ?? ref;
  if (!DOCUMENT_NAME.test(name)) {
    throw new InputError(
      `"${ref}" is not an SSM document name or document ARN`,
    );
  }
  if (!prefixes.some(prefix => name.startsWith(prefix))) {
    throw new InputError(
      `SSM document ${name} is not one CloudOps may run: its name must start with ${prefixes.join(
        ' or ',
      )} (cloudops.aws.ssm.documentPrefixes)`,
    );
  }
}
