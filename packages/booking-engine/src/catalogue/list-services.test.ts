import { describe, expect, it } from 'vitest';
import type { Locale, Service } from '../types.js';
import { listServices } from './list-services.js';

function service(name: string, category?: string, priceCents?: number): Service {
  return {
    id: name.toLowerCase().replace(/\W+/g, '-'),
    name,
    synonyms: [],
    category,
    durationMinutes: 30,
    priceCents,
    eventTypeId: 1001,
  };
}

const tenant = (services: Service[], locale: Locale = 'de') => ({ services, locale });

/** 20 services over 4 categories of 8, 6, 4 and 2. */
function twenty(): Service[] {
  const sizes: [string, number][] = [
    ['Haare', 8],
    ['Farbe', 6],
    ['Pflege', 4],
    ['Beratung', 2],
  ];
  return sizes.flatMap(([cat, n]) =>
    Array.from({ length: n }, (_, i) => service(`${cat} ${String(i + 1)}`, cat)),
  );
}

describe('listServices', () => {
  it('names a single service', () => {
    const listing = listServices(tenant([service('Haarschnitt', 'Haare')]));
    expect(listing).toMatchObject({ kind: 'services', services: [{ name: 'Haarschnitt' }] });
    expect(listing.say).toEqual({ de: 'Wir bieten Haarschnitt an.', en: 'We offer Haarschnitt.' });
  });

  it('names five services joined with "oder" / "or"', () => {
    const five = ['Beratung', 'Haarschnitt', 'Färben', 'Dauerwelle', 'Styling'].map((n) => service(n, n === 'Beratung' ? 'Beratung' : 'Haare')); // prettier-ignore
    const listing = listServices(tenant(five));
    expect(listing.kind).toBe('services');
    expect(listing.say.de).toBe(
      'Wir bieten Beratung, Haarschnitt, Färben, Dauerwelle oder Styling an. Was darf es sein?',
    );
    expect(listing.say.en).toBe(
      'We offer Beratung, Haarschnitt, Färben, Dauerwelle or Styling. Which would you like?',
    );
  });

  it('joins two with "oder" and no comma', () => {
    const listing = listServices(tenant([service('Haarschnitt'), service('Färben')]));
    expect(listing.say.de).toBe('Wir bieten Haarschnitt oder Färben an. Was darf es sein?');
  });

  it('groups ten services by category, with counts, uncategorised ones as Weitere', () => {
    const ten = [
      ...['Haarschnitt', 'Styling', 'Dauerwelle', 'Föhnen'].map((n) => service(n, 'Haare')),
      ...['Färben', 'Strähnen', 'Tönen'].map((n) => service(n, 'Farbe')),
      ...['Beratung', 'Gutschein', 'Kopfmassage'].map((n) => service(n)),
    ];
    const listing = listServices(tenant(ten));
    expect(listing).toMatchObject({
      kind: 'categories',
      categories: [
        { name: 'Haare', count: 4 },
        { name: 'Farbe', count: 3 },
        { name: 'Weitere', count: 3 },
      ],
    });
    expect(listing.say.de).toBe(
      'Wir bieten 10 Leistungen in 3 Bereichen an: Haare, Farbe oder Weitere. Welcher Bereich interessiert Sie?',
    );
    expect(listing.say.en).toBe(
      'We offer 10 services in 3 areas: Haare, Farbe or Weitere. Which area are you interested in?',
    );
    const farbe = listServices(tenant(ten), { category: 'farbe' });
    expect(farbe.kind === 'services' && farbe.services.map((s) => s.name)).toEqual(['Färben', 'Strähnen', 'Tönen']); // prettier-ignore
    expect(farbe.say.de).toBe('Im Bereich Farbe bieten wir Färben, Strähnen oder Tönen an. Was darf es sein?'); // prettier-ignore
    const other = listServices(tenant(ten), { category: 'Sonstiges' });
    expect(other.kind === 'services' && other.services.map((s) => s.name)).toEqual(['Beratung', 'Gutschein', 'Kopfmassage']); // prettier-ignore
  });

  it('offers at most five of twenty: categories first, then five of a category with the total', () => {
    const listing = listServices(tenant(twenty()));
    expect(listing.kind).toBe('categories');
    const haare = listServices(tenant(twenty()), { category: 'HAARE' });
    expect(haare.kind).toBe('services');
    if (haare.kind !== 'services') return;
    expect(haare.services).toHaveLength(5);
    expect(haare.say.de).toBe(
      'Im Bereich Haare bieten wir 8 Leistungen an, zum Beispiel Haare 1, Haare 2, Haare 3, Haare 4 oder Haare 5. Was darf es sein?',
    );
    expect(haare.say.en).toBe(
      'In the Haare area we offer 8 services, for example Haare 1, Haare 2, Haare 3, Haare 4 or Haare 5. Which would you like?',
    );
  });

  it('names five categories of more and keeps every category in the data', () => {
    const many = Array.from({ length: 20 }, (_, i) => service(`Leistung ${String(i)}`, `Bereich ${String(i % 7)}`)); // prettier-ignore
    const listing = listServices(tenant(many, 'en'));
    expect(listing.kind === 'categories' && listing.categories).toHaveLength(7);
    expect(listing.say.de).toBe(
      'Wir bieten 20 Leistungen in 7 Bereichen an, zum Beispiel Bereich 0, Bereich 1, Bereich 2, Bereich 3 oder Bereich 4. Welcher Bereich interessiert Sie?',
    );
    expect(listing.say.en.match(/Bereich \d/g)).toHaveLength(5);
  });

  it('lists six services of one category without asking for the category', () => {
    const six = Array.from({ length: 6 }, (_, i) => service(`Schnitt ${String(i)}`, 'Haare'));
    const listing = listServices(tenant(six));
    expect(listing.kind === 'services' && listing.services).toHaveLength(5);
    expect(listing.say.de).toMatch(/^Im Bereich Haare bieten wir 6 Leistungen an, zum Beispiel/);
  });

  it('says prices when asked, in each language', () => {
    const priced = [service('Haarschnitt', 'Haare', 3500), service('Färben', 'Haare', 6950), service('Beratung')]; // prettier-ignore
    const listing = listServices(tenant(priced), { withPrices: true });
    expect(listing.say.de).toBe(
      'Wir bieten Haarschnitt für 35 Euro, Färben für 69,50 Euro oder Beratung an. Was darf es sein?',
    );
    expect(listing.say.en).toBe(
      'We offer Haarschnitt for 35 euros, Färben for 69.50 euros or Beratung. Which would you like?',
    );
    expect(listServices(tenant(priced)).say.de).not.toMatch(/Euro/);
  });

  it('answers the overview for an unknown category, saying so', () => {
    const listing = listServices(tenant(twenty()), { category: 'Nägel' });
    expect(listing.kind).toBe('categories');
    expect(listing.say.de).toMatch(/^Diesen Bereich haben wir leider nicht\. Wir bieten 20/);
  });

  it('says that nothing can be offered when there are no services', () => {
    expect(listServices(tenant([]))).toMatchObject({ kind: 'services', services: [] });
  });
});
