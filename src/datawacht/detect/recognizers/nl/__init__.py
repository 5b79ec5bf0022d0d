"""The Dutch recognizers, one per file in Presidio's style (`country_specific/netherlands`)."""

from datawacht.detect.recognizers.nl.nl_a_nummer_recognizer import NlANummerRecognizer
from datawacht.detect.recognizers.nl.nl_agb_recognizer import NlAgbRecognizer
from datawacht.detect.recognizers.nl.nl_big_recognizer import NlBigRecognizer
from datawacht.detect.recognizers.nl.nl_bsn_recognizer import NlBsnRecognizer
from datawacht.detect.recognizers.nl.nl_classification_marking_recognizer import (
    NlClassificationMarkingRecognizer,
)
from datawacht.detect.recognizers.nl.nl_credit_card_recognizer import NlCreditCardRecognizer
from datawacht.detect.recognizers.nl.nl_date_of_birth_recognizer import NlDateOfBirthRecognizer
from datawacht.detect.recognizers.nl.nl_driving_licence_recognizer import NlDrivingLicenceRecognizer
from datawacht.detect.recognizers.nl.nl_email_recognizer import NlEmailRecognizer
from datawacht.detect.recognizers.nl.nl_iban_recognizer import NlIbanRecognizer
from datawacht.detect.recognizers.nl.nl_id_document_recognizer import NlIdDocumentRecognizer
from datawacht.detect.recognizers.nl.nl_ip_recognizer import NlIpRecognizer
from datawacht.detect.recognizers.nl.nl_kvk_recognizer import NlKvkRecognizer
from datawacht.detect.recognizers.nl.nl_license_plate_recognizer import NlLicensePlateRecognizer
from datawacht.detect.recognizers.nl.nl_ner_person_recognizer import NlNerPersonRecognizer
from datawacht.detect.recognizers.nl.nl_onderwijsnummer_recognizer import (
    NlOnderwijsnummerRecognizer,
)
from datawacht.detect.recognizers.nl.nl_person_recognizer import NlPersonRecognizer
from datawacht.detect.recognizers.nl.nl_phone_recognizer import NlPhoneRecognizer
from datawacht.detect.recognizers.nl.nl_postcode_recognizer import NlPostcodeRecognizer
from datawacht.detect.recognizers.nl.nl_rsin_recognizer import NlRsinRecognizer
from datawacht.detect.recognizers.nl.nl_special_category_recognizer import (
    NlBiometricRecognizer,
    NlCriminalRecognizer,
    NlEthnicityRecognizer,
    NlGeneticRecognizer,
    NlHealthRecognizer,
    NlPoliticalOpinionRecognizer,
    NlReligionRecognizer,
    NlSexualOrientationRecognizer,
    NlTradeUnionRecognizer,
)
from datawacht.detect.recognizers.nl.nl_v_nummer_recognizer import NlVNummerRecognizer
from datawacht.detect.recognizers.nl.nl_vat_recognizer import NlVatRecognizer

__all__ = [
    "NlANummerRecognizer",
    "NlAgbRecognizer",
    "NlBigRecognizer",
    "NlBsnRecognizer",
    "NlCreditCardRecognizer",
    "NlDateOfBirthRecognizer",
    "NlDrivingLicenceRecognizer",
    "NlEmailRecognizer",
    "NlIbanRecognizer",
    "NlIdDocumentRecognizer",
    "NlIpRecognizer",
    "NlKvkRecognizer",
    "NlLicensePlateRecognizer",
    "NlNerPersonRecognizer",
    "NlOnderwijsnummerRecognizer",
    "NlPersonRecognizer",
    "NlPhoneRecognizer",
    "NlPostcodeRecognizer",
    "NlRsinRecognizer",
    "NlVNummerRecognizer",
    "NlVatRecognizer",
    "NlBiometricRecognizer",
    "NlCriminalRecognizer",
    "NlEthnicityRecognizer",
    "NlGeneticRecognizer",
    "NlHealthRecognizer",
    "NlPoliticalOpinionRecognizer",
    "NlReligionRecognizer",
    "NlSexualOrientationRecognizer",
    "NlTradeUnionRecognizer",
    "NlClassificationMarkingRecognizer",
]
