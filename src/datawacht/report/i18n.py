"""The words of the officer reports, per language: Dutch by default, English on request.

All report text lives here, one dict per language with the same keys (a
unit test checks that), so a translation never has to hunt through code.
Data (paths, labels, rule ids, explanations written by the classifier) is
shown as stored.
"""

from __future__ import annotations

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"

STRINGS: dict[str, dict[str, str]] = {
    "nl": {
        "title": "datawacht-rapport",
        "generated": "Gemaakt",
        "hosts": "Servers",
        "rulesets": "Regelsets",
        "masked_note": (
            "Dit rapport toont alleen gemaskeerde waarden; de bevindingendatabase bevat geen "
            "ruwe persoonsgegevens. Behandel het rapport toch als vertrouwelijk: het is een "
            "kaart van waar gevoelige gegevens staan."
        ),
        "nav_summary": "Samenvatting",
        "nav_objects": "Objecten",
        "nav_violations": "Beleidsschendingen",
        "nav_unscannable": "Niet gescand",
        "nav_trend": "Verloop",
        "summary": "Samenvatting",
        "card_objects": "objecten in de database",
        "card_with_findings": "objecten met bevindingen",
        "card_findings": "bevindingen (open, bevestigd, risico geaccepteerd)",
        "card_subjects": "betrokkenen (schatting)",
        "card_violations": "beleidsschendingen",
        "card_unscannable": "niet (volledig) gescand",
        "by_label": "Per label",
        "by_share": "Per share",
        "by_entity": "Per soort gegeven",
        "by_status": "Status van bevindingen",
        "share_note": (
            "Een share is een scandoel met de eerste {depth} map(pen) eronder. Betrokkenen: "
            "het grootste aantal verschillende waarden van één persoonsidentificerend "
            "gegeven (BSN, e-mailadres, IBAN, ...), over de hele groep."
        ),
        "chart_label_objects": "Objecten per label",
        "chart_share_subjects": "Betrokkenen per share (top {n})",
        "chart_entity_findings": "Bevindingen per soort gegeven",
        "col_label": "Label",
        "col_share": "Share",
        "col_objects": "Objecten",
        "col_with_findings": "Met bevindingen",
        "col_findings": "Bevindingen",
        "col_subjects": "Betrokkenen",
        "col_entity": "Soort gegeven",
        "col_distinct": "Verschillende waarden",
        "col_status": "Status",
        "col_count": "Aantal",
        "col_risk": "Risico",
        "col_path": "Pad",
        "col_found": "Gevonden",
        "col_why": "Waarom",
        "col_severity": "Ernst",
        "col_rule": "Regel",
        "col_message": "Melding",
        "col_reason": "Reden",
        "col_detail": "Toelichting",
        "col_kind": "Soort bestand",
        "col_last_seen": "Laatst gezien",
        "col_scan": "Scan",
        "col_ruleset": "Regelset",
        "col_new": "Nieuw",
        "col_resolved": "Opgelost",
        "col_counted": "Bevindingen na afloop",
        "col_object_status": "Objecten",
        "col_labels": "Labels",
        "objects": "Objecten met bevindingen",
        "objects_note": (
            "Risicovolste eerst. Klik op een kolomkop om te sorteren; "
            "open een rij voor de regels en gemaskeerde waarden."
        ),
        "filter_text": "Zoeken in pad, share, label en toelichting",
        "filter_label": "Label",
        "filter_share": "Share",
        "filter_all": "alle",
        "shown": "{shown} van {total} objecten getoond",
        "rules_fired": "Regels die vuurden",
        "violations_of": "Beleidsschendingen",
        "samples": "Gemaskeerde waarden",
        "more": "en {n} meer",
        "in_nested": "(in ingesloten objecten)",
        "no_label": "geen label",
        "suppressed": "onderdrukt",
        "violations": "Beleidsschendingen",
        "violations_none": "Geen beleidsschendingen.",
        "unscannable": "Niet (volledig) gescande objecten",
        "unscannable_none": "Alle objecten zijn volledig gescand.",
        "trend": "Verloop over scans",
        "trend_note": (
            "Per voltooide scan: bevindingen met status open, bevestigd of risico "
            "geaccepteerd na afloop, nieuw gevonden en opgelost."
        ),
        "trend_none": "Nog geen voltooide scans.",
        "trend_chart": "Bevindingen na afloop van elke scan",
        "objects_none": "Geen objecten met bevindingen.",
        "status_open": "open",
        "status_confirmed": "bevestigd",
        "status_false_positive": "vals positief",
        "status_accepted_risk": "risico geaccepteerd",
        "status_resolved": "opgelost",
        "object_scanned": "gescand",
        "object_partial": "gedeeltelijk",
        "object_error": "fout",
        "object_skipped": "overgeslagen",
        "sarif_message": "{entity_type} gevonden: {masked}",
        "sarif_suppressed": "onderdrukt door regel {rule}",
        "sarif_status": "status van de bevinding: {status}",
    },
    "en": {
        "title": "datawacht report",
        "generated": "Generated",
        "hosts": "Hosts",
        "rulesets": "Rule sets",
        "masked_note": (
            "This report shows masked values only; the findings database holds no raw "
            "personal data. Still treat the report as confidential: it is a map of where "
            "sensitive data is."
        ),
        "nav_summary": "Summary",
        "nav_objects": "Objects",
        "nav_violations": "Policy violations",
        "nav_unscannable": "Not scanned",
        "nav_trend": "Trend",
        "summary": "Summary",
        "card_objects": "objects in the database",
        "card_with_findings": "objects with findings",
        "card_findings": "findings (open, confirmed, accepted risk)",
        "card_subjects": "data subjects (estimate)",
        "card_violations": "policy violations",
        "card_unscannable": "not (fully) scanned",
        "by_label": "By label",
        "by_share": "By share",
        "by_entity": "By entity type",
        "by_status": "Finding status",
        "share_note": (
            "A share is a scan target with the first {depth} folder level(s) below it. Data "
            "subjects: the largest number of distinct values of one person-identifying "
            "entity type (BSN, e-mail address, IBAN, ...) over the whole group."
        ),
        "chart_label_objects": "Objects per label",
        "chart_share_subjects": "Data subjects per share (top {n})",
        "chart_entity_findings": "Findings per entity type",
        "col_label": "Label",
        "col_share": "Share",
        "col_objects": "Objects",
        "col_with_findings": "With findings",
        "col_findings": "Findings",
        "col_subjects": "Data subjects",
        "col_entity": "Entity type",
        "col_distinct": "Distinct values",
        "col_status": "Status",
        "col_count": "Count",
        "col_risk": "Risk",
        "col_path": "Path",
        "col_found": "Found",
        "col_why": "Why",
        "col_severity": "Severity",
        "col_rule": "Rule",
        "col_message": "Message",
        "col_reason": "Reason",
        "col_detail": "Detail",
        "col_kind": "File kind",
        "col_last_seen": "Last seen",
        "col_scan": "Scan",
        "col_ruleset": "Rule set",
        "col_new": "New",
        "col_resolved": "Resolved",
        "col_counted": "Findings afterwards",
        "col_object_status": "Objects",
        "col_labels": "Labels",
        "objects": "Objects with findings",
        "objects_note": (
            "Riskiest first. Click a column header to sort; open a row for its rules and "
            "masked values."
        ),
        "filter_text": "Search path, share, label and explanation",
        "filter_label": "Label",
        "filter_share": "Share",
        "filter_all": "all",
        "shown": "{shown} of {total} objects shown",
        "rules_fired": "Rules that fired",
        "violations_of": "Policy violations",
        "samples": "Masked values",
        "more": "and {n} more",
        "in_nested": "(in nested objects)",
        "no_label": "no label",
        "suppressed": "suppressed",
        "violations": "Policy violations",
        "violations_none": "No policy violations.",
        "unscannable": "Objects not (fully) scanned",
        "unscannable_none": "Every object was scanned completely.",
        "trend": "Trend across scans",
        "trend_note": (
            "Per completed scan: findings with status open, confirmed or accepted risk "
            "afterwards, newly found and resolved."
        ),
        "trend_none": "No completed scans yet.",
        "trend_chart": "Findings after each scan",
        "objects_none": "No objects with findings.",
        "status_open": "open",
        "status_confirmed": "confirmed",
        "status_false_positive": "false positive",
        "status_accepted_risk": "accepted risk",
        "status_resolved": "resolved",
        "object_scanned": "scanned",
        "object_partial": "partial",
        "object_error": "error",
        "object_skipped": "skipped",
        "sarif_message": "{entity_type} found: {masked}",
        "sarif_suppressed": "suppressed by rule {rule}",
        "sarif_status": "finding status: {status}",
    },
}

