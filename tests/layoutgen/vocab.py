"""Invented Swedish vocabulary for generated reports: municipalities, boards, rows, key figures, prose.

Every name and figure here is made up for the generator; none is copied from a real report.
"""
from __future__ import annotations

MUNICIPALITIES = ("Exempelby", "Norrvik", "Sjöstad", "Björkås", "Lindberga", "Ekeby", "Granhult", "Åsvik",
                  "Tallmo", "Hedvalla", "Rönnbacka", "Älvsnäs")

FIRST_NAMES = ("Anna", "Per", "Karin", "Lars", "Maria", "Johan", "Eva", "Nils", "Sara", "Erik", "Lena", "Mats")
LAST_NAMES = ("Ek", "Lind", "Berg", "Holm", "Strand", "Sjöberg", "Dahl", "Nyström", "Åkesson", "Wall")
PARTIES = ("S", "M", "C", "L", "KD", "V", "MP", "SD")

REPORT_KINDS = ("Årsbokslut", "Verksamhetsberättelse", "Årsredovisning", "Årsrapport")

# board name -> its verksamheter (operating areas), its named units, its key figures (indexes into KEY_FIGURES)
BOARDS: dict[str, dict] = {
    "Barn- och utbildningsnämnden": {
        "areas": ["Förskola", "Grundskola", "Fritidshem", "Gymnasieskola", "Vuxenutbildning", "Elevhälsa",
                  "Kulturskola", "Nämnd och förvaltning", "Skolskjuts", "Gemensamma kostnader för förskola och grundskola"],
        "units": ["Ekbackens förskola", "Norrängsskolan", "Solgläntans förskola", "Björkvallens skola",
                  "Hagaskolan", "Lärkans förskola", "Tallbergsgymnasiet"],
        "categories": ["Förskoleverksamhet", "Skolverksamhet", "Gemensamt"],
    },
    "Socialnämnden": {
        "areas": ["Äldreomsorg", "Hemtjänst", "Särskilt boende", "Individ- och familjeomsorg", "Ekonomiskt bistånd",
                  "Stöd enligt LSS", "Socialpsykiatri", "Missbruksvård för vuxna", "Nämnd och förvaltning",
                  "Individ- och familjeomsorg, barn och unga"],
        "units": ["Ängsbacka äldreboende", "Tallgårdens LSS-boende", "Hemtjänst norra", "Hemtjänst södra",
                  "Sjöglimtens korttidsboende", "Daglig verksamhet Verkstan"],
        "categories": ["Vård och omsorg", "Individ och familj", "Gemensamt"],
    },
    "Tekniska nämnden": {
        "areas": ["Gata och park", "Vatten och avlopp", "Renhållning", "Fastighetsförvaltning", "Kostverksamhet",
                  "Lokalvård", "Vinterväghållning", "Hamn och farleder", "Nämnd och förvaltning"],
        "units": ["Gatukontoret", "Parkavdelningen", "Centralköket", "Reningsverket Ekudden", "Återvinningscentralen"],
        "categories": ["Skattefinansierat", "Avgiftsfinansierat"],
    },
    "Kultur- och fritidsnämnden": {
        "areas": ["Bibliotek", "Fritidsgårdar", "Idrottsanläggningar", "Kulturskola", "Allmänkultur",
                  "Föreningsbidrag", "Simhall", "Turism och evenemang", "Nämnd och förvaltning"],
        "units": ["Stadsbiblioteket", "Ekeby fritidsgård", "Sjövallens idrottsplats", "Badhuset", "Konsthallen"],
        "categories": ["Kultur", "Fritid", "Gemensamt"],
    },
    "Kommunstyrelsen": {
        "areas": ["Kommunledning", "Ekonomienheten", "HR-enheten", "IT-enheten", "Kommunikation", "Näringsliv",
                  "Oförutsett", "Arbetsmarknadsenheten", "Kommunstyrelsens förvaltningsenheter", "Räddningstjänst"],
        "units": ["Kanslienheten", "Upphandlingsenheten", "Kontaktcenter", "Löneenheten", "Säkerhetsenheten"],
        "categories": ["Ledning och stöd", "Samhällsutveckling", "Övrigt"],
    },
    "Miljö- och byggnadsnämnden": {
        "areas": ["Bygglov", "Miljö- och hälsoskydd", "Livsmedelskontroll", "Planering", "Kart och mät",
                  "Nämnd och förvaltning", "Naturvård"],
        "units": ["Bygglovsenheten", "Miljöenheten", "Planenheten", "GIS-enheten"],
        "categories": ["Myndighetsutövning", "Samhällsplanering"],
    },
    "Vård- och omsorgsnämnden": {
        "areas": ["Hemsjukvård", "Hemtjänst", "Särskilt boende", "Korttidsvård", "Dagverksamhet", "Bostadsanpassning",
                  "Nämnd och förvaltning", "Rehabilitering"],
        "units": ["Björkhagens vård- och omsorgsboende", "Solrosens gruppboende", "Hemtjänst centrum",
                  "Nattpatrullen"],
        "categories": ["Ordinärt boende", "Särskilt boende", "Gemensamt"],
    },
}

