/**
 * German and English hypocorism (nickname) groups shipped with the matcher, each with the source
 * it was checked against.
 *
 * What was verified against what (December 2026):
 *
 * - Groups whose source is {@link CARLTONNORTHERN_NAMES} (English names, and German names that the
 *   dataset also lists, such as Christian/Chris or Alexandra/Sandra): every `name → form` pair is a
 *   `has_nickname` row of `names.csv` in carltonnorthern/nicknames at commit
 *   {@link CARLTONNORTHERN_NAMES_COMMIT} ("Hand-curated dataset of English names and nicknames",
 *   Old Dominion University Web Science and Digital Libraries Research Group, Apache-2.0,
 *   https://github.com/carltonnorthern/nicknames). `scripts/verify-nicknames.ts` re-checks every
 *   such pair against a copy of that file (SHA-256 pinned); run it when the table changes. No row of
 *   the dataset is copied into this package; the pairs are our own list, confirmed by it.
 * - Groups whose source is a page: every pair was read, by hand, on the stored copy of the cited
 *   page (German Wikipedia articles and mirrors of them, the Gesellschaft für deutsche Sprache,
 *   the LVR dialect portal, name dictionaries and, where nothing better was found, name-meaning
 *   sites or a forum/blog post). The URL is the address of the copy that was read.
 * - One pair named in issue #11 has no source yet and is marked `unverified`: Sabine → Bine.
 *
 * Pairs of the earlier hand-made table that no source supported were dropped (for example Kati,
 * Tommi, Andi, Manu, Wim, Liam, Katie); see the README section
 * "Nickname table: source".
 *
 * Adopters extend the table with the `nicknames` option of `createNameIndex` (groups of names that
 * refer to the same person, first entry the full form) or replace it with `builtinNicknames: false`.
 */

/** Where the pairs of one {@link NicknameGroup} were checked. */
export type NicknameSource =
  /** Every pair is a `has_nickname` row of carltonnorthern/nicknames `names.csv`. */
  | {
      /** From the carltonnorthern/nicknames data set. */
      readonly kind: 'carltonnorthern';
    }
  /** Every pair is stated on this page (address of the stored copy that was read). */
  | {
      /** From a web page. */
      readonly kind: 'page';
      /** Address of the stored copy that was read. */
      readonly url: string;
    }
  /** Kept because issue #11 names it, but no source was found: treat as unconfirmed. */
  | {
      /** No source found. */
      readonly kind: 'unverified';
      /** Why it is kept anyway. */
      readonly note: string;
    };

/** One sourced hypocorism group: a full given name and forms its source gives for it. */
export interface NicknameGroup {
  /** The full given name, e.g. `Katharina`. */
  readonly name: string;
  /** Short, pet or spelling forms that {@link NicknameGroup.source} lists for the name. */
  readonly forms: readonly string[];
  /** Where every `name → form` pair of this group was checked. */
  readonly source: NicknameSource;
}

/** Commit of carltonnorthern/nicknames whose `names.csv` the English pairs were checked against. */
export const CARLTONNORTHERN_NAMES_COMMIT = '21d75051c39cb022d145388d60c87dc30505228b';

/** SHA-256 of that `names.csv` (as stored in the repository, CRLF line ends). */
export const CARLTONNORTHERN_NAMES_SHA256 =
  'f370c99f12a564f4f074192ba690f242b7857d53a4ea60257366e365cc63a276';

/** Source marker for pairs confirmed by carltonnorthern/nicknames `names.csv`. */
export const CARLTONNORTHERN_NAMES: NicknameSource = { kind: 'carltonnorthern' };

const CN = CARLTONNORTHERN_NAMES;
const page = (url: string): NicknameSource => ({ kind: 'page', url });
const group = (name: string, forms: readonly string[], source: NicknameSource): NicknameGroup => ({
  name,
  forms,
  source,
});