# Short descriptions of the entity types (SARIF rules, HTML tooltips).
ENTITY_DESCRIPTIONS: dict[str, dict[str, str]] = {
    "nl": {
        "NL_BSN": "Burgerservicenummer",
        "NL_ONDERWIJSNUMMER": "Onderwijsnummer",
        "NL_A_NUMMER": "A-nummer (BRP)",
        "NL_RSIN": "RSIN van een organisatie",
        "NL_ID_DOCUMENT": "Nummer van paspoort of identiteitskaart",
        "NL_DRIVING_LICENCE": "Rijbewijsnummer",
        "NL_V_NUMMER": "V-nummer (vreemdelingennummer)",
        "NL_KVK": "KvK-nummer",
        "NL_VAT": "Btw-identificatienummer",
        "NL_BIG": "BIG-registratienummer",
        "NL_AGB": "AGB-code",
        "NL_POSTCODE": "Postcode",
        "NL_LICENSE_PLATE": "Kenteken",
        "IBAN_CODE": "IBAN-rekeningnummer",
        "PHONE_NUMBER": "Telefoonnummer",
        "EMAIL_ADDRESS": "E-mailadres",
        "DATE_OF_BIRTH": "Geboortedatum",
        "CREDIT_CARD": "Creditcardnummer",
        "IP_ADDRESS": "IP-adres",
        "PERSON": "Naam van een persoon",
        "LOCATION": "Plaats",
        "ADDRESS": "Adres",
        "SPECIAL_HEALTH": "Gezondheid (bijzonder persoonsgegeven, AVG art. 9)",
        "SPECIAL_RELIGION": "Religie (bijzonder persoonsgegeven, AVG art. 9)",
        "SPECIAL_ETHNICITY": "Etniciteit (bijzonder persoonsgegeven, AVG art. 9)",
        "SPECIAL_POLITICAL": "Politieke opvatting (bijzonder persoonsgegeven, AVG art. 9)",
        "SPECIAL_TRADE_UNION": "Vakbondslidmaatschap (bijzonder persoonsgegeven, AVG art. 9)",
        "SPECIAL_SEXUAL_ORIENTATION": "Seksuele geaardheid (bijzonder persoonsgegeven, AVG art. 9)",
        "SPECIAL_BIOMETRIC": "Biometrie (bijzonder persoonsgegeven, AVG art. 9)",
        "SPECIAL_GENETIC": "Genetica (bijzonder persoonsgegeven, AVG art. 9)",
        "SPECIAL_CRIMINAL": "Strafrechtelijk gegeven (AVG art. 10)",
        "CLASSIFICATION_MARKING": "Rubriceringsmarkering (VIRBI)",
    },
    "en": {
        "NL_BSN": "Dutch citizen service number (BSN)",
        "NL_ONDERWIJSNUMMER": "Dutch education number",
        "NL_A_NUMMER": "Dutch A-number (BRP)",
        "NL_RSIN": "Dutch organisation number (RSIN)",
        "NL_ID_DOCUMENT": "Passport or identity card number",
        "NL_DRIVING_LICENCE": "Driving licence number",
        "NL_V_NUMMER": "Dutch V-number (immigration)",
        "NL_KVK": "Chamber of Commerce number (KvK)",
        "NL_VAT": "VAT identification number",
        "NL_BIG": "BIG register number (healthcare professional)",
        "NL_AGB": "AGB code (healthcare provider)",
        "NL_POSTCODE": "Postcode",
        "NL_LICENSE_PLATE": "Licence plate",
        "IBAN_CODE": "IBAN bank account number",
        "PHONE_NUMBER": "Phone number",
        "EMAIL_ADDRESS": "E-mail address",
        "DATE_OF_BIRTH": "Date of birth",
        "CREDIT_CARD": "Credit card number",
        "IP_ADDRESS": "IP address",
        "PERSON": "Person's name",
        "LOCATION": "Place",
        "ADDRESS": "Address",
        "SPECIAL_HEALTH": "Health (special category, GDPR art. 9)",
        "SPECIAL_RELIGION": "Religion (special category, GDPR art. 9)",
        "SPECIAL_ETHNICITY": "Ethnicity (special category, GDPR art. 9)",
        "SPECIAL_POLITICAL": "Political opinion (special category, GDPR art. 9)",
        "SPECIAL_TRADE_UNION": "Trade union membership (special category, GDPR art. 9)",
        "SPECIAL_SEXUAL_ORIENTATION": "Sexual orientation (special category, GDPR art. 9)",
        "SPECIAL_BIOMETRIC": "Biometric data (special category, GDPR art. 9)",
        "SPECIAL_GENETIC": "Genetic data (special category, GDPR art. 9)",
        "SPECIAL_CRIMINAL": "Criminal data (GDPR art. 10)",
        "CLASSIFICATION_MARKING": "State-secret classification marking (VIRBI)",
    },
}


def strings(lang: str) -> dict[str, str]:
    """The strings of `lang`; ValueError for a language without them."""
    if lang not in STRINGS:
        raise ValueError(f"no report strings for language {lang!r} (one of {', '.join(LANGUAGES)})")
    return STRINGS[lang]


def describe_entity(entity_type: str, lang: str) -> str:
    """A short description of an entity type; the type itself when unknown."""
    return ENTITY_DESCRIPTIONS.get(lang, {}).get(entity_type, entity_type)
