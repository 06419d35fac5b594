-- Years of the working-day calendar confirmed by an administrator (docs/calendar.md): the
-- first day of Kurban Ait as announced and the transfers of the government's decree, for a
-- year the calendar file does not enter. Without a row such a year is computed from the
-- statutory rules and every deadline counting a day of it is provisional. Confirming again
-- replaces the row (each confirmation is in the audit chain). Portable dialect, as 0001.

CREATE TABLE calendar_year (
    year          BIGINT PRIMARY KEY,
    kurban_ait    TEXT NOT NULL,                -- YYYY-MM-DD
    transfers     TEXT NOT NULL,                -- JSON [{"day_off": "...", "working_day": "..."}]
    source        TEXT NOT NULL,                -- the decree or order named
    confirmed_at  BIGINT NOT NULL,
    confirmed_by  TEXT NOT NULL
);
