"""Page feedback ("Was deze pagina nuttig?") counted per page and day, without personal data."""
