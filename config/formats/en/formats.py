"""English dates as the directory has always written them: 1 March 2025, March 2025."""
DATE_FORMAT = "j F Y"
YEAR_MONTH_FORMAT = "F Y"
