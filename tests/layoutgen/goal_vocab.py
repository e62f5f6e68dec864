"""Invented Swedish texts for generated goal documents: goals, activities, assignments, scorecard indicators.

Every text here is written for the generator; none is copied from a real report.
"""
from __future__ import annotations

# board goals (nämndmål): a goal and the operational goals (verksamhetsmål) and activities under it
GOAL_TREES = (
    ("Alla barn och elever ska nå kunskapsmålen och lämna skolan med framtidstro",
     (("Andelen elever med godkända betyg i alla ämnen ska öka",
       ("Införa läxhjälp på samtliga skolor", "Utbilda lärare i språkutvecklande arbetssätt")),
      ("Närvaron i grundskolan ska förbättras",
       ("Följa upp frånvaro varje vecka", "Utveckla samarbetet med elevhälsan")))),
    ("Invånarna ska uppleva god service och snabba besked",
     (("Handläggningstiden för bygglov ska vara högst sex veckor",
       ("Införa digital ansökan för bygglov", "Ta fram checklistor för kompletta ansökningar")),
      ("Kontaktcenter ska besvara nio av tio frågor direkt",
       ("Bygga ut kunskapsbanken med vanliga frågor",)))),
    ("Äldre ska kunna leva ett självständigt liv med trygghet och inflytande",
     (("Fler äldre ska kunna bo kvar hemma med stöd av hemtjänst",
       ("Införa nattillsyn via digital kamera", "Erbjuda trygghetsbesök efter sjukhusvistelse")),
      ("Kontinuiteten i hemtjänsten ska öka",
       ("Planera scheman i mindre arbetslag",)))),
    ("Kommunen ska ha en hållbar ekonomi i balans",
     (("Nämnden ska bedriva sin verksamhet inom tilldelad budgetram",
       ("Månatlig uppföljning av ekonomin i varje enhet", "Se över avtal för köpta tjänster")),
      ("Kostnaden för inhyrd personal ska minska",
       ("Bygga upp en egen bemanningspool",)))),
    ("Medarbetarna ska ha en god arbetsmiljö och vilja stanna kvar",
     (("Sjukfrånvaron ska minska till högst sex procent",
       ("Erbjuda friskvårdsbidrag till alla anställda", "Genomföra riskbedömningar vid förändringar")),
      ("Alla chefer ska ha genomgått ledarskapsutbildning",
       ("Starta ett internt chefsprogram",)))),
    ("Kommunen ska minska sin klimatpåverkan och ställa om till förnybar energi",
     (("Utsläppen från kommunens fordon ska halveras",
       ("Byta ut bensinbilar mot elbilar", "Bygga laddplatser vid kommunens arbetsplatser")),
      ("Energianvändningen i kommunens lokaler ska minska",
       ("Installera solceller på tre skolor", "Styra värme och ventilation efter behov")))),
    ("Barn och unga ska ha en meningsfull fritid nära hemmet",
     (("Fler unga ska delta i föreningslivet",
       ("Erbjuda avgiftsfria sommaraktiviteter", "Stödja föreningar som når nya grupper")),
      ("Fritidsgårdarna ska hålla öppet fler kvällar",
       ("Rekrytera fler fritidsledare",)))),
    ("Det ska vara enkelt att starta och driva företag i kommunen",
     (("Företagarnas betyg på kommunens service ska förbättras",
       ("Införa en gemensam ingång för företagare", "Ordna frukostmöten med näringslivet")),
      ("Upphandlingar ska vara tillgängliga för små företag",
       ("Dela upp större upphandlingar i mindre delar",)))),
)

GOAL_STATUS_WORDS = {
    "met": ("Uppfyllt", "Uppnått", "Uppfylls"),
    "partly_met": ("Delvis uppfyllt", "Delvis uppnått", "Uppfylls delvis"),
    "not_met": ("Ej uppfyllt", "Ej uppnått", "Uppfylls ej"),
}
ACTIVITY_STATUS_WORDS = {
    "done": ("Genomförd", "Avslutad", "Klar"),
    "ongoing": ("Pågår", "Pågående"),
    "not_met": ("Ej påbörjad", "Ej genomförd"),
}
COLOURS = {"met": "grön", "partly_met": "gul", "not_met": "röd", "done": "grön", "ongoing": "gul"}

