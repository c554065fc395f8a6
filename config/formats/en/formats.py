"""English dates as the directory has always written them: 1 March 2025, March 2025."""
DATE_FORMAT = "j F Y"
YEAR_MONTH_FORMAT = "F Y"
# The curators' pages: when a draft or a suggestion came in, to the minute.
DATETIME_FORMAT = "j F Y H:i"
SHORT_DATETIME_FORMAT = "j M Y H:i"
