"""The Dutch recognizers, one per file in Presidio's style (`country_specific/netherlands`)."""

from datawacht.detect.recognizers.nl.nl_bsn_recognizer import NlBsnRecognizer
from datawacht.detect.recognizers.nl.nl_credit_card_recognizer import NlCreditCardRecognizer
from datawacht.detect.recognizers.nl.nl_date_of_birth_recognizer import NlDateOfBirthRecognizer
from datawacht.detect.recognizers.nl.nl_email_recognizer import NlEmailRecognizer
from datawacht.detect.recognizers.nl.nl_iban_recognizer import NlIbanRecognizer
from datawacht.detect.recognizers.nl.nl_ip_recognizer import NlIpRecognizer
from datawacht.detect.recognizers.nl.nl_license_plate_recognizer import NlLicensePlateRecognizer
from datawacht.detect.recognizers.nl.nl_phone_recognizer import NlPhoneRecognizer
from datawacht.detect.recognizers.nl.nl_postcode_recognizer import NlPostcodeRecognizer

__all__ = [
    "NlBsnRecognizer",
    "NlCreditCardRecognizer",
    "NlDateOfBirthRecognizer",
    "NlEmailRecognizer",
    "NlIbanRecognizer",
    "NlIpRecognizer",
    "NlLicensePlateRecognizer",
    "NlPhoneRecognizer",
    "NlPostcodeRecognizer",
]
