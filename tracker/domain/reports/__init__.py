"""Reports: figures by official status, the dashboard, report tables, exports and calendar feeds."""
