import { normalizeName } from '@voicebook/phonetic-matcher';
import type { ServiceListing } from '../engine-api.js';
import type { Locale, Service, Spoken, Tenant } from '../types.js';

/** Most options one spoken answer names (callers keep about five in mind). */
export const MAX_SPOKEN_OPTIONS = 5;

/** Options of {@link listServices}. */
export interface ListServicesOptions {
  /** List only this category (as named in a `categories` answer; case and umlauts are ignored). */
  category?: string | undefined;
  /** Say each service's price where it has one ("Haarschnitt für 35 Euro"). @default false */
  withPrices?: boolean | undefined;
}

const OTHER: Record<Locale, string> = { de: 'Weitere', en: 'Other' };
const OTHER_NAMES = new Set(['weitere', 'sonstige', 'sonstiges', 'andere', 'other', 'others']);
const CURRENCIES: Record<string, Spoken> = {
  EUR: { de: 'Euro', en: 'euros' },
  CHF: { de: 'Franken', en: 'Swiss francs' },
  USD: { de: 'Dollar', en: 'dollars' },
  GBP: { de: 'Pfund', en: 'pounds' },
};

/** `A, B oder C` / `A, B or C`. */
function joinOr(items: readonly string[], locale: Locale): string {
  const or = locale === 'de' ? 'oder' : 'or';
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${or} ${items.at(-1) ?? ''}`;
}

function price(service: Service, locale: Locale): string {
  if (service.priceCents === undefined) return '';
  const currency = service.currency ?? 'EUR';
  const whole = service.priceCents % 100 === 0;
  const amount = (service.priceCents / 100).toFixed(whole ? 0 : 2);
  const unit = CURRENCIES[currency]?.[locale] ?? currency;
  return locale === 'de' ? ` für ${amount.replace('.', ',')} ${unit}` : ` for ${amount} ${unit}`;
}

function names(services: readonly Service[], locale: Locale, withPrices: boolean): string {
  return joinOr(
    services.map((s) => s.name + (withPrices ? price(s, locale) : '')),
    locale,
  );
}

function categoryOf(service: Service, locale: Locale): string {
  return service.category ?? OTHER[locale];
}

/** Groups in order of first appearance. */
function groups(services: readonly Service[], locale: Locale): Map<string, Service[]> {
  const out = new Map<string, Service[]>();
  for (const s of services) {
    const name = categoryOf(s, locale);
    out.set(name, [...(out.get(name) ?? []), s]);
  }
  return out;
}

function findCategory(
  all: Map<string, Service[]>,
  wanted: string,
  locale: Locale,
): [string, Service[]] | undefined {
  const key = normalizeName(wanted);
  if (key === '') return undefined;
  for (const entry of all) {
    const name = normalizeName(entry[0]);
    const other = entry[0] === OTHER[locale] && OTHER_NAMES.has(key);
    const close = key.length >= 4 && name.length >= 4 && (name.startsWith(key) || key.startsWith(name)); // prettier-ignore
    if (name === key || other || close) return entry;
  }
  return undefined;
}

function servicesAnswer(
  services: readonly Service[],
  withPrices: boolean,
  category: string | undefined,
): ServiceListing {
  if (services.length === 0) {
    return {
      kind: 'services',
      services: [],
      say: {
        de: 'Im Moment kann ich leider keine Leistungen anbieten.',
        en: 'I am sorry, there are no services I can offer at the moment.',
      },
    };
  }
  const shown = services.slice(0, MAX_SPOKEN_OPTIONS);
  const more = services.length > shown.length;
  const de = names(shown, 'de', withPrices);
  const en = names(shown, 'en', withPrices);
  const prefix = {
    de: category === undefined ? 'Wir bieten' : `Im Bereich ${category} bieten wir`,
    en: category === undefined ? 'We offer' : `In the ${category} area we offer`,
  };
  if (shown.length === 1) {
    return {
      kind: 'services',
      services: shown,
      say: { de: `${prefix.de} ${de} an.`, en: `${prefix.en} ${en}.` },
    };
  }
  const total = String(services.length);
  return {
    kind: 'services',
    services: shown,
    say: more
      ? {
          de: `${prefix.de} ${total} Leistungen an, zum Beispiel ${de}. Was darf es sein?`,
          en: `${prefix.en} ${total} services, for example ${en}. Which would you like?`,
        }
      : {
          de: `${prefix.de} ${de} an. Was darf es sein?`,
          en: `${prefix.en} ${en}. Which would you like?`,
        },
  };
}

function categoriesAnswer(all: Map<string, Service[]>, serviceCount: number): ServiceListing {
  const categories = [...all].map(([name, list]) => ({ name, count: list.length }));
  const shown = categories.slice(0, MAX_SPOKEN_OPTIONS).map((c) => c.name);
  const n = String(categories.length);
  const total = String(serviceCount);
  const example = categories.length > shown.length;
  return {
    kind: 'categories',
    categories,
    say: {
      de: `Wir bieten ${total} Leistungen in ${n} Bereichen an${example ? ', zum Beispiel' : ':'} ${joinOr(shown, 'de')}. Welcher Bereich interessiert Sie?`,
      en: `We offer ${total} services in ${n} areas${example ? ', for example' : ':'} ${joinOr(shown, 'en')}. Which area are you interested in?`,
    },
  };
}

/**
 * The tenant's services as one short spoken answer: up to {@link MAX_SPOKEN_OPTIONS} services
 * by name (`kind: 'services'`); with more, the categories to choose from first (`kind:
 * 'categories'`, each with its count; services without a category form `Weitere` / `Other`).
 * With `category`, that category's services, at most five (the answer then says how many there
 * are in all). An unknown category answers the overview, prefixed with a sentence saying so.
 * Names join as "A, B oder C" / "A, B or C"; `say` has both languages.
 *
 * @param tenant - The tenant (its `services` and `locale`).
 * @param options - See {@link ListServicesOptions}.
 * @returns The {@link ServiceListing} to speak.
 * @example
 * ```ts
 * const listing = listServices(tenant);
 * if (listing.kind === 'categories') listServices(tenant, { category: listing.categories[0]?.name });
 * // listing.say.de: 'Wir bieten Beratung, Haarschnitt, Färben, Dauerwelle oder Styling an. Was darf es sein?'
 * ```
 */
export function listServices(
  tenant: Pick<Tenant, 'services' | 'locale'>,
  options: ListServicesOptions = {},
): ServiceListing {
  const { locale, services } = tenant;
  const withPrices = options.withPrices === true;
  const all = groups(services, locale);
  if (options.category !== undefined) {
    const found = findCategory(all, options.category, locale);
    if (found !== undefined) return servicesAnswer(found[1], withPrices, found[0]);
    const overview = listServices(tenant, { withPrices });
    return {
      ...overview,
      say: {
        de: `Diesen Bereich haben wir leider nicht. ${overview.say.de}`,
        en: `Sorry, we do not have that area. ${overview.say.en}`,
      },
    };
  }
  if (services.length <= MAX_SPOKEN_OPTIONS || all.size === 1) {
    // A single category: asking for it first would add a turn without narrowing anything.
    const [only] = all.keys();
    const named = services.length > MAX_SPOKEN_OPTIONS && services[0]?.category !== undefined;
    return servicesAnswer(services, withPrices, named ? only : undefined);
  }
  return categoriesAnswer(all, services.length);
}
