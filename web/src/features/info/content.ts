// The texts of the footer pages (accessibility statement, privacy, help). They are long and
// change together, so they live here per language instead of as many keys in nl.ts/en.ts.
// Keep them honest: they describe what this software does and what its tests check, never a
// legal promise. What differs per organisation (who to contact, how long data is kept) is said
// to be the organisation's own arrangement.
import type { Lang } from '../../i18n';

export interface InfoSection {
  heading: string;
  paragraphs?: string[];
  list?: string[];
}
export interface InfoPage {
  title: string;
  lead: string;
  sections: InfoSection[];
}
export type InfoPageId = 'accessibility' | 'privacy' | 'help';

const nl: Record<InfoPageId, InfoPage> = {
  accessibility: {
    title: 'Toegankelijkheid',
    lead: 'Iedereen moet kansrijk kunnen gebruiken. Ook met alleen een toetsenbord, een schermlezer of een tablet. Hier leest u wat we testen en wat nog niet goed werkt.',
    sections: [
      {
        heading: 'Wat we testen',
        paragraphs: ['Bij elke wijziging draaien automatische tests in een echte browser. Die tests doen dit:'],
        list: [
          'Elke pagina wordt gecontroleerd met axe. Dat is een hulpmiddel dat fouten in toegankelijkheid vindt. Er mogen geen ernstige fouten zijn.',
          'Een hele dag werk met een gezin wordt gedaan met alleen het toetsenbord. Elke plek waar de focus komt, moet goed zichtbaar zijn.',
          'De pagina’s worden bekeken op de breedte van een tablet (768 pixels). Alles moet dan nog te gebruiken zijn.',
          'Alle teksten bestaan in het Nederlands en in het Engels.',
        ],
      },
      {
        heading: 'Wat nog niet goed werkt',
        list: [
          'Het genogram is een tekening. Met een schermlezer hoort u de personen en relaties als lijst, maar de tekening zelf ziet u alleen met de ogen.',
          'We hebben kansrijk nog niet laten testen door mensen die zelf een schermlezer of spraakbediening gebruiken. Automatische tests vinden niet alle problemen.',
          'Er is nog geen officieel onderzoek gedaan volgens de WCAG-norm. Deze verklaring is dus geen officiële toegankelijkheidsverklaring.',
        ],
      },
      {
        heading: 'Iets werkt niet voor u?',
        paragraphs: [
          'Meld het bij de beheerder van kansrijk in uw organisatie. Zeg op welke pagina het was en wat u wilde doen. Dan kan het probleem worden opgelost.',
        ],
      },
    ],
  },
  privacy: {
    title: 'Privacy',
    lead: 'In kansrijk staan gegevens van gezinnen. Die zijn gevoelig. Hier leest u welke gegevens kansrijk bewaart en waarom.',
    sections: [
      {
        heading: 'Gegevens van medewerkers',
        paragraphs: ['Voor elke medewerker bewaart kansrijk een account. Zo weten we wie er werkt en wat die persoon mag zien.'],
        list: [
          'De gebruikersnaam, de naam en de rol (coach, teamleider of beheerder).',
          'Het wachtwoord niet zelf, maar een beveiligde versie ervan die niet terug te rekenen is.',
          'Als u inloggen in twee stappen gebruikt: de geheime code voor de app op uw telefoon.',
          'Wanneer u bent ingelogd. Na 30 minuten zonder iets te doen, of na 12 uur, moet u opnieuw inloggen.',
          'Mislukte pogingen om in te loggen, per gebruikersnaam en per adres. Zo kan kansrijk inloggen even blokkeren als iemand een wachtwoord probeert te raden.',
        ],
      },
      {
        heading: 'Gegevens van gezinnen',
        paragraphs: [
          'Voor elk gezin bewaart kansrijk wat de coach nodig heeft om het gezin te helpen. Alleen de coaches van het gezin en de teamleiders van de eigen organisatie kunnen dit zien. Beheerders kunnen het niet zien.',
        ],
        list: [
          'De gezinsleden: naam, geboortedatum, geslacht en rol in het gezin.',
          'Het traject: de aanmelding, de fases, de coach en de afsluiting.',
          'De toestemmingen die gezinsleden hebben gegeven, en wanneer.',
          'De inkomenstoets, het genogram, de metingen, het kansplan, het gezinsbudget en het contactlogboek.',
        ],
      },
      {
        heading: 'Wie heeft wat bekeken?',
        paragraphs: [
          'Elke keer dat iemand gegevens van een gezin bekijkt of verandert, schrijft kansrijk dat op in een logboek. Ook elke poging om in te loggen en elke wijziging van een account. In het logboek staat wie het deed, wanneer, bij welk gezin, wat er gebeurde en vanaf welk adres.',
          'Het logboek kan niet ongemerkt worden veranderd. Op het tabblad ‘Toegang’ van een gezin ziet u wie de gegevens van dat gezin heeft bekeken.',
        ],
      },
      {
        heading: 'Wat kansrijk niet bewaart',
        list: [
          'In de technische logbestanden van de server staan geen namen, geen gegevens van gezinnen en geen wachtwoorden. Alleen welke soort pagina werd gevraagd, hoe lang dat duurde en of het lukte.',
          'Ook de gebruikersnaam die iemand intypte bij een mislukte inlogpoging staat niet in die logbestanden.',
          'kansrijk vraagt en bewaart geen BSN.',
        ],
      },
      {
        heading: 'Hoe lang blijven gegevens bewaard?',
        paragraphs: [
          'kansrijk verwijdert nu nog geen gegevens vanzelf. Uw organisatie spreekt af hoe lang gegevens bewaard blijven. Vraag dit aan de beheerder of de privacy-functionaris van uw organisatie.',
        ],
      },
    ],
  },
  help: {
    title: 'Hulp en contact',
    lead: 'Heeft u een vraag over kansrijk? Hier leest u waar u terecht kunt.',
    sections: [
      {
        heading: 'Vragen over uw account',
        paragraphs: [
          'Bent u uw wachtwoord vergeten, of werkt inloggen niet? Vraag de beheerder van uw organisatie om een nieuwe activeringslink. Daarmee kiest u zelf een nieuw wachtwoord. Niemand anders kent uw wachtwoord.',
        ],
      },
      {
        heading: 'Vragen over een gezin of het werk',
        paragraphs: ['Vraag het aan uw teamleider.'],
      },
      {
        heading: 'Een fout in kansrijk',
        paragraphs: [
          'Ziet u een fout, of werkt iets niet zoals het hoort? Meld het bij de beheerder van uw organisatie. Zeg op welke pagina het was, wat u deed en welke versie onderaan de pagina staat.',
        ],
      },
    ],
  },
};