GOAL_COMMENTS = (
    "Resultatet har förbättrats jämfört med föregående år.",
    "Arbetet har kommit igång men effekten syns först nästa år.",
    "Målet nås inte fullt ut på grund av vakanser.",
    "Uppföljningen visar en positiv utveckling i flera verksamheter.",
    "Insatserna fortsätter under kommande år.",
    "Mätningen genomfördes under hösten med god svarsfrekvens.",
    "Utfallet ligger något under den nivå som nämnden har beslutat.",
    "Flera enheter har arbetat aktivt med frågan under året.",
    "Samarbetet med andra förvaltningar har varit avgörande.",
    "Det finns stora skillnader mellan enheterna.",
)

# level words as a goal table prints them, by depth
LEVEL_WORDS = ("Nämndmål", "Verksamhetsmål", "Aktivitet")
LEVEL_HEADINGS = ("Nämndmål", "Verksamhetsmål", "Aktiviteter")

GOAL_HEADERS = (("Mål", "Status", "Kommentar"), ("Mål och aktiviteter", "Bedömning", "Kommentar"),
                ("Nämndmål", "Måluppfyllelse", "Analys"), ("Mål", "Bedömning", "Kommentar"))
GOAL_TABLE_TITLES = ("Nämndens mål och måluppfyllelse", "Uppföljning av nämndens mål", "Måluppfyllelse",
                     "Mål och resultat")

# assignments from the council: (title, comment)
ASSIGNMENTS = (
    ("Nämnden får i uppdrag att ta fram en plan för lokalförsörjning för de kommande tio åren.",
     "Planen beslutades av nämnden i oktober och har skickats till kommunstyrelsen."),
    ("Samtliga nämnder får i uppdrag att minska sina kostnader för konsulter.",
     "Kostnaderna har minskat med en femtedel jämfört med föregående år."),
    ("Nämnden får i uppdrag att utreda förutsättningarna för en gemensam växel med grannkommunerna.",
     "Utredningen har inletts och en rapport lämnas under våren."),
    ("Alla nämnder får i uppdrag att öka andelen ekologiska livsmedel i sina verksamheter.",
     "Andelen ekologiska livsmedel uppgick till fyrtio procent vid årets slut."),
    ("Nämnden får i uppdrag att införa e-tjänster för de vanligaste ansökningarna.",
     "Sex nya e-tjänster har lanserats under året och fler planeras."),
    ("Nämnden får i uppdrag att se över taxorna för sina tillstånd och avgifter.",
     "Förslag till nya taxor har tagits fram och behandlas i fullmäktige."),
    ("Kommunstyrelsen och nämnden får i uppdrag att gemensamt ta fram en strategi för digital kompetens.",
     "Strategin är framtagen och utbildningsinsatser pågår i alla förvaltningar."),
    ("Nämnden får i uppdrag att följa upp hur kommunens beslut om heltid som norm har genomförts.",
     "Uppföljningen visar att andelen heltidsanställda har ökat i alla verksamheter."),
    ("Samtliga nämnder får i uppdrag att redovisa hur de arbetar för att förebygga hot och våld mot anställda.",
     "Redovisningen lämnades till kommunstyrelsen i maj."),
    ("Nämnden får i uppdrag att pröva om fler verksamheter kan samlokaliseras.",
     "Två verksamheter har flyttat till gemensamma lokaler under hösten."),
    ("Nämnden får i uppdrag att minska energianvändningen i sina lokaler.",
     "Energianvändningen har minskat med åtta procent sedan förra året."),
    ("Alla nämnder får i uppdrag att öka andelen inköp från avtalade leverantörer.",
     "Avtalstroheten har förbättrats och mäts nu varje månad."),
    ("Nämnden får i uppdrag att utveckla samarbetet med civilsamhället kring unga vuxna.",
     "Ett avtal om idéburet partnerskap har tecknats med två föreningar."),
    ("Nämnden får i uppdrag att ta fram riktlinjer för användning av artificiell intelligens.",
     "Riktlinjerna är under framtagande och beräknas vara klara nästa år."),
    ("Samtliga nämnder får i uppdrag att se över hur lokaler kan användas effektivare kvällstid.",
     "Inventeringen är klar och ett förslag tas fram tillsammans med fastighetsnämnden."),
    ("Nämnden får i uppdrag att införa gemensamma rutiner för arkivering av digitala handlingar.",
     "Rutinerna har införts i samtliga verksamheter."),
)
ASSIGNMENT_STATUS_WORDS = {"done": ("Avslutad", "Klar", "Genomförd"), "ongoing": ("Pågår", "Pågående")}
ASSIGNMENT_HEADERS = (("Uppdrag från kommunfullmäktige", "Uppdragets status och kommentar"),
                      ("Uppdrag", "Status och kommentar"), ("Uppdrag", "Status", "Kommentar"),
                      ("Uppdrag från KF", "Status", "Kommentar"))
