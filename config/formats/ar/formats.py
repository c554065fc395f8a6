"""Arabic date and time to the minute, which Django's Arabic formats leave to the English default."""
DATETIME_FORMAT = "j F، Y، H:i"
SHORT_DATETIME_FORMAT = "d‏/m‏/Y H:i"