const en: Record<InfoPageId, InfoPage> = {
  accessibility: {
    title: 'Accessibility',
    lead: 'Everyone should be able to use kansrijk, also with only a keyboard, a screen reader or a tablet. This page says what we test and what does not work well yet.',
    sections: [
      {
        heading: 'What we test',
        paragraphs: ['Automated tests run in a real browser on every change. They do this:'],
        list: [
          'Every page is checked with axe, a tool that finds accessibility faults. No serious faults are allowed.',
          'A full working day with a family is done with only the keyboard. Every place the focus lands must be clearly visible.',
          'The pages are checked at tablet width (768 pixels). Everything must still be usable.',
          'All texts exist in Dutch and in English.',
        ],
      },
      {
        heading: 'What does not work well yet',
        list: [
          'The genogram is a drawing. A screen reader reads the people and relations as a list, but the drawing itself can only be seen.',
          'kansrijk has not yet been tested by people who use a screen reader or voice control themselves. Automated tests do not find every problem.',
          'There has been no formal audit against WCAG yet. So this is not an official accessibility statement.',
        ],
      },
      {
        heading: 'Something does not work for you?',
        paragraphs: ['Tell the kansrijk administrator of your organisation. Say which page it was and what you wanted to do, so the problem can be fixed.'],
      },
    ],
  },
  privacy: {
    title: 'Privacy',
    lead: 'kansrijk holds data about families. That data is sensitive. This page says what kansrijk stores and why.',
    sections: [
      {
        heading: 'Data about staff',
        paragraphs: ['For every member of staff kansrijk keeps an account, so we know who works here and what that person may see.'],
        list: [
          'The username, the name and the role (coach, team lead or administrator).',
          'Not the password itself, but a protected form of it that cannot be turned back.',
          'If you use two-step login: the secret code for the app on your phone.',
          'When you are logged in. After 30 minutes without activity, or after 12 hours, you log in again.',
          'Failed login attempts, per username and per address, so kansrijk can block logging in for a while when someone tries to guess a password.',
        ],
      },
      {
        heading: 'Data about families',
        paragraphs: [
          'For every family kansrijk keeps what the coach needs to help the family. Only the family’s coaches and the team leads of the own organisation can see it. Administrators cannot.',
        ],
        list: [
          'The household members: name, date of birth, sex and role in the family.',
          'The trajectory: the referral, the phases, the coach and the closing.',
          'The consents household members gave, and when.',
          'The income check, the genogram, the measurements, the kansplan, the family budget and the contact log.',
        ],
      },
      {
        heading: 'Who looked at what?',
        paragraphs: [
          'Every time someone reads or changes a family’s data, kansrijk writes it in a log. So is every login attempt and every account change. The log says who did it, when, for which family, what happened and from which address.',
          'The log cannot be changed without that being noticed. The ‘Access’ tab of a family shows who looked at that family’s data.',
        ],
      },
      {
        heading: 'What kansrijk does not store',
        list: [
          'The server’s technical log files hold no names, no family data and no passwords. Only which kind of page was asked for, how long it took and whether it worked.',
          'Nor do those log files hold the username someone typed in a failed login.',
          'kansrijk does not ask for or store a citizen service number (BSN).',
        ],
      },
      {
        heading: 'How long is data kept?',
        paragraphs: [
          'kansrijk does not yet delete data by itself. Your organisation decides how long data is kept. Ask the administrator or the privacy officer of your organisation.',
        ],
      },
    ],
  },
  help: {
    title: 'Help and contact',
    lead: 'Do you have a question about kansrijk? This page says where to go.',
    sections: [
      {
        heading: 'Questions about your account',
        paragraphs: [
          'Forgot your password, or does logging in not work? Ask the administrator of your organisation for a new activation link. With it you choose a new password yourself. Nobody else knows your password.',
        ],
      },
      { heading: 'Questions about a family or the work', paragraphs: ['Ask your team lead.'] },
      {
        heading: 'A fault in kansrijk',
        paragraphs: [
          'Do you see a fault, or does something not work as it should? Tell the administrator of your organisation. Say which page it was, what you did and which version is shown at the bottom of the page.',
        ],
      },
    ],
  },
};

export const INFO: Record<Lang, Record<InfoPageId, InfoPage>> = { nl, en };
