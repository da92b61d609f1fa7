"""cnews_ie: typed, linked facts from Chinese news text."""