// Pages that support several groups.
const DEWIKI_HYPOKORISTIKUM = page('https://de-academic.com/dic.nsf/dewiki/637427');
const DEWIKI_DIMINUTIVAFFIX = page(
  'https://wikipedia.jakami.de/content/wikipedia_de_all_mini_2023-10/A/Diminutivaffix',
);
const MITTELBAYERISCHE_VORNAMEN = page(
  'https://www.mittelbayerische.de/bayern/dialekt/fons-und-vinz-sind-selten-geworden-21710-art435520.html?p=1',
);
const ALTE_VORNAMEN_JOHANN = page(
  'https://fit-und-mental.de/die-11-schoensten-alten-vornamen-aus-dem-mittelalter/10',
);

/**
 * The shipped table, one entry per (full name, source). A full name may appear in several entries
 * when different sources confirm different forms; the matcher merges them.
 */
export const NICKNAME_TABLE: readonly NicknameGroup[] = [
  // German, checked against pages
  group('Katharina', ['Katja', 'Katrin'], page('https://de.wiki.li/Katharina')),
  group(
    'Katharina',
    ['Kathi'],
    page('https://venere.it/de/die-bedeutung-und-geschichte-des-namens-kathi'),
  ),
  group('Katharina', ['Trina'], page('https://dat-portal.lvr.de/node/9358')),
  group('Michael', ['Michi', 'Micha'], page('https://de-academic.com/dic.nsf/dewiki/949954')),
  group('Sabine', ['Bine'], {
    kind: 'unverified',
    note: 'Named in issue #11; no stored page found that lists Bine as a form of Sabine.',
  }),
  group(
    'Elisabeth',
    ['Lisa', 'Liesel', 'Sissi', 'Betty', 'Liz'],
    page('https://gfds.de/vorname-der-woche-elisabeth/'),
  ),
  group(
    'Elisabeth',
    ['Lis', 'Elli'],
    page('http://www.szlavik.info/siegmar/vornamen/Elisabeth.html'),
  ),
  group(
    'Tobias',
    ['Tobi'],
    page('https://www.unsere-helden.com/p/huasum/diese-vornamen-waren-in-den-80ern-der-hit/12'),
  ),
  group('Ursula', ['Uschi', 'Ulla'], page('https://de.m.wikipedia.org./wiki/Ursela')),
  group('Franziska', ['Franzi'], page('http://de.wikipedia.org/wiki/Franziska?oldid=158473068')),
  group('Maximilian', ['Max', 'Maxi'], page('https://kampuspedia.com/de/Maximilian')),
  group('Sebastian', ['Basti', 'Bastian'], page('https://de.wiki.li/Sebastian')),
  group('Josef', ['Sepp', 'Seppl', 'Joe'], MITTELBAYERISCHE_VORNAMEN),
  group(
    'Stefanie',
    ['Steffi'],
    page('https://venere.it/de/die-bedeutung-und-geschichte-des-namens-steffi'),
  ),
  group('Stefanie', ['Stephanie'], page('https://wikiless.lunar.icu/wiki/Stefana')),
  group('Christoph', ['Christopher'], page('https://defzone.net/wiki/de/Christopher')),
  group('Alexander', ['Sascha'], DEWIKI_HYPOKORISTIKUM),
  group('Johannes', ['Hans', 'Hannes'], DEWIKI_HYPOKORISTIKUM),
  group('Johann', ['Hans', 'Hannes'], ALTE_VORNAMEN_JOHANN),
  group('Johanna', ['Hanna'], ALTE_VORNAMEN_JOHANN),
  group('Wolfgang', ['Wolf'], page('https://www.bo.de/namensglossar/wolf')),
  group('Wolfgang', ['Wolfi'], page('https://slezyczenia.pl/imie/wolfgang/?ekmini=2026-02')),
  group('Friedrich', ['Fritz'], page('https://dat-portal.lvr.de/namen/vornamen/friedrich')),
  group(
    'Wilhelm',
    ['Willi'],
    page('https://venere.it/de/die-bedeutung-und-geschichte-des-namens-willi'),
  ),
  group('Wilhelm', ['Willy'], page('https://24baby.de/?p=6981')),
  group(
    'Margarete',
    ['Grete', 'Gretel', 'Margit', 'Maggie'],
    page('http://www.szlavik.info/siegmar/vornamen/Margarete.html'),
  ),
  group(
    'Barbara',
    ['Babsi'],
    page(
      'https://kurier.at/leben/gesellschaft/barbara-einst-lieblingsname-der-babyboomer-heute-kaum-noch-getauft/401829013',
    ),
  ),
  group(
    'Barbara',
    ['Bärbel'],
    page('https://wikipedia.k8s.renker.it/content/wikipedia_de_all_maxi/B%C3%A4rbel'),
  ),
  group('Daniel', ['Dani'], page('https://de.wikiup.org/wiki/Daniel_(Vorname)')),
  group(
    'Daniela',
    ['Dani'],
    page('https://www.unsere-helden.com/p/huasum/diese-vornamen-waren-in-den-80ern-der-hit/27'),
  ),
  group('Gabriele', ['Gabi'], MITTELBAYERISCHE_VORNAMEN),
  group(
    'Susanne',
    ['Susi', 'Sanne'],
    page('https://frauamwerk.blogspot.com/2012/01/namentlicher-identitatswechsel.html?m=1'),
  ),
  group('Monika', ['Moni'], page('https://de.wikipedia.org/wiki/Monika')),
  group(
    'Nikolaus',
    ['Klaus', 'Niko'],
    page(
      'http://griechenmarkt.de/index.php/component/agadvents/agadvent/144-6-dezember?tmpl=component',
    ),
  ),
  group(
    'Nikolaus',
    ['Nick'],
    page('https://www.babyclub.de/service/vornamen/Name-des-Monats/nikolaus%20(2).html'),
  ),
  group('Benjamin', ['Benni'], DEWIKI_DIMINUTIVAFFIX),
  group(
    'Florian',
    ['Flo'],
    page(
      'https://wikiless.lunar.icu/w/index.php?mobileaction=toggle_view_mobile&oldid=9660466&title=Tr%C3%A0gul_de_Java',
    ),
  ),
  group('Heinrich', ['Heini'], page('https://dat-portal.lvr.de/namen/vornamen/heinrich')),
  group(
    'Heinrich',
    ['Heinz'],
    page(
      'https://wasbedeutet.info/was-bedeutet-der-name-heinz-die-bedeutung-eines-traditionsreichen-namens',
    ),
  ),
  group('Rudolf', ['Rudi'], page('https://namelore.net/rudi')),
  group(
    'Bernhard',
    ['Bernd', 'Berni'],
    page('http://www.szlavik.info/siegmar/vornamen/Bernhard.html'),
  ),
  group('Ulrike', ['Uli'], page('https://wer-weiss-was.de/t/uli-aussprache/2804858')),
  group('Theresa', ['Resi'], page('https://www.susannekristek.at/2014/08/14/namenstag/')),
  group('Anna', ['Anja'], page('http://www.szlavik.info/siegmar/vornamen/Anna.html')),
  group(
    'Maria',
    ['Mia', 'Mimi', 'Ria', 'Mary'],
    page('http://www.szlavik.info/siegmar/vornamen/Maria.html'),
  ),
  group('Gerhard', ['Gerd', 'Gerry'], page('https://de.wikipedia.org./wiki/Gerhard')),
  group('Joachim', ['Jochen', 'Achim'], page('https://de.wiki.li/Joachim_(Vorname)')),
  group(
    'Karl',
    ['Kalle', 'Carl', 'Charles', 'Charlie'],
    page('https://agila.de/agila-magazin/tiernamen/katzennamen/item/katzenname/Karl'),
  ),
  group('Georg', ['Schorsch', 'Jörg', 'Jürgen'], page('https://de.wiki.li/Georg')),
  group('Georg', ['Jürg', 'George'], page('https://de-academic.com/dic.nsf/dewiki/506110')),
  group('Ludwig', ['Lutz'], DEWIKI_HYPOKORISTIKUM),
  // German names whose forms carltonnorthern/nicknames lists
  group('Christian', ['Chris'], CN),
  group('Christina', ['Chris', 'Tina'], CN),
  group('Christoph', ['Chris'], CN),
  group('Alexandra', ['Alex', 'Sandra'], CN),
  group('Johanna', ['Jo'], CN),
  group('Matthias', ['Matt'], CN),
  group('Jakob', ['Jake'], CN),
  group('Theresa', ['Tessa'], CN),
  group('Magdalena', ['Lena'], CN),
  group('Helena', ['Lena'], CN),
  group('Anna', ['Anne', 'Ann'], CN),
  group('Antonia', ['Tony'], CN),
  group('Angelica', ['Angelika', 'Angie'], CN),
  group('Hubert', ['Bert'], CN),
  group('Albert', ['Bert', 'Al'], CN),
  group('Dorothea', ['Dora'], CN),
  group('Isabella', ['Bella'], CN),
  // English, checked against carltonnorthern/nicknames
  group('William', ['Will', 'Bill', 'Billy'], CN),
  group('Robert', ['Rob', 'Bob', 'Bobby'], CN),
  group('Richard', ['Rick', 'Ricky', 'Dick', 'Rich'], CN),
  group('James', ['Jim', 'Jimmy', 'Jamie'], CN),
  group('John', ['Jack', 'Johnny'], CN),
  group('Margaret', ['Maggie', 'Meg', 'Peggy', 'Marge'], CN),
  group('Katherine', ['Kate', 'Kathy'], CN),
  group('Elizabeth', ['Liz', 'Lizzie', 'Beth', 'Betty', 'Eliza', 'Lisa'], CN),
  group('Jonathan', ['Jon', 'Jonny'], CN),
  group('Edward', ['Ed', 'Eddie', 'Ted', 'Ned'], CN),
  group('Anthony', ['Tony'], CN),
  group('Joseph', ['Joe', 'Joey'], CN),
  group('Benjamin', ['Ben', 'Benny'], CN),
  group('Samuel', ['Sam', 'Sammy'], CN),
  group('Samantha', ['Sam', 'Sammy'], CN),
  group('Nicholas', ['Nick', 'Nicky'], CN),
  group('Matthew', ['Matt'], CN),
  group('Michael', ['Mike', 'Mikey', 'Mick'], CN),
  group('Daniel', ['Dan', 'Danny'], CN),
  group('Christopher', ['Chris', 'Kit'], CN),
  group('Alexander', ['Alex', 'Al', 'Sandy'], CN),
  group('Jennifer', ['Jen', 'Jenny', 'Jenni'], CN),
  group('Rebecca', ['Becky', 'Becca'], CN),
  group('Victoria', ['Vicky', 'Tori'], CN),
  group('Patricia', ['Pat', 'Patty', 'Tricia', 'Trish'], CN),
  group('Patrick', ['Pat', 'Paddy'], CN),
  group('Jessica', ['Jess'], CN),
  group('Susan', ['Sue', 'Susie'], CN),
  group('Deborah', ['Debbie', 'Deb'], CN),
  group('Abigail', ['Abby'], CN),
  group('Gregory', ['Greg'], CN),
  group('Timothy', ['Tim', 'Timmy'], CN),
  group('Stephen', ['Steve'], CN),
  group('Steven', ['Steve', 'Stevie'], CN),
  group('Thomas', ['Tom', 'Tommy'], CN),
  group('Andrew', ['Andy', 'Drew'], CN),
  group('Charles', ['Charlie', 'Chuck'], CN),
  group('Henry', ['Harry', 'Hank'], CN),
  group('Theodore', ['Theo', 'Ted', 'Teddy'], CN),
  group('Zachary', ['Zach', 'Zack'], CN),
];

/**
 * The shipped table as plain groups (full name first, then its forms), the shape the `nicknames`
 * option of `createNameIndex` takes. Derived from {@link NICKNAME_TABLE}.
 */
export const NICKNAME_GROUPS: readonly (readonly string[])[] = NICKNAME_TABLE.map((g) => [
  g.name,
  ...g.forms,
]);
