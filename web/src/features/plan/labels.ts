// Labels for codes (life domains, spending categories) in a chosen language: the printed plan
// can be in Dutch or English whatever the screen's language is.
import { interpolate, type Lang, type Vars } from '../../i18n';
import { en } from '../../i18n/en';
import { nl, type MessageKey } from '../../i18n/nl';

export function tIn(lang: Lang, key: MessageKey, vars?: Vars): string {
  return interpolate((lang === 'en' ? en : nl)[key] ?? key, vars);
}

function known(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(nl, key);
}

/** "zrm.werk_opleiding" → "Werk en opleiding"; an unknown code is shown readably as it is. */
export function domainLabel(code: string, lang: Lang): string {
  const key = `domain.${code}`;
  return known(key) ? tIn(lang, key) : code.replace(/^\w+\./, '').replace(/_/g, ' ');
}

/** A spending category: the programme may configure its own, shown as they are. */
export function categoryLabel(code: string, lang: Lang): string {
  const key = `budget.category.${code}`;
  return known(key) ? tIn(lang, key) : code.replace(/_/g, ' ');
}