ASSIGNMENT_TITLES = ("Redovisning av uppdrag", "Uppdrag från kommunfullmäktige", "Nämndens uppdrag")

# scorecards: overall goals, their focus areas and the indicators of each (name, kind)
# kind: pct (per cent, one decimal), index (integer 0-100), count, rank, money
SCORECARDS = (
    ("Bästa möjliga start i livet",
     (("Barn och elever utvecklas och lär sig",
       (("Andel elever som når målen i alla ämnen i årskurs 6 (%)", "pct"),
        ("Andel elever som är behöriga till gymnasiet", "pct"),
        ("Genomsnittligt meritvärde i årskurs 9", "index"))),
      ("Trygga och stimulerande lärmiljöer",
       (("Andel elever som känner sig trygga i skolan", "pct"),
        ("Andel föräldrar som är nöjda med förskolan", "pct"),
        ("Placering i länets jämförelse av skolresultat", "rank"))))),
    ("En god livsmiljö för alla",
     (("Hållbart resande och boende",
       (("Antal nya bostäder under året", "count"),
        ("Andel resor med kollektivtrafik, gång och cykel (%)", "pct"),
        ("Nöjd-region-index för kommunikationer", "index"))),
      ("Ren natur och rent vatten",
       (("Andel badplatser med utmärkt vattenkvalitet", "pct"),
        ("Insamlat matavfall per invånare (kg)", "count"))))),
    ("Ekonomi i balans och effektiv verksamhet",
     (("Resurserna används effektivt",
       (("Avvikelse mot budget (mnkr)", "money"),
        ("Kostnad per brukare i hemtjänsten (tkr)", "count"),
        ("Andel digitala ärenden (%)", "pct"))),
      ("Attraktiv arbetsgivare",
       (("Sjukfrånvaro bland medarbetarna (%)", "pct"),
        ("Hållbart medarbetarengagemang", "index"),
        ("Andel heltidsanställda", "pct"))))),
    ("Ett tryggt och inkluderande samhälle",
     (("Trygghet i vardagen",
       (("Andel invånare som känner sig trygga utomhus på kvällen", "pct"),
        ("Antal anmälda brott per tusen invånare", "count"))),
      ("Delaktighet och inflytande",
       (("Andel invånare som anser att de kan påverka", "pct"),
        ("Antal medborgardialoger under året", "count"),
        ("Andel unga som deltar i föreningslivet", "pct"))))),
)
WORD_TARGETS = ("0 eller bättre", "Topp 5", "Topp 10", "bestäms senare", "Öka", "Minska", "Minst 90",
                "Högst 5", "Bibehålla")
WORD_OUTCOMES = ("ej mätt", "redovisas senare", "ingen mätning", "ej publicerat")

BOARDS = ("Barn- och utbildningsnämnden", "Socialnämnden", "Tekniska nämnden", "Kultur- och fritidsnämnden",
          "Kommunstyrelsen", "Miljö- och byggnadsnämnden", "Vård- och omsorgsnämnden")
MUNICIPALITIES = ("Exempelby", "Norrvik", "Sjöstad", "Björkås", "Lindberga", "Ekeby", "Granhult", "Åsvik")
PROSE = (
    "Nämnden har under året arbetat vidare med de prioriteringar som fullmäktige har beslutat.",
    "Uppföljningen bygger på verksamheternas egna bedömningar och på de indikatorer som nämnden har valt.",
    "Flera insatser har påverkats av svårigheter att rekrytera personal.",
    "Arbetet med att utveckla verksamheten fortsätter under kommande år.",
    "Resultaten redovisas i sin helhet i bilagan till årsredovisningen.",
    "Förvaltningen har tagit fram en ny modell för uppföljning som används från och med i år.",
    "Samverkan med andra förvaltningar och med civilsamhället har stärkts.",
    "Kostnadsutvecklingen har varit högre än beräknat inom flera områden.",
)