# account-like rows of an income statement (resultaträkning)
INCOME_ROWS = ("Verksamhetens intäkter", "Avgifter och ersättningar", "Bidrag och ersättningar")
COST_ROWS = ("Personalkostnader", "Lokalkostnader", "Köp av verksamhet", "Övriga kostnader", "Avskrivningar",
             "Material och tjänster", "Lämnade bidrag")
NET_LABELS = ("Verksamhetens nettokostnad", "Nettokostnad", "Verksamhetens nettokostnader")
GRANT_LABELS = ("Kommunbidrag", "Kommunbidrag (budgetram)", "Anslag från kommunfullmäktige")
RESULT_LABELS = ("Årets resultat", "Resultat", "Nämndens resultat")

INVESTMENTS = ("Ombyggnad Norrängsskolan", "Konstgräsplan Ekeby IP", "Gång- och cykelväg Storgatan",
               "Inventarier förskolor", "IT-investeringar", "Ny förskola Solgläntan", "Upprustning lekplatser",
               "Reinvestering VA-ledningar", "Fordon och maskiner", "Energieffektivisering kommunhuset",
               "Belysning motionsspår")

TOTAL_LABELS = ("Totalt", "Summa", "Summa nämnden", "Nämnden totalt", "Summa verksamheter")

# key figures: (label, kind, lo, hi, decimals); kind: count, pct, money, big
KEY_FIGURES = (
    ("Antal elever", "count", 400, 9000, 0),
    ("Antal barn i förskola", "count", 150, 4000, 0),
    ("Sjukfrånvaro (%)", "pct", 30, 120, 1),
    ("Andel behöriga lärare (%)", "pct", 600, 980, 1),
    ("Kostnad per elev (kr)", "big", 85000, 140000, 0),
    ("Nettokostnad per invånare (kr)", "money", 38000, 72000, 0),
    ("Antal årsarbetare", "count", 800, 14000, 1),
    ("Antal hemtjänsttimmar", "big", 120000, 640000, 0),
    ("Antal invånare", "big", 1000000, 2400000, 0),
    ("Antal besök i simhallen", "big", 100000, 380000, 0),
    ("Antal utlån bibliotek", "big", 150000, 900000, 0),
    ("Personalkostnader (tkr)", "big", 1200000, 4800000, 0),
    ("Antal ärenden bygglov", "count", 120, 900, 0),
    ("Andel nöjda brukare (%)", "pct", 700, 960, 1),
    ("Antal hushåll med ekonomiskt bistånd", "count", 150, 1400, 0),
    ("Antal platser särskilt boende", "count", 90, 700, 0),
    ("Skattesats (%)", "pct", 2000, 2350, 2),
)
BIG_FIGURES = tuple(k for k in KEY_FIGURES if k[1] == "big")

PLACES = ("Kommunen", "Länet", "Riket")

SENTENCES = (
    "Under året har förvaltningen arbetat vidare med digitalisering av administrativa processer.",
    "Verksamheten har präglats av ett fortsatt högt tryck och stora krav på omställning.",
    "Nämnden har under perioden genomfört en översyn av lokalbehovet inom samtliga verksamheter.",
    "Kostnaderna för köpt verksamhet har ökat jämfört med föregående år, främst till följd av fler placeringar.",
    "Sjukfrånvaron har minskat något men ligger fortfarande över kommunens mål.",
    "Arbetet med att stärka samverkan med civilsamhället och näringslivet har fortsatt.",
    "Personalomsättningen har varit lägre än tidigare år, vilket har gett bättre kontinuitet.",
    "Inför kommande år bedöms behovet av effektiviseringar vara fortsatt stort.",
    "Flera projekt har försenats på grund av längre leveranstider än beräknat.",
    "Intäkterna har ökat till följd av högre statsbidrag än budgeterat.",
    "Verksamheten har hållit sin budget trots ökade volymer under andra halvåret.",
    "Förvaltningen bedömer att de ekonomiska förutsättningarna är ansträngda men hanterbara.",
)
INTRO_SENTENCES = (
    "Tabellen nedan visar nämndens utfall per verksamhet jämfört med budget.",
    "Sammanställningen visar årets utfall jämfört med budget och föregående år.",
    "I tabellen redovisas verksamheternas ekonomiska utfall för året.",
    "Nedan redovisas utvecklingen de senaste åren för några av nämndens nyckeltal.",
)
FOOTNOTES = ("* Inklusive engångskostnader för omorganisation.", "* Exklusive interna poster.",
             "* Preliminär uppgift.", "* Beloppet har justerats i efterhand.")
NOTE_TEXTS = ("Not 1 Avser ersättning för ökade volymer.", "Not 2 Ombudgetering under året.",
              "Not 3 Engångsintäkt från försäljning av inventarier.")

# header words that wrap over two lines, as a word processor hyphenates them
WRAPS = {
    "Avvikelse": (("Avvik-", "else"), ("Avvik", "else"), ("Avvikel-", "se")),
    "Budgetavvikelse": (("Budget-", "avvikelse"), ("Budgetav-", "vikelse")),
    "Kostnader": (("Kost-", "nader"),),
    "Intäkter": (("Intäk-", "ter"),),
    "Prognos": (("Progno", "s"), ("Prog-", "nos")),
    "Bokslut": (("Bok-", "slut"),),
    "Förändring": (("Föränd-", "ring"),),
    "Nettokostnad": (("Netto-", "kostnad"),),
}
