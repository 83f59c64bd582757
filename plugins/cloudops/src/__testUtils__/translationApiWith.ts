import {
  TranslationApi,
  TranslationMessages,
} from '@backstage/frontend-plugin-api';
import { mockApis } from '@backstage/test-utils';

/**
 * A translation API giving the default messages except the overrides an
 * app would pass as `createTranslationMessages(...)`; their `{{name}}`
 * placeholders are filled in.
 */
export function translationApiWith(
  overrides: TranslationMessages,
): TranslationApi {
  const defaults = mockApis.translation();
  const messages: Record<string, string | null | undefined> =
    overrides.messages;
  return {
    getTranslation(ref) {
      const snapshot = defaults.getTranslation(ref);
      if (!snapshot.ready || ref.id !== overrides.id) return snapshot;
      const t = (key: string, options?: Record<string, unknown>) => {
        const message = messages[key];
        if (typeof message !== 'string') {
          return (snapshot.t as Function)(key, options);
        }
        return message.replace(/{{(\w+)}}/g, (_, name) =>
          String(options?.[name]),
        );
      };
      return { ...snapshot, t: t as typeof snapshot.t };
    },
    translation$: ref => defaults.translation$(ref),
  };
}
